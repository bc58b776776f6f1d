import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { formatSarif } from '../src/report/format-sarif.js';
import { scan } from '../src/scan.js';
import { sarifErrors } from './support/validate-sarif.js';

const ROOT = join(import.meta.dirname, '..');
const NOW = new Date('2026-11-26T00:00:00Z');

interface SarifLog {
  runs: { tool: { driver: { rules: { id: string; name: string }[] } }; results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
}

async function sarifOf(paths: string[], cwd = ROOT): Promise<SarifLog> {
  return JSON.parse(formatSarif(await scan({ paths, cwd, now: NOW }), RULES, '0.0.0')) as SarifLog;
}

/** A checkout whose path has a space, `#` and non-ASCII letters, as users' repositories do. */
function oddPaths(): string {
  const root = mkdtempSync(join(tmpdir(), 'pgbaseline-sarif-'));
  mkdirSync(join(root, 'odd paths', 'ünïcode dir'), { recursive: true });
  cpSync(join(ROOT, 'examples/terraform/insecure/main.tf'), join(root, 'odd paths', 'ünïcode dir', 'main #1.tf'));
  return root;
}

describe('SARIF', () => {
  it.each([
    [['examples']],
    [['test/fixtures/verdicts']],
    [['test/fixtures/suppressions/inline', 'test/fixtures/terraform/broken']],
    [['test/corpus/real-world/Azure__terraform-azurerm-avm-res-dbforpostgresql-flexibleserver']],
  ])('%j is valid against the official 2.1.0 schema', async (paths) => {
    const log = await sarifOf(paths);
    expect(sarifErrors(log)).toEqual([]);
    expect(log.runs[0]!.results.length).toBeGreaterThan(0);
  });

  it('the schema check can fail', () => {
    expect(sarifErrors({ version: '2.1.0', runs: [{ tool: { driver: {} }, results: [] }] })).not.toEqual([]);
  });

  it('has a descriptor with a readable name for every id in its results, not-rule kinds included', async () => {
    const log = await sarifOf(['examples', 'test/fixtures/suppressions/inline', 'test/fixtures/terraform/broken']);
    const run = log.runs[0]!;
    const ids = new Set(run.tool.driver.rules.map((rule) => rule.id));
    const used = new Set(run.results.map((result) => result.ruleId));
    expect([...used].filter((id) => !ids.has(id))).toEqual([]);
    expect(used).toContain('parse-error');
    expect(used).toContain('invalid-suppression');
    expect(['parse-error', 'rule-error', 'invalid-suppression', 'drift'].every((id) => ids.has(id))).toBe(true);
    for (const rule of run.tool.driver.rules) expect(rule.name).not.toBe(rule.id);
    expect(run.tool.driver.rules.find((rule) => rule.id === 'no-public-network-access')?.name).toBe('NoPublicNetworkAccess');
  });

  it('percent-encodes paths with spaces, # and non-ASCII characters', async () => {
    const log = await sarifOf(['odd paths'], oddPaths());
    expect(sarifErrors(log)).toEqual([]);
    const uris = new Set(log.runs[0]!.results.map((result) => result.locations[0]!.physicalLocation.artifactLocation.uri));
    expect([...uris]).toEqual(['odd%20paths/%C3%BCn%C3%AFcode%20dir/main%20%231.tf']);
  });
});
