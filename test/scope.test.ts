import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { ConfigError, findConfig } from '../src/config/find-config.js';
import { loadConfig } from '../src/config/load-config.js';
import type { Finding } from '../src/engine/finding.js';
import { blockingFindings } from '../src/engine/severity.js';
import { scan } from '../src/scan.js';
import { createBaseline, readBaseline } from '../src/scope/baseline.js';

const ROOT = join(import.meta.dirname, '..');
const FIXTURES = 'test/fixtures/suppressions';
const NOW = new Date('2026-11-26');

function find(findings: Finding[], server: string, ruleId: string): Finding | undefined {
  return findings.find((finding) => finding.server === server && finding.ruleId === ruleId);
}

describe('inline suppressions', async () => {
  const { findings } = await scan({ paths: [`${FIXTURES}/inline`], cwd: ROOT, now: NOW });

  it('apply on the offending line, on the line above, and above the resource block', () => {
    expect(find(findings, 'orders-dev', 'no-public-network-access')?.suppression).toEqual({ kind: 'inline', reason: 'reached from the office VPN only' });
    expect(find(findings, 'orders-dev', 'require-backup-retention')?.suppression).toEqual({ kind: 'inline', reason: 'data is synthetic', until: '2099-01-01' });
    for (const ruleId of ['require-high-availability', 'require-geo-redundant-backup']) {
      expect(find(findings, 'orders-dev', ruleId)?.suppression?.reason).toBe('dev server, no SLA (JIRA-123)');
    }
    expect(find(findings, 'block-comment-db', 'require-data-masking')?.suppression?.kind).toBe('inline');
  });

  it('apply above a module block to the resources the module declares', () => {
    const moduleRule = findings.find((finding) => finding.ruleId === 'no-firewall-allow-all-azure');
    expect(moduleRule).toMatchObject({ resource: 'module.legacy.azurerm_postgresql_flexible_server_firewall_rule.azure', suppression: { kind: 'inline' } });
  });

  it('suppress only the rules they name', () => {
    expect(find(findings, 'orders-dev', 'require-entra-auth')?.suppression).toBeUndefined();
    expect(find(findings, 'block-comment-db', 'require-maintenance-window')?.suppression).toBeUndefined();
  });

  it('do not count inside strings', () => {
    // The tag value of orders-dev contains the directive text, but it is not a comment: the finding stands.
    expect(find(findings, 'orders-dev', 'require-entra-auth')).toMatchObject({ ruleId: 'require-entra-auth', server: 'orders-dev' });
    expect(find(findings, 'orders-dev', 'require-entra-auth')?.suppression).toBeUndefined();
    expect(findings.filter((finding) => finding.ruleId === 'invalid-suppression' && finding.line === 14)).toEqual([]);
  });

  it('stop applying once expired, and the finding says so', () => {
    const expired = find(findings, 'expired-db', 'require-maintenance-window');
    expect(expired?.suppression).toBeUndefined();
    expect(expired?.message).toContain('The inline suppression of this finding expired on 2020-01-01: waiting for the platform team.');
    expect(blockingFindings([{ ...expired!, severity: 'critical' }], 'critical').length > 0).toBe(true);
  });

  it('report a missing reason, an unknown rule id and a bad date as findings on the comment, suppressing nothing', () => {
    const invalid = findings.filter((finding) => finding.ruleId === 'invalid-suppression');
    expect(invalid.map((finding) => [finding.line, finding.message.split('.')[0]])).toEqual([
      [36, "Suppression not applied: it gives no reason after '--'"],
      [37, "Suppression not applied: unknown rule id 'no-such-rule'"],
      [38, "Suppression not applied: '2026-02-30' is not a real date written YYYY-MM-DD"],
    ]);
    expect(find(findings, 'invalid-db', 'require-audit-logs')?.suppression).toBeUndefined();
    expect(find(findings, 'invalid-db', 'require-defender')?.suppression).toBeUndefined();
  });

  it('never gate', () => {
    const suppressed = findings.filter((finding) => finding.suppression).map((finding) => ({ ...finding, severity: 'critical' as const }));
    expect(suppressed.length).toBe(6);
    expect(blockingFindings(suppressed, 'low').length > 0).toBe(false);
  });
});

describe('inline suppressions in Bicep', () => {
  it('apply above the resource, on the line and on the line above, but not inside strings', async () => {
    const { findings } = await scan({ paths: [`${FIXTURES}/inline-bicep`], cwd: ROOT, now: NOW });
    expect(find(findings, 'reporting-db', 'require-high-availability')?.suppression?.reason).toBe('a read-only reporting copy, rebuilt nightly');
    expect(find(findings, 'reporting-db', 'no-public-network-access')?.suppression).toEqual({ kind: 'inline', reason: 'BI tool outside Azure', until: '2099-01-01' });
    expect(find(findings, 'reporting-db', 'require-backup-retention')?.suppression?.kind).toBe('inline');
    expect(find(findings, 'reporting-db', 'require-tls-1-3')?.suppression).toBeUndefined();
  });
});

describe('.pgbaseline.yml', () => {
  it('is found by walking up from the scanned path', () => {
    expect(findConfig(join(ROOT, FIXTURES, 'config', 'app', 'main.tf'))).toBe(join(ROOT, FIXTURES, 'config', '.pgbaseline.yml'));
  });

  it('turns rules off, overrides severities and options, ignores paths, suppresses centrally and blocks inline suppressions', async () => {
    const config = loadConfig(join(ROOT, FIXTURES, 'config', '.pgbaseline.yml'), RULES);
    expect(config.failOn).toBe('high');
    const { findings } = await scan({ paths: [`${FIXTURES}/config`], cwd: ROOT, config, now: NOW });
    expect(findings.some((finding) => finding.ruleId === 'require-data-masking')).toBe(false);
    expect(find(findings, 'app-db', 'require-tls-1-3')?.severity).toBe('low');
    expect(find(findings, 'app-db', 'require-backup-retention')).toBeUndefined(); // 10 days meets minimumDays: 10
    expect(findings.some((finding) => finding.server === 'legacy-db')).toBe(false);
    expect(find(findings, 'app-db', 'no-public-network-access')?.suppression).toEqual({
      kind: 'config',
      reason: 'behind Azure Front Door until the private endpoint lands',
      until: '2099-12-31',
    });
    expect(find(findings, 'app-db', 'require-entra-auth')?.message).toContain('The config suppression of this finding expired on 2020-06-30');
    const password = find(findings, 'app-db', 'no-hardcoded-admin-password');
    expect(password?.suppression).toBeUndefined();
    expect(findings.find((finding) => finding.ruleId === 'invalid-suppression')?.message).toContain(
      'no-hardcoded-admin-password cannot be suppressed inline (unsuppressible in the configuration)',
    );
  });

  it.each([
    ['bad-severity.yml', /bad-severity\.yml:3: 'rules\.require-tls-1-3\.severity' must be one of "critical", "high", "medium", "low"/],
    ['unknown-key.yml', /unknown-key\.yml:3: 'supressions' is not a known setting/],
    ['unknown-rule.yml', /unknown-rule\.yml:2: 'rules\.require-tls-13' is not a known rule id/],
    ['unknown-option.yml', /unknown-option\.yml:5: 'rules\.require-backup-retention\.options\.maximumDays' is not allowed here/],
    ['missing-reason.yml', /missing-reason\.yml:2: 'suppressions\.0' needs 'reason'/],
    ['bad-date.yml', /bad-date\.yml:4: 'suppressions\.0\.until' is not a real date: 2026-02-30/],
    ['syntax.yml', /syntax\.yml:3: invalid YAML/],
  ])('rejects %s naming the line and key', (name, message) => {
    const file = join(ROOT, FIXTURES, 'invalid-config', name);
    expect(() => loadConfig(file, RULES, `${FIXTURES}/invalid-config/${name}`)).toThrow(ConfigError);
    expect(() => loadConfig(file, RULES, `${FIXTURES}/invalid-config/${name}`)).toThrow(message);
  });
});

describe('baseline', () => {
  it('reports recorded findings as existing after the code moves, and new ones as new', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pgbaseline-baseline-'));
    cpSync(join(ROOT, 'examples', 'terraform', 'insecure'), dir, { recursive: true });
    const before = await scan({ paths: ['.'], cwd: dir, now: NOW });
    const baseline = { ...createBaseline(before.findings, 'accepted when pgbaseline was adopted', NOW, { cwd: dir, file: 'baseline.json' }), dir };
    expect(baseline.findings.length).toBe(before.findings.length);

    // Moving code shifts every line; adding a firewall rule is a new finding.
    const main = join(dir, 'main.tf');
    writeFileSync(
      main,
      `# moved down\n\n${readFileSync(main, 'utf8')}\nresource "azurerm_postgresql_flexible_server_firewall_rule" "new" {\n  name             = "new"\n  server_id        = azurerm_postgresql_flexible_server.legacy_app.id\n  start_ip_address = "0.0.0.0"\n  end_ip_address   = "0.0.0.0"\n}\n`,
    );
    const after = await scan({ paths: ['.'], cwd: dir, now: NOW, baseline });
    const fresh = after.findings.filter((finding) => !finding.suppression);
    expect(fresh.map((finding) => [finding.ruleId, finding.resource])).toEqual([
      ['no-firewall-rules', 'azurerm_postgresql_flexible_server_firewall_rule.new'],
      ['no-firewall-allow-all-azure', 'azurerm_postgresql_flexible_server_firewall_rule.new'],
    ]);
    expect(after.findings.filter((finding) => finding.suppression?.kind === 'baseline').length).toBe(before.findings.length);
    expect(blockingFindings(after.findings, 'critical').length > 0).toBe(false);
  });

  it('matches from any working directory: paths are relative to the baseline file', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'pgbaseline-baseline-'));
    cpSync(join(ROOT, 'examples', 'terraform', 'insecure'), join(repo, 'infra'), { recursive: true });
    // Written from infra/, into infra/.
    const infra = join(repo, 'infra');
    const before = await scan({ paths: ['.'], cwd: infra, now: NOW });
    writeFileSync(join(infra, 'baseline.json'), JSON.stringify(createBaseline(before.findings, 'adopted', NOW, { cwd: infra, file: 'baseline.json' })));
    expect(JSON.parse(readFileSync(join(infra, 'baseline.json'), 'utf8')).findings[0].file).toBe('main.tf');
    // Read from the repository root, as the action does.
    const after = await scan({ paths: ['infra'], cwd: repo, now: NOW, baseline: readBaseline(join(infra, 'baseline.json')) });
    expect(after.findings.length).toBe(before.findings.length);
    expect(after.findings.filter((finding) => finding.suppression?.kind !== 'baseline')).toEqual([]);
  });
});
