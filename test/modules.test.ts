import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../src/engine/finding.js';
import { scan } from '../src/scan.js';

const ROOT = join(import.meta.dirname, '..');
const AVM = join(ROOT, 'test/corpus/real-world/Azure__terraform-azurerm-avm-res-dbforpostgresql-flexibleserver');
const NOW = new Date('2026-11-26T00:00:00Z');

/** A root as `terraform init` leaves it: the module copied under .terraform/modules/<key>, recorded in modules.json. */
function initialisedRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'pgbaseline-init-'));
  cpSync(join(ROOT, 'test/fixtures/modules/avm-caller'), root, { recursive: true });
  const modules = [{ Key: '', Source: '', Dir: '.' }];
  for (const key of ['db', 'db_secure']) {
    const dir = join(root, '.terraform', 'modules', key);
    mkdirSync(dir, { recursive: true });
    cpSync(AVM, dir, { recursive: true, filter: (source) => !source.includes('/examples') });
    modules.push(
      { Key: key, Source: 'registry.terraform.io/Azure/avm-res-dbforpostgresql-flexibleserver/azurerm', Dir: `.terraform/modules/${key}` },
      { Key: `${key}.database`, Source: './modules/database', Dir: `.terraform/modules/${key}/modules/database` },
    );
  }
  writeFileSync(join(root, '.terraform', 'modules', 'modules.json'), JSON.stringify({ Modules: modules }));
  return root;
}

const rulesOf = (findings: Finding[], server: string) => findings.filter((finding) => finding.server === server).map((finding) => finding.ruleId);

describe('registry modules after terraform init', () => {
  it('evaluates the Azure Verified Module with the caller arguments, findings on the caller lines', async () => {
    const root = initialisedRoot();
    const result = await scan({ paths: ['.'], cwd: root, now: NOW, strict: true });
    const insecure = result.findings.filter((finding) => finding.server === 'avm-insecure');
    expect(insecure.find((finding) => finding.ruleId === 'no-public-network-access')).toMatchObject({ file: 'main.tf', line: 14 });
    expect(insecure.find((finding) => finding.ruleId === 'no-firewall-open-to-internet')).toMatchObject({ file: 'main.tf', line: 18, endLine: 19 });
    expect(rulesOf(result.findings, 'avm-secure')).not.toContain('no-public-network-access');
    expect(rulesOf(result.findings, 'avm-secure')).not.toContain('no-firewall-open-to-internet');
    expect(rulesOf(result.findings, 'avm-secure')).not.toContain('require-private-connectivity');
    // Both calls were followed: no notice says otherwise, and .terraform/ itself was not scanned as a root.
    expect(result.notices.filter((notice) => notice.message.includes('module.db'))).toEqual([]);
    expect(result.findings.every((finding) => !finding.resource.startsWith('azurerm_'))).toBe(true);
  });

  it('names the module as not evaluated when there is no .terraform/modules', async () => {
    const result = await scan({ paths: ['test/fixtures/modules/avm-caller'], cwd: ROOT, now: NOW, strict: true });
    expect(result.findings.filter((finding) => finding.ruleId.startsWith('no-'))).toEqual([]);
    expect(result.notices.map((notice) => [notice.kind, notice.line])).toEqual([
      ['module-not-followed', 2],
      ['module-not-followed', 24],
    ]);
    expect(result.notices[0]!.message).toContain('terraform init');
  });

  it("reads the module repository itself when its examples call it by its published address", async () => {
    const repo = join(mkdtempSync(join(tmpdir(), 'pgbaseline-repo-')), 'terraform-azurerm-avm-res-dbforpostgresql-flexibleserver');
    cpSync(AVM, repo, { recursive: true });
    mkdirSync(join(repo, 'examples', 'registry'), { recursive: true });
    cpSync(join(ROOT, 'test/fixtures/modules/avm-caller/main.tf'), join(repo, 'examples', 'registry', 'main.tf'));
    const result = await scan({ paths: ['examples/registry'], cwd: repo, now: NOW, strict: true });
    expect(result.findings.find((finding) => finding.server === 'avm-insecure' && finding.ruleId === 'no-public-network-access')).toMatchObject({
      file: join('examples', 'registry', 'main.tf'),
      line: 14,
    });
  });
});

/** Bicep's restore cache as `bicep restore` leaves it, holding the compiled AVM module. */
function restoredCache(): string {
  const cache = join(mkdtempSync(join(tmpdir(), 'pgbaseline-bicep-')), '.bicep');
  const dir = join(cache, 'br', 'mcr.microsoft.com', 'bicep$avm$res$db-for-postgre-sql$flexible-server', '0.15.3$');
  mkdirSync(dir, { recursive: true });
  cpSync(join(ROOT, 'test/corpus/real-world/Azure__bicep-registry-modules/avm/res/db-for-postgre-sql/flexible-server/main.json'), join(dir, 'main.json'));
  return cache;
}

describe('Bicep registry modules from the restore cache', () => {
  const FILE = 'test/fixtures/modules/avm-caller-bicep/main.bicep';

  it('evaluates the Azure Verified Module with the caller params, findings on the caller lines', async () => {
    const result = await scan({ paths: [FILE], cwd: ROOT, now: NOW, strict: true, bicepCache: restoredCache() });
    const insecure = result.findings.filter((finding) => finding.server === 'avm-bicep-insecure');
    expect(insecure.find((finding) => finding.ruleId === 'no-public-network-access')).toMatchObject({ file: FILE, line: 17 });
    expect(insecure.find((finding) => finding.ruleId === 'no-firewall-open-to-internet')).toMatchObject({ file: FILE, line: 21, endLine: 22 });
    const secure = rulesOf(result.findings, 'avm-bicep-secure');
    expect(secure).not.toContain('no-public-network-access');
    expect(secure).not.toContain('no-firewall-open-to-internet');
    // What the module decides by default is anchored on the module call, never in the cache.
    expect(result.findings.filter((finding) => finding.file !== FILE)).toEqual([]);
    expect(result.notices.filter((notice) => notice.message.includes('flexible-server'))).toEqual([]);
  });

  it('names the module as not evaluated when it was not restored', async () => {
    const result = await scan({ paths: [FILE], cwd: ROOT, now: NOW, strict: true, bicepCache: join(tmpdir(), 'pgbaseline-no-cache') });
    expect(result.findings).toEqual([]);
    expect(result.notices.map((notice) => [notice.kind, notice.line])).toEqual([
      ['module-not-followed', 7],
      ['module-not-followed', 28],
    ]);
    expect(result.notices[0]!.message).toContain('bicep restore');
  });

  it('names a module whose cached template is broken, at each call, instead of passing what it could not read', async () => {
    const cache = restoredCache();
    const template = join(cache, 'br', 'mcr.microsoft.com', 'bicep$avm$res$db-for-postgre-sql$flexible-server', '0.15.3$', 'main.json');
    writeFileSync(template, '{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n  "resources": [\n');
    const result = await scan({ paths: [FILE], cwd: ROOT, now: NOW, strict: true, bicepCache: cache });
    expect(result.notices.map((notice) => [notice.kind, notice.line])).toEqual([
      ['module-not-followed', 7],
      ['module-not-followed', 28],
    ]);
    expect(result.notices[0]!.message).toMatch(/compiled template of module insecure .* is broken at line 4/);
  });
});
