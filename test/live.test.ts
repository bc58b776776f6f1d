import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeAzure, FORBIDDEN_ID, makeCertificate, MISSING_ID, ORDERS_ID, SUBSCRIPTION } from './support/fake-azure.js';
import { FakeGitHub } from './support/fake-github.js';

const ROOT = join(import.meta.dirname, '..');
const tls = makeCertificate();
const azure = new FakeAzure(tls);
let endpoint = '';

beforeAll(async () => {
  endpoint = await azure.start();
});
afterAll(() => azure.stop());

/** The bundled CLI with a service principal against the local Entra and Resource Manager, trusting the test CA. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return cliWith({}, ...args);
}

async function cliWith(overrides: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    PATH: process.env.PATH,
    NODE_EXTRA_CA_CERTS: tls.certFile,
    AZURE_CLIENT_ID: '00000000-0000-0000-0000-0000000000c1',
    AZURE_TENANT_ID: '00000000-0000-0000-0000-0000000000d1',
    AZURE_CLIENT_SECRET: 'test-secret-never-printed',
    AZURE_AUTHORITY_HOST: endpoint,
    ...overrides,
  };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [join(ROOT, 'bin', 'pgbaseline.js'), 'scan', ...args, '--arm-endpoint', endpoint], { cwd: ROOT, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

interface JsonFinding {
  ruleId: string;
  kind: string;
  file: string;
  line: number;
  message: string;
  server: string;
  drift?: { setting: string; iac: string; live: string };
}

describe('live Azure state through the real SDK over HTTPS', () => {
  it('reports drift from the IaC and live-only findings, anchored on the declaration, with paging and a 429 handled', async () => {
    const { code, stdout, stderr } = await cli('test/fixtures/live', '--live', '--azure-subscription', SUBSCRIPTION, '--format', 'json');
    const findings = (JSON.parse(stdout) as { findings: JsonFinding[] }).findings;
    const drift = findings.filter((finding) => finding.kind === 'drift');
    expect(drift.map((finding) => [finding.drift?.setting, finding.drift?.iac, finding.drift?.live, finding.line])).toEqual([
      ['firewallRules/portal-added', 'absent', '0.0.0.0–255.255.255.255', 1],
      ['network.publicNetworkAccess', 'Disabled', 'Enabled', 7],
      ['ssl_min_protocol_version', 'TLSv1.3', 'TLSv1.2', 24],
    ]);
    // The portal-added rule is open to the internet: a live critical finding on the IaC's server.
    expect(findings.find((finding) => finding.ruleId === 'no-firewall-open-to-internet')).toMatchObject({
      kind: 'live',
      file: 'test/fixtures/live/main.tf',
      line: 1,
      message: expect.stringMatching(/^Live: Firewall rule 'portal-added'/),
    });
    // What the IaC already reports is not repeated from live state.
    expect(findings.filter((finding) => finding.ruleId === 'require-pgaudit')).toHaveLength(1);
    // A parameter at its system default is a default, as an absent one in IaC: not an explicit 'off'.
    expect(findings.filter((finding) => finding.ruleId === 'require-connection-logging')).toEqual([]);
    expect(code).toBe(1);
    expect(stderr).toBe('');

    const arm = azure.requests.filter((request) => request.path.startsWith('/subscriptions/'));
    expect(arm.every((request) => request.method === 'GET')).toBe(true);
    expect(arm.every((request) => request.authorization === 'Bearer fake-arm-token')).toBe(true);
    // The configurations were read twice on the first page (429, then retried) and once on the second.
    expect(arm.filter((request) => request.path === `${ORDERS_ID}/configurations`).length).toBe(3);
    expect(stdout).not.toContain('test-secret-never-printed');
  });

  it('explains a 403 and a 404 per server and still checks the others', async () => {
    const { stdout, stderr } = await cli('--live-server', FORBIDDEN_ID, '--live-server', MISSING_ID, '--live-server', ORDERS_ID, '--format', 'json', '--fail-on', 'none');
    expect(stderr).toContain('Could not read server secret-db: access denied (403); the identity needs the Reader role on it');
    expect(stderr).toContain('Could not read server gone-db: not found (404)');
    const findings = (JSON.parse(stdout) as { findings: JsonFinding[] }).findings;
    expect(findings.find((finding) => finding.ruleId === 'no-public-network-access')).toMatchObject({ kind: 'live', file: `azure:${ORDERS_ID}`, server: 'orders-db' });
  });

  it('says that sign-in failed, and where, once, when the authority cannot be reached', async () => {
    const authority = 'https://127.0.0.1:9';
    const { stderr, stdout } = await cliWith({ AZURE_AUTHORITY_HOST: authority }, '--live-server', ORDERS_ID, '--live-server', FORBIDDEN_ID, '--format', 'json', '--fail-on', 'none');
    expect(stderr.match(/Azure sign-in at https:\/\/127\.0\.0\.1:9 failed, so no server was read/g)).toHaveLength(1);
    expect(stderr).not.toContain('Could not read server');
    expect((JSON.parse(stdout) as { notices: { kind: string }[] }).notices).toMatchObject([{ kind: 'live-state' }]);
    expect(stderr + stdout).not.toContain('test-secret-never-printed');
  });

  it('reads every server of a resource group, following nextLink', async () => {
    const { stdout } = await cli('--live-scope', `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-orders`, '--format', 'json', '--fail-on', 'none');
    const servers = new Set((JSON.parse(stdout) as { findings: JsonFinding[] }).findings.map((finding) => finding.server));
    expect([...servers].sort()).toEqual(['orders-db', 'reports-db']);
  });
});

describe('live Azure state in the bundled action', () => {
  it('exchanges the workflow OIDC token for an Entra token and reports drift in the job summary', async () => {
    const github = new FakeGitHub({ files: [] });
    const apiUrl = await github.start();
    const workspace = mkdtempSync(join(tmpdir(), 'pgbaseline-live-'));
    cpSync(join(ROOT, 'test/fixtures/live'), join(workspace, 'infra'), { recursive: true });
    const files = { event: join(workspace, '..', `${workspace.split('/').pop()}-event.json`), output: `${workspace}-output`, summary: `${workspace}-summary` };
    writeFileSync(files.event, JSON.stringify({ ref: 'refs/heads/main' }));
    writeFileSync(files.output, '');
    writeFileSync(files.summary, '');
    const inputs: Record<string, string> = {
      'github-token': 'ghs_test',
      paths: 'infra',
      live: 'true',
      'azure-client-id': '00000000-0000-0000-0000-0000000000c1',
      'azure-tenant-id': '00000000-0000-0000-0000-0000000000d1',
      'azure-subscription-id': SUBSCRIPTION,
      'azure-arm-endpoint': endpoint,
      'fail-on': 'critical',
      'fail-scope': 'all',
    };
    let code = 0;
    let stdout = '';
    try {
      ({ stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'dist', 'index.js')], {
        cwd: workspace,
        env: {
          PATH: process.env.PATH,
          NODE_EXTRA_CA_CERTS: tls.certFile,
          AZURE_AUTHORITY_HOST: endpoint,
          ACTIONS_ID_TOKEN_REQUEST_URL: `${endpoint}/actions/id-token?api-version=2.0`,
          ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'runtime-token',
          GITHUB_EVENT_NAME: 'push',
          GITHUB_EVENT_PATH: files.event,
          GITHUB_REPOSITORY: 'octo/app',
          GITHUB_SHA: 'headsha',
          GITHUB_WORKSPACE: workspace,
          GITHUB_API_URL: apiUrl,
          GITHUB_OUTPUT: files.output,
          GITHUB_STEP_SUMMARY: files.summary,
          ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])),
        },
      }));
    } catch (error) {
      ({ code, stdout } = error as { code: number; stdout: string });
    } finally {
      await github.stop();
    }
    expect(azure.requests.some((request) => request.path === '/actions/id-token')).toBe(true);
    expect(code).toBe(1); // the live firewall rule open to the internet is critical
    expect(stdout).toContain('no-firewall-open-to-internet');
    const summary = readFileSync(files.summary, 'utf8');
    expect(summary).toContain('has network.publicNetworkAccess Enabled in Azure, but the IaC says Disabled');
    expect([...github.checkRuns.values()][0]?.annotations.length).toBeGreaterThan(0);
  });
});
