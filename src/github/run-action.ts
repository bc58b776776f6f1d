import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { RULES } from '../../rules/index.js';
import { resolveSettings } from '../settings.js';
import type { Finding } from '../engine/finding.js';
import { activeFindings, atOrAbove, blockingFindings, levelOf, SEVERITIES, type FailOn } from '../engine/severity.js';
import { formatJson } from '../report/format-json.js';
import { formatMarkdown } from '../report/format-markdown.js';
import { formatSarif } from '../report/format-sarif.js';
import { countBySeverity, countSuppressions } from '../report/summary.js';
import type { ScanOptions } from '../collect.js';
import { scan } from '../scan.js';
import { VERSION } from '../version.js';
import { completeCheckRun, startCheckRun, type CheckTarget, type Conclusion } from './check-run.js';
import { isPermissionError, type GitHubClient } from './client.js';
import { inGateScope, placeFinding, type DiffPlacement } from './diff-scope.js';
import type { ActionInputs } from './inputs.js';
import { MAX_JOB_SUMMARY_BYTES, MAX_WORKFLOW_ANNOTATIONS_PER_KIND } from './limits.js';
import { postReview, resolveFixedThreads } from './post-review.js';
import { listChangedFiles, pullRequestOf, scanTargets, type ChangedFile } from './pull-request.js';
import { upsertStickyComment } from './sticky-comment.js';
import { truncateUtf8 } from './truncate.js';

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

export type Mode = 'full' | 'degraded' | 'push';

export interface ActionResult {
  /** Set when the gate trips: the reason, for `core.setFailed`. */
  failure?: string;
  mode: Mode;
}

const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);

export async function runAction(
  inputs: ActionInputs,
  env: ActionEnvironment,
  host: ActionHost,
  client: GitHubClient,
  live?: ScanOptions['live'],
): Promise<ActionResult> {
  const pr = PR_EVENTS.has(env.eventName) ? pullRequestOf(env.payload, env.repository, env.actor) : undefined;
  let mode: Mode = pr ? (pr.readOnly ? 'degraded' : 'full') : 'push';
  if (pr?.readOnly) host.info('This pull request comes from a fork or Dependabot: its token is read-only, so findings go to annotations and the job summary.');

  /** Runs a GitHub write; a read-only token degrades the run instead of failing it, and says which permission is missing. */
  const write = async <T>(what: string, permission: string, action: () => Promise<T>): Promise<T | undefined> => {
    if (mode === 'degraded') return undefined;
    try {
      return await action();
    } catch (error) {
      if (isPermissionError(error)) {
        mode = 'degraded';
        host.warning(`Cannot ${what}: the token lacks '${permission}' (GitHub answered ${(error as { status?: number }).status}). Falling back to annotations and the job summary.`);
      } else {
        host.warning(`Could not ${what}: ${error instanceof Error ? error.message : String(error)}. The verdict is unaffected.`);
      }
      return undefined;
    }
  };

  const { config, baseline } = await resolveSettings({
    cwd: env.workspace,
    configFile: inputs.configFile,
    searchFrom: inputs.workingDirectory,
    baselineFile: inputs.baselineFile,
  });
  const [owner, repo] = env.repository.split('/') as [string, string];
  const headSha = pr?.headSha ?? (env.payload.merge_group as { head_sha?: string } | undefined)?.head_sha ?? env.sha;
  const target: CheckTarget = { owner, repo, headSha, name: inputs.checkName, externalId: `pgbaseline:${headSha}:${env.runKey}` };

  let changed: Map<string, ChangedFile> | undefined;
  // A pull request past GitHub's 3,000-file list cannot be diffed: scan `paths` whole, and let every finding gate.
  let truncated = false;
  if (pr) {
    try {
      ({ files: changed, truncated } = await listChangedFiles(client, pr));
    } catch (error) {
      host.warning(`Cannot list the pull request's files (${(error as { status?: number }).status ?? ''} ${error instanceof Error ? error.message : String(error)}): scanning ${inputs.workingDirectory} whole, without a diff filter. Grant 'pull-requests: read'.`);
    }
  }
  const fullPaths = inputs.paths.length ? inputs.paths : [inputs.workingDirectory];
  const paths = changed && !truncated ? scanTargets(changed, env.workspace, inputs.workingDirectory) : fullPaths;
  const failScope = truncated ? 'all' : inputs.failScope;
  const truncation = truncated
    ? `GitHub lists only the first ${changed!.size.toLocaleString('en-US')} of the ${pr!.changedFiles?.toLocaleString('en-US') ?? 'more'} files this pull request changes, so ${fullPaths.join(', ')} was scanned whole and every finding counts for the gate.`
    : undefined;
  if (truncation) host.warning(truncation);
  const deployedInputs = inputs.planFiles.length + inputs.whatIfFiles.length + inputs.live.servers.length + inputs.live.scopes.length;

  if (paths.length === 0 && deployedInputs === 0) {
    const message = 'No Infrastructure-as-Code changed in this pull request: nothing to check.';
    const id = await write('create the check run', 'checks: write', () => startCheckRun(client, target));
    if (id !== undefined) {
      await write('complete the check run', 'checks: write', () =>
        completeCheckRun(client, target, id, { findings: [], conclusion: 'skipped', title: 'No IaC changed', summary: message, text: '' }),
      );
    }
    await host.writeSummary(`## pgbaseline\n\n${message}\n`);
    setOutputs(host, [], false, [], mode, id);
    return { mode };
  }

  const checkId = await write('create the check run', 'checks: write', () => startCheckRun(client, target));
  const result = await scan({
    paths,
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

  const placements = new Map<Finding, DiffPlacement>();
  if (changed) for (const finding of result.findings) placements.set(finding, placeFinding(finding, changed, inputs.filterMode));
  const active = activeFindings(result.findings);
  const failOn: FailOn = inputs.failOn ?? config.failOn ?? 'critical';
  const blocking = blockingFindings(result.findings, failOn, (finding) => inGateScope(placements.get(finding), failScope));
  const gate = blocking.length
    ? `**Gate: failed.** ${blocking.length} finding(s) at or above \`${failOn}\` in ${failScope === 'all' ? 'the scanned files' : `the ${failScope}`}: ${[...new Set(blocking.map((finding) => `\`${finding.ruleId}\``))].join(', ')}.`
    : `**Gate: passed.** Nothing at or above \`${failOn}\` in ${failScope === 'all' ? 'the scanned files' : `the ${failScope}`}.`;
  const markdown = `${truncation ? `> ${truncation}\n\n` : ''}${formatMarkdown(result)}\n${gate}\n`;

  writeReports(inputs, env, result, host);

  let reviewId: number | undefined;
  let posted = 0;
  let resolved = 0;
  let commentId: number | undefined;
  if (pr && changed && mode === 'full') {
    const candidates = active.flatMap((finding) => {
      const placement = placements.get(finding);
      const eligible = placement?.inFilter && placement.commentLine !== undefined && atOrAbove(finding.severity, inputs.commentThreshold);
      return eligible ? [{ finding, line: placement.commentLine! }] : [];
    });
    const review = await write('post the review', 'pull-requests: write', () =>
      postReview(client, pr, candidates, { maxInline: inputs.maxInlineComments, suggestions: inputs.suggestions, readLine: lineReader(env.workspace) }),
    );
    reviewId = review?.reviewId;
    posted = review?.posted ?? 0;
    if (review?.rejected.length) host.warning(`GitHub refused ${review.rejected.length} inline comment(s) (422): they are in the review body, the check run and the summary.`);
    if (inputs.staleComments === 'resolve') {
      const present = new Set(result.findings.map((finding) => finding.fingerprint));
      const threads = await write('resolve fixed review threads', 'pull-requests: write', () => resolveFixedThreads(client, pr, present, new Set(paths)));
      resolved = threads?.resolved ?? 0;
      if (threads?.failed) host.warning(`${threads.failed} review thread(s) of fixed findings could not be resolved; the others were.`);
    }
    if (inputs.commentMode !== 'off') {
      const sticky = await write('update the summary comment', 'pull-requests: write', () =>
        upsertStickyComment(client, pr, env.runKey, markdown, inputs.commentMode === 'update' || active.length > 0),
      );
      commentId = sticky?.id;
    }
  }

  if (checkId !== undefined) {
    const conclusion: Conclusion = blocking.length ? 'failure' : active.length ? 'neutral' : 'success';
    const counts = countBySeverity(active);
    await write('complete the check run', 'checks: write', () =>
      completeCheckRun(client, target, checkId, {
        findings: active.filter((finding) => inGateScope(placements.get(finding), 'all')),
        conclusion,
        title: `${active.length} finding(s): ${SEVERITIES.map((severity) => `${counts[severity]} ${severity}`).join(', ')}`,
        summary: `${gate}\n\n${markdown}`,
        text: '',
      }),
    );
  }

  if (mode === 'degraded') {
    // What the pull request changed first: the runner shows only ten annotations of each kind.
    const inScope = (finding: Finding) => inGateScope(placements.get(finding), failScope);
    annotateTop([...active.filter(inScope), ...active.filter((finding) => !inScope(finding))], host);
  }
  const summary = mode === 'degraded' ? `> Read-only token: nothing was posted on the pull request; this summary and the annotations have the findings.\n\n${markdown}` : markdown;
  await host.writeSummary(truncateUtf8(summary, MAX_JOB_SUMMARY_BYTES, '_Truncated at the job summary size limit: the JSON or SARIF report has every finding._'));
  setOutputs(host, result.findings, blocking.length > 0, blocking, mode, checkId, { reviewId, posted, resolved, commentId, inputs });
  const failure = blocking.length
    ? `pgbaseline: ${blocking.length} finding(s) at or above ${failOn}: ${[...new Set(blocking.map((finding) => finding.ruleId))].join(', ')}`
    : undefined;
  return { mode, ...(failure && { failure }) };
}

function writeReports(inputs: ActionInputs, env: ActionEnvironment, result: Awaited<ReturnType<typeof scan>>, host: ActionHost): void {
  const write = (file: string, text: string) => {
    const path = resolve(env.workspace, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  };
  if (inputs.sarifFile) write(inputs.sarifFile, formatSarif(result, RULES, VERSION));
  if (inputs.jsonReport) write(inputs.jsonReport, formatJson(result));
  if (inputs.sarifFile) host.info(`SARIF written to ${inputs.sarifFile}: upload it with github/codeql-action/upload-sarif.`);
}

/** At most 10 errors and 10 warnings, in the given order: what the runner shows per step; the summary has the rest. */
function annotateTop(ordered: Finding[], host: ActionHost): void {
  const errors = ordered.filter((finding) => levelOf(finding.severity) === 'error').slice(0, MAX_WORKFLOW_ANNOTATIONS_PER_KIND);
  const warnings = ordered.filter((finding) => levelOf(finding.severity) !== 'error').slice(0, MAX_WORKFLOW_ANNOTATIONS_PER_KIND);
  for (const finding of [...errors, ...warnings]) host.annotate(finding);
}

function lineReader(workspace: string): (file: string, line: number) => string | undefined {
  const cache = new Map<string, string[]>();
  return (file, line) => {
    if (!cache.has(file)) {
      try {
        cache.set(file, readFileSync(resolve(workspace, file), 'utf8').split('\n'));
      } catch {
        cache.set(file, []);
      }
    }
    return cache.get(file)![line - 1];
  };
}

function setOutputs(
  host: ActionHost,
  findings: Finding[],
  blocking: boolean,
  blockingFindings: Finding[],
  mode: Mode,
  checkId: number | undefined,
  extra: { reviewId?: number; posted?: number; resolved?: number; commentId?: number; inputs?: ActionInputs } = {},
): void {
  const active = activeFindings(findings);
  const counts = countBySeverity(active);
  host.setOutput('findings-total', active.length);
  for (const severity of SEVERITIES) host.setOutput(`findings-${severity}`, counts[severity]);
  host.setOutput('blocking', blocking);
  host.setOutput('blocking-rules', [...new Set(blockingFindings.map((finding) => finding.ruleId))].join(','));
  host.setOutput('suppressed-count', countSuppressions(findings).suppressed);
  host.setOutput('baselined-count', countSuppressions(findings).baselined);
  host.setOutput('mode', mode);
  host.setOutput('check-run-id', checkId ?? '');
  host.setOutput('review-id', extra.reviewId ?? '');
  host.setOutput('inline-comments-posted', extra.posted ?? 0);
  host.setOutput('threads-resolved', extra.resolved ?? 0);
  host.setOutput('comment-id', extra.commentId ?? '');
  host.setOutput('sarif-file', extra.inputs?.sarifFile ?? '');
  host.setOutput('report-json', extra.inputs?.jsonReport ?? '');
}
