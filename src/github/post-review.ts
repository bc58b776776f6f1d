import { createHash } from 'node:crypto';
import type { Finding } from '../engine/finding.js';
import { bySeverity } from '../engine/severity.js';
import { escapeCode } from '../report/format-markdown.js';
import type { GitHubClient } from './client.js';
import { MAX_COMMENT_CHARS } from './limits.js';
import { isOurs } from './our-identity.js';
import type { PullRequest } from './pull-request.js';
import { markerFingerprint, renderFileComment, renderInlineComment } from './render-comment.js';
import { characters, truncateText } from './truncate.js';

export interface InlineCandidate {
  finding: Finding;
  /** The diff line to comment on; none for a file-level comment (a file without a usable diff line). */
  line?: number;
}

export interface ReviewOptions {
  maxInline: number;
  suggestions: boolean;
  /** The text of a line of a file at the head commit, for suggestions. */
  readLine(file: string, line: number): string | undefined;
}

export interface ReviewOutcome {
  reviewId?: number;
  posted: number;
  /** Already reported by an earlier run, so not posted again. */
  duplicates: number;
  /** Refused inline by GitHub (a 422 on their line): in the review body instead. */
  rejected: Finding[];
}

interface Draft {
  finding: Finding;
  comment: { path: string; line: number; side: 'RIGHT'; body: string };
}

interface FileDraft {
  finding: Finding;
  path: string;
  body: string;
}

/** The review body's marker: the head commit, a digest of what this run reports, and every fingerprint it reports. */
const REVIEW_MARKER = /<!-- pgbaseline:review sha=(\w+) digest=(\w+) fps=([\w,]*) -->/;
/** Fingerprints in the body marker are shortened: 40 bits tell thousands of findings apart. */
const SHORT = 10;
/** Overflow findings listed in the body; the marker still carries all of them. */
const MAX_BODY_FINDINGS = 200;

/**
 * One review per run on the head commit, `event: COMMENT` (the check run blocks, not the review). What an earlier
 * run reported (inline, or in a review body) is not reported again, and the inline cap counts the comments already
 * on the pull request, so a re-run with nothing new posts nothing. A 422 that names a comment's line is narrowed down
 * with pending reviews, which nobody sees and which are deleted, so that exactly one review is submitted, with the
 * refused comments' findings in its body. File-level comments (a file without a usable diff line) can only be added
 * to a pending review (GraphQL `addPullRequestReviewThread`): with them, the review is created pending, they are
 * added, and it is submitted, still one review.
 */
export async function postReview(client: GitHubClient, pr: PullRequest, candidates: InlineCandidate[], options: ReviewOptions): Promise<ReviewOutcome> {
  const earlier = await reportedEarlier(client, pr);
  const fresh = candidates
    .filter(({ finding }) => !earlier.fingerprints.has(finding.fingerprint) && !earlier.fingerprints.has(finding.fingerprint.slice(0, SHORT)))
    .sort((a, b) => bySeverity(a.finding, b.finding) || a.finding.file.localeCompare(b.finding.file) || (a.line ?? 0) - (b.line ?? 0));
  const outcome: ReviewOutcome = { posted: 0, duplicates: candidates.length - fresh.length, rejected: [] };
  if (fresh.length === 0) return outcome;

  const budget = Math.max(0, options.maxInline - earlier.inlineComments);
  const drafts: Draft[] = [];
  const fileDrafts: FileDraft[] = [];
  for (const { finding, line } of fresh.slice(0, budget)) {
    if (line === undefined) fileDrafts.push({ finding, path: finding.file, body: renderFileComment(finding) });
    else drafts.push({ finding, comment: { path: finding.file, line, side: 'RIGHT', body: renderInlineComment(finding, options.readLine(finding.file, line), options.suggestions) } });
  }
  const overflow = fresh.slice(budget).map(({ finding }) => finding);
  const event = fileDrafts.length ? undefined : 'COMMENT';

  let inline = drafts;
  let review = await submit(client, pr, inline, overflow, fresh, event);
  if ('error' in review) {
    // GitHub refused a comment's line: find which with pending reviews, then submit once without them.
    const refused = await findRefused(client, pr, drafts);
    inline = drafts.filter((draft) => !refused.includes(draft));
    outcome.rejected = refused.map((draft) => draft.finding);
    review = await submit(client, pr, inline, [...outcome.rejected, ...overflow], fresh, event);
    if ('error' in review) throw review.error;
  }
  if (fileDrafts.length) {
    const refusedFiles = await addFileThreads(client, review.nodeId, fileDrafts);
    outcome.rejected.push(...refusedFiles);
    await submitPending(client, pr, review.id, reviewBody(pr.headSha, digestOf(fresh), [...outcome.rejected, ...overflow], fresh));
    return { ...outcome, reviewId: review.id, posted: inline.length + fileDrafts.length - refusedFiles.length };
  }
  return { ...outcome, reviewId: review.id, posted: inline.length };
}

/**
 * Fingerprints our earlier runs reported, inline or in a review body, and how many inline comments we have. A pending
 * review of ours is a run that stopped half-way: it is deleted, since GitHub allows one pending review a user.
 */
async function reportedEarlier(client: GitHubClient, pr: PullRequest): Promise<{ fingerprints: Set<string>; inlineComments: number }> {
  const params = { owner: pr.owner, repo: pr.repo, pull_number: pr.number, per_page: 100 };
  const [comments, reviews] = await Promise.all([client.paginate(client.rest.pulls.listReviewComments, params), client.paginate(client.rest.pulls.listReviews, params)]);
  const ours = reviews.filter((review) => isOurs(review.user));
  for (const leftover of ours.filter((review) => review.state === 'PENDING')) {
    await client.rest.pulls.deletePendingReview({ owner: pr.owner, repo: pr.repo, pull_number: pr.number, review_id: leftover.id });
  }
  const inline = comments.filter((comment) => isOurs(comment.user)).flatMap((comment) => markerFingerprint(comment.body) ?? []);
  const inBodies = ours.filter((review) => review.state !== 'PENDING').flatMap((review) => REVIEW_MARKER.exec(review.body ?? '')?.[3]?.split(',') ?? []);
  return { fingerprints: new Set([...inline, ...inBodies]), inlineComments: inline.length };
}

function digestOf(all: InlineCandidate[]): string {
  return createHash('sha256').update(all.map(({ finding }) => finding.fingerprint).sort().join(',')).digest('hex').slice(0, 16);
}

/**
 * Creates the review, submitted (`COMMENT`) or pending (no event). A 5xx or a dropped connection may come after GitHub
 * created it: before trying again, look for a review of this run (its digest on the head commit), so that a retry
 * never posts it twice.
 */
async function submit(
  client: GitHubClient,
  pr: PullRequest,
  inline: Draft[],
  inBody: Finding[],
  all: InlineCandidate[],
  event: 'COMMENT' | undefined,
): Promise<{ id: number; nodeId: string } | { error: unknown }> {
  const digest = digestOf(all);
  const body = reviewBody(pr.headSha, digest, inBody, all);
  for (let attempt = 0; ; attempt++) {
    try {
      const { data } = await client.rest.pulls.createReview({
        owner: pr.owner,
        repo: pr.repo,
        pull_number: pr.number,
        commit_id: pr.headSha,
        ...(event && { event }),
        body,
        comments: inline.map((draft) => draft.comment),
        request: { retries: 0 },
      });
      return { id: data.id, nodeId: data.node_id };
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status === 422 && inline.length > 0 && namesCommentLine(error)) return { error };
      if (status !== undefined && status < 500) throw error;
      const posted = await findOurReview(client, pr, digest);
      if (posted !== undefined) return posted;
      if (attempt >= 2) throw error;
    }
  }
}

async function findOurReview(client: GitHubClient, pr: PullRequest, digest: string): Promise<{ id: number; nodeId: string } | undefined> {
  const reviews = await client.paginate(client.rest.pulls.listReviews, { owner: pr.owner, repo: pr.repo, pull_number: pr.number, per_page: 100 });
  const review = reviews.find((candidate) => {
    const marker = REVIEW_MARKER.exec(candidate.body ?? '');
    return isOurs(candidate.user) && candidate.commit_id === pr.headSha && marker?.[1] === pr.headSha && marker[2] === digest;
  });
  return review && { id: review.id, nodeId: review.node_id };
}

const ADD_FILE_THREAD = `mutation($review: ID!, $path: String!, $body: String!) {
  addPullRequestReviewThread(input: { pullRequestReviewId: $review, path: $path, body: $body, subjectType: FILE }) { thread { id } }
}`;

/** Adds the file-level comments to the pending review; returns the findings of those GitHub would not take. */
async function addFileThreads(client: GitHubClient, reviewNodeId: string, drafts: FileDraft[]): Promise<Finding[]> {
  const refused: Finding[] = [];
  for (const draft of drafts) {
    try {
      await client.graphql(ADD_FILE_THREAD, { review: reviewNodeId, path: draft.path, body: draft.body });
    } catch {
      refused.push(draft.finding);
    }
  }
  return refused;
}

/** Submits the pending review with its final body. A submit that GitHub took before failing is not repeated. */
async function submitPending(client: GitHubClient, pr: PullRequest, reviewId: number, body: string): Promise<void> {
  const params = { owner: pr.owner, repo: pr.repo, pull_number: pr.number, review_id: reviewId };
  try {
    await client.rest.pulls.submitReview({ ...params, event: 'COMMENT', body, request: { retries: 0 } });
  } catch (error) {
    const { data } = await client.rest.pulls.getReview(params);
    if (data.state === 'PENDING') throw error;
  }
}

/** GitHub's 422 for a comment outside the diff ("Line could not be resolved"), as opposed to one about the body. */
function namesCommentLine(error: unknown): boolean {
  const { message, response } = error as { message?: string; response?: { data?: { errors?: unknown[] } } };
  return /line|position|path|diff|pull_request_review_thread/i.test([message, JSON.stringify(response?.data?.errors ?? [])].join(' '));
}

/** Bisects the drafts with pending reviews (invisible, deleted at once) to the ones GitHub refuses. */
async function findRefused(client: GitHubClient, pr: PullRequest, drafts: Draft[]): Promise<Draft[]> {
  if (drafts.length === 0) return [];
  try {
    const { data } = await client.rest.pulls.createReview({ owner: pr.owner, repo: pr.repo, pull_number: pr.number, commit_id: pr.headSha, comments: drafts.map((draft) => draft.comment) });
    await client.rest.pulls.deletePendingReview({ owner: pr.owner, repo: pr.repo, pull_number: pr.number, review_id: data.id });
    return [];
  } catch (error) {
    if ((error as { status?: number }).status !== 422 || !namesCommentLine(error)) throw error;
    if (drafts.length === 1) return drafts;
    const middle = Math.ceil(drafts.length / 2);
    return [...(await findRefused(client, pr, drafts.slice(0, middle))), ...(await findRefused(client, pr, drafts.slice(middle)))];
  }
}

function reviewBody(headSha: string, digest: string, inBody: Finding[], all: InlineCandidate[]): string {
  const marker = `<!-- pgbaseline:review sha=${headSha} digest=${digest} fps=${all.map(({ finding }) => finding.fingerprint.slice(0, SHORT)).join(',')} -->`;
  const lines = [marker, `pgbaseline found ${all.length} new finding(s) on the changed lines; the check run has all of them.`];
  if (inBody.length) {
    const shown = inBody.slice(0, MAX_BODY_FINDINGS);
    lines.push('', `<details><summary>${inBody.length} not commented inline (beyond the inline limit, or on a line GitHub would not take)</summary>`, '');
    for (const finding of shown) lines.push(`- **${finding.severity}** \`${finding.ruleId}\` at \`${escapeCode(finding.file)}:${finding.line}\``);
    if (inBody.length > shown.length) lines.push(`- … and ${inBody.length - shown.length} more: see the check run.`);
    lines.push('', '</details>');
  }
  return truncateText(lines.join('\n'), MAX_COMMENT_CHARS, '_Truncated: the check run lists every finding._', characters);
}

const THREADS_QUERY = `query($owner: String!, $repo: String!, $number: Int!, $cursor: String) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      reviewThreads(first: 100, after: $cursor) {
        pageInfo { hasNextPage endCursor }
        nodes { id isResolved path comments(first: 1) { nodes { body author { login __typename } } } }
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
        nodes: { id: string; isResolved: boolean; path: string; comments: { nodes: { body: string; author: { login: string; __typename?: string } | null }[] } }[];
      };
    };
  };
}

/**
 * Resolves our threads whose finding is gone: only in files scanned this run, so a file the pull request no longer
 * touches does not count as fixed. A human-resolved thread is left alone; one thread that cannot be resolved (deleted
 * meanwhile) does not stop the others.
 */
export async function resolveFixedThreads(client: GitHubClient, pr: PullRequest, present: Set<string>, scannedFiles: Set<string>): Promise<{ resolved: number; failed: number }> {
  let resolved = 0;
  let failed = 0;
  let cursor: string | null = null;
  do {
    const page: ThreadPage = await client.graphql<ThreadPage>(THREADS_QUERY, { owner: pr.owner, repo: pr.repo, number: pr.number, cursor });
    const threads = page.repository.pullRequest.reviewThreads;
    for (const thread of threads.nodes) {
      const first = thread.comments.nodes[0];
      const fingerprint = first && isOurs(first.author) ? markerFingerprint(first.body) : undefined;
      if (!fingerprint || thread.isResolved || present.has(fingerprint) || !scannedFiles.has(thread.path)) continue;
      try {
        await client.graphql(RESOLVE_MUTATION, { threadId: thread.id });
        resolved++;
      } catch {
        failed++;
      }
    }
    cursor = threads.pageInfo.hasNextPage ? threads.pageInfo.endCursor : null;
  } while (cursor);
  return { resolved, failed };
}
