import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../src/engine/finding.js';
import type { ScanOptions } from '../src/collect.js';
import { scan } from '../src/scan.js';

const ROOT = join(import.meta.dirname, '..');
const PLAN = 'test/fixtures/plan';
const WHAT_IF = 'test/fixtures/what-if';

function run(options: Partial<ScanOptions>) {
  return scan({ paths: [], cwd: ROOT, now: new Date('2026-11-26'), strict: true, ...options });
}

const find = (findings: Finding[], server: string, ruleId: string) => findings.find((finding) => finding.server === server && finding.ruleId === ruleId);

describe('Terraform plan JSON', () => {
  it('settles what the source leaves unknown, anchors on the source line and says the value came from the plan', async () => {
    const withoutPlan = await run({ paths: [PLAN] });
    expect(find(withoutPlan.findings, 'app-db', 'no-public-network-access')).toBeUndefined();
    expect(withoutPlan.notEvaluated.map((item) => item.ruleId)).toContain('no-public-network-access');

    const { findings } = await run({ paths: [PLAN], planFiles: [`${PLAN}/plan.json`] });
    expect(find(findings, 'app-db', 'no-public-network-access')).toMatchObject({
      file: `${PLAN}/main.tf`,
      line: 20,
      message: expect.stringContaining('(Value from the Terraform plan plan.json.)'),
    });
    expect(find(findings, 'app-db', 'require-supported-version')).toMatchObject({ file: `${PLAN}/main.tf`, line: 19 });
    // The configuration links through `server_id`, which the plan only knows after apply.
    expect(find(findings, 'app-db', 'require-tls-1-3')).toBeUndefined();
  });

  it('never lets a sensitive plan value out, and does not call it hard-coded', async () => {
    const { findings } = await run({ paths: [PLAN], planFiles: [`${PLAN}/plan.json`] });
    expect(JSON.stringify(findings)).not.toContain('s3cr3t-from-tfvars');
    expect(find(findings, 'app-db', 'no-hardcoded-admin-password')).toBeUndefined();
  });

  it('checks resources from modules the source cannot follow, anchored on the plan, and treats after_unknown as unknown', async () => {
    const { findings, notEvaluated } = await run({ planFiles: [`${PLAN}/plan.json`] });
    expect(find(findings, 'registry-db', 'no-firewall-open-to-internet')).toMatchObject({
      file: `${PLAN}/plan.json`,
      resource: 'module.registry_db.azurerm_postgresql_flexible_server_firewall_rule.this["all"]',
    });
    expect(notEvaluated.find((item) => item.server === 'registry-db' && item.ruleId === 'require-backup-retention')?.reason).toContain(
      'known only after apply',
    );
    // A resource the plan deletes is not checked.
    expect(findings.some((finding) => finding.server === 'retired-db')).toBe(false);
  });

  it('rejects a format_version it does not read, and a malformed plan, with their lines, losing nothing else', async () => {
    const { findings } = await run({
      paths: [`${PLAN}/main.tf`],
      planFiles: [`${PLAN}/bad-version.json`, `${PLAN}/malformed.json`, `${PLAN}/plan.json`],
    });
    const errors = findings.filter((finding) => finding.ruleId === 'parse-error');
    expect(errors.map((finding) => [finding.file, finding.line, finding.message.split(':')[0]])).toEqual([
      [`${PLAN}/bad-version.json`, 2, "Unsupported plan format_version '2.0'"],
      [`${PLAN}/malformed.json`, 5, 'Syntax error'],
    ]);
    expect(find(findings, 'app-db', 'no-public-network-access')).toBeDefined();
  });
});

describe('Azure what-if JSON', () => {
  it('maps changes to the Bicep declaration, phrases the change, links children by resource ID and skips deletions', async () => {
    const { findings } = await run({ paths: [`${WHAT_IF}/main.bicep`], whatIfFiles: [`${WHAT_IF}/whatif.json`] });
    expect(find(findings, 'orders-db', 'no-public-network-access')).toMatchObject({
      file: `${WHAT_IF}/main.bicep`,
      line: 2,
      message: expect.stringContaining('what-if: properties.network.publicNetworkAccess changes Disabled → Enabled'),
    });
    expect(find(findings, 'orders-db', 'require-secure-transport')).toMatchObject({ file: `${WHAT_IF}/whatif.json`, severity: 'critical' });
    expect(find(findings, 'orders-db', 'require-audit-logs')).toBeUndefined(); // the NoChange diagnostic setting
    expect(findings.some((finding) => finding.ruleId.startsWith('no-firewall'))).toBe(false); // Delete and Ignore
  });

  it('reads the REST shape alone, anchored on the what-if file, and names a file that is not a what-if result', async () => {
    const { findings } = await run({ whatIfFiles: [`${WHAT_IF}/rest-result.json`, `${WHAT_IF}/not-what-if.json`] });
    expect(find(findings, 'billing-db', 'require-supported-version')).toMatchObject({ file: `${WHAT_IF}/rest-result.json`, line: 18 });
    expect(findings.find((finding) => finding.ruleId === 'parse-error')).toMatchObject({
      file: `${WHAT_IF}/not-what-if.json`,
      message: expect.stringContaining('Not an Azure what-if result'),
    });
  });

  it('works from the bundled CLI with --whatif alone', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'bin', 'pgbaseline.js'), 'scan', '--whatif', `${WHAT_IF}/rest-result.json`, '--fail-on', 'none'], { cwd: ROOT });
    expect(stdout).toContain("Server 'billing-db' runs PostgreSQL 12");
  });
});
