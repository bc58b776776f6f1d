import type { Rule } from '../engine/rule.js';

export interface Fixture {
  name: string;
  text: string;
}

const GENERATED = '<!-- Generated from rule.ts and fixtures/ by `npm run docs`. Do not edit. -->';
const FENCES: Record<string, string> = { tf: 'hcl', bicep: 'bicep', json: 'json' };

/** The README of one rule, built only from its metadata and fixtures so that the two cannot drift. */
export function renderRuleReadme(rule: Rule, fixtures: Fixture[]): string {
  const lines = [
    GENERATED,
    '',
    `# ${rule.id}`,
    '',
    `**${rule.title}**`,
    '',
    '| Severity | Baseline section | Equivalent peer rules |',
    '|---|---|---|',
    `| ${rule.severity}${rule.severityNote ? ` (${rule.severityNote})` : ''} | ${rule.section} | ${rule.peers.join('<br>') || 'none: no peer checks this'} |`,
    '',
    '## Why',
    '',
    rule.rationale,
    '',
    '## How to fix',
    '',
    '### Terraform',
    '',
    '```hcl',
    rule.remediation.terraform,
    '```',
    '',
    '### Bicep',
    '',
    '```bicep',
    rule.remediation.bicep,
    '```',
    '',
    '### ARM template',
    '',
    '```jsonc',
    rule.remediation.arm,
    '```',
    '',
  ];
  if (rule.options) {
    lines.push('## Options', '', '| Option | Default | Meaning |', '|---|---|---|');
    for (const [name, option] of Object.entries(rule.options)) lines.push(`| \`${name}\` | ${option.default} | ${option.description} |`);
    lines.push('');
  }
  lines.push(
    '## Suppressing',
    '',
    'To accept a finding on purpose, say why on the offending line, on the line above it, or in the comment block',
    'directly above the resource or module block. The reason is required; `until=` makes the suppression expire.',
    '',
    '```hcl',
    `# pgbaseline:ignore ${rule.id} until=2027-06-30 -- <why this is accepted, and who accepted it>`,
    '```',
    '',
    '```bicep',
    `// pgbaseline:ignore ${rule.id} until=2027-06-30 -- <why this is accepted, and who accepted it>`,
    '```',
    '',
    'In an ARM template, on the resource:',
    '',
    '```json',
    `"metadata": { "pgbaseline": { "ignore": ["${rule.id} until=2027-06-30 -- <why this is accepted>"] } }`,
    '```',
    '',
    'Or centrally, in `.pgbaseline.yml`:',
    '',
    '```yaml',
    'suppressions:',
    `  - rule: ${rule.id}`,
    '    path: infra/legacy/**',
    '    reason: <why this is accepted>',
    '    until: 2027-06-30',
    '```',
    '',
    `Turn the rule off everywhere with \`rules: { ${rule.id}: off }\`. Suppressed findings stay in every report, marked`,
    'as such, and never fail the check; `unsuppressible` in the configuration makes inline comments unable to silence it.',
    '',
  );
  lines.push('## Examples', '', 'Servers named `fail-…` are reported by this rule; servers named `pass-…` pass on known values; servers named `unknown-…` are listed as not evaluated, with the reason.', '');
  for (const fixture of fixtures) {
    const extension = fixture.name.split('.').pop() ?? '';
    lines.push(`### ${fixture.name}`, '', `\`\`\`${FENCES[extension] ?? ''}`, fixture.text.trimEnd(), '```', '');
  }
  return lines.join('\n');
}

/** The rule table; `base` is the path from the document to the rules folder. */
export function renderRuleTable(rules: readonly Rule[], base: string): string {
  return [
    '| Rule | Severity | Section | Title |',
    '|---|---|---|---|',
    ...rules.map((rule) => `| [\`${rule.id}\`](${base}${rule.id}/README.md) | ${rule.severity} | ${rule.section} | ${rule.title} |`),
  ].join('\n');
}

/** rules/README.md */
export function renderCatalog(rules: readonly Rule[]): string {
  return [
    GENERATED,
    '',
    '# Rules',
    '',
    "Each rule enforces a part of Microsoft's security baseline for Azure Database for PostgreSQL flexible server.",
    '',
    renderRuleTable(rules, ''),
    '',
  ].join('\n');
}

const TABLE_START = '<!-- rules:start -->';
const TABLE_END = '<!-- rules:end -->';

/** Replaces the rule table between the markers of the project README. */
export function updateReadmeTable(readme: string, rules: readonly Rule[]): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md lacks the ${TABLE_START} … ${TABLE_END} markers`);
  return `${readme.slice(0, start + TABLE_START.length)}\n${renderRuleTable(rules, 'rules/')}\n${readme.slice(end)}`;
}
