import { toPosix } from '../files/to-posix.js';
import type { ScanResult } from '../engine/scan-result.js';
import { activeFindings } from '../engine/severity.js';
import { countBySeverity, countSuppressions } from './summary.js';
import { rankReasons } from './verdicts.js';

/** Version 1 of the JSON contract documented in the README. Fields are only ever added. */
export function formatJson(result: ScanResult): string {
  const report = {
    version: 1,
    findings: result.findings.map((finding) => ({
      ruleId: finding.ruleId,
      severity: finding.severity,
      title: finding.title,
      message: finding.message,
      file: toPosix(finding.file),
      line: finding.line,
      endLine: finding.endLine,
      resource: finding.resource,
      fix: finding.fix ?? null,
      server: finding.server ?? null,
      fingerprint: finding.fingerprint,
      kind: finding.kind ?? 'source',
      ...(finding.drift && { drift: finding.drift }),
      suppression: finding.suppression ? { ...finding.suppression, until: finding.suppression.until ?? null } : null,
    })),
    notEvaluated: result.notEvaluated.map((item) => ({
      ruleId: item.ruleId,
      resource: item.resource,
      server: item.server,
      reason: item.reason,
      file: toPosix(item.file),
      line: item.line,
    })),
    notices: result.notices.map((notice) => ({ kind: notice.kind, message: notice.message, file: notice.file ? toPosix(notice.file) : null, line: notice.line ?? null })),
    summary: {
      ...countBySeverity(activeFindings(result.findings)),
      ...countSuppressions(result.findings),
      ...result.stats,
      knownVerdictRate: result.stats.verdicts ? result.stats.knownVerdicts / result.stats.verdicts : null,
      notEvaluatedReasons: rankReasons(result.notEvaluated).slice(0, 10),
    },
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
