/**
 * Comments we trust as our own. With the workflow's GITHUB_TOKEN they are `github-actions[bot]` (REST) or
 * `github-actions` (GraphQL); with a GitHub App token, the app's own bot. Either way the author is a Bot account,
 * which a person cannot post as, so a marker pasted by a person into their comment is never trusted.
 */
const OUR_LOGINS = new Set(['github-actions[bot]', 'github-actions']);

export function isOurs(author: { login?: string; type?: string; __typename?: string } | null | undefined): boolean {
  if (!author) return false;
  return OUR_LOGINS.has(author.login ?? '') || author.type === 'Bot' || author.__typename === 'Bot';
}
