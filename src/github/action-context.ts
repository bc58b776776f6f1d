import type { ScanOptions } from '../collect.js';
import type { Finding } from '../engine/finding.js';
import type { CheckRun, CheckTarget } from './check-run.js';
import type { GitHubClient } from './client.js';
import type { ActionInputs } from './inputs.js';
import type { RunScope } from './pull-request-scope.js';
import type { PullRequest } from './pull-request.js';
import type { GitHubSession } from './session.js';
import type { Verdict } from './verdict.js';

/** What the action knows about its run, read from the runner's environment by the entry file. */
export interface ActionEnvironment {
  workspace: string;
  eventName: string;
  payload: Record<string, unknown>;
  repository: string;
  sha: string;
  actor: string;
  /** Tells apart the summary comments of matrix jobs and monorepo folders: `workflow/job/folder`. */
  runKey: string;
  /** Worker threads for large trees: the entry module and how many. */
  parallel?: ScanOptions['parallel'];
  now?: Date;
  /** Bicep's cache folder on the runner, where `bicep restore` puts registry modules. */
  bicepCache?: string;
  /** Where downloaded Terraform modules are kept (the runner's tool cache), and the registry tokens by host. */
  moduleCache?: string;
  terraformTokens?: Record<string, string>;
}

/** The runner's side: logs, workflow-command annotations, the job summary and outputs. */
export interface ActionHost {
  info(message: string): void;
  warning(message: string): void;
  annotate(finding: Finding): void;
  writeSummary(markdown: string): Promise<void>;
  setOutput(name: string, value: string | number | boolean): void;
}

/** Everything a reporter needs: the run's inputs and standing, its scope and its verdict. */
export interface ActionRun {
  inputs: ActionInputs;
  env: ActionEnvironment;
  host: ActionHost;
  client: GitHubClient;
  session: GitHubSession;
  pr?: PullRequest;
  scope: RunScope;
  verdict: Verdict;
  target: CheckTarget;
  checkRun?: CheckRun;
}

/** What reporters tell the outputs. */
export interface ReporterOutputs {
  reviewId?: number;
  posted?: number;
  resolved?: number;
  commentId?: number;
}

/**
 * One output of a run (reviewdog's "service"): it posts what it can within its own limits, degrades through the
 * session, and never changes the verdict.
 */
export type Reporter = (run: ActionRun) => Promise<ReporterOutputs | void>;
