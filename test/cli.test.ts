import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { FINDING_KINDS } from '../src/engine/finding-kinds.js';
import { VERSION } from '../src/version.js';
import { sarifErrors } from './support/validate-sarif.js';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'pgbaseline.js');

/** Runs the bundled CLI (dist/) the way `npx pgbaseline` does. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return cliIn(ROOT, ...args);
}

async function cliIn(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { cwd });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('pgbaseline scan (bundled)', () => {
  it('exits 1 when a finding reaches --fail-on, 0 below it', async () => {
    expect((await cli('scan', 'examples')).code).toBe(1);
    expect((await cli('scan', 'examples', '--fail-on', 'none')).code).toBe(0);
    expect((await cli('scan', 'examples/terraform/secure', '--fail-on', 'low')).code).toBe(0);
  });

  it('prints findings grouped by file with severity, rule, message, location and fix', async () => {
    const { stdout } = await cli('scan', 'examples/terraform/insecure');
    expect(stdout).toMatch(/^examples\/terraform\/insecure\/main\.tf$/m);
    expect(stdout).toMatch(/examples\/terraform\/insecure\/main\.tf:\d+ {2}critical no-firewall-open-to-internet/);
    expect(stdout).toContain('fix: public_network_access_enabled = false');
    expect(stdout).toMatch(/findings \(\d+ critical, \d+ high, \d+ medium, \d+ low\) in 3 servers and 1 file/);
  });

  it('exits 2 with a message naming the bad input', async () => {
    expect(await cli('scan', 'examples', '--format', 'xml')).toMatchObject({ code: 2, stderr: expect.stringContaining("--format must be one of text, json, markdown, junit, sarif; got 'xml'") });
    expect(await cli('scan', 'examples', '--fail-on', 'severe')).toMatchObject({ code: 2, stderr: expect.stringContaining('--fail-on') });
    expect(await cli('scan', 'missing-folder')).toMatchObject({ code: 2, stderr: expect.stringContaining('No such file or folder: missing-folder') });
    expect(await cli('scan')).toMatchObject({ code: 2, stderr: expect.stringContaining('at least one file or folder, --plan, --whatif') });
    expect(await cli('scan', '--var', 'novalue', 'examples')).toMatchObject({ code: 2, stderr: expect.stringContaining("--var must look like name=value; got 'novalue'") });
    expect(await cli('lint', 'examples')).toMatchObject({ code: 2, stderr: expect.stringContaining("Unknown command 'lint'") });
  });

  it('writes the JSON contract, with relative paths and 1-based lines', async () => {
    const { stdout } = await cli('scan', 'examples/terraform', '--format', 'json', '--fail-on', 'none');
    const report = JSON.parse(stdout);
    expect(report.version).toBe(1);
    expect(Object.keys(report.findings[0]).slice(0, 9)).toEqual(['ruleId', 'severity', 'title', 'message', 'file', 'line', 'endLine', 'resource', 'fix']);
    expect(report.findings.find((finding: { ruleId: string }) => finding.ruleId === 'no-hardcoded-admin-password')).toMatchObject({
      file: 'examples/terraform/insecure/main.tf',
      line: 5,
      resource: 'azurerm_postgresql_flexible_server.legacy_app',
    });
    expect(report.notEvaluated).toEqual([
      expect.objectContaining({ ruleId: 'require-high-availability', resource: 'azurerm_postgresql_flexible_server.reporting', reason: expect.stringContaining('Burstable') }),
    ]);
    // The literal password itself never appears in any output.
    expect(stdout).not.toContain('Sup3r-Secret!');
  });

  it('writes SARIF 2.1.0 that code scanning accepts, to --output', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'pgbaseline-')), 'report.sarif');
    expect((await cli('scan', 'examples', '--format', 'sarif', '--output', out, '--fail-on', 'none')).code).toBe(0);
    const sarif = JSON.parse(readFileSync(out, 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    const [run] = sarif.runs;
    expect(run.tool.driver.rules).toHaveLength(RULES.length + FINDING_KINDS.size);
    expect(sarifErrors(sarif)).toEqual([]);
    for (const rule of run.tool.driver.rules.slice(0, RULES.length)) {
      expect(rule.helpUri).toMatch(/^https:\/\/github\.com\/.+\/blob\/v\d+\.\d+\.\d+\/rules\/[a-z0-9-]+\/README\.md$/);
      expect(Number(rule.properties['security-severity'])).toBeGreaterThan(0);
      expect(rule.help.text.length).toBeGreaterThan(0);
    }
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(result.locations[0].physicalLocation.artifactLocation.uri).toMatch(/^examples\//);
      expect(result.locations[0].physicalLocation.region.startLine).toBeGreaterThan(0);
      expect(result.partialFingerprints['pgbaseline/v1']).toMatch(/^[0-9a-f]{20}$/);
    }
    expect(new Set(run.results.map((result: { partialFingerprints: Record<string, string> }) => result.partialFingerprints['pgbaseline/v1'])).size).toBe(run.results.length);
  });

  it('writes Markdown with a severity table and the manual checklist', async () => {
    const { stdout } = await cli('scan', 'examples', '--format', 'markdown', '--fail-on', 'none');
    expect(stdout).toContain('| critical | high | medium | low |');
    expect(stdout).toContain(`[\`no-firewall-open-to-internet\`](https://github.com/pgbaseline/pgbaseline/blob/v${VERSION}/rules/no-firewall-open-to-internet/README.md)`);
    expect(stdout).toContain('- [ ] [Enforce MFA and Conditional Access for database users]');
  });

  it('finds .pgbaseline.yml above the scanned path and reports suppressions in JSON', async () => {
    const { code, stdout } = await cli('scan', 'test/fixtures/suppressions/config/app', '--format', 'json');
    expect(code).toBe(1); // the unsuppressible critical password finding gates
    const report = JSON.parse(stdout);
    expect(report.findings.find((finding: { ruleId: string }) => finding.ruleId === 'no-public-network-access').suppression).toEqual({
      kind: 'config',
      reason: 'behind Azure Front Door until the private endpoint lands',
      until: '2099-12-31',
    });
    expect(report.summary).toMatchObject({ suppressed: 1, baselined: 0 });
    expect(stdout).not.toContain('not-so-secret');
  });

  it('exits 2 on an invalid configuration, naming the file, line and key', async () => {
    const result = await cli('scan', 'examples', '--config', 'test/fixtures/suppressions/invalid-config/unknown-key.yml');
    expect(result).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown-key.yml:3: 'supressions' is not a known setting") });
  });

  it('writes a baseline with --write-baseline and gates only on new findings with --baseline', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pgbaseline-cli-'));
    cpSync(join(ROOT, 'examples', 'terraform', 'insecure'), dir, { recursive: true });
    expect(await cliIn(dir, 'scan', '.', '--write-baseline', 'baseline.json')).toMatchObject({ code: 2, stderr: expect.stringContaining('--reason') });
    expect(await cliIn(dir, 'scan', '.', '--write-baseline', 'baseline.json', '--reason', 'adopted 2026-11')).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^Recorded \d+ finding\(s\) in baseline\.json\./),
    });
    expect(JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8'))).toMatchObject({ version: 1, reason: 'adopted 2026-11' });
    const { code, stdout } = await cliIn(dir, 'scan', '.', '--baseline', 'baseline.json');
    expect(code).toBe(0);
    expect(stdout).toMatch(/no findings in 3 servers and 1 file; \d+ in the baseline/);
    expect(await cliIn(dir, 'scan', '.', '--baseline', 'main.tf')).toMatchObject({ code: 2, stderr: expect.stringContaining('main.tf: cannot read the baseline (not JSON)') });
  });
});

describe('reproducible verdicts', () => {
  it('evaluates as of --now: the same input gives the same verdict any day', async () => {
    // PostgreSQL 16 reaches community end of life on 2028-11-09.
    const fixture = 'rules/require-supported-version/fixtures';
    const before = await cli('scan', fixture, '--now', '2026-12-01', '--format', 'json');
    const after = await cli('scan', fixture, '--now', '2028-12-01', '--format', 'json');
    const ended = (run: { stdout: string }) =>
      (JSON.parse(run.stdout) as { findings: { ruleId: string; message: string }[] }).findings.filter((finding) => finding.ruleId === 'require-supported-version' && finding.message.includes('16'));
    expect(ended(before)).toEqual([]);
    expect(ended(after).length).toBeGreaterThan(0);
  });

  it('rejects a --now that is not a day', async () => {
    const run = await cli('scan', 'examples', '--now', '2026-13-01');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--now must be a real day written YYYY-MM-DD');
  });

  it('warns on stderr and in the report when it found no IaC', async () => {
    const run = await cli('scan', 'schema');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('No Terraform, Bicep or ARM file was found');
    expect(run.stdout).toContain('nothing was checked');
  });
});

describe('the terminal', () => {
  it('ends quietly when the reader closes the pipe early (scan | head)', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [BIN, 'scan', 'test/corpus', '--format', 'json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toContain('EPIPE');
    expect(stderr).not.toContain('Error');
    expect(code).toBe(1); // the gate's verdict, not a crash
  });

  it('says where --output wrote the report', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pgbaseline-out-')), 'report.sarif');
    const run = await cli('scan', 'examples/terraform/secure', '--format', 'sarif', '--output', file);
    expect(run.stderr).toContain(`wrote the sarif report to ${file}`);
    expect(run.stdout).toBe('');
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe('2.1.0');
  });

  it('colours only when asked or on a terminal, and NO_COLOR wins', async () => {
    const run = (env: Record<string, string>) =>
      promisify(execFile)(process.execPath, [BIN, 'scan', 'examples/terraform/insecure', '--fail-on', 'none'], { cwd: ROOT, env: { PATH: process.env.PATH, ...env } });
    expect((await run({})).stdout).not.toContain('\u001b[');
    expect((await run({ FORCE_COLOR: '1' })).stdout).toContain('\u001b[1;31mcritical');
    expect((await run({ FORCE_COLOR: '1', NO_COLOR: '1' })).stdout).not.toContain('\u001b[');
  });

  it('prints one line a finding with --compact, most severe first within a file', async () => {
    const { stdout } = await cli('scan', 'examples/terraform/insecure', '--compact');
    expect(stdout).not.toContain('fix:');
    const severities = stdout.split('\n').flatMap((line) => /^ {2}\S+:\d+ {2}(critical|high|medium|low) /.exec(line)?.[1] ?? []);
    expect(severities.length).toBeGreaterThan(20);
    const rank = ['critical', 'high', 'medium', 'low'];
    expect(severities).toEqual([...severities].sort((a, b) => rank.indexOf(a!) - rank.indexOf(b!)));
  });
});

describe('the progress line', () => {
  it('shows on a terminal for a large scan, and is cleared at the end', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pgbaseline-progress-'));
    for (let index = 0; index < 220; index++) writeFileSync(join(dir, `f${index}.tf`), `resource "azurerm_storage_account" "s${index}" {\n  name = "s${index}"\n}\n`);
    // `script` gives the CLI a terminal, as a developer's shell does.
    const { stdout } = await promisify(execFile)('script', ['-qec', `${process.execPath} ${BIN} scan . --format json --output report.json`, '/dev/null'], { cwd: dir, env: { PATH: process.env.PATH, TERM: 'xterm' } });
    expect(stdout).toContain('pgbaseline: scanning 220 files on');
    expect(stdout).toContain('\r\u001b[2K');
  });

  it('stays silent when stderr is not a terminal', async () => {
    const run = await cli('scan', 'test/corpus/real-world/Azure__terraform', '--fail-on', 'none');
    expect(run.stderr).not.toContain('scanning');
  });
});
