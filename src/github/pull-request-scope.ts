import type { GitHubClient } from './client.js';
import type { FailScope } from './inputs.js';
import { listChangedFiles, scanTargets, type ChangedFile, type PullRequest } from './pull-request.js';
import type { SessionLog } from './session.js';

/** What a run scans and what counts for its gate. */
export interface RunScope {
  /** The pull request's files with their changed lines; undefined outside pull requests or when they cannot be listed. */
  changed?: Map<string, ChangedFile>;
  paths: string[];
  failScope: FailScope;
  /** Why the whole of `paths` was scanned instead of the changed folders, for the summary. */
  truncation?: string;
}

/**
 * The folders of the changed IaC files, for a pull request; `paths` otherwise. A pull request past GitHub's
 * 3,000-file list cannot be diffed: `paths` is scanned whole and every finding gates, and the summary says so.
 */
export async function readScope(
  client: GitHubClient,
  pr: PullRequest | undefined,
  options: { workspace: string; workingDirectory: string; paths: string[]; failScope: FailScope },
  log: SessionLog,
): Promise<RunScope> {
  const fullPaths = options.paths.length ? options.paths : [options.workingDirectory];
  if (!pr) return { paths: fullPaths, failScope: options.failScope };
  let listed: Awaited<ReturnType<typeof listChangedFiles>>;
  try {
    listed = await listChangedFiles(client, pr);
  } catch (error) {
    log.warning(
      `Cannot list the pull request's files (${(error as { status?: number }).status ?? ''} ${error instanceof Error ? error.message : String(error)}): ` +
        `scanning ${options.workingDirectory} whole, without a diff filter. Grant 'pull-requests: read'.`,
    );
    return { paths: fullPaths, failScope: options.failScope };
  }
  if (!listed.truncated) return { changed: listed.files, paths: scanTargets(listed.files, options.workspace, options.workingDirectory), failScope: options.failScope };
  const truncation =
    `GitHub lists only the first ${listed.files.size.toLocaleString('en-US')} of the ${pr.changedFiles?.toLocaleString('en-US') ?? 'more'} files this pull request changes, ` +
    `so ${fullPaths.join(', ')} was scanned whole and every finding counts for the gate.`;
  log.warning(truncation);
  return { changed: listed.files, paths: fullPaths, failScope: 'all', truncation };
}
