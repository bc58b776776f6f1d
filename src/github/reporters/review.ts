import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { atOrAbove } from '../../engine/severity.js';
import type { Reporter } from '../action-context.js';
import { postReview, resolveFixedThreads } from '../post-review.js';

/** One review of the changed lines, and the threads of fixed findings resolved (pull requests with a write token). */
export const reviewPullRequest: Reporter = async ({ inputs, env, host, client, session, pr, scope, verdict }) => {
  if (!pr || !scope.changed || session.mode !== 'full') return {};
  const candidates = verdict.active.flatMap((finding) => {
    const placement = verdict.placements.get(finding);
    if (!placement?.inFilter || !atOrAbove(finding.severity, inputs.commentThreshold)) return [];
    if (placement.commentLine !== undefined) return [{ finding, line: placement.commentLine }];
    // No usable diff line (GitHub sent no patch, or the line is outside the hunks): a comment on the file, when the
    // pull request changes it.
    return placement.inChangedFile ? [{ finding }] : [];
  });
  const review = await session.write('post the review', 'pull-requests: write', () =>
    postReview(client, pr, candidates, { maxInline: inputs.maxInlineComments, suggestions: inputs.suggestions, readLine: lineReader(env.workspace) }),
  );
  if (review?.rejected.length) host.warning(`GitHub refused ${review.rejected.length} inline comment(s) (422): they are in the review body, the check run and the summary.`);
  let resolved = 0;
  if (inputs.staleComments === 'resolve') {
    const present = new Set(verdict.result.findings.map((finding) => finding.fingerprint));
    const threads = await session.write('resolve fixed review threads', 'pull-requests: write', () => resolveFixedThreads(client, pr, present, new Set(scope.paths)));
    resolved = threads?.resolved ?? 0;
    if (threads?.failed) host.warning(`${threads.failed} review thread(s) of fixed findings could not be resolved; the others were.`);
  }
  return { reviewId: review?.reviewId, posted: review?.posted ?? 0, resolved };
};

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
