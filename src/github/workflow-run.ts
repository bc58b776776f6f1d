import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GitHubClient } from './client.js';
import type { PullRequest } from './pull-request.js';

interface WorkflowRunEvent {
  event?: string;
  head_sha?: string;
  head_branch?: string;
  head_repository?: { full_name?: string; owner?: { login?: string } } | null;
  pull_requests?: { number: number; head?: { sha?: string } }[];
}

/** The events whose runs a `workflow_run` report is about: a pull request's, from a fork or not. */
const PULL_REQUEST_RUNS = new Set(['pull_request', 'pull_request_target']);

/**
 * The pull request a `workflow_run` event reports on: the run of a pull request workflow, which on a fork had a
 * read-only token. This run has the base repository's token, so it posts with full rights. GitHub leaves
 * `pull_requests` empty for a fork's run; the pull request is then found by its head branch and commit.
 */
export async function pullRequestOfWorkflowRun(
  client: GitHubClient,
  payload: Record<string, unknown>,
  repository: string,
): Promise<{ pr: PullRequest } | { skip: string } | undefined> {
  const run = payload.workflow_run as WorkflowRunEvent | undefined;
  if (!run?.head_sha || !PULL_REQUEST_RUNS.has(run.event ?? '')) return undefined;
  const [owner, repo] = repository.split('/') as [string, string];
  let number = run.pull_requests?.find((candidate) => candidate.head?.sha === run.head_sha)?.number;
  if (number === undefined && run.head_branch && run.head_repository?.owner?.login) {
    const { data } = await client.rest.pulls.list({ owner, repo, state: 'open', head: `${run.head_repository.owner.login}:${run.head_branch}`, per_page: 100 });
    number = (data.find((candidate) => candidate.head.sha === run.head_sha) ?? data[0])?.number;
  }
  if (number === undefined) return { skip: `No open pull request has ${run.head_sha.slice(0, 7)} as its head: nothing to report on.` };
  const { data } = await client.rest.pulls.get({ owner, repo, pull_number: number });
  // Pushed again since that run: its diff is no longer this commit's, and the newer run will report.
  if (data.head.sha !== run.head_sha) return { skip: `Pull request #${number} has moved on from ${run.head_sha.slice(0, 7)} to ${data.head.sha.slice(0, 7)}: the run of the newer commit reports on it.` };
  return { pr: { owner, repo, number, headSha: run.head_sha, readOnly: false, changedFiles: data.changed_files } };
}

/**
 * The commit checked out in the workspace (`.git/HEAD`, detached or through a ref), or undefined when it cannot be
 * read. A report on a pull request must scan its head, not the default branch the `workflow_run` starts on.
 */
export function readCheckedOutCommit(workspace: string): string | undefined {
  try {
    const head = readFileSync(join(workspace, '.git', 'HEAD'), 'utf8').trim();
    const ref = /^ref: (.+)$/.exec(head)?.[1];
    if (!ref) return head;
    try {
      return readFileSync(join(workspace, '.git', ref), 'utf8').trim();
    } catch {
      // `packed-refs` lines are `<sha> <ref>`.
      const packed = readFileSync(join(workspace, '.git', 'packed-refs'), 'utf8').split('\n');
      return packed.find((line) => line.slice(41).trimEnd() === ref && /^[0-9a-f]{40} /.test(line))?.slice(0, 40);
    }
  } catch {
    return undefined;
  }
}
