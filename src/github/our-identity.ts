/**
 * Comments we trust as our own: the GITHUB_TOKEN's bot, as REST (`github-actions[bot]`) and GraphQL
 * (`github-actions`) spell it. Anyone can paste a marker into a comment of theirs.
 */
const OUR_LOGINS = new Set(['github-actions[bot]', 'github-actions']);

export function isOurs(login: string | undefined): boolean {
  return OUR_LOGINS.has(login ?? '');
}
