import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../src/scan.js';

const ROOT = join(import.meta.dirname, '..');
const CORPUS = join(ROOT, 'test', 'corpus', 'real-world');

function filesUnder(dir: string, extension: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(extension))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

describe('real-world corpus', () => {
  it('parses every Terraform, Bicep, .bicepparam and ARM file without a parse error, skipping other JSON', async () => {
    const terraform = filesUnder(CORPUS, '.tf');
    const bicep = [...filesUnder(CORPUS, '.bicep'), ...filesUnder(CORPUS, '.bicepparam')];
    const json = filesUnder(CORPUS, '.json');
    const templates = json.filter((file) => /deploymentTemplate\.json/i.test(readFileSync(join(ROOT, file), 'utf8').slice(0, 4096)));
    expect(terraform.length).toBeGreaterThan(60);
    expect(bicep.length).toBeGreaterThan(30);
    expect(templates.length).toBeGreaterThan(5);
    expect(json.length).toBeGreaterThan(templates.length);

    const result = await scan({ paths: [relative(ROOT, CORPUS)], cwd: ROOT });
    expect(result.findings.filter((finding) => finding.ruleId === 'parse-error')).toEqual([]);
    const scanned = new Set(result.findings.map((finding) => finding.file));
    // Parameters files and other JSON are not templates: nothing is reported on them.
    expect(json.filter((file) => !templates.includes(file)).some((file) => scanned.has(file))).toBe(false);
    expect(result.stats.files).toBe(terraform.length + filesUnder(CORPUS, '.bicep').length + templates.length);
    expect(result.stats.servers).toBeGreaterThan(40);
  });

  it('reports the open firewall rule of the AVM module example as critical, on the variable default that opens it', async () => {
    const dir = relative(ROOT, join(CORPUS, 'Azure__terraform-azurerm-avm-res-dbforpostgresql-flexibleserver'));
    const result = await scan({ paths: [dir], cwd: ROOT });
    const open = result.findings.filter((finding) => finding.ruleId === 'no-firewall-open-to-internet');
    expect(open.map((finding) => [finding.resource, finding.file.endsWith('variables.firewallrule.tf'), finding.severity])).toEqual([
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
