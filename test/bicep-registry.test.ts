import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeAzure, makeCertificate, ORDERS_ID, SUBSCRIPTION, TEMPLATE_SPEC_PATH } from './support/fake-azure.js';
import { serveHttps, type FakeAnswer, type LocalServer } from './support/serve-https.js';

const ROOT = join(import.meta.dirname, '..');
const AVM_TEMPLATE = readFileSync(join(ROOT, 'test/corpus/real-world/Azure__bicep-registry-modules/avm/res/db-for-postgre-sql/flexible-server/main.json'));
const CALLER = readFileSync(join(ROOT, 'test/fixtures/modules/avm-caller-bicep/main.bicep'), 'utf8');
const LAYER = 'application/vnd.ms.bicep.module.layer.v1+json';
const DIGEST = `sha256:${createHash('sha256').update(AVM_TEMPLATE).digest('hex')}`;
/** What the fake Entra issues (test/support/fake-azure.ts); the registry exchanges only that. */
const ENTRA_TOKEN = 'fake-arm-token';

/**
 * An OCI registry as Bicep modules are published to: `open/` pulled without credentials (like the public registry),
 * `anon/` through the anonymous token flow, `private/` only with a token from Azure Container Registry's exchange of an
 * Entra token. Records every request.
 */
class FakeOciRegistry {
  readonly requests: { method: string; path: string }[] = [];
  private server?: LocalServer;
  host = '';

  constructor(private readonly tls: { key: string; cert: string }) {}

  async start(): Promise<string> {
    this.server = await serveHttps(this.tls, ({ method, url, body, authorization }) => {
      this.requests.push({ method, path: url.pathname });
      return this.answer(method, url, new URLSearchParams(body), authorization);
    });
    this.host = this.server.host;
    return this.host;
  }

  async stop(): Promise<void> {
    await this.server?.close();
  }

  private answer(method: string, url: URL, form: URLSearchParams, authorization?: string): FakeAnswer {
    const path = url.pathname;
    if (path === '/oauth2/exchange' && method === 'POST') {
      return form.get('access_token') === ENTRA_TOKEN ? [200, { refresh_token: 'registry-refresh' }] : [401, { errors: [{ code: 'UNAUTHORIZED' }] }];
    }
    if (path === '/oauth2/token') {
      if (method === 'POST') return form.get('refresh_token') === 'registry-refresh' && form.get('scope')?.endsWith(':pull') ? [200, { access_token: 'private-access' }] : [401, {}];
      return url.searchParams.get('scope')?.startsWith('repository:anon/') ? [200, { token: 'anonymous-access' }] : [401, { errors: [{ code: 'UNAUTHORIZED' }] }];
    }
    const match = /^\/v2\/((open|anon|private)\/[\w/-]+)\/(manifests|blobs)\/(.+)$/.exec(path);
    if (!match) return [404, { errors: [{ code: 'NAME_UNKNOWN' }] }];
    const [, repository, kind, what, reference] = match;
    const needed = { open: undefined, anon: 'Bearer anonymous-access', private: 'Bearer private-access' }[kind as 'open' | 'anon' | 'private'];
    if (needed && authorization !== needed) {
      return [401, { errors: [{ code: 'UNAUTHORIZED' }] }, { 'www-authenticate': `Bearer realm="https://${this.host}/oauth2/token",service="${this.host}",scope="repository:${repository}:pull"` }];
    }
    if (what === 'manifests') {
      if (reference !== '0.15.3') return [404, { errors: [{ code: 'MANIFEST_UNKNOWN' }] }];
      const manifest = { schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', artifactType: 'application/vnd.ms.bicep.module.artifact', layers: [{ mediaType: LAYER, digest: DIGEST, size: AVM_TEMPLATE.length }] };
      return [200, manifest, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' }];
    }
    return reference === DIGEST ? [200, AVM_TEMPLATE, { 'content-type': 'application/octet-stream' }] : [404, { errors: [{ code: 'BLOB_UNKNOWN' }] }];
  }
}

const tls = makeCertificate();
const registry = new FakeOciRegistry(tls);
const azure = new FakeAzure(tls);
let host = '';
let endpoint = '';

beforeAll(async () => {
  [host, endpoint] = await Promise.all([registry.start(), azure.start()]);
});
afterAll(() => Promise.all([registry.stop(), azure.stop()]));

/** The AVM caller fixture, its two module calls pointed at the local registry: directly and through an alias. */
function caller(insecure: string, secure: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pgbaseline-bicep-caller-'));
  const modules = [insecure, secure];
  writeFileSync(join(dir, 'main.bicep'), CALLER.replace(/'br\/public:avm\/res\/db-for-postgre-sql\/flexible-server:0\.15\.3'/g, () => `'${modules.shift()}'`));
  writeFileSync(join(dir, 'bicepconfig.json'), JSON.stringify({ moduleAliases: { br: { local: { registry: host, modulePath: 'anon' } } } }));
  return dir;
}

interface Report {
  findings: { ruleId: string; server: string; file: string; line: number }[];
  notices: { kind: string; message: string; line: number }[];
}

async function scan(cwd: string, cache: string, ...args: string[]): Promise<Report & { stderr: string }> {
  const env = {
    PATH: process.env.PATH,
    NODE_EXTRA_CA_CERTS: tls.certFile,
    XDG_CACHE_HOME: cache,
    HOME: cache,
    AZURE_CLIENT_ID: '00000000-0000-0000-0000-0000000000c1',
    AZURE_TENANT_ID: '00000000-0000-0000-0000-0000000000d1',
    AZURE_CLIENT_SECRET: 'test-secret-never-printed',
    AZURE_AUTHORITY_HOST: endpoint,
  };
  const argv = [join(ROOT, 'bin', 'pgbaseline.js'), 'scan', 'main.bicep', '--download-modules', '--format', 'json', '--fail-on', 'none', ...args];
  const { stdout, stderr } = await promisify(execFile)(process.execPath, argv, { cwd, env });
  return { ...(JSON.parse(stdout) as Report), stderr };
}

const pulls = (since: number, kind: string) => registry.requests.slice(since).filter((request) => request.path.includes(`/${kind}/`)).length;

describe('pulling Bicep registry modules (--download-modules)', () => {
  it('pulls what no cache holds over the OCI API, anonymously, and evaluates it with the caller params on the caller lines', async () => {
    const dir = caller(`br:${host}/open/avm/res/db-for-postgre-sql/flexible-server:0.15.3`, 'br/local:avm/res/db-for-postgre-sql/flexible-server:0.15.3');
    const cache = mkdtempSync(join(tmpdir(), 'pgbaseline-cache-'));
    const before = registry.requests.length;
    const report = await scan(dir, cache);
    expect(report.notices).toEqual([]);
    const insecure = report.findings.filter((finding) => finding.server === 'avm-bicep-insecure');
    expect(insecure.find((finding) => finding.ruleId === 'no-public-network-access')).toMatchObject({ file: 'main.bicep', line: 17 });
    expect(insecure.find((finding) => finding.ruleId === 'no-firewall-open-to-internet')).toMatchObject({ file: 'main.bicep', line: 21 });
    const secure = report.findings.filter((finding) => finding.server === 'avm-bicep-secure').map((finding) => finding.ruleId);
    expect(secure).not.toContain('no-public-network-access');
    expect(report.findings.length).toBeGreaterThan(insecure.length);
    // The anonymous token flow: a 401, the token, then the manifest and the layer.
    expect(registry.requests.slice(before).filter((request) => request.path === '/oauth2/token')).toHaveLength(1);

    // A second scan reads the cache: nothing is pulled again.
    const again = registry.requests.length;
    expect((await scan(dir, cache)).findings).toEqual(report.findings);
    expect(registry.requests.length).toBe(again);
  });

  it('names each module that cannot be pulled, with the reason, and still scans the rest', async () => {
    const dir = caller(`br:${host}/private/avm/res/db-for-postgre-sql/flexible-server:0.15.3`, `br:${host}/open/avm/res/db-for-postgre-sql/flexible-server:9.9.9`);
    const report = await scan(dir, mkdtempSync(join(tmpdir(), 'pgbaseline-cache-')));
    expect(report.notices.map((notice) => [notice.kind, notice.line])).toEqual([
      ['module-not-followed', 7],
      ['module-not-followed', 28],
    ]);
    expect(report.notices[0]!.message).toMatch(/could not be pulled: .*does not allow anonymous pulls.*Azure sign-in/);
    expect(report.notices[1]!.message).toContain('answered 404');
    expect(report.findings).toEqual([]);
  });

  it('pulls from a private Azure Container Registry with the live sign-in exchanged for a registry token', async () => {
    const dir = caller(`br:${host}/private/avm/res/db-for-postgre-sql/flexible-server:0.15.3`, `br:${host}/private/avm/res/db-for-postgre-sql/flexible-server:0.15.3`);
    const before = registry.requests.length;
    const report = await scan(dir, mkdtempSync(join(tmpdir(), 'pgbaseline-cache-')), '--live-server', ORDERS_ID, '--arm-endpoint', endpoint);
    expect(report.notices.filter((notice) => notice.kind === 'module-not-followed')).toEqual([]);
    expect(report.findings.find((finding) => finding.server === 'avm-bicep-insecure' && finding.ruleId === 'no-public-network-access')).toMatchObject({ file: 'main.bicep', line: 17 });
    // One module version, one pull: the two calls share it (the manifest twice: the challenge, then with the token).
    expect([pulls(before, 'manifests'), pulls(before, 'blobs')]).toEqual([2, 1]);
    expect(registry.requests.slice(before).map((request) => `${request.method} ${request.path}`)).toContain('POST /oauth2/exchange');
    expect(report.stderr).not.toContain('private-access');
  });

  it('reads template specs (ts:) from Resource Manager with the live sign-in, on every scan, and names them without it', async () => {
    const dir = caller(`ts:${SUBSCRIPTION}/rg-specs/postgres:1.0`, 'ts/specs:postgres:1.0');
    writeFileSync(join(dir, 'bicepconfig.json'), JSON.stringify({ moduleAliases: { ts: { specs: { subscription: SUBSCRIPTION, resourceGroup: 'rg-specs' } } } }));
    const cache = mkdtempSync(join(tmpdir(), 'pgbaseline-cache-'));
    const before = azure.requests.length;
    const report = await scan(dir, cache, '--live-server', ORDERS_ID, '--arm-endpoint', endpoint);
    expect(report.notices.filter((notice) => notice.kind === 'module-not-followed')).toEqual([]);
    expect(report.findings.find((finding) => finding.server === 'avm-bicep-insecure' && finding.ruleId === 'no-firewall-open-to-internet')).toMatchObject({ file: 'main.bicep', line: 21 });
    expect(azure.requests.slice(before).filter((request) => request.path === TEMPLATE_SPEC_PATH && request.authorization === 'Bearer fake-arm-token')).toHaveLength(1);

    // Without the sign-in, what an earlier scan read is not trusted: the template spec is named as not evaluated.
    const offline = await scan(dir, cache);
    expect(offline.notices.map((notice) => [notice.kind, notice.line])).toEqual([
      ['module-not-followed', 7],
      ['module-not-followed', 28],
    ]);
    expect(offline.notices[0]!.message).toContain('live mode');
  });
});
