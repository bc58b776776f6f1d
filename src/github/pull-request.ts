import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { GitHubClient } from './client.js';
import { MAX_PULL_FILES } from './limits.js';
import { parsePatch, type ChangedLines } from './parse-patch.js';

export interface PullRequest {
  owner: string;
  repo: string;
  number: number;
  headSha: string;
  /** Opened from a fork or by Dependabot: the token is read-only, so nothing can be posted. */
  readOnly: boolean;
  /** `changed_files` of the event: how many files the pull request really changes. */
  changedFiles?: number;
}

export interface ChangedFile {
  path: string;
  status: string;
  /** Undefined when GitHub sends no patch (binary or too large): the file changed, its lines are unknown. */
  lines?: ChangedLines;
}

const IAC_FILE = /\.(tf|tfvars|bicep|bicepparam|json)$/;

/** The pull request of a `pull_request` or `pull_request_target` event payload. */
export function pullRequestOf(payload: Record<string, unknown>, repository: string, actor: string): PullRequest | undefined {
  const pr = payload.pull_request as
    | { number: number; changed_files?: number; head: { sha: string; repo?: { full_name?: string } | null }; base: { repo: { full_name: string } } }
    | undefined;
  if (!pr) return undefined;
  const [owner, repo] = repository.split('/') as [string, string];
  const fork = pr.head.repo?.full_name !== pr.base.repo.full_name;
  return {
    owner,
    repo,
    number: pr.number,
    headSha: pr.head.sha,
    readOnly: fork || actor === 'dependabot[bot]',
    ...(typeof pr.changed_files === 'number' && { changedFiles: pr.changed_files }),
  };
}

/**
 * Every file of the pull request with its changed lines (paginated). GitHub stops at 3,000 files: `truncated` says
 * that the list is shorter than the pull request, so the files past it were never seen.
 */
export async function listChangedFiles(client: GitHubClient, pr: PullRequest): Promise<{ files: Map<string, ChangedFile>; truncated: boolean }> {
  const files = await client.paginate(client.rest.pulls.listFiles, { owner: pr.owner, repo: pr.repo, pull_number: pr.number, per_page: 100 });
  const truncated = files.length >= MAX_PULL_FILES && (pr.changedFiles === undefined || pr.changedFiles > files.length);
  return {
    files: new Map(
      files.slice(0, MAX_PULL_FILES).map((file) => [
        file.filename,
        { path: file.filename, status: file.status, ...(file.patch !== undefined && { lines: parsePatch(file.patch) }) },
      ]),
    ),
    truncated,
  };
}

/**
 * What to scan for a pull request: every IaC file in the folders of the changed IaC files, so a
 * changed child resource is evaluated with its server and module context.
 */
export function scanTargets(changed: Map<string, ChangedFile>, workspace: string, root: string): string[] {
  const folders = new Set<string>();
  for (const file of changed.values()) {
    if (file.status === 'removed' || !IAC_FILE.test(file.path) || !isUnder(file.path, root)) continue;
    folders.add(dirname(file.path));
  }
  const targets: string[] = [];
  for (const folder of folders) {
    try {
      for (const entry of readdirSync(resolve(workspace, folder), { withFileTypes: true })) {
        if (entry.isFile() && IAC_FILE.test(entry.name)) targets.push(join(folder, entry.name));
      }
    } catch {
      // The folder is gone at the head commit: nothing to scan there.
    }
  }
  return targets.sort();
}

function isUnder(path: string, root: string): boolean {
  return root === '.' || root === '' || path === root || path.startsWith(`${root.replace(/\/$/, '')}/`);
}
