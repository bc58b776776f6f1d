import { docsUrl } from '../engine/finding-kinds.js';
import type { Finding } from '../engine/finding.js';
import type { ScanResult } from '../engine/scan-result.js';
import { activeFindings, bySeverity, SEVERITIES } from '../engine/severity.js';
import { countBySeverity, describeCounts, describeQuietCounts, describeSuppression, MANUAL_CHECKLIST } from './summary.js';
import { groupBy } from '../model/group-by.js';
import { describeKnownVerdicts, groupNotEvaluated } from './verdicts.js';

/**
 * Markdown for job summaries and PR comments. Text from the repository is escaped so that a
 * resource name cannot inject HTML, links or @mentions.
 */
export function formatMarkdown(result: ScanResult): string {
  const active = activeFindings(result.findings);
  const quiet = result.findings.filter((finding) => finding.suppression);
  const counts = countBySeverity(active);
  const lines = [
    '## pgbaseline: Azure PostgreSQL security baseline',
    '',
    `${describeCounts(result.findings)} in ${result.stats.servers} server(s) and ${result.stats.files} file(s)${describeQuietCounts(result.findings)}` +
      `${describeKnownVerdicts(result.stats) ? `; ${describeKnownVerdicts(result.stats)}` : ''}.`,
    '',
    `| ${SEVERITIES.join(' | ')} |`,
    `|${SEVERITIES.map(() => '---:').join('|')}|`,
    `| ${SEVERITIES.map((severity) => counts[severity]).join(' | ')} |`,
    '',
  ];
  lines.push(...findingTables(active));
  if (quiet.length) {
    lines.push(
      `<details><summary>${quiet.length} suppressed or accepted finding(s), not gating</summary>`,
      '',
      ...quiet.map((finding) => `- \`${finding.ruleId}\` at \`${escapeCode(finding.file)}:${finding.line}\`: ${escapeMarkdown(describeSuppression(finding))}`),
      '',
      '</details>',
      '',
    );
  }
  if (result.notices.length) {
    lines.push(
      `<details open><summary>${result.notices.length} thing(s) not checked</summary>`,
      '',
      ...result.notices.map((notice) => `- ${notice.file ? `\`${escapeCode(notice.file)}:${notice.line ?? 1}\`: ` : ''}${escapeMarkdown(notice.message)}`),
      '',
      '</details>',
      '',
    );
  }
  if (result.notEvaluated.length) {
    const gaps = groupNotEvaluated(result.notEvaluated);
    lines.push(
      `<details><summary>${result.notEvaluated.length} check(s) on ${gaps.length} server(s) not evaluated: values the scan cannot know</summary>`,
      '',
      ...gaps.map(
        (gap) =>
          `- ${escapeMarkdown(gap.server)} (\`${escapeCode(gap.file)}:${gap.line}\`), ${gap.rules.length} rule(s): ${gap.reasons.map(escapeMarkdown).join('; ')}`,
      ),
      '',
      '</details>',
      '',
    );
  }
  lines.push(
    '<details><summary>Baseline items no IaC can show: check them by hand</summary>',
    '',
    ...MANUAL_CHECKLIST.map(([item, url]) => `- [ ] [${item}](${url})`),
    '',
    '</details>',
    '',
  );
  return lines.join('\n');
}

/** Rows shown in the table of the most severe findings, and in each server's section. */
const TOP_ROWS = 20;
const SERVER_ROWS = 50;

/**
 * Most severe first: a table of the top findings, then one collapsed section per server with its own findings, so
 * that a critical is never lost among 400 rows. Past each limit the rest are counted, not listed.
 */
function findingTables(findings: Finding[]): string[] {
  if (findings.length === 0) return [];
  const sorted = [...findings].sort((a, b) => bySeverity(a, b) || a.file.localeCompare(b.file) || a.line - b.line);
  const lines = [...table(sorted.slice(0, TOP_ROWS)), ''];
  if (sorted.length <= TOP_ROWS) return lines;
  const byServer = groupBy(sorted, (finding) => finding.server ?? 'Files that could not be read');
  lines.push(`${sorted.length - TOP_ROWS} more finding(s), by server:`, '');
  for (const [server, list] of byServer) {
    const counts = countBySeverity(list);
    const summary = SEVERITIES.filter((severity) => counts[severity]).map((severity) => `${counts[severity]} ${severity}`).join(', ');
    lines.push(`<details><summary>${escapeMarkdown(server)}: ${summary}</summary>`, '', ...table(list.slice(0, SERVER_ROWS)));
    if (list.length > SERVER_ROWS) lines.push('', `… and ${list.length - SERVER_ROWS} more of this server in the check run and the JSON report.`);
    lines.push('', '</details>', '');
  }
  return lines;
}

function table(findings: Finding[]): string[] {
  return ['| Severity | Rule | Location | Finding |', '|---|---|---|---|', ...findings.map(row)];
}

function row(finding: Finding): string {
  const rule = `[\`${finding.ruleId}\`](${docsUrl(finding.ruleId)})`;
  return `| ${finding.severity} | ${rule} | \`${escapeCode(finding.file)}:${finding.line}\` | ${escapeMarkdown(finding.message)} |`;
}

/**
 * Escapes Markdown and HTML, breaks @mentions with a zero-width joiner, and defuses the URLs GitHub would turn into
 * links (`https://…`, `www.…`): text from the repository must not put a link in the bot's mouth.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#+|!~]/g, (char) => `\\${char}`)
    .replace(/@(?=\w)/g, '@\u200d')
    .replace(/\b([a-z][a-z0-9+.-]*):(?=\/\/)/gi, '$1:\u200b')
    .replace(/\bwww\./gi, (match) => `${match.slice(0, 3)}\u200b.`)
    .replace(/\r?\n/g, ' ');
}

/** Text for inside a Markdown code span or table cell: no backtick or pipe can break out. */
export function escapeCode(text: string): string {
  return text.replace(/`/g, "'").replace(/\|/g, '\\|');
}
