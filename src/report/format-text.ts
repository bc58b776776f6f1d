import type { Finding } from '../engine/finding.js';
import { activeFindings, bySeverity, type Severity } from '../engine/severity.js';
import type { ScanResult } from '../engine/scan-result.js';
import { describeCounts, describeQuietCounts, describeSuppression } from './summary.js';
import { groupBy } from '../model/group-by.js';
import { describeKnownVerdicts, groupNotEvaluated } from './verdicts.js';

export interface TextOptions {
  /** ANSI colours: the CLI turns them on for a terminal, off when piped or when NO_COLOR is set. */
  color?: boolean;
  /** One line a finding, no fix blocks: for CI logs. */
  compact?: boolean;
}

const SEVERITY_COLORS: Record<Severity, string> = { critical: '1;31', high: '31', medium: '33', low: '36' };

/** Human-readable output for a terminal: findings grouped by file, most severe first, each with its fix. */
export function formatText(result: ScanResult, options: TextOptions = {}): string {
  const paint = (code: string, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  for (const [file, findings] of groupByFile(activeFindings(result.findings))) {
    if (lines.length) lines.push('');
    lines.push(paint('4', file));
    for (const finding of findings) {
      const where = `${finding.file}:${finding.line}`;
      lines.push(`  ${where}  ${paint(SEVERITY_COLORS[finding.severity], finding.severity.padEnd(8))} ${paint('1', finding.ruleId)}${options.compact ? `  ${finding.message}` : ''}`);
      if (options.compact) continue;
      lines.push(`    ${finding.message}`);
      if (finding.fix) lines.push(...finding.fix.split('\n').map((line, index) => paint('2', index === 0 ? `    fix: ${line}` : `         ${line}`)));
    }
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
    lines.push(paint('33', 'Not checked:'));
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

/** Findings by file in the scan's order, and within a file the most severe first, then by line. */
function groupByFile(findings: Finding[]): Map<string, Finding[]> {
  const files = groupBy(findings, (finding) => finding.file);
  for (const list of files.values()) list.sort((a, b) => bySeverity(a, b) || a.line - b.line);
  return files;
}
