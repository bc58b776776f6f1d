import { docsUrl, isSuppressible } from '../engine/finding-kinds.js';
import type { Finding } from '../engine/finding.js';
import { escapeMarkdown } from '../report/format-markdown.js';

const ICONS = { critical: '🔴', high: '🟠', medium: '🟡', low: '🔵' } as const;
const MARKER = /<!-- pgbaseline:v1 fp=([0-9a-f]+) /;

/** The hidden marker that identifies a finding across runs, whatever line it moves to. */
export function findingMarker(finding: Finding): string {
  return `<!-- pgbaseline:v1 fp=${finding.fingerprint} rule=${finding.ruleId} -->`;
}

export function markerFingerprint(body: string): string | undefined {
  return MARKER.exec(body)?.[1];
}

/**
 * An inline review comment: what is wrong, the fix (a `suggestion` when the fix replaces the
 * commented line), and the docs link. `line` is the source text of the commented line.
 */
export function renderInlineComment(finding: Finding, line: string | undefined, suggestions: boolean): string {
  const parts = [`${ICONS[finding.severity]} **${finding.severity}** · \`${finding.ruleId}\` · ${escapeMarkdown(finding.title)}`, '', escapeMarkdown(finding.message), ''];
  const suggestion = suggestions ? suggestLine(finding.fix, line) : undefined;
  if (suggestion !== undefined) {
    parts.push(fenced('suggestion', suggestion));
  } else if (finding.fix) {
    parts.push('**Fix**', '', fenced(languageOf(finding.file), finding.fix));
  }
  const accept = isSuppressible(finding.ruleId) ? ` · to accept it on purpose: \`pgbaseline:ignore ${finding.ruleId} -- <reason>\`` : '';
  parts.push('', `[Documentation](${docsUrl(finding.ruleId)})${accept}`, findingMarker(finding));
  return parts.join('\n');
}

/** A comment on a whole file (no diff line to sit on): the inline comment, saying which line it is about. */
export function renderFileComment(finding: Finding): string {
  const [title, ...rest] = renderInlineComment(finding, undefined, false).split('\n');
  return [`${title} · line ${finding.line}`, ...rest].join('\n');
}

/**
 * A one-line fix that sets the same attribute as the commented line (`public_network_access_enabled
 * = false` on `public_network_access_enabled = true`) replaces that line, keeping its indentation.
 */
export function suggestLine(fix: string | undefined, line: string | undefined): string | undefined {
  if (!fix || !line || fix.includes('\n')) return undefined;
  const key = (text: string) => /^\s*"?([\w.-]+)"?\s*[=:]/.exec(text)?.[1];
  const fixKey = key(fix);
  if (!fixKey || fixKey !== key(line)) return undefined;
  const indent = /^\s*/.exec(line)?.[0] ?? '';
  const comment = /\s(#|\/\/).*$/.exec(fix);
  const replacement = comment ? fix.slice(0, comment.index) : fix;
  const trailingComma = line.trimEnd().endsWith(',') && !replacement.trimEnd().endsWith(',') ? ',' : '';
  return `${indent}${replacement.trim()}${trailingComma}`;
}

function languageOf(file: string): string {
  if (file.endsWith('.bicep') || file.endsWith('.bicepparam')) return 'bicep';
  if (file.endsWith('.json')) return 'jsonc';
  return 'hcl';
}

/** A code fence longer than any backtick run inside, so repository text cannot close it. */
function fenced(language: string, body: string): string {
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${body}\n${fence}`;
}
