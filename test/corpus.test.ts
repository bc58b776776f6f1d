import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../src/scan.js';

const ROOT = join(import.meta.dirname, '..');
const CORPUS = join(ROOT, '..', 'shared', 'corpus', 'real-world');

function filesUnder(dir: string, extension: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(extension))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

describe('real-world corpus', () => {
  const terraformFiles = filesUnder(CORPUS, '.tf');

  it('parses every Terraform file without a parse error', async () => {
    expect(terraformFiles.length).toBeGreaterThan(60);
    const result = await scan({ paths: [relative(ROOT, CORPUS)], cwd: ROOT });
    expect(result.findings.filter((finding) => finding.ruleId === 'parse-error')).toEqual([]);
    expect(result.stats.files).toBeGreaterThanOrEqual(terraformFiles.length);
    expect(result.stats.servers).toBeGreaterThan(20);
  });

  it('reports the open firewall rule of the AVM module example as critical, on its line', async () => {
    const dir = relative(ROOT, join(CORPUS, 'Azure__terraform-azurerm-avm-res-dbforpostgresql-flexibleserver'));
    const result = await scan({ paths: [dir], cwd: ROOT });
    const open = result.findings.filter((finding) => finding.ruleId === 'no-firewall-open-to-internet');
    expect(open.map((finding) => [finding.resource, finding.file.endsWith('main.firewallrule.tf'), finding.severity])).toEqual([
      ['module.server.azurerm_postgresql_flexible_server_firewall_rule.this["rule1"]', true, 'critical'],
      ['module.test.azurerm_postgresql_flexible_server_firewall_rule.this["rule1"]', true, 'critical'],
    ]);
    // The module folder is called by its examples, so it is not evaluated again on its own defaults.
    expect(result.findings.some((finding) => finding.resource.startsWith('azurerm_postgresql_flexible_server'))).toBe(false);
  });

  it('anchors the quickstart findings on the attribute lines they come from', async () => {
    const dir = relative(ROOT, join(CORPUS, 'Azure__terraform', 'quickstart', '201-postgresql-fs-db'));
    const result = await scan({ paths: [dir], cwd: ROOT, now: new Date('2026-11-26') });
    const byRule = new Map(result.findings.map((finding) => [finding.ruleId, finding]));
    expect(byRule.get('require-supported-version')).toMatchObject({ line: 83, severity: 'high' });
    expect(byRule.get('require-backup-retention')).toMatchObject({ line: 91 });
    // The server uses a delegated subnet: no public endpoint and private connectivity are in place.
    expect(byRule.has('no-public-network-access')).toBe(false);
    expect(byRule.has('require-private-connectivity')).toBe(false);
    // Its password comes from random_password: not hard-coded.
    expect(byRule.has('no-hardcoded-admin-password')).toBe(false);
  });
});
