import type { Finding } from '../engine/finding.js';
import { escapeCode } from '../report/format-markdown.js';
import { SEVERITIES } from '../engine/rule.js';
import type { GitHubClient } from './client.js';
import { isOurs } from './our-identity.js';
import { markerFingerprint, renderInlineComment } from './render-comment.js';
import type { PullRequest } from './pull-request.js';

export interface InlineCandidate {
  finding: Finding;
  line: number;
}

export interface ReviewOptions {
  maxInline: number;
  suggestions: boolean;
  /** The text of a line of a file at the head commit, for suggestions. */
  readLine(file: string, line: number): string | undefined;
}

export interface ReviewOutcome {
  reviewIds: number[];
  posted: number;
  /** Already commented on an earlier run, so not posted again. */
  duplicates: number;
  /** Rejected by GitHub (422) even alone: listed in the summary instead. */
  rejected: Finding[];
}

interface DraftComment {
  path: string;
  line: number;
  side: 'RIGHT';
  body: string;
}

/**
 * One review per run on the head commit, `event: COMMENT` (the check run blocks, not the review).
 * Findings already commented on are not posted again; beyond `maxInline` they go in the body. A 422
 * (a line outside the diff) is bisected so one bad anchor does not lose the others.
 */
export async function postReview(client: GitHubClient, pr: PullRequest, candidates: InlineCandidate[], options: ReviewOptions): Promise<ReviewOutcome> {
  const existing = await client.paginate(client.rest.pulls.listReviewComments, { owner: pr.owner, repo: pr.repo, pull_number: pr.number, per_page: 100 });
  const commented = new Set(existing.filter((comment) => isOurs(comment.user?.login)).flatMap((comment) => markerFingerprint(comment.body) ?? []));
  const fresh = candidates
    .filter(({ finding }) => !commented.has(finding.fingerprint))
    .sort((a, b) => SEVERITIES.indexOf(a.finding.severity) - SEVERITIES.indexOf(b.finding.severity) || a.finding.file.localeCompare(b.finding.file) || a.line - b.line);
  const inline = fresh.slice(0, options.maxInline);
  const overflow = fresh.slice(options.maxInline);
  const outcome: ReviewOutcome = { reviewIds: [], posted: 0, duplicates: candidates.length - fresh.length, rejected: [] };
  if (inline.length === 0 && overflow.length === 0) return outcome;

  const body = reviewBody(inline.length, overflow);
  const drafts = inline.map(({ finding, line }) => ({
    finding,
    comment: { path: finding.file, line, side: 'RIGHT' as const, body: renderInlineComment(finding, options.readLine(finding.file, line), options.suggestions) },
  }));

  const post = async (batch: typeof drafts, reviewBodyText: string): Promise<void> => {
    try {
      const { data } = await client.rest.pulls.createReview({
        owner: pr.owner,
        repo: pr.repo,
        pull_number: pr.number,
        commit_id: pr.headSha,
        event: 'COMMENT',
        body: reviewBodyText,
        comments: batch.map((draft): DraftComment => draft.comment),
      });
      outcome.reviewIds.push(data.id);
      outcome.posted += batch.length;
    } catch (error) {
      if ((error as { status?: number }).status !== 422 || batch.length === 0) throw error;
      if (batch.length === 1) {
        outcome.rejected.push(batch[0]!.finding);
        return;
      }
      const middle = Math.ceil(batch.length / 2);
      await post(batch.slice(0, middle), reviewBodyText);
      await post(batch.slice(middle), '');
    }
  };
  await post(drafts, body);
  return outcome;
}

function reviewBody(inline: number, overflow: InlineCandidate[]): string {
  const lines = [`pgbaseline found ${inline + overflow.length} new finding(s) on the changed lines; the check run has all of them.`];
  if (overflow.length) {
    lines.push('', `<details><summary>${overflow.length} more, beyond the inline limit</summary>`, '');
    for (const { finding, line } of overflow) lines.push(`- **${finding.severity}** \`${finding.ruleId}\` at \`${escapeCode(finding.file)}:${line}\``);
    lines.push('', '</details>');
  }
  return lines.join('\n');
}

const THREADS_QUERY = `query($owner: String!, $repo: String!, $number: Int!, $cursor: String) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      reviewThreads(first: 100, after: $cursor) {
        pageInfo { hasNextPage endCursor }
        nodes { id isResolved path comments(first: 1) { nodes { body author { login } } } }
      }
    }
  }
}`;

const RESOLVE_MUTATION = `mutation($threadId: ID!) { resolveReviewThread(input: { threadId: $threadId }) { thread { id isResolved } } }`;

interface ThreadPage {
  repository: {
    pullRequest: {
      reviewThreads: {
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: { id: string; isResolved: boolean; path: string; comments: { nodes: { body: string; author: { login: string } | null }[] } }[];
      };
    };
  };
}

/**
 * Resolves our threads whose finding is gone: only in files scanned this run, so a file the pull
 * request no longer touches does not count as fixed. A human-resolved thread is left alone.
 */
export async function resolveFixedThreads(client: GitHubClient, pr: PullRequest, present: Set<string>, scannedFiles: Set<string>): Promise<number> {
  let resolved = 0;
  let cursor: string | null = null;
  do {
    const page: ThreadPage = await client.graphql<ThreadPage>(THREADS_QUERY, { owner: pr.owner, repo: pr.repo, number: pr.number, cursor });
    const threads = page.repository.pullRequest.reviewThreads;
    for (const thread of threads.nodes) {
      const first = thread.comments.nodes[0];
      const fingerprint = first && isOurs(first.author?.login) ? markerFingerprint(first.body) : undefined;
      if (!fingerprint || thread.isResolved || present.has(fingerprint) || !scannedFiles.has(thread.path)) continue;
      await client.graphql(RESOLVE_MUTATION, { threadId: thread.id });
      resolved++;
    }
    cursor = threads.pageInfo.hasNextPage ? threads.pageInfo.endCursor : null;
  } while (cursor);
  return resolved;
}
