import type { Finding } from '../engine/finding.js';
import { toPosix } from '../files/to-posix.js';
import { bySeverity, levelOf } from '../engine/severity.js';
import type { GitHubClient } from './client.js';
import { MAX_ANNOTATIONS_PER_REQUEST, MAX_CHECK_OUTPUT_BYTES } from './limits.js';
import { truncateUtf8 } from './truncate.js';

export type Conclusion = 'success' | 'failure' | 'neutral' | 'skipped';

const ANNOTATION_LEVELS = { error: 'failure', warning: 'warning', note: 'notice' } as const;
/** Annotations beyond this go to the job summary only. */
const MAX_ANNOTATIONS = 1_000;

export interface CheckTarget {
  owner: string;
  repo: string;
  headSha: string;
  name: string;
  externalId: string;
}

/** A check run of this run: its id, and whether an earlier run of the same commit started it. */
export interface CheckRun {
  id: number;
  reused: boolean;
}

/**
 * Starts the check run, in progress, so the pull request shows that a scan runs. A re-run on the same commit takes
 * up its own earlier run (same name and external id) instead of adding one more.
 */
export async function startCheckRun(client: GitHubClient, target: CheckTarget): Promise<CheckRun> {
  const { data: existing } = await client.rest.checks.listForRef({ owner: target.owner, repo: target.repo, ref: target.headSha, check_name: target.name, filter: 'all', per_page: 100 });
  const earlier = existing.check_runs.find((run) => run.external_id === target.externalId);
  if (earlier) {
    await client.rest.checks.update({ owner: target.owner, repo: target.repo, check_run_id: earlier.id, status: 'in_progress' });
    return { id: earlier.id, reused: true };
  }
  const { data } = await client.rest.checks.create({
    owner: target.owner,
    repo: target.repo,
    name: target.name,
    head_sha: target.headSha,
    external_id: target.externalId,
    status: 'in_progress',
  });
  return { id: data.id, reused: false };
}

/**
 * Sends annotations in batches of 50 (the API's limit per request), the last batch with the conclusion that
 * completes the run. Summary and text stay within 65,535 bytes, truncated on a line with a pointer.
 */
export async function completeCheckRun(
  client: GitHubClient,
  target: CheckTarget,
  run: CheckRun,
  report: { findings: Finding[]; conclusion: Conclusion; title: string; summary: string; text: string },
): Promise<{ batches: number }> {
  const ordered = [...report.findings].sort(bySeverity);
  // Findings on a live server that no file declares have no line in the repository to annotate.
  const all = ordered.filter((finding) => !finding.file.startsWith('azure:')).slice(0, MAX_ANNOTATIONS).map((finding) => ({
    path: toPosix(finding.file),
    start_line: finding.line,
    end_line: Math.max(finding.line, finding.endLine),
    annotation_level: ANNOTATION_LEVELS[levelOf(finding.severity)],
    title: `${finding.severity}: ${finding.ruleId}`.slice(0, 255),
    message: finding.message,
    ...(finding.fix && { raw_details: `Fix:\n${finding.fix}` }),
  }));
  const output = {
    title: report.title,
    summary: truncateUtf8(report.summary, MAX_CHECK_OUTPUT_BYTES, '_Truncated: the job summary has the full report._'),
    text: truncateUtf8(report.text, MAX_CHECK_OUTPUT_BYTES, '_Truncated: the job summary has the full report._'),
  };
  // GitHub appends annotations on every update, so a run taken up again gets only those it does not have yet.
  const present = run.reused ? await client.paginate(client.rest.checks.listAnnotations, { owner: target.owner, repo: target.repo, check_run_id: run.id, per_page: 100 }) : [];
  const key = (annotation: { path: string; start_line: number; title?: string | null; message: string | null }) =>
    [annotation.path, annotation.start_line, annotation.title, annotation.message].join('\u0000');
  const seen = new Set(present.map(key));
  const annotations = all.filter((annotation) => !seen.has(key(annotation)));
  const batches = Math.max(1, Math.ceil(annotations.length / MAX_ANNOTATIONS_PER_REQUEST));
  const update = (batch: number, completed: boolean) =>
    client.rest.checks.update({
      owner: target.owner,
      repo: target.repo,
      check_run_id: run.id,
      ...(completed && { status: 'completed', conclusion: report.conclusion }),
      output: { ...output, annotations: annotations.slice(batch * MAX_ANNOTATIONS_PER_REQUEST, (batch + 1) * MAX_ANNOTATIONS_PER_REQUEST) },
    });
  for (let batch = 0; batch < batches - 1; batch++) await update(batch, false);
  try {
    await update(batches - 1, true);
  } catch (error) {
    // The conclusion must land whatever GitHub thinks of an annotation: a run left in progress blocks the merge forever.
    if ((error as { status?: number }).status !== 422) throw error;
    await client.rest.checks.update({ owner: target.owner, repo: target.repo, check_run_id: run.id, status: 'completed', conclusion: report.conclusion, output });
  }
  return { batches };
}
