import { activeFindings } from '../engine/gate.js';
import type { ScanResult } from '../scan.js';
import { describeCounts, describeQuietCounts, describeSuppression } from './summary.js';
import { describeKnownVerdicts, groupNotEvaluated } from './verdicts.js';

/** Human-readable output for a terminal: findings grouped by file, each with its fix. */
export function formatText(result: ScanResult): string {
  const lines: string[] = [];
  let currentFile: string | undefined;
  for (const finding of activeFindings(result.findings)) {
    if (finding.file !== currentFile) {
      if (currentFile !== undefined) lines.push('');
      lines.push(finding.file);
      currentFile = finding.file;
    }
    lines.push(`  ${finding.file}:${finding.line}  ${finding.severity.padEnd(8)} ${finding.ruleId}`);
    lines.push(`    ${finding.message}`);
    if (finding.fix) lines.push(...finding.fix.split('\n').map((line, index) => (index === 0 ? `    fix: ${line}` : `         ${line}`)));
  }
  // Baselined findings are only counted: listing every accepted finding on each run is noise.
  const quiet = result.findings.filter((finding) => finding.suppression && finding.suppression.kind !== 'baseline');
  if (quiet.length) {
    if (lines.length) lines.push('');
    lines.push('Suppressed (not gating):');
    for (const finding of quiet) lines.push(`  ${finding.file}:${finding.line}  ${finding.ruleId}  ${describeSuppression(finding)}`);
  }
  const gaps = groupNotEvaluated(result.notEvaluated);
  if (gaps.length) {
    if (lines.length) lines.push('');
    lines.push('Not evaluated (values the scan cannot know; --format json lists each check):');
    for (const gap of gaps) {
      const more = gap.reasons.length > 1 ? ` (+${gap.reasons.length - 1} more)` : '';
      lines.push(`  ${gap.file}:${gap.line}  ${gap.server}: ${gap.rules.length} rule${gap.rules.length === 1 ? '' : 's'}: ${gap.reasons[0]}${more}`);
    }
  }
  if (result.notices.length) {
    if (lines.length) lines.push('');
    lines.push('Not checked:');
    for (const notice of result.notices) lines.push(`  ${notice.file ? `${notice.file}:${notice.line ?? 1}  ` : ''}${notice.message}`);
  }
  if (lines.length) lines.push('');
  const known = describeKnownVerdicts(result.stats);
  lines.push(
    `${describeCounts(result.findings)} in ${result.stats.servers} server${result.stats.servers === 1 ? '' : 's'} ` +
      `and ${result.stats.files} file${result.stats.files === 1 ? '' : 's'}` +
      describeQuietCounts(result.findings) +
      (known ? `; ${known}` : ''),
  );
  return `${lines.join('\n')}\n`;
}
