import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { scan } from '../src/scan.js';

const ROOT = join(import.meta.dirname, '..');
const NOW = new Date('2026-11-26T00:00:00Z');

/**
 * Server names in a fixture are its expectations: `fail-…` must be reported, `pass-…` must pass on known
 * values, `unknown-…` must be listed as not evaluated. Terraform `name = "…"`, Bicep `name: '…'`, ARM
 * `"name": "…"` (a child's `server/child` counts once).
 */
function expectedServers(text: string): { fail: string[]; pass: string[]; unknown: string[] } {
  const names = new Set([...text.matchAll(/^\s*"?name"?\s*[:=]\s*["']((?:pass|fail|unknown)-[^"'/]*)/gm)].map((match) => match[1]!));
  const named = (prefix: string) => [...names].filter((name) => name.startsWith(prefix));
  return { fail: named('fail-'), pass: named('pass-'), unknown: named('unknown-') };
}

describe.each(RULES.map((rule) => [rule.id, rule] as const))('%s', (id, rule) => {
  const dir = join('rules', id, 'fixtures');
  const fixtures = readdirSync(join(ROOT, dir));

  it.each(['.tf', '.bicep', '.json'])('has a passing and a failing %s fixture', (extension) => {
    expect(fixtures.some((name) => name.startsWith('pass') && name.endsWith(extension))).toBe(true);
    expect(fixtures.some((name) => name.startsWith('fail') && name.endsWith(extension))).toBe(true);
  });

  it.each(fixtures)('%s', async (fixture) => {
    const path = join(dir, fixture);
    const expected = expectedServers(readFileSync(join(ROOT, path), 'utf8'));
    const kind = fixture.startsWith('fail') ? 'fail' : fixture.startsWith('unknown') ? 'unknown' : 'pass';
    expect(expected[kind].length).toBeGreaterThan(0);

    const result = await scan({ paths: [path], cwd: ROOT, rules: [rule], now: NOW, strict: true });
    expect(result.findings.filter((finding) => finding.ruleId === 'parse-error')).toEqual([]);
    const reported = new Set(result.findings.filter((finding) => finding.ruleId === id).map((finding) => finding.server));
    expect([...reported].sort()).toEqual([...expected.fail].sort());
    // A passing server must really have been evaluated, not skipped as unknown.
    const skipped = result.notEvaluated.filter((item) => expected.pass.includes(item.server));
    expect(skipped).toEqual([]);
    const notEvaluated = new Set(result.notEvaluated.filter((item) => item.ruleId === id).map((item) => item.server));
    expect(expected.unknown.filter((name) => !notEvaluated.has(name) || reported.has(name))).toEqual([]);
  });
});
