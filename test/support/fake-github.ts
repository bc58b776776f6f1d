import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A pull request file as `pulls.listFiles` returns it. */
export interface FakeFile {
  filename: string;
  status: string;
  patch?: string;
  previous_filename?: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
  status: number;
}

interface Comment {
  id: number;
  path: string;
  /** Null for a comment on the whole file. */
  line: number | null;
  subject_type: 'line' | 'file';
  body: string;
  user: { login: string; type: string };
  threadId: string;
  resolved: boolean;
}

export interface FakeGitHubOptions {
  files: FakeFile[];
  /** Every write answers 403 "Resource not accessible by integration", as a fork PR's token does. */
  readOnly?: boolean;
  /** The first write answers a secondary rate limit with `retry-after: 1`. */
  secondaryRateLimitOnce?: boolean;
  /** Lines GitHub refuses in a review even though they are in the diff (forces 422). */
  rejectLines?: { path: string; line: number }[];
  /** The bot the token posts as: `github-actions[bot]` for GITHUB_TOKEN, `<app>[bot]` for a GitHub App token. */
  botLogin?: string;
  /** The first submitted review is created, and then answered with a 502, as GitHub sometimes does. */
  failAfterCreatingReviewOnce?: boolean;
  /** Threads whose resolution answers NOT_FOUND (deleted meanwhile). */
  missingThreads?: string[];
  /** The open pull request, as `pulls.list` and `pulls.get` return it (its head as `owner:branch`). */
  pull?: { number: number; headSha: string; headLabel: string };
}

interface Review {
  id: number;
  node_id: string;
  state: 'PENDING' | 'COMMENTED';
  body: string;
  commit_id: string;
  user: { login: string; type: string };
}

/** GitHub's limit on comment and review bodies, in characters. */
const MAX_BODY = 65_536;

/**
 * The lines of the head file a review comment may sit on: added and context lines of each hunk. Read here on its
 * own, not with the action's parser, so that a mistake there is caught instead of mirrored.
 */
function commentableLines(patch: string): Set<number> {
  const lines = new Set<number>();
  let line = 0;
  for (const text of patch.split('\n')) {
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(text);
    if (hunk) {
      line = Number(hunk[1]);
    } else if (text.startsWith('+') || text.startsWith(' ')) {
      lines.add(line++);
    }
  }
  return lines;
}

/**
 * A local GitHub API that answers like GitHub for what the action calls, records every request,
 * and keeps state across runs (review comments, threads, the summary comment, check runs).
 */
export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly reviewComments: Comment[] = [];
  readonly issueComments: { id: number; node_id: string; body: string; user: { login: string; type: string }; minimized?: string }[] = [];
  readonly checkRuns = new Map<number, { name: string; head_sha: string; external_id?: string; status?: string; conclusion?: string; annotations: unknown[]; output?: unknown }>();
  /** Submitted reviews, as `pulls.listReviews` returns them. */
  readonly submittedReviews: Review[] = [];
  /** The bot's pending review (GitHub allows one a user): seen by `pulls.listReviews` as the token's own. */
  private readonly pendingReviews = new Map<number, Review & { comments: Omit<Comment, 'id' | 'threadId' | 'resolved'>[] }>();
  private failedAfterCreate = false;
  private server?: Server;
  private nextId = 1000;
  private rateLimited = false;

  constructor(public options: FakeGitHubOptions) {}

  get reviews(): number {
    return this.submittedReviews.length;
  }

  private get bot(): { login: string; type: string } {
    return { login: this.options.botLogin ?? 'github-actions[bot]', type: 'Bot' };
  }

  async start(): Promise<string> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text ? JSON.parse(text) : undefined;
    const url = new URL(request.url ?? '/', `http://${request.headers.host ?? 'localhost'}`);
    const method = request.method ?? 'GET';
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      this.requests.push({ method, path: url.pathname + url.search, body, status });
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify(payload));
    };
    const isWrite = method !== 'GET' && !(url.pathname === '/graphql' && !String(body?.query).trim().startsWith('mutation'));
    if (isWrite && this.options.secondaryRateLimitOnce && !this.rateLimited) {
      this.rateLimited = true;
      return send(403, { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' }, { 'retry-after': '1' });
    }
    if (isWrite && this.options.readOnly) return send(403, { message: 'Resource not accessible by integration', status: '403' });

    const commitRuns = /\/commits\/([^/]+)\/check-runs$/.exec(url.pathname);
    if (method === 'GET' && commitRuns) {
      const name = url.searchParams.get('check_name');
      const runs = [...this.checkRuns].filter(([, run]) => run.head_sha === commitRuns[1] && (!name || run.name === name));
      return send(200, { total_count: runs.length, check_runs: runs.map(([id, run]) => ({ id, name: run.name, head_sha: run.head_sha, external_id: run.external_id, status: run.status })) });
    }
    const route = `${method} ${url.pathname.replace(/\/repos\/[^/]+\/[^/]+/, '/repos/R').replace(/\/\d+(?=\/|$)/g, '/N')}`;
    switch (route) {
      case 'GET /repos/R/pulls': {
        const pull = this.options.pull;
        const listed = pull && (!url.searchParams.get('head') || url.searchParams.get('head') === pull.headLabel) ? [pull] : [];
        return send(200, listed.map((candidate) => ({ number: candidate.number, head: { sha: candidate.headSha, label: candidate.headLabel } })));
      }
      case 'GET /repos/R/pulls/N': {
        const pull = this.options.pull;
        if (!pull || pull.number !== Number(url.pathname.split('/').pop())) return send(404, { message: 'Not Found' });
        return send(200, { number: pull.number, changed_files: this.options.files.length, head: { sha: pull.headSha, label: pull.headLabel } });
      }
      case 'GET /repos/R/pulls/N/files':
        // GitHub lists at most 3,000 files of a pull request, whatever changed_files says.
        return this.page(url, this.options.files.slice(0, 3000), send);
      case 'GET /repos/R/pulls/N/comments':
        return this.page(url, this.reviewComments, send);
      case 'POST /repos/R/pulls/N/reviews':
        return this.createReview(body, send);
      case 'GET /repos/R/pulls/N/reviews':
        return this.page(url, [...this.submittedReviews, ...[...this.pendingReviews.values()].map((review) => ({ ...review, comments: undefined }))], send);
      case 'GET /repos/R/pulls/N/reviews/N': {
        const id = Number(url.pathname.split('/').pop());
        const review = this.submittedReviews.find((candidate) => candidate.id === id) ?? this.pendingReviews.get(id);
        return review ? send(200, { ...review, comments: undefined }) : send(404, { message: 'Not Found' });
      }
      case 'POST /repos/R/pulls/N/reviews/N/events': {
        const review = this.pendingReviews.get(Number(url.pathname.split('/')[7]));
        if (!review) return send(422, { message: 'Unprocessable Entity', errors: ['Can not submit a non-pending review'] });
        if ([...String(body.body ?? '')].length > MAX_BODY) return send(422, { message: 'Unprocessable Entity', errors: ['Body is too long (maximum is 65536 characters)'] });
        this.pendingReviews.delete(review.id);
        const { comments, ...submitted } = review;
        this.publish({ ...submitted, state: 'COMMENTED', body: body.body ?? review.body }, comments);
        return send(200, { id: review.id, state: 'COMMENTED' });
      }
      case 'DELETE /repos/R/pulls/N/reviews/N': {
        const id = Number(url.pathname.split('/').pop());
        if (!this.pendingReviews.delete(id)) return send(422, { message: 'Can not delete a non-pending pull request review' });
        return send(200, { id, state: 'PENDING' });
      }
      case 'POST /graphql':
        return this.graphql(body, send);
      case 'POST /repos/R/check-runs': {
        const id = this.nextId++;
        this.checkRuns.set(id, { name: body.name, head_sha: body.head_sha, external_id: body.external_id, status: body.status, annotations: [] });
        return send(201, { id, html_url: `https://github.example/checks/${id}` });
      }
      case 'PATCH /repos/R/check-runs/N': {
        const run = this.checkRuns.get(Number(url.pathname.split('/').pop()));
        if (!run) return send(404, { message: 'Not Found' });
        const annotations = body.output?.annotations ?? [];
        if (annotations.length > 50) return send(422, { message: 'Only 50 annotations are allowed per request' });
        if (Buffer.byteLength(body.output?.summary ?? '', 'utf8') > 65535) return send(422, { message: 'summary is too long (maximum is 65535 characters)' });
        run.annotations.push(...annotations);
        Object.assign(run, { status: body.status ?? run.status, conclusion: body.status === 'in_progress' ? undefined : (body.conclusion ?? run.conclusion), output: body.output ?? run.output });
        return send(200, { id: Number(url.pathname.split('/').pop()) });
      }
      case 'GET /repos/R/check-runs/N/annotations': {
        const run = this.checkRuns.get(Number(url.pathname.split('/')[5]));
        return run ? this.page(url, run.annotations, send) : send(404, { message: 'Not Found' });
      }
      case 'GET /repos/R/issues/N/comments':
        return this.page(url, this.issueComments, send);
      case 'POST /repos/R/issues/N/comments': {
        if ([...String(body.body)].length > MAX_BODY) return send(422, { message: 'Validation Failed', errors: [{ resource: 'IssueComment', code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' }] });
        const id = this.nextId++;
        const comment = { id, node_id: `IC_${id}`, body: body.body, user: this.bot };
        this.issueComments.push(comment);
        return send(201, comment);
      }
      case 'PATCH /repos/R/issues/comments/N': {
        const comment = this.issueComments.find((candidate) => candidate.id === Number(url.pathname.split('/').pop()));
        if (!comment) return send(404, { message: 'Not Found' });
        if ([...String(body.body)].length > MAX_BODY) return send(422, { message: 'Validation Failed', errors: [{ resource: 'IssueComment', code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' }] });
        comment.body = body.body;
        return send(200, comment);
      }
      default:
        return send(404, { message: `Not Found: ${route}` });
    }
  }

  private page(url: URL, items: unknown[], send: (status: number, payload: unknown, headers?: Record<string, string>) => void): void {
    const perPage = Number(url.searchParams.get('per_page') ?? 30);
    const page = Number(url.searchParams.get('page') ?? 1);
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const headers: Record<string, string> = {};
    if (page * perPage < items.length) {
      const next = new URL(url.toString());
      next.searchParams.set('page', String(page + 1));
      headers.link = `<http://${url.host}${next.pathname}${next.search}>; rel="next"`;
    }
    send(200, slice, headers);
  }

  private createReview(
    body: { commit_id: string; event?: string; body?: string; comments: { path: string; line: number; side: string; body: string }[] },
    send: (status: number, payload: unknown) => void,
  ): void {
    if ([...(body.body ?? '')].length > MAX_BODY) {
      return send(422, { message: 'Unprocessable Entity', errors: ['Body is too long (maximum is 65536 characters)'] });
    }
    for (const comment of body.comments ?? []) {
      const file = this.options.files.find((candidate) => candidate.filename === comment.path);
      const rejected = this.options.rejectLines?.some((line) => line.path === comment.path && line.line === comment.line);
      if (!file?.patch || !commentableLines(file.patch).has(comment.line) || rejected || comment.side !== 'RIGHT') {
        return send(422, { message: 'Unprocessable Entity', errors: ['Line could not be resolved'] });
      }
      if ([...comment.body].length > MAX_BODY) return send(422, { message: 'Unprocessable Entity', errors: ['Body is too long (maximum is 65536 characters)'] });
    }
    const id = this.nextId++;
    const review: Review = { id, node_id: `PRR_${id}`, state: body.event ? 'COMMENTED' : 'PENDING', body: body.body ?? '', commit_id: body.commit_id, user: this.bot };
    const comments = (body.comments ?? []).map((comment) => ({ path: comment.path, line: comment.line, subject_type: 'line' as const, body: comment.body, user: this.bot }));
    // Without an event, a review stays pending: nobody else sees it, and it can be deleted.
    if (!body.event) {
      if (this.pendingReviews.size > 0) return send(422, { message: 'Unprocessable Entity', errors: ['User can only have one pending review per pull request'] });
      this.pendingReviews.set(id, { ...review, comments });
    } else {
      this.publish(review, comments);
    }
    if (this.options.failAfterCreatingReviewOnce && !this.failedAfterCreate) {
      this.failedAfterCreate = true;
      return send(502, { message: 'Server Error' });
    }
    send(200, { id, node_id: review.node_id, state: review.state });
  }

  private publish(review: Review, comments: Omit<Comment, 'id' | 'threadId' | 'resolved'>[]): void {
    this.submittedReviews.push(review);
    for (const comment of comments) {
      const commentId = this.nextId++;
      this.reviewComments.push({ ...comment, id: commentId, threadId: `T_${commentId}`, resolved: false });
    }
  }

  private graphql(body: { query: string; variables: Record<string, unknown> }, send: (status: number, payload: unknown) => void): void {
    if (body.query.includes('minimizeComment')) {
      const comment = this.issueComments.find((candidate) => candidate.node_id === body.variables.id);
      if (!comment) return send(200, { data: null, errors: [{ type: 'NOT_FOUND', message: 'Could not resolve to a node' }] });
      comment.minimized = String(body.variables.classifier);
      return send(200, { data: { minimizeComment: { minimizedComment: { isMinimized: true } } } });
    }
    if (body.query.includes('addPullRequestReviewThread')) {
      // A file-level thread: on any file of the pull request, whether or not GitHub sent its patch.
      const review = [...this.pendingReviews.values()].find((candidate) => candidate.node_id === body.variables.review);
      const path = String(body.variables.path);
      if (!review) return send(200, { data: null, errors: [{ type: 'NOT_FOUND', message: 'Could not resolve to a PullRequestReview' }] });
      if (!this.options.files.some((file) => file.filename === path)) return send(200, { data: null, errors: [{ type: 'UNPROCESSABLE', message: 'Path could not be resolved' }] });
      if ([...String(body.variables.body)].length > MAX_BODY) return send(200, { data: null, errors: [{ type: 'UNPROCESSABLE', message: 'Body is too long' }] });
      review.comments.push({ path, line: null, subject_type: 'file', body: String(body.variables.body), user: this.bot });
      return send(200, { data: { addPullRequestReviewThread: { thread: { id: `T_pending_${review.comments.length}` } } } });
    }
    if (body.query.includes('resolveReviewThread')) {
      const comment = this.reviewComments.find((candidate) => candidate.threadId === body.variables.threadId);
      if (!comment || this.options.missingThreads?.includes(comment.threadId)) {
        return send(200, { data: null, errors: [{ type: 'NOT_FOUND', message: `Could not resolve to a node with the global id of '${String(body.variables.threadId)}'` }] });
      }
      comment.resolved = true;
      return send(200, { data: { resolveReviewThread: { thread: { id: comment.threadId, isResolved: true } } } });
    }
    const nodes = this.reviewComments.map((comment) => ({
      id: comment.threadId,
      isResolved: comment.resolved,
      path: comment.path,
      comments: { nodes: [{ body: comment.body, author: { login: comment.user.login.replace('[bot]', ''), __typename: comment.user.type } }] },
    }));
    send(200, { data: { repository: { pullRequest: { reviewThreads: { pageInfo: { hasNextPage: false, endCursor: null }, nodes } } } } });
  }
}
