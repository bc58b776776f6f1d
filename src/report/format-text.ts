import type { ScanResult } from '../scan.js';
import { describeCounts } from './summary.js';

/** Human-readable output for a terminal: findings grouped by file, each with its fix. */
export function formatText(result: ScanResult): string {
  const lines: string[] = [];
  let currentFile: string | undefined;
  for (const finding of result.findings) {
    if (finding.file !== currentFile) {
      if (currentFile !== undefined) lines.push('');
      lines.push(finding.file);
      currentFile = finding.file;
    }
    lines.push(`  ${finding.file}:${finding.line}  ${finding.severity.padEnd(8)} ${finding.ruleId}`);
    lines.push(`    ${finding.message}`);
    if (finding.fix) lines.push(...finding.fix.split('\n').map((line, index) => (index === 0 ? `    fix: ${line}` : `         ${line}`)));
  }
  if (lines.length) lines.push('');
  const notEvaluated = result.notEvaluated.length;
  lines.push(
    `${describeCounts(result.findings)} in ${result.stats.servers} server${result.stats.servers === 1 ? '' : 's'} ` +
      `and ${result.stats.files} file${result.stats.files === 1 ? '' : 's'}` +
      (notEvaluated ? `; ${notEvaluated} check${notEvaluated === 1 ? '' : 's'} not evaluated (values unknown statically; see --format json)` : ''),
  );
  return `${lines.join('\n')}\n`;
}
