import type { Finding } from '../engine/finding.js';
import { activeFindings } from '../engine/severity.js';
import { SEVERITIES, type Severity } from '../engine/severity.js';

export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const counts = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

export function countSuppressions(findings: Finding[]): { suppressed: number; baselined: number } {
  const baselined = findings.filter((finding) => finding.suppression?.kind === 'baseline').length;
  return { suppressed: findings.filter((finding) => finding.suppression).length - baselined, baselined };
}

/** "3 findings (1 critical, 2 high)", counting only findings that gate. */
export function describeCounts(findings: Finding[]): string {
  const active = activeFindings(findings);
  const counts = countBySeverity(active);
  const parts = SEVERITIES.filter((severity) => counts[severity] > 0).map((severity) => `${counts[severity]} ${severity}`);
  return parts.length ? `${active.length} finding${active.length === 1 ? '' : 's'} (${parts.join(', ')})` : 'no findings';
}

/** "; 2 suppressed, 1 in the baseline", or nothing. */
export function describeQuietCounts(findings: Finding[]): string {
  const { suppressed, baselined } = countSuppressions(findings);
  const parts = [suppressed && `${suppressed} suppressed`, baselined && `${baselined} in the baseline`].filter(Boolean);
  return parts.length ? `; ${parts.join(', ')}` : '';
}

/** "suppressed inline until 2027-01-01: reason" */
export function describeSuppression(finding: Finding): string {
  const suppression = finding.suppression;
  if (!suppression) return '';
  const how = suppression.kind === 'baseline' ? 'in the baseline' : `suppressed ${suppression.kind === 'inline' ? 'inline' : 'by configuration'}`;
  return `${how}${suppression.until ? ` until ${suppression.until}` : ''}${suppression.reason ? `: ${suppression.reason}` : ''}`;
}

/** Baseline items that no IaC can show: listed once, never reported as findings. */
export const MANUAL_CHECKLIST = [
  ['Use managed identities for application access', 'https://learn.microsoft.com/entra/identity/managed-identities-azure-resources/overview'],
  ['Enforce MFA and Conditional Access for database users', 'https://learn.microsoft.com/entra/identity/conditional-access/overview'],
  ['Use just-in-time access and review Entra roles regularly', 'https://learn.microsoft.com/azure/postgresql/flexible-server/how-to-manage-azure-ad-users'],
  ['Grant least privilege with PostgreSQL roles and review them', 'https://learn.microsoft.com/azure/postgresql/flexible-server/how-to-create-users'],
  ['Verify the server certificate in clients and keep root CAs current', 'https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-networking-ssl-tls'],
  ['Consider confidential compute for highly sensitive workloads', 'https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-confidential-computing'],
] as const;
