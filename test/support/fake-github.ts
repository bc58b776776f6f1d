import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parsePatch } from '../../src/github/parse-patch.js';

/** A pull request file as `pulls.listFiles` returns it. */
export interface FakeFile {
  filename: string;
  status: string;
  patch?: string;
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
  line: number;
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
}

/**
 * A local GitHub API that answers like GitHub for what the action calls, records every request,
 * and keeps state across runs (review comments, threads, the summary comment, check runs).
 */
export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly reviewComments: Comment[] = [];
  readonly issueComments: { id: number; body: string; user: { login: string; type: string } }[] = [];
  readonly checkRuns = new Map<number, { name: string; head_sha: string; status?: string; conclusion?: string; annotations: unknown[]; output?: unknown }>();
  reviews = 0;
  private server?: Server;
  private nextId = 1000;
  private rateLimited = false;

  constructor(public options: FakeGitHubOptions) {}

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

    const route = `${method} ${url.pathname.replace(/\/repos\/[^/]+\/[^/]+/, '/repos/R').replace(/\/\d+(?=\/|$)/g, '/N')}`;
    switch (route) {
      case 'GET /repos/R/pulls/N/files':
        // GitHub lists at most 3,000 files of a pull request, whatever changed_files says.
        return this.page(url, this.options.files.slice(0, 3000), send);
      case 'GET /repos/R/pulls/N/comments':
        return this.page(url, this.reviewComments, send);
      case 'POST /repos/R/pulls/N/reviews':
        return this.createReview(body, send);
      case 'POST /graphql':
        return this.graphql(body, send);
      case 'POST /repos/R/check-runs': {
        const id = this.nextId++;
        this.checkRuns.set(id, { name: body.name, head_sha: body.head_sha, status: body.status, annotations: [] });
        return send(201, { id, html_url: `https://github.example/checks/${id}` });
      }
      case 'PATCH /repos/R/check-runs/N': {
        const run = this.checkRuns.get(Number(url.pathname.split('/').pop()));
        if (!run) return send(404, { message: 'Not Found' });
        const annotations = body.output?.annotations ?? [];
        if (annotations.length > 50) return send(422, { message: 'Only 50 annotations are allowed per request' });
        if (Buffer.byteLength(body.output?.summary ?? '', 'utf8') > 65535) return send(422, { message: 'summary is too long (maximum is 65535 characters)' });
        run.annotations.push(...annotations);
        Object.assign(run, { status: body.status ?? run.status, conclusion: body.conclusion ?? run.conclusion, output: body.output });
        return send(200, { id: Number(url.pathname.split('/').pop()) });
      }
      case 'GET /repos/R/issues/N/comments':
        return this.page(url, this.issueComments, send);
      case 'POST /repos/R/issues/N/comments': {
        const comment = { id: this.nextId++, body: body.body, user: { login: 'github-actions[bot]', type: 'Bot' } };
        this.issueComments.push(comment);
        return send(201, comment);
      }
      case 'PATCH /repos/R/issues/comments/N': {
        const comment = this.issueComments.find((candidate) => candidate.id === Number(url.pathname.split('/').pop()));
        if (!comment) return send(404, { message: 'Not Found' });
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

  private createReview(body: { commit_id: string; event: string; comments: { path: string; line: number; side: string; body: string }[] }, send: (status: number, payload: unknown) => void): void {
    for (const comment of body.comments ?? []) {
      const file = this.options.files.find((candidate) => candidate.filename === comment.path);
      const commentable = file?.patch ? parsePatch(file.patch).commentable : new Set<number>();
      const rejected = this.options.rejectLines?.some((line) => line.path === comment.path && line.line === comment.line);
      if (!commentable.has(comment.line) || rejected || comment.side !== 'RIGHT') {
        return send(422, { message: 'Unprocessable Entity', errors: ['Line could not be resolved'] });
      }
    }
    this.reviews++;
    for (const comment of body.comments ?? []) {
      const id = this.nextId++;
      this.reviewComments.push({ id, path: comment.path, line: comment.line, body: comment.body, user: { login: 'github-actions[bot]', type: 'Bot' }, threadId: `T_${id}`, resolved: false });
    }
    send(200, { id: this.nextId++ });
  }

  private graphql(body: { query: string; variables: Record<string, unknown> }, send: (status: number, payload: unknown) => void): void {
    if (body.query.includes('resolveReviewThread')) {
      const comment = this.reviewComments.find((candidate) => candidate.threadId === body.variables.threadId);
      if (!comment) return send(200, { errors: [{ message: 'Could not resolve to a node' }] });
      comment.resolved = true;
      return send(200, { data: { resolveReviewThread: { thread: { id: comment.threadId, isResolved: true } } } });
    }
    const nodes = this.reviewComments.map((comment) => ({
      id: comment.threadId,
      isResolved: comment.resolved,
      path: comment.path,
      comments: { nodes: [{ body: comment.body, author: { login: 'github-actions' } }] },
    }));
    send(200, { data: { repository: { pullRequest: { reviewThreads: { pageInfo: { hasNextPage: false, endCursor: null }, nodes } } } } });
  }
}
