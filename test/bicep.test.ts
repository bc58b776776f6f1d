import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../src/engine/finding.js';
import type { ScanOptions } from '../src/collect.js';
import { scan } from '../src/scan.js';

const ROOT = join(import.meta.dirname, '..');
const FIXTURES = 'test/fixtures/bicep';

function run(paths: string[], options: Partial<ScanOptions> = {}) {
  return scan({ paths: paths.map((path) => `${FIXTURES}/${path}`), cwd: ROOT, now: new Date('2026-11-26'), strict: true, ...options });
}

const byRule = (findings: Finding[], ruleId: string) => findings.filter((finding) => finding.ruleId === ruleId);

describe('Bicep', () => {
  it('applies the .bicepparam file whose using names the template, anchoring on its lines', async () => {
    const { findings } = await run(['params']);
    expect(byRule(findings, 'no-public-network-access')).toEqual([]); // publicAccess = 'Disabled'
    expect(byRule(findings, 'require-backup-retention')).toEqual([]); // retentionDays = 21
    // One server per loop item, named from the parameter file.
    expect(byRule(findings, 'require-tls-1-3').map((finding) => [finding.resource, finding.server])).toEqual([
      ['servers[0]', 'orders-westeurope'],
      ['servers[1]', 'orders-northeurope'],
    ]);
    // `if (deployReplica)` is false with the defaults: the replica deploys nothing.
    expect(findings.some((finding) => finding.server === 'orders-replica')).toBe(false);
  });

  it('takes --params over the parameter files it finds', async () => {
    const { findings } = await run(['params'], { paramFiles: [`${FIXTURES}/dev.bicepparam`] });
    expect(byRule(findings, 'require-backup-retention').map((finding) => [finding.server, finding.file, finding.line])).toEqual([
      ['orders-dev-westeurope', `${FIXTURES}/dev.bicepparam`, 4],
      ['orders-dev-northeurope', `${FIXTURES}/dev.bicepparam`, 4],
      ['orders-dev-replica', `${FIXTURES}/params/main.bicep`, 27],
    ]);
    expect(byRule(findings, 'require-supported-version')).toMatchObject([{ server: 'orders-dev-replica', line: 31 }]);
  });

  it('evaluates a template whose name parameter has no value on the values it has, under the name of its parameter', async () => {
    const { findings, notEvaluated } = await run(['params/main.bicep']);
    expect(findings.some((finding) => finding.ruleId === 'no-public-network-access')).toBe(true); // the default 'Enabled'
    expect(findings.every((finding) => finding.server?.startsWith("[parameters('serverName')]"))).toBe(true);
    expect(notEvaluated).toEqual([]);
  });

  it('follows local modules with their parameters, links existing references to the real server, and skips registry modules', async () => {
    const { findings, stats } = await run(['modules']);
    expect(stats.servers).toBe(1);
    expect(byRule(findings, 'require-tls-1-3')).toEqual([]); // 'TLSv1.3' in prod
    expect(byRule(findings, 'require-secure-transport')).toMatchObject([
      { server: 'billing-prod', file: `${FIXTURES}/modules/modules/settings.bicep`, line: 11, resource: 'database/settings/transport' },
    ]);
  });

  it('keeps the declarations around a syntax error and reports the error once with its line', async () => {
    const { findings } = await scan({ paths: [`${FIXTURES}/broken`], cwd: ROOT });
    expect(byRule(findings, 'parse-error')).toMatchObject([{ line: 9, message: expect.stringMatching(/^Syntax error/) }]);
    expect(byRule(findings, 'no-public-network-access')).toMatchObject([{ server: 'before-error', line: 5 }]);
  });
});
