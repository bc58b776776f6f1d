import type { GitHubClient } from './client.js';
import { MAX_COMMENT_CHARS } from './limits.js';
import { isOurs } from './our-identity.js';
import { characters, truncateText } from './truncate.js';
import type { PullRequest } from './pull-request.js';

export function stickyMarker(key: string): string {
  return `<!-- pgbaseline:summary key=${key} -->`;
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
  const marker = stickyMarker(key);
  const body = truncateText(`${marker}\n${markdown}`, MAX_COMMENT_CHARS, '_Truncated: the job summary has the full report._', characters);
  const comments = await client.paginate(client.rest.issues.listComments, { owner: pr.owner, repo: pr.repo, issue_number: pr.number, per_page: 100 });
  const ours = comments.find((comment) => isOurs(comment.user) && comment.body?.startsWith(marker));
  if (ours) {
    if (ours.body === body) return { id: ours.id, action: 'unchanged' };
    await client.rest.issues.updateComment({ owner: pr.owner, repo: pr.repo, comment_id: ours.id, body });
    return { id: ours.id, action: 'updated' };
  }
  if (!create) return { action: 'skipped' };
  const { data } = await client.rest.issues.createComment({ owner: pr.owner, repo: pr.repo, issue_number: pr.number, body });
  return { id: data.id, action: 'created' };
}
