import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { defineRule } from '../src/engine/rule.js';
import { scan } from '../src/scan.js';

const ROOT = join(import.meta.dirname, '..');
const FIXTURES = 'test/fixtures/terraform';

describe('bad input', () => {
  it('reports a syntax error once, with its line, and still checks the blocks around it and the other files', async () => {
    const { findings } = await scan({ paths: [`${FIXTURES}/broken`], cwd: ROOT });
    const errors = findings.filter((finding) => finding.ruleId === 'parse-error');
    expect(errors).toMatchObject([{ file: `${FIXTURES}/broken/broken.tf`, line: 14, message: expect.stringMatching(/^Syntax error: missing \]/) }]);
    const publicServers = findings.filter((finding) => finding.ruleId === 'no-public-network-access').map((finding) => finding.server);
    expect(publicServers.sort()).toEqual(['before-error-db', 'good-file-db']);
    // The firewall rule with the error is dropped, not half-read.
    expect(findings.some((finding) => finding.resource.includes('firewall_rule.broken'))).toBe(false);
  });

  it('skips binary files with a finding, and ignores empty and non-IaC files', async () => {
    const { findings, stats } = await scan({ paths: [`${FIXTURES}/odd-files`], cwd: ROOT });
    expect(findings).toMatchObject([{ ruleId: 'parse-error', file: `${FIXTURES}/odd-files/binary.tf`, line: 1, message: expect.stringContaining('binary') }]);
    expect(stats).toEqual({ files: 1, servers: 0, verdicts: 0, knownVerdicts: 0 });
  });

  it('skips files above the size limit with a finding', async () => {
    const { findings } = await scan({ paths: [`${FIXTURES}/variables/main.tf`], cwd: ROOT, maxFileBytes: 100 });
    expect(findings).toMatchObject([{ ruleId: 'parse-error', line: 1, message: expect.stringContaining('above the 100-byte limit') }]);
  });

  it('turns a rule that throws into a rule-error finding and keeps the other rules', async () => {
    const broken = defineRule({
      ...RULES[0]!,
      id: 'no-broken-rule',
      messages: {},
      check() {
        throw new Error('boom');
      },
    });
    const { findings } = await scan({ paths: [`${FIXTURES}/variables`], cwd: ROOT, rules: [broken, ...RULES] });
    expect(findings.filter((finding) => finding.ruleId === 'rule-error')).toMatchObject([
      { message: 'Rule no-broken-rule failed on this server: boom', server: 'app-db' },
    ]);
    expect(findings.some((finding) => finding.ruleId === 'require-backup-retention')).toBe(true);
  });

  it('names a path that does not exist', async () => {
    await expect(scan({ paths: ['no/such/folder'], cwd: ROOT })).rejects.toThrow('No such file or folder: no/such/folder');
  });
});
