import type { Finding } from '../../engine/finding.js';
import { levelOf } from '../../engine/severity.js';
import type { Reporter } from '../action-context.js';
import { MAX_WORKFLOW_ANNOTATIONS_PER_KIND } from '../limits.js';

/**
 * Workflow-command annotations when nothing could be posted (a read-only token): what the pull request changed
 * first, since the runner shows only ten of each kind; the job summary has the rest.
 */
export const annotateWhenDegraded: Reporter = async ({ host, session, verdict }) => {
  if (session.mode !== 'degraded') return;
  const ordered = [...verdict.active.filter(verdict.inScope), ...verdict.active.filter((finding) => !verdict.inScope(finding))];
  const top = (wanted: (finding: Finding) => boolean) => ordered.filter(wanted).slice(0, MAX_WORKFLOW_ANNOTATIONS_PER_KIND);
  for (const finding of [...top((finding) => levelOf(finding.severity) === 'error'), ...top((finding) => levelOf(finding.severity) !== 'error')]) host.annotate(finding);
};
