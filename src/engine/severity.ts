import type { Finding } from './finding.js';

/** Most severe first: the order of every list, table and comment. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The gate's threshold (`fail-on`, `--fail-on`): findings at or above it fail the check. */
export type FailOn = Severity | 'none';

/** Sorts most severe first. */
export function bySeverity(a: { severity: Severity }, b: { severity: Severity }): number {
  return SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity);
}

export function atOrAbove(severity: Severity, threshold: FailOn): boolean {
  return threshold !== 'none' && SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold);
}

/** `critical` and `high` are errors wherever a report has levels (SARIF, annotations); `medium` warnings. */
export function levelOf(severity: Severity): 'error' | 'warning' | 'note' {
  return severity === 'critical' || severity === 'high' ? 'error' : severity === 'medium' ? 'warning' : 'note';
}

/** Findings that count: suppressed and baselined ones are reported but never gate. */
export function activeFindings(findings: Finding[]): Finding[] {
  return findings.filter((finding) => !finding.suppression);
}

/** The findings that fail the gate: active, at or above `failOn`, and in scope (the action's `fail-scope`). */
export function blockingFindings(findings: Finding[], failOn: FailOn, inScope: (finding: Finding) => boolean = () => true): Finding[] {
  return activeFindings(findings).filter((finding) => atOrAbove(finding.severity, failOn) && inScope(finding));
}
