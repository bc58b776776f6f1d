import type { Reporter } from '../action-context.js';
import { MAX_JOB_SUMMARY_BYTES } from '../limits.js';
import { truncateUtf8 } from '../truncate.js';

/** The job summary, always written, whatever the token may do. */
export const writeJobSummary: Reporter = async ({ host, session, verdict }) => {
  const summary =
    session.mode === 'degraded'
      ? `> Read-only token: nothing was posted on the pull request; this summary and the annotations have the findings.\n\n${verdict.markdown}`
      : verdict.markdown;
  await host.writeSummary(truncateUtf8(summary, MAX_JOB_SUMMARY_BYTES, '_Truncated at the job summary size limit: the JSON or SARIF report has every finding._'));
};
