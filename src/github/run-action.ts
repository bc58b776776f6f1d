import type { ScanOptions } from '../collect.js';
import type { Finding } from '../engine/finding.js';
import { activeFindings, SEVERITIES } from '../engine/severity.js';
import { countBySeverity, countSuppressions } from '../report/summary.js';
import { scan } from '../scan.js';
import { resolveSettings } from '../settings.js';
import type { ActionEnvironment, ActionHost, ActionRun, Reporter, ReporterOutputs } from './action-context.js';
import { completeCheckRun, startCheckRun, type CheckTarget } from './check-run.js';
import type { GitHubClient } from './client.js';
import type { ActionInputs } from './inputs.js';
import { readScope } from './pull-request-scope.js';
import { pullRequestOf, type PullRequest } from './pull-request.js';
import { annotateWhenDegraded } from './reporters/annotations.js';
import { completeCheck } from './reporters/check-run.js';
import { writeReportFiles } from './reporters/files.js';
import { writeJobSummary } from './reporters/job-summary.js';
import { reviewPullRequest } from './reporters/review.js';
import { updateSummaryComment } from './reporters/summary-comment.js';
import { GitHubSession, type Mode } from './session.js';
import { judge } from './verdict.js';
import { pullRequestOfWorkflowRun, readCheckedOutCommit } from './workflow-run.js';

export interface ActionResult {
  /** Set when the gate trips: the reason, for `core.setFailed`. */
  failure?: string;
  mode: Mode;
}

const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);

/** In the order they run: files first (they need no token), the job summary last (it says how the others went). */
const REPORTERS: readonly Reporter[] = [writeReportFiles, reviewPullRequest, updateSummaryComment, completeCheck, annotateWhenDegraded, writeJobSummary];

/**
 * One run of the action, as the README tells it: find what the pull request changed, start the check run, scan,
 * judge the findings against the diff and the gate, then let each reporter post what it can.
 */
export async function runAction(inputs: ActionInputs, env: ActionEnvironment, host: ActionHost, client: GitHubClient, live?: ScanOptions['live']): Promise<ActionResult> {
  const pr = PR_EVENTS.has(env.eventName) ? pullRequestOf(env.payload, env.repository, env.actor) : await reportedPullRequest(client, env, host);
  if (pr === 'skip') return { mode: 'push' };
  const session = new GitHubSession(pr ? (pr.readOnly ? 'degraded' : 'full') : 'push', host);
  if (pr?.readOnly) {
    host.info(
      'This pull request comes from a fork or Dependabot: its token is read-only, so findings go to annotations and the job summary. ' +
        'For a review and a check run on such pull requests, add the workflow_run report of the README (Fork pull requests).',
    );
  }

  const { config, baseline } = await resolveSettings({ cwd: env.workspace, configFile: inputs.configFile, searchFrom: inputs.workingDirectory, baselineFile: inputs.baselineFile });
  const [owner, repo] = env.repository.split('/') as [string, string];
  const headSha = pr?.headSha ?? (env.payload.merge_group as { head_sha?: string } | undefined)?.head_sha ?? env.sha;
  const target: CheckTarget = { owner, repo, headSha, name: inputs.checkName, externalId: `pgbaseline:${headSha}:${env.runKey}` };
  const scope = await readScope(client, pr, { workspace: env.workspace, workingDirectory: inputs.workingDirectory, paths: inputs.paths, failScope: inputs.failScope }, host);

  const deployedInputs = inputs.planFiles.length + inputs.whatIfFiles.length + inputs.live.servers.length + inputs.live.scopes.length;
  if (scope.paths.length === 0 && deployedInputs === 0) return skip(client, session, target, host);

  const checkRun = await session.write('create the check run', 'checks: write', () => startCheckRun(client, target));
  const result = await scan({
    paths: scope.paths,
    cwd: env.workspace,
    config,
    baseline,
    paramFiles: inputs.paramFiles,
    planFiles: inputs.planFiles,
    whatIfFiles: inputs.whatIfFiles,
    live,
    parallel: env.parallel,
    now: inputs.now ?? env.now,
    bicepCache: env.bicepCache,
    ...(inputs.downloadModules && env.moduleCache && { downloadModules: { cacheDir: env.moduleCache, tokens: env.terraformTokens } }),
  });
  for (const notice of result.notices) host.warning(notice.file ? `${notice.file}:${notice.line ?? 1}: ${notice.message}` : notice.message);

  const verdict = judge(result, scope, inputs.failOn ?? config.failOn ?? 'critical', inputs.filterMode);
  const run: ActionRun = { inputs, env, host, client, session, pr, scope, verdict, target, checkRun };
  const outputs: ReporterOutputs = {};
  for (const reporter of REPORTERS) Object.assign(outputs, await reporter(run));

  setOutputs(host, result.findings, verdict.blocking, session.mode, checkRun?.id, outputs, inputs);
  const { blocking, failOn } = verdict;
  const failure = blocking.length ? `pgbaseline: ${blocking.length} finding(s) at or above ${failOn}: ${[...new Set(blocking.map((finding) => finding.ruleId))].join(', ')}` : undefined;
  return { mode: session.mode, ...(failure && { failure }) };
}

/**
 * The pull request a `workflow_run` reports on (the fork pull request recipe of the README), which must be what the
 * workspace has checked out: scanning the default branch instead would pass a gate on code the pull request does not
 * have.
 */
async function reportedPullRequest(client: GitHubClient, env: ActionEnvironment, host: ActionHost): Promise<PullRequest | 'skip' | undefined> {
  if (env.eventName !== 'workflow_run') return undefined;
  const found = await pullRequestOfWorkflowRun(client, env.payload, env.repository);
  if (!found) return undefined;
  if ('skip' in found) {
    host.info(found.skip);
    return 'skip';
  }
  const checkedOut = readCheckedOutCommit(env.workspace);
  if (checkedOut !== found.pr.headSha) {
    throw new Error(
      `this workflow_run reports on pull request #${found.pr.number} at ${found.pr.headSha}, but the workspace has ${checkedOut ?? 'no readable Git checkout'}: ` +
        'check out github.event.workflow_run.head_sha from github.event.workflow_run.head_repository.full_name (see the README).',
    );
  }
  return found.pr;
}

/** A pull request that changes no IaC: a skipped check run, so that a required check is not left waiting. */
async function skip(client: GitHubClient, session: GitHubSession, target: CheckTarget, host: ActionHost): Promise<ActionResult> {
  const message = 'No Infrastructure-as-Code changed in this pull request: nothing to check.';
  const checkRun = await session.write('create the check run', 'checks: write', () => startCheckRun(client, target));
  if (checkRun !== undefined) {
    await session.write('complete the check run', 'checks: write', () =>
      completeCheckRun(client, target, checkRun, { findings: [], conclusion: 'skipped', title: 'No IaC changed', summary: message, text: '' }),
    );
  }
  await host.writeSummary(`## pgbaseline\n\n${message}\n`);
  setOutputs(host, [], [], session.mode, checkRun?.id, {});
  return { mode: session.mode };
}

function setOutputs(host: ActionHost, findings: Finding[], blocking: Finding[], mode: Mode, checkId: number | undefined, outputs: ReporterOutputs, inputs?: ActionInputs): void {
  const active = activeFindings(findings);
  const counts = countBySeverity(active);
  const suppressions = countSuppressions(findings);
  host.setOutput('findings-total', active.length);
  for (const severity of SEVERITIES) host.setOutput(`findings-${severity}`, counts[severity]);
  host.setOutput('blocking', blocking.length > 0);
  host.setOutput('blocking-rules', [...new Set(blocking.map((finding) => finding.ruleId))].join(','));
  host.setOutput('suppressed-count', suppressions.suppressed);
  host.setOutput('baselined-count', suppressions.baselined);
  host.setOutput('mode', mode);
  host.setOutput('check-run-id', checkId ?? '');
  host.setOutput('review-id', outputs.reviewId ?? '');
  host.setOutput('inline-comments-posted', outputs.posted ?? 0);
  host.setOutput('threads-resolved', outputs.resolved ?? 0);
  host.setOutput('comment-id', outputs.commentId ?? '');
  host.setOutput('sarif-file', inputs?.sarifFile ?? '');
  host.setOutput('report-json', inputs?.jsonReport ?? '');
}
