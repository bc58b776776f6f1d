import type { Finding } from './finding.js';
import { SEVERITIES, type Severity } from './rule.js';

export type FailOn = Severity | 'none';

/** Findings that count: suppressed and baselined ones are reported but never gate. */
export function activeFindings(findings: Finding[]): Finding[] {
  return findings.filter((finding) => !finding.suppression);
}

/** Whether any active finding is at or above the threshold. */
export function tripsGate(findings: Finding[], failOn: FailOn): boolean {
  if (failOn === 'none') return false;
  const threshold = SEVERITIES.indexOf(failOn);
  return activeFindings(findings).some((finding) => SEVERITIES.indexOf(finding.severity) <= threshold);
}
