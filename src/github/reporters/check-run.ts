import { countBySeverity } from '../../report/summary.js';
import { SEVERITIES } from '../../engine/severity.js';
import type { Reporter } from '../action-context.js';
import { completeCheckRun, type Conclusion } from '../check-run.js';

/** The check run's conclusion, summary and annotations (the run was started before the scan). */
export const completeCheck: Reporter = async ({ client, session, verdict, target, checkRun }) => {
  if (checkRun === undefined) return;
  const { active, blocking } = verdict;
  const conclusion: Conclusion = blocking.length ? 'failure' : active.length ? 'neutral' : 'success';
  const counts = countBySeverity(active);
  await session.write('complete the check run', 'checks: write', () =>
    completeCheckRun(client, target, checkRun, {
      findings: active,
      conclusion,
      title: `${active.length} finding(s): ${SEVERITIES.map((severity) => `${counts[severity]} ${severity}`).join(', ')}`,
      summary: `${verdict.gate}\n\n${verdict.markdown}`,
      text: '',
    }),
  );
};
