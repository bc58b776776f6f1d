import type { GitHubClient } from './client.js';
import { MAX_COMMENT_CHARS } from './limits.js';
import { isOurs } from './our-identity.js';
import { characters, truncateText } from './truncate.js';
import type { PullRequest } from './pull-request.js';

export function stickyMarker(key: string): string {
  return `<!-- pgbaseline:summary key=${key} -->`;
}

/** The body this run would write, and our earlier summary comments of this job and folder, oldest first. */
async function summaryComments(client: GitHubClient, pr: PullRequest, key: string, markdown: string) {
  const marker = stickyMarker(key);
  const body = truncateText(`${marker}\n${markdown}`, MAX_COMMENT_CHARS, '_Truncated: the job summary has the full report._', characters);
  const comments = await client.paginate(client.rest.issues.listComments, { owner: pr.owner, repo: pr.repo, issue_number: pr.number, per_page: 100 });
  return { body, ours: comments.filter((comment) => isOurs(comment.user) && comment.body?.startsWith(marker)) };
}

const MINIMIZE = `mutation($id: ID!, $classifier: ReportedContentClassifiers!) { minimizeComment(input: { subjectId: $id, classifier: $classifier }) { minimizedComment { isMinimized } } }`;

/**
 * `comment-mode: hide-and-new`: a fresh summary comment when the summary changed, the earlier ones of this job and
 * folder hidden as outdated (GraphQL `minimizeComment`), so the conversation shows each run's summary in its place.
 */
export async function replaceStickyComment(client: GitHubClient, pr: PullRequest, key: string, markdown: string): Promise<{ id?: number; hidden: number }> {
  const { body, ours } = await summaryComments(client, pr, key, markdown);
  const latest = ours.at(-1);
  if (latest?.body === body) return { id: latest.id, hidden: 0 };
  const { data } = await client.rest.issues.createComment({ owner: pr.owner, repo: pr.repo, issue_number: pr.number, body });
  let hidden = 0;
  for (const comment of ours) {
    try {
      await client.graphql(MINIMIZE, { id: comment.node_id, classifier: 'OUTDATED' });
      hidden++;
    } catch {
      // A comment deleted meanwhile cannot be hidden; the others still are.
    }
  }
  return { id: data.id, hidden };
}

/**
 * One summary comment per job and folder, updated in place; skipped when the text did not change.
 * Returns the comment's id, or undefined when nothing was written.
 */
export async function upsertStickyComment(
  client: GitHubClient,
  pr: PullRequest,
  key: string,
  markdown: string,
  create: boolean,
): Promise<{ id?: number; action: 'created' | 'updated' | 'unchanged' | 'skipped' }> {
  const { body, ours: [ours] } = await summaryComments(client, pr, key, markdown);
  if (ours) {
    if (ours.body === body) return { id: ours.id, action: 'unchanged' };
    await client.rest.issues.updateComment({ owner: pr.owner, repo: pr.repo, comment_id: ours.id, body });
    return { id: ours.id, action: 'updated' };
  }
  if (!create) return { action: 'skipped' };
  const { data } = await client.rest.issues.createComment({ owner: pr.owner, repo: pr.repo, issue_number: pr.number, body });
  return { id: data.id, action: 'created' };
}
