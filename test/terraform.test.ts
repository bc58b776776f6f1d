import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../src/engine/finding.js';
import type { ScanOptions } from '../src/collect.js';
import { scan } from '../src/scan.js';

const ROOT = join(import.meta.dirname, '..');
const FIXTURES = 'test/fixtures/terraform';

function run(folder: string, options: Partial<ScanOptions> = {}) {
  return scan({ paths: [`${FIXTURES}/${folder}`], cwd: ROOT, now: new Date('2026-11-26'), strict: true, ...options });
}

function only(findings: Finding[], ruleId: string): Finding[] {
  return findings.filter((finding) => finding.ruleId === ruleId);
}

describe('Terraform variables', () => {
  it('applies terraform.tfvars and *.auto.tfvars over defaults, and anchors on the line the value came from', async () => {
    const { findings } = await run('variables');
    expect(only(findings, 'no-public-network-access')).toEqual([]);
    expect(only(findings, 'require-backup-retention')).toMatchObject([
      { file: `${FIXTURES}/variables/prod.auto.tfvars`, line: 1, message: expect.stringContaining('10 days') },
    ]);
  });

  it('applies --var-file after the automatic files', async () => {
    const { findings } = await run('variables', { varFiles: [`${FIXTURES}/variables/public.tfvars.example`] });
    expect(only(findings, 'no-public-network-access')).toMatchObject([{ file: `${FIXTURES}/variables/public.tfvars.example`, line: 1 }]);
  });

  it('applies --var last and anchors it on the variable declaration', async () => {
    const { findings } = await run('variables', { vars: { public_access: 'true', retention_days: '30' } });
    expect(only(findings, 'no-public-network-access')).toMatchObject([{ file: `${FIXTURES}/variables/main.tf`, line: 1 }]);
    expect(only(findings, 'require-backup-retention')).toEqual([]);
  });
});

describe('Terraform modules', () => {
  it('evaluates each for_each instance of a local module with its caller arguments, and skips count = 0', async () => {
    const { findings, stats } = await run('modules');
    expect(stats.servers).toBe(2);
    const versions = only(findings, 'require-supported-version');
    expect(versions.map((finding) => [finding.resource, finding.server])).toEqual([
      ['module.databases["orders"].azurerm_postgresql_flexible_server.this', 'orders-db'],
    ]);
    // The version literal is written in the caller, so the finding points there.
    expect(versions[0]).toMatchObject({ file: `${FIXTURES}/modules/main.tf`, line: 3 });
    const azure = only(findings, 'no-firewall-allow-all-azure');
    expect(azure.map((finding) => finding.resource).sort()).toEqual([
      'module.databases["billing"].azurerm_postgresql_flexible_server_firewall_rule.office',
      'module.databases["orders"].azurerm_postgresql_flexible_server_firewall_rule.office',
    ]);
  });

  it('does not evaluate a called module folder again on its own defaults', async () => {
    const { findings } = await run('modules');
    expect(findings.every((finding) => finding.resource.startsWith('module.databases'))).toBe(true);
  });
});

describe('separate root modules', () => {
  it('link references within their own root: two roots may both declare azurerm_postgresql_flexible_server.db', async () => {
    const { findings } = await run('two-roots');
    expect(only(findings, 'require-tls-1-3').map((finding) => finding.server)).toEqual(['root-b-db']);
  });
});

describe('azapi', () => {
  it('reads HCL-object and jsonencode bodies, applies azapi_update_resource patches and links child resources', async () => {
    const { findings, stats } = await run('azapi');
    expect(stats.servers).toBe(2);
    expect(only(findings, 'no-public-network-access').map((finding) => [finding.server, finding.line])).toEqual([['hcl-body-db', 14]]);
    expect(only(findings, 'require-secure-transport')).toMatchObject([{ server: 'hcl-body-db', line: 53, message: expect.stringContaining("'OFF'") }]);
  });
});

describe('resources declared elsewhere', () => {
  it('evaluates children of a data-source server but no server-level rule', async () => {
    const { findings, notEvaluated } = await run('data-source');
    expect(findings.map((finding) => finding.ruleId)).toEqual(['require-secure-transport']);
    expect(findings[0]).toMatchObject({ server: 'shared-db', line: 9 });
    expect(notEvaluated.find((item) => item.ruleId === 'require-audit-logs')?.reason).toMatch(/declared elsewhere/);
    expect(notEvaluated.find((item) => item.ruleId === 'no-public-network-access')?.reason).toMatch(/declared elsewhere/);
  });
});

describe('expressions', () => {
  it('evaluates locals, conditionals, functions, for expressions, count and heredocs on known values', async () => {
    const { findings, notEvaluated } = await run('expressions');
    const rules = new Set(findings.map((finding) => finding.ruleId));
    expect(rules.has('require-backup-retention')).toBe(false); // merge() → 21 days
    expect(rules.has('require-high-availability')).toBe(false); // ZoneRedundant in prod
    expect(rules.has('require-tls-1-3')).toBe(false); // heredoc "TLSv1.3\n" from a counted configuration
    expect(rules.has('require-supported-version')).toBe(false); // for expression keeps 16
    expect(findings.find((finding) => finding.ruleId === 'require-data-masking')?.server).toBe('prod-computed-db');
    // A variable without a default or tfvars is unknown: neither hard-coded nor a secret guess.
    expect(rules.has('no-hardcoded-admin-password')).toBe(false);
    expect(notEvaluated).toEqual([]);
  });

  it('reports what it cannot know as not evaluated, with the reason, and never as a finding', async () => {
    const { findings, notEvaluated } = await run('unknown');
    const reasons = new Map(notEvaluated.map((item) => [item.ruleId, item]));
    expect(reasons.get('no-public-network-access')).toMatchObject({
      reason: expect.stringContaining("variable 'public_access' has no value"),
      line: 11,
    });
    expect(reasons.get('require-supported-version')?.reason).toMatch(/data\.terraform_remote_state\.platform/);
    expect(findings.some((finding) => ['no-public-network-access', 'require-supported-version'].includes(finding.ruleId))).toBe(false);
  });
});
