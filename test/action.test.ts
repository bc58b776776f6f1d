import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FakeGitHub, type FakeFile } from './support/fake-github.js';

const ROOT = join(import.meta.dirname, '..');
const TOKEN = 'ghs_fakeTokenThatMustNeverBePrinted0001';

const DB_TF = `resource "azurerm_postgresql_flexible_server" "orders" {
  name                          = "orders-db"
  resource_group_name           = "rg"
  location                      = "westeurope"
  version                       = "16"
  sku_name                      = "GP_Standard_D2s_v3"
  public_network_access_enabled = true
}

resource "azurerm_postgresql_flexible_server_firewall_rule" "all" {
  name             = "all"
  server_id        = azurerm_postgresql_flexible_server.orders.id
  start_ip_address = "0.0.0.0"
  end_ip_address   = "255.255.255.255"
}
`;

/** Unchanged files in the same folder: scanned for context, never commented on or gating. */
const LEGACY_TF = `resource "azurerm_postgresql_flexible_server" "legacy" {
  name                   = "legacy-db"
  resource_group_name    = "rg"
  location               = "westeurope"
  version                = "16"
  sku_name               = "GP_Standard_D2s_v3"
  administrator_password = "committed-to-git"
}

resource "azurerm_postgresql_flexible_server" "reports" {
  name                = "reports-db"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "16"
  sku_name            = "GP_Standard_D2s_v3"
}

resource "azurerm_postgresql_flexible_server" "archive" {
  name                = "archive-db"
  resource_group_name = "rg"
  location            = "westeurope"
  version             = "16"
  sku_name            = "GP_Standard_D2s_v3"
}
`;

function addedPatch(text: string): string {
  const lines = text.trimEnd().split('\n');
  return [`@@ -0,0 +1,${lines.length} @@`, ...lines.map((line) => `+${line}`)].join('\n');
}

/** The runner passes every input with its action.yml default; so do we. */
function inputDefaults(): Record<string, string> {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> };
  return Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, String(input.default ?? '')]));
}

interface Run {
  code: number;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
}

class Workspace {
  readonly dir = mkdtempSync(join(tmpdir(), 'pgbaseline-action-'));
  readonly files: FakeFile[] = Array.from({ length: 120 }, (_, index) => ({ filename: `docs/page-${index}.md`, status: 'added', patch: '@@ -0,0 +1 @@\n+text' }));

  constructor() {
    mkdirSync(join(this.dir, 'infra'), { recursive: true });
    this.write('infra/db.tf', DB_TF);
    this.write('infra/legacy.tf', LEGACY_TF);
  }

  /** A checkout as actions/checkout leaves it at a commit: a detached HEAD. */
  checkOut(sha: string): void {
    mkdirSync(join(this.dir, '.git'), { recursive: true });
    writeFileSync(join(this.dir, '.git', 'HEAD'), `${sha}\n`);
  }

  write(path: string, text: string): void {
    writeFileSync(join(this.dir, path), text);
    const existing = this.files.find((file) => file.filename === path);
    if (path === 'infra/db.tf') {
      if (existing) existing.patch = addedPatch(text);
      else this.files.push({ filename: path, status: 'added', patch: addedPatch(text) });
    }
  }

  async run(apiUrl: string, inputs: Record<string, string> = {}, event: { name: string; payload: unknown } = pullRequestEvent()): Promise<Run> {
    const eventPath = join(this.dir, '..', `${this.dir.split('/').pop()}-event.json`);
    const outputPath = join(this.dir, '..', `${this.dir.split('/').pop()}-output`);
    const summaryPath = join(this.dir, '..', `${this.dir.split('/').pop()}-summary.md`);
    writeFileSync(eventPath, JSON.stringify(event.payload));
    writeFileSync(outputPath, '');
    writeFileSync(summaryPath, '');
    const all = { ...inputDefaults(), 'github-token': TOKEN, ...inputs };
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: event.name,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: 'octo/app',
      GITHUB_SHA: 'mergesha0000000000000000000000000000000000',
      GITHUB_WORKSPACE: this.dir,
      GITHUB_API_URL: apiUrl,
      GITHUB_GRAPHQL_URL: `${apiUrl}/graphql`,
      GITHUB_SERVER_URL: 'https://github.example',
      GITHUB_STEP_SUMMARY: summaryPath,
      GITHUB_OUTPUT: outputPath,
      GITHUB_WORKFLOW: 'ci',
      GITHUB_JOB: 'pgbaseline',
      GITHUB_ACTOR: 'developer',
      RUNNER_TEMP: tmpdir(),
      ...Object.fromEntries(Object.entries(all).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])),
    };
    let code = 0;
    let stdout = '';
    try {
      ({ stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'dist', 'index.js')], { cwd: this.dir, env }));
    } catch (error) {
      const failed = error as { code: number; stdout: string };
      code = failed.code;
      stdout = failed.stdout;
    }
    return { code, stdout, outputs: readOutputs(readFileSync(outputPath, 'utf8')), summary: readFileSync(summaryPath, 'utf8') };
  }
}

const HEAD_SHA = 'headsha000000000000000000000000000000000';

/** The `workflow_run` of a fork's pull request workflow: GitHub leaves `pull_requests` empty for forks. */
function workflowRunEvent(headSha: string) {
  return {
    name: 'workflow_run',
    payload: {
      action: 'completed',
      workflow_run: { event: 'pull_request', head_sha: headSha, head_branch: 'feature', head_repository: { full_name: 'someone/app', owner: { login: 'someone' } }, pull_requests: [] },
    },
  };
}

function pullRequestEvent(fork = false, changedFiles?: number) {
  return {
    name: 'pull_request',
    payload: {
      action: 'synchronize',
      pull_request: {
        number: 7,
        ...(changedFiles !== undefined && { changed_files: changedFiles }),
        head: { sha: 'headsha000000000000000000000000000000000', repo: { full_name: fork ? 'someone/app' : 'octo/app' } },
        base: { repo: { full_name: 'octo/app' } },
      },
    },
  };
}

/** `name<<delimiter\nvalue\ndelimiter` blocks, as @actions/core writes GITHUB_OUTPUT. */
function readOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const pattern = /^(.+?)<<(.+)\n([\s\S]*?)\n\2$/gm;
  for (const match of text.matchAll(pattern)) outputs[match[1]!] = match[3]!;
  return outputs;
}

let github: FakeGitHub | undefined;
afterEach(async () => {
  await github?.stop();
  github = undefined;
});

describe('the gate never skips what it could not see', () => {
  it('counts a new file whose patch GitHub omitted as wholly changed: its critical finding fails the check, commented on the file', async () => {
    const workspace = new Workspace();
    delete workspace.files.find((file) => file.filename === 'infra/db.tf')!.patch;
    github = new FakeGitHub({ files: workspace.files });
    const url = await github.start();
    const run = await workspace.run(url);
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ blocking: 'true', 'blocking-rules': 'no-firewall-open-to-internet' });
    expect([...github.checkRuns.values()][0]).toMatchObject({ conclusion: 'failure' });
    // No diff line to sit on: file-level comments, added to one pending review that is then submitted.
    const comments = github.reviewComments.filter((comment) => comment.path === 'infra/db.tf');
    expect(comments.length).toBeGreaterThan(0);
    expect(comments.every((comment) => comment.subject_type === 'file' && comment.line === null)).toBe(true);
    expect(comments.find((comment) => comment.body.includes('no-firewall-open-to-internet'))?.body).toMatch(/critical.*· line 13\n/);
    expect(github.reviews).toBe(1);
    expect(run.outputs['inline-comments-posted']).toBe(String(comments.length));

    // A re-run posts nothing again, and leaves no pending review behind.
    const again = github.reviewComments.length;
    await workspace.run(url);
    expect([github.reviewComments.length, github.reviews]).toEqual([again, 1]);
  });

  it('scans paths whole and gates on every finding when the file list stops at 3,000', async () => {
    const workspace = new Workspace();
    // The IaC change sits past the 3,000 files GitHub lists.
    const db = workspace.files.splice(workspace.files.findIndex((file) => file.filename === 'infra/db.tf'), 1);
    workspace.files.push(...Array.from({ length: 2_930 }, (_, index) => ({ filename: `assets/${index}.txt`, status: 'added', patch: '@@ -0,0 +1 @@\n+x' })), ...db);
    expect(workspace.files.length).toBe(3_051);
    github = new FakeGitHub({ files: workspace.files });
    const url = await github.start();
    const run = await workspace.run(url, { paths: 'infra' }, pullRequestEvent(false, 3_051));
    expect(run.code).toBe(1);
    expect(run.summary).toContain('GitHub lists only the first 3,000 of the 3,051 files');
    expect(run.outputs.blocking).toBe('true');
    expect([...github.checkRuns.values()][0]).toMatchObject({ conclusion: 'failure' });
  });
});

describe('pull requests of every shape', () => {
  it('needs about as many API requests on a 300-file pull request as a careful bot', async () => {
    const workspace = new Workspace();
    workspace.files.push(...Array.from({ length: 170 }, (_, index) => ({ filename: `assets/${index}.txt`, status: 'added', patch: '@@ -0,0 +1 @@\n+x' })));
    for (let index = 0; index < 9; index++) {
      const path = `infra/more-${index}.tf`;
      const text = DB_TF.replaceAll('orders', `orders${index}`);
      writeFileSync(join(workspace.dir, path), text);
      workspace.files.push({ filename: path, status: 'added', patch: addedPatch(text) });
    }
    expect(workspace.files).toHaveLength(300);
    github = new FakeGitHub({ files: workspace.files });
    const url = await github.start();
    await workspace.run(url);
    const annotations = ([...github.checkRuns.values()][0]!.annotations as unknown[]).length;
    const routes: Record<string, number> = {};
    for (const request of github.requests) {
      const graphql = request.path === '/graphql' ? ` ${/^\s*(query|mutation)/.exec(String((request.body as { query: string }).query))?.[1] ?? 'query'}` : '';
      const route = `${request.method} ${request.path.replace(/\?.*$/, '').replace(/\d+|headsha\w+/g, 'N')}${graphql}`;
      routes[route] = (routes[route] ?? 0) + 1;
    }
    // Three pages of files; one read each of our comments, reviews, threads, the summary comment and the commit's check
    // runs; one check run created and completed in PATCHes of 50 annotations; one review; one summary comment.
    expect(routes).toEqual({
      'GET /repos/octo/app/pulls/N/files': 3,
      'GET /repos/octo/app/pulls/N/comments': 1,
      'GET /repos/octo/app/pulls/N/reviews': 1,
      'POST /graphql query': 1,
      'GET /repos/octo/app/issues/N/comments': 1,
      'GET /repos/octo/app/commits/N/check-runs': 1,
      'POST /repos/octo/app/check-runs': 1,
      'PATCH /repos/octo/app/check-runs/N': Math.ceil(annotations / 50),
      'POST /repos/octo/app/pulls/N/reviews': 1,
      'POST /repos/octo/app/issues/N/comments': 1,
    });
    expect(annotations).toBeGreaterThan(100);
  });

  it('reviews renamed files at their new path and unicode paths, and ignores removed and binary files', async () => {
    const workspace = new Workspace();
    const renamed = DB_TF.replace('"orders"', '"moved"').replace('orders-db', 'moved-db').replace('orders.id', 'moved.id');
    mkdirSync(join(workspace.dir, 'infra', 'données'), { recursive: true });
    writeFileSync(join(workspace.dir, 'infra', 'renamed.tf'), renamed);
    const unicode = 'infra/données/base de données.tf';
    writeFileSync(join(workspace.dir, unicode), DB_TF.replace('"orders"', '"unicode"').replace('orders-db', 'unicode-db').replace('orders.id', 'unicode.id'));
    const lines = renamed.split('\n');
    // The rename changed one line: public network access turned on.
    const renamePatch = ['@@ -5,4 +5,4 @@', ` ${lines[4]}`, ` ${lines[5]}`, '-  public_network_access_enabled = false', `+${lines[6]}`, ` ${lines[7]}`].join('\n');
    workspace.files.push(
      { filename: 'infra/renamed.tf', status: 'renamed', previous_filename: 'infra/old-name.tf', patch: renamePatch },
      { filename: unicode, status: 'added', patch: addedPatch(readFileSync(join(workspace.dir, unicode), 'utf8')) },
      { filename: 'infra/removed.tf', status: 'removed', patch: '@@ -1,2 +0,0 @@\n-resource "x" "y" {\n-}' },
      { filename: 'docs/diagram.png', status: 'added' },
    );
    github = new FakeGitHub({ files: workspace.files });
    const url = await github.start();
    const run = await workspace.run(url);
    expect(run.code).toBe(1);
    const commented = (path: string) => github!.reviewComments.filter((comment) => comment.path === path).map((comment) => [/`([\w-]+)`/.exec(comment.body)?.[1], comment.line]);
    // In the renamed file only the server block changed (on line 7, where its findings sit); its firewall rule did not.
    expect(commented('infra/renamed.tf')).toContainEqual(['no-public-network-access', 7]);
    expect(commented('infra/renamed.tf').every(([rule, line]) => line === 7 && rule !== 'no-firewall-open-to-internet')).toBe(true);
    expect(commented(unicode)).toContainEqual(['no-firewall-open-to-internet', 13]);
    expect(github.reviewComments.some((comment) => /removed\.tf|old-name|diagram/.test(comment.path))).toBe(false);
    const annotations = [...github.checkRuns.values()][0]!.annotations as { path: string }[];
    expect(new Set(annotations.map((annotation) => annotation.path))).toEqual(new Set(['infra/db.tf', 'infra/legacy.tf', 'infra/renamed.tf', unicode]));
    expect(github.reviews).toBe(1);
    expect(run.summary).not.toContain('removed.tf');
  });
});

describe('the bundled action on a pull request', () => {
  it('reviews the changed lines once, with a suggestion, fails the check on a critical finding, and keeps one summary comment', async () => {
    const workspace = new Workspace();
    github = new FakeGitHub({ files: workspace.files });
    const url = await github.start();

    const first = await workspace.run(url);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('::error::pgbaseline: 1 finding(s) at or above critical: no-firewall-open-to-internet');
    // listFiles was paginated to the end: 121 files in pages of 100.
    expect(github.requests.filter((request) => request.path.includes('/pulls/7/files')).length).toBe(2);

    const comments = github.reviewComments;
    expect(comments.length).toBeGreaterThan(0);
    expect(comments.every((comment) => comment.path === 'infra/db.tf')).toBe(true);
    expect(comments.every((comment) => /<!-- pgbaseline:v1 fp=[0-9a-f]{20} rule=[a-z0-9-]+ -->/.test(comment.body))).toBe(true);
    const publicAccess = comments.find((comment) => comment.body.includes('`no-public-network-access`'));
    expect(publicAccess).toMatchObject({ line: 7 });
    expect(publicAccess?.body).toContain('```suggestion\n  public_network_access_enabled = false\n```');
    // Findings of the unchanged file are not commented on and do not fail the gate (its password is critical).
    expect(comments.some((comment) => comment.body.includes('no-hardcoded-admin-password'))).toBe(false);

    const [checkRun] = [...github.checkRuns.values()];
    expect(checkRun).toMatchObject({ name: 'pgbaseline', head_sha: 'headsha000000000000000000000000000000000', status: 'completed', conclusion: 'failure' });
    const annotationPatches = github.requests.filter((request) => request.method === 'PATCH' && request.path.includes('/check-runs/'));
    expect(checkRun!.annotations.length).toBeGreaterThan(50);
    expect(annotationPatches.every((request) => ((request.body as { output?: { annotations?: unknown[] } }).output?.annotations?.length ?? 0) <= 50)).toBe(true);

    expect(github.issueComments).toHaveLength(1);
    expect(github.issueComments[0]!.body).toMatch(/^<!-- pgbaseline:summary key=ci\/pgbaseline\/\. -->/);
    expect(first.summary).toContain('## pgbaseline: Azure PostgreSQL security baseline');
    expect(first.outputs).toMatchObject({ blocking: 'true', 'blocking-rules': 'no-firewall-open-to-internet', mode: 'full' });
    expect(Number(first.outputs['inline-comments-posted'])).toBe(comments.length);

    // A re-run on the same commit posts no duplicate and updates nothing that did not change.
    const reviewsBefore = github.reviews;
    const second = await workspace.run(url);
    expect(second.code).toBe(1);
    expect(github.reviews).toBe(reviewsBefore);
    expect(github.reviewComments).toHaveLength(comments.length);
    expect(github.issueComments).toHaveLength(1);
    expect(JSON.stringify(github.requests)).not.toContain(TOKEN);
  });

  it('resolves the thread of a finding the next push fixes, and passes the gate', async () => {
    const workspace = new Workspace();
    github = new FakeGitHub({ files: workspace.files });
    const url = await github.start();
    await workspace.run(url);
    const firewall = github.reviewComments.find((comment) => comment.body.includes('`no-firewall-open-to-internet`'));
    expect(firewall?.resolved).toBe(false);

    workspace.write('infra/db.tf', DB_TF.replace('"255.255.255.255"', '"0.0.0.0"').replace('"0.0.0.0"\n  end', '"203.0.113.10"\n  end').replace('end_ip_address   = "0.0.0.0"', 'end_ip_address   = "203.0.113.10"'));
    const fixed = await workspace.run(url);
    expect(fixed.code).toBe(0);
    expect(github.reviewComments.find((comment) => comment.id === firewall!.id)?.resolved).toBe(true);
    expect(Number(fixed.outputs['threads-resolved'])).toBeGreaterThanOrEqual(1);
    expect([...github.checkRuns.values()].at(-1)).toMatchObject({ conclusion: 'neutral' });
    expect(github.issueComments).toHaveLength(1);
  });

  it('degrades on a read-only token: annotations, job summary and exit code, and says which permission is missing', async () => {
    const workspace = new Workspace();
    github = new FakeGitHub({ files: workspace.files, readOnly: true });
    const url = await github.start();
    const run = await workspace.run(url);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("the token lacks 'checks: write'");
    expect(run.stdout).toContain('::error title=critical%3A no-firewall-open-to-internet,file=infra/db.tf,line=13,endLine=14::');
    // The ten error annotations the runner shows go to the changed resources first.
    const errors = run.stdout.split('\n').filter((line) => line.startsWith('::error title='));
    expect(errors.slice(0, 5).every((line) => line.includes('file=infra/db.tf'))).toBe(true);
    expect(run.summary).toContain('Read-only token');
    expect(run.outputs.mode).toBe('degraded');
    expect(github.reviewComments).toHaveLength(0);
  });

  it('posts nothing on a fork pull request and still gates', async () => {
    const workspace = new Workspace();
    github = new FakeGitHub({ files: workspace.files });
    const url = await github.start();
    const run = await workspace.run(url, {}, pullRequestEvent(true));
    expect(run.code).toBe(1);
    expect(github.requests.filter((request) => request.method !== 'GET')).toEqual([]);
    expect(run.outputs.mode).toBe('degraded');
  });

  it('reports on a fork pull request from a workflow_run with full rights: found by head branch and commit, one review, the check on its head', async () => {
    const workspace = new Workspace();
    workspace.checkOut(HEAD_SHA);
    github = new FakeGitHub({ files: workspace.files, pull: { number: 7, headSha: HEAD_SHA, headLabel: 'someone:feature' } });
    const url = await github.start();
    const run = await workspace.run(url, {}, workflowRunEvent(HEAD_SHA));
    expect(run.code).toBe(1);
    expect(run.outputs.mode).toBe('full');
    expect(github.reviews).toBe(1);
    expect(github.reviewComments.some((comment) => comment.body.includes('no-firewall-open-to-internet'))).toBe(true);
    expect([...github.checkRuns.values()]).toMatchObject([{ head_sha: HEAD_SHA, conclusion: 'failure' }]);
    expect(github.requests.map((request) => request.path)).toContain('/repos/octo/app/pulls?state=open&head=someone%3Afeature&per_page=100');
  });

  it('refuses to report a workflow_run on a checkout that is not the pull request head, and says what to check out', async () => {
    const workspace = new Workspace();
    workspace.checkOut('basesha0000000000000000000000000000000000');
    github = new FakeGitHub({ files: workspace.files, pull: { number: 7, headSha: HEAD_SHA, headLabel: 'someone:feature' } });
    const url = await github.start();
    const run = await workspace.run(url, {}, workflowRunEvent(HEAD_SHA));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::pgbaseline: this workflow_run reports on pull request #7');
    expect(run.stdout).toContain('check out github.event.workflow_run.head_sha');
    expect(github.requests.filter((request) => request.method !== 'GET')).toEqual([]);
  });

  it('leaves a workflow_run of an outdated commit to the run of the newer one', async () => {
    const workspace = new Workspace();
    workspace.checkOut(HEAD_SHA);
    github = new FakeGitHub({ files: workspace.files, pull: { number: 7, headSha: 'newersha00000000000000000000000000000000', headLabel: 'someone:feature' } });
    const url = await github.start();
    const run = await workspace.run(url, {}, workflowRunEvent(HEAD_SHA));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('has moved on from headsha to newersh');
    expect(github.requests.filter((request) => request.method !== 'GET')).toEqual([]);
  });

  it('waits out a secondary rate limit and then posts', async () => {
    const workspace = new Workspace();
    github = new FakeGitHub({ files: workspace.files, secondaryRateLimitOnce: true });
    const url = await github.start();
    const run = await workspace.run(url);
    expect(run.stdout).toContain('secondary rate limit');
    expect(github.requests.filter((request) => request.status === 403)).toHaveLength(1);
    expect(github.checkRuns.size).toBe(1);
    expect(github.reviewComments.length).toBeGreaterThan(0);
  });

  it('narrows a 422 down with pending reviews and submits exactly one review, the refused comment in its body', async () => {
    const workspace = new Workspace();
    github = new FakeGitHub({ files: workspace.files, rejectLines: [{ path: 'infra/db.tf', line: 7 }] });
    const url = await github.start();
    const run = await workspace.run(url);
    expect(run.stdout).toContain('GitHub refused 1 inline comment(s) (422)');
    expect(github.reviews).toBe(1);
    expect(github.reviewComments.length).toBeGreaterThan(1);
    expect(github.reviewComments.some((comment) => comment.line === 7)).toBe(false);
    const [review] = github.submittedReviews;
    expect(review!.body).toContain('`no-public-network-access` at `infra/db.tf:7`');
    expect(review!.body).toMatch(/^<!-- pgbaseline:review sha=headsha0+ digest=\w+ fps=/);
  });

  it('fails fast on an invalid input, naming it', async () => {
    const workspace = new Workspace();
    github = new FakeGitHub({ files: workspace.files });
    const url = await github.start();
    const run = await workspace.run(url, { 'fail-scope': 'everything' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("Input 'fail-scope' must be one of changed-resources, changed-lines, all; got 'everything'.");
    expect(github.requests).toEqual([]);
  });

  it('on push, checks the paths with a check run and no review', async () => {
    const workspace = new Workspace();
    github = new FakeGitHub({ files: [] });
    const url = await github.start();
    const run = await workspace.run(url, { paths: 'infra', 'sarif-file': 'out/pgbaseline.sarif' }, { name: 'push', payload: { ref: 'refs/heads/main' } });
    expect(run.code).toBe(1); // the unchanged file's hard-coded password counts on push: the whole scope is checked
    expect(github.reviewComments).toHaveLength(0);
    expect([...github.checkRuns.values()][0]).toMatchObject({ head_sha: 'mergesha0000000000000000000000000000000000', conclusion: 'failure' });
    expect(JSON.parse(readFileSync(join(workspace.dir, 'out/pgbaseline.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(run.outputs.mode).toBe('push');
  });
});

/** A Terraform file with `rules` firewall rules, each open to the internet: three findings a rule. */
function manyRules(rules: number): string {
  const blocks = Array.from(
    { length: rules },
    (_, index) => `resource "azurerm_postgresql_flexible_server_firewall_rule" "r${index}" {
  name             = "r${index}"
  server_id        = azurerm_postgresql_flexible_server.orders.id
  start_ip_address = "0.0.0.0"
  end_ip_address   = "255.255.255.${index % 256}"
}
`,
  );
  return `${DB_TF}\n${blocks.join('\n')}`;
}

describe('the bot under real-world pull requests and faults', () => {
  it('is idempotent on re-runs of one commit: the inline cap counts what is on the pull request, nothing is posted twice', async () => {
    const workspace = new Workspace();
    workspace.write('infra/db.tf', manyRules(60));
    github = new FakeGitHub({ files: workspace.files });
    const url = await github.start();
    for (let run = 0; run < 3; run++) await workspace.run(url);
    expect(github.reviews).toBe(1);
    expect(github.reviewComments.length).toBe(30);
    expect(new Set(github.reviewComments.map((comment) => comment.body)).size).toBe(30);
  });

  it('keeps every body within its limit with 1,200+ findings, in one review, most severe inline', async () => {
    const workspace = new Workspace();
    workspace.write('infra/db.tf', manyRules(420));
    github = new FakeGitHub({ files: workspace.files });
    const url = await github.start();
    const run = await workspace.run(url, { 'max-inline-comments': '10' });
    expect(run.code).toBe(1);
    expect(github.reviews).toBe(1);
    const [review] = github.submittedReviews;
    expect([...review!.body].length).toBeLessThanOrEqual(65_536);
    expect(review!.body).toContain('more: see the check run');
    expect(github.reviewComments.every((comment) => comment.body.includes('critical'))).toBe(true);
    expect(github.issueComments.every((comment) => [...comment.body].length <= 65_536)).toBe(true);
    expect(github.requests.filter((request) => request.status === 422)).toEqual([]);
  });

  it('does not post the review twice when GitHub creates it and answers 502', async () => {
    const workspace = new Workspace();
    github = new FakeGitHub({ files: workspace.files, failAfterCreatingReviewOnce: true });
    const url = await github.start();
    const run = await workspace.run(url);
    expect(github.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/reviews') && request.status === 502)).toHaveLength(1);
    expect(github.reviews).toBe(1);
    expect(run.outputs['review-id']).toBe(String(github.submittedReviews[0]!.id));
  });

  it('resolves the other threads when one cannot be resolved', async () => {
    const workspace = new Workspace();
    workspace.write('infra/db.tf', manyRules(3));
    github = new FakeGitHub({ files: workspace.files });
    const url = await github.start();
    await workspace.run(url);
    const threads = github.reviewComments.filter((comment) => comment.body.includes('no-firewall-open-to-internet'));
    expect(threads.length).toBe(4); // the file's own open rule and three more
    github.options.missingThreads = [threads[0]!.threadId];
    workspace.write('infra/db.tf', DB_TF.replace('"255.255.255.255"', '"0.0.0.0"'));
    const run = await workspace.run(url);
    expect(threads.slice(1).every((thread) => thread.resolved)).toBe(true);
    expect(run.stdout).toContain('1 review thread(s) of fixed findings could not be resolved');
  });

  it('recognises its earlier comments under a GitHub App token by marker and bot account, not by login', async () => {
    const workspace = new Workspace();
    github = new FakeGitHub({ files: workspace.files, botLogin: 'pgbaseline-app[bot]' });
    const url = await github.start();
    await workspace.run(url);
    const comments = github.reviewComments.length;
    await workspace.run(url);
    expect(github.reviews).toBe(1);
    expect(github.reviewComments.length).toBe(comments);
    expect(github.issueComments).toHaveLength(1);
  });

  it('takes up its own check run on a re-run of the same commit, without repeating annotations', async () => {
    const workspace = new Workspace();
    github = new FakeGitHub({ files: workspace.files });
    const url = await github.start();
    await workspace.run(url);
    const [first] = [...github.checkRuns.values()];
    const annotations = first!.annotations.length;
    await workspace.run(url);
    expect(github.checkRuns.size).toBe(1);
    expect([...github.checkRuns.values()][0]!.annotations.length).toBe(annotations);
  });

  it('shows repository text as text: a URL in a server name is no link in any comment', async () => {
    const workspace = new Workspace();
    workspace.write('infra/db.tf', DB_TF.replace('"orders-db"', '"https://evil.example/login"'));
    github = new FakeGitHub({ files: workspace.files });
    const url = await github.start();
    await workspace.run(url);
    const written = [...github.reviewComments.map((comment) => comment.body), ...github.issueComments.map((comment) => comment.body), ...github.submittedReviews.map((review) => review.body)];
    expect(written.join('\n')).toContain('evil.example');
    expect(written.filter((body) => /https:\/\/evil/.test(body))).toEqual([]);
  });

  it('posts a fresh summary each run that changes it with comment-mode hide-and-new, hiding the earlier ones as outdated', async () => {
    const workspace = new Workspace();
    github = new FakeGitHub({ files: workspace.files });
    const url = await github.start();
    await workspace.run(url, { 'comment-mode': 'hide-and-new' });
    await workspace.run(url, { 'comment-mode': 'hide-and-new' }); // nothing changed: nothing posted
    expect(github.issueComments).toHaveLength(1);
    workspace.write('infra/db.tf', DB_TF.replace('public_network_access_enabled = true', 'public_network_access_enabled = false'));
    const run = await workspace.run(url, { 'comment-mode': 'hide-and-new' });
    expect(github.issueComments).toHaveLength(2);
    expect(github.issueComments.map((comment) => comment.minimized)).toEqual(['OUTDATED', undefined]);
    expect(run.outputs['comment-id']).toBe(String(github.issueComments[1]!.id));
  });
});
