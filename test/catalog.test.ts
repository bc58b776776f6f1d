import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { renderCatalog, renderRuleReadme, updateReadmeTable } from '../src/docs/render-docs.js';
import { scan } from '../src/scan.js';
import { readFixtures } from '../scripts/read-fixtures.js';

const ROOT = join(import.meta.dirname, '..');
const RULES_DIR = join(ROOT, 'rules');
const folders = readdirSync(RULES_DIR).filter((name) => statSync(join(RULES_DIR, name)).isDirectory());

describe('rule catalog', () => {
  it('registers every rule folder once, sorted by id, each with the folder name as id', () => {
    expect(RULES.map((rule) => rule.id)).toEqual([...folders].sort());
    for (const folder of folders) {
      expect(readFileSync(join(RULES_DIR, folder, 'rule.ts'), 'utf8')).toContain(`id: '${folder}'`);
    }
  });

  it.each(RULES.map((rule) => [rule.id, rule] as const))('%s follows the naming and metadata conventions', (id, rule) => {
    expect(id).toMatch(/^(no|require)-[a-z0-9]+(-[a-z0-9]+)*$/);
    // The title's verb is the id's: `no-…` disallows, `require-…` requires.
    expect(rule.title).toMatch(id.startsWith('no-') ? /^Disallow .+[^. ]$/ : /^Require .+[^. ]$/);
    expect(rule.rationale.length).toBeGreaterThan(80);
    for (const text of Object.values(rule.remediation)) expect(text.trim()).not.toBe('');
    for (const message of Object.values(rule.messages) as string[]) expect(message).toMatch(/\{server\}/);
  });

  it('has generated READMEs that match the rule metadata and fixtures (run npm run docs)', () => {
    for (const rule of RULES) {
      const committed = readFileSync(join(RULES_DIR, rule.id, 'README.md'), 'utf8');
      expect(committed, rule.id).toBe(renderRuleReadme(rule, readFixtures(join(RULES_DIR, rule.id))));
    }
    expect(readFileSync(join(RULES_DIR, 'README.md'), 'utf8')).toBe(renderCatalog(RULES));
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toBe(updateReadmeTable(readme, RULES));
  });
});

describe('coverage guard', () => {
  it('fires every rule on the insecure example, with no message placeholder left unfilled', async () => {
    const result = await scan({ paths: ['examples/terraform/insecure'], cwd: ROOT, now: new Date('2026-11-26'), strict: true });
    expect(new Set(result.findings.map((finding) => finding.ruleId))).toEqual(new Set(RULES.map((rule) => rule.id)));
    for (const finding of result.findings) expect(finding.message).not.toMatch(/\{\w+\}/);
  });

  it('fires no rule and skips no check on the secure example', async () => {
    const result = await scan({ paths: ['examples/terraform/secure'], cwd: ROOT, now: new Date('2026-11-26'), strict: true });
    expect(result.findings).toEqual([]);
    expect(result.notEvaluated).toEqual([]);
    expect(result.stats.servers).toBe(1);
  });
});
