import type { NotEvaluated } from '../engine/finding.js';
import type { ScanResult } from '../engine/scan-result.js';
import { groupBy } from '../model/group-by.js';

export interface ServerGap {
  server: string;
  file: string;
  line: number;
  rules: string[];
  /** Distinct reasons, most frequent first. */
  reasons: string[];
}

/** Not-evaluated checks grouped by server: one line each in a report, not one per rule. */
export function groupNotEvaluated(items: NotEvaluated[]): ServerGap[] {
  return [...groupBy(items, (item) => `${item.server}\u0000${item.resource}`).values()].map((group) => ({
    server: group[0]!.server,
    file: group[0]!.file,
    line: group[0]!.line,
    rules: [...new Set(group.map((item) => item.ruleId))].sort(),
    reasons: rankReasons(group).map(({ reason }) => reason),
  }));
}

/** The reasons checks were not evaluated, most frequent first: each one a value the scan could not know. */
export function rankReasons(items: NotEvaluated[]): { reason: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const item of items) {
    // `setting: why` — the why is what a user can act on; the setting only says which rule asked.
    const reason = item.reason.replace(/^[\w.]+: /, '');
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return [...counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

/** "97% of 58 verdicts on known values", or nothing when no rule applied. */
export function describeKnownVerdicts(stats: ScanResult['stats']): string {
  if (stats.verdicts === 0) return '';
  const percent = Math.floor((stats.knownVerdicts / stats.verdicts) * 1000) / 10;
  return `${percent}% of ${stats.verdicts} rule verdicts on known values`;
}
