import { activeFindings } from '../engine/gate.js';
import type { ScanResult } from '../scan.js';
import { describeCounts, describeQuietCounts, describeSuppression } from './summary.js';

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
  if (lines.length) lines.push('');
  const notEvaluated = result.notEvaluated.length;
  lines.push(
    `${describeCounts(result.findings)} in ${result.stats.servers} server${result.stats.servers === 1 ? '' : 's'} ` +
      `and ${result.stats.files} file${result.stats.files === 1 ? '' : 's'}` +
      describeQuietCounts(result.findings) +
      (notEvaluated ? `; ${notEvaluated} check${notEvaluated === 1 ? '' : 's'} not evaluated (values unknown statically; see --format json)` : ''),
  );
  return `${lines.join('\n')}\n`;
}
