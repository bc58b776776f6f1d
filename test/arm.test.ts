import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../src/engine/finding.js';
import type { ScanOptions } from '../src/collect.js';
import { scan } from '../src/scan.js';

const ROOT = join(import.meta.dirname, '..');
const FIXTURES = 'test/fixtures/arm';

function run(paths: string[], options: Partial<ScanOptions> = {}) {
  return scan({ paths: paths.map((path) => `${FIXTURES}/${path}`), cwd: ROOT, now: new Date('2026-11-26'), ...options });
}

const byRule = (findings: Finding[], ruleId: string) => findings.filter((finding) => finding.ruleId === ruleId);

describe('ARM templates', () => {
  it('evaluates parameters files, inner- and outer-scoped nested deployments, copy loops and conditions', async () => {
    const { findings, stats } = await run(['nested'], { paramFiles: [`${FIXTURES}/nested/azuredeploy.parameters.json`] });
    expect(stats.servers).toBe(2);
    expect(byRule(findings, 'require-secure-transport')).toMatchObject([{ server: 'inventory-db', line: 63 }]);
    expect(byRule(findings, 'no-firewall-open-to-internet')).toMatchObject([{ server: 'inventory-db', severity: 'critical' }]);
    // The old-style extension resource `server/Microsoft.Insights/audit` is the server's diagnostic setting.
    expect(findings.some((finding) => finding.server === 'inventory-db' && finding.ruleId === 'require-audit-logs')).toBe(false);
    // `condition: [parameters('deployDev')]` is true in the parameters file.
    expect(byRule(findings, 'require-supported-version')).toMatchObject([{ server: 'inventory-db-dev', line: 125 }]);
  });

  it('deploys nothing for a condition that is false', async () => {
    const { findings, stats } = await run(['nested']);
    expect(stats.servers).toBe(1);
    expect(findings.some((finding) => finding.server?.endsWith('-dev'))).toBe(false);
    // Without a server name, children still link through the parameter they share.
    expect(byRule(findings, 'require-secure-transport')).toMatchObject([{ server: "[parameters('servername')]" }]);
  });

  it('applies metadata.pgbaseline.ignore suppressions, and says when one expired', async () => {
    const { findings } = await run(['nested'], { paramFiles: [`${FIXTURES}/nested/azuredeploy.parameters.json`] });
    const window = findings.find((finding) => finding.server === 'inventory-db' && finding.ruleId === 'require-maintenance-window');
    expect(window?.suppression).toEqual({ kind: 'inline', reason: 'the platform team patches on Sundays' });
    const retention = findings.find((finding) => finding.server === 'inventory-db' && finding.ruleId === 'require-backup-retention');
    expect(retention?.suppression).toBeUndefined();
    expect(retention?.message).toContain('expired on 2020-01-01');
  });

  it('treats a Key Vault reference as a secret and a securestring default as hard-coded', async () => {
    const withReference = await run(['params'], { paramFiles: [`${FIXTURES}/params/main.parameters.json`] });
    expect(byRule(withReference.findings, 'no-hardcoded-admin-password')).toEqual([]);
    const withDefault = await run(['params']);
    expect(byRule(withDefault.findings, 'no-hardcoded-admin-password')).toMatchObject([{ line: 10 }]);
  });

  it('reports a JSON syntax error with its line, keeps the resources before it, and skips JSON that is not a template', async () => {
    const { findings, stats } = await run(['broken']);
    expect(byRule(findings, 'parse-error')).toMatchObject([{ file: `${FIXTURES}/broken/azuredeploy.json`, line: 14 }]);
    expect(byRule(findings, 'no-public-network-access')).toMatchObject([{ server: 'before-error', line: 9 }]);
    expect(stats.files).toBe(1);
  });
});
