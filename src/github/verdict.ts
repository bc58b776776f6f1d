import type { Finding } from '../engine/finding.js';
import type { ScanResult } from '../engine/scan-result.js';
import { activeFindings, blockingFindings, type FailOn } from '../engine/severity.js';
import { formatMarkdown } from '../report/format-markdown.js';
import { inGateScope, placeFinding, type DiffPlacement } from './diff-scope.js';
import type { FilterMode } from './inputs.js';
import type { RunScope } from './pull-request-scope.js';

/** The run's judgement: where each finding stands against the diff, what gates, and the summary every reporter shows. */
export interface Verdict {
  result: ScanResult;
  active: Finding[];
  blocking: Finding[];
  failOn: FailOn;
  placements: Map<Finding, DiffPlacement>;
  inScope(finding: Finding): boolean;
  /** "Gate: failed/passed …", one line. */
  gate: string;
  /** The Markdown summary with the gate line: sticky comment, check run and job summary. */
  markdown: string;
}

export function judge(result: ScanResult, scope: RunScope, failOn: FailOn, filterMode: FilterMode): Verdict {
  const placements = new Map<Finding, DiffPlacement>();
  if (scope.changed) for (const finding of result.findings) placements.set(finding, placeFinding(finding, scope.changed, filterMode));
  const inScope = (finding: Finding) => inGateScope(placements.get(finding), scope.failScope);
  const blocking = blockingFindings(result.findings, failOn, inScope);
  const where = scope.failScope === 'all' ? 'the scanned files' : `the ${scope.failScope}`;
  const gate = blocking.length
    ? `**Gate: failed.** ${blocking.length} finding(s) at or above \`${failOn}\` in ${where}: ${[...new Set(blocking.map((finding) => `\`${finding.ruleId}\``))].join(', ')}.`
    : `**Gate: passed.** Nothing at or above \`${failOn}\` in ${where}.`;
  const markdown = `${scope.truncation ? `> ${scope.truncation}\n\n` : ''}${formatMarkdown(result)}\n${gate}\n`;
  return { result, active: activeFindings(result.findings), blocking, failOn, placements, inScope, gate, markdown };
}
