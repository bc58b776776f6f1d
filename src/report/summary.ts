import type { Finding } from '../engine/finding.js';
import { SEVERITIES, type Severity } from '../engine/rule.js';

export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const counts = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

/** "3 findings (1 critical, 2 high)" */
export function describeCounts(findings: Finding[]): string {
  const counts = countBySeverity(findings);
  const parts = SEVERITIES.filter((severity) => counts[severity] > 0).map((severity) => `${counts[severity]} ${severity}`);
  const noun = findings.length === 1 ? 'finding' : 'findings';
  return parts.length ? `${findings.length} ${noun} (${parts.join(', ')})` : 'no findings';
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
