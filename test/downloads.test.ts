import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newestMatching } from '../src/sources/terraform/version-constraint.js';
import { makeCertificate } from './support/fake-azure.js';
import { serveHttps, type FakeAnswer, type LocalServer } from './support/serve-https.js';

const ROOT = join(import.meta.dirname, '..');
const AVM = join(ROOT, 'test/corpus/real-world/Azure__terraform-azurerm-avm-res-dbforpostgresql-flexibleserver');
const TOKEN = 'private-registry-token-never-printed';

/** A bare Git repository holding the AVM module, tagged as the registry publishes it. */
function moduleRepository(): string {
  const base = mkdtempSync(join(tmpdir(), 'pgbaseline-git-'));
  const work = join(base, 'work');
  cpSync(AVM, work, { recursive: true, filter: (source) => !source.includes('/examples') });
  const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], { cwd, stdio: 'ignore' });
  git(work, 'init', '--quiet', '--initial-branch=main');
  git(work, 'add', '.');
  git(work, 'commit', '--quiet', '-m', 'module');
  for (const tag of ['v0.1.0', 'v0.2.0', 'v1.0.0']) git(work, 'tag', tag);
  git(base, 'clone', '--quiet', '--bare', work, 'module.git');
  return join(base, 'module.git');
}

/** The Terraform module registry protocol: service discovery, versions, download by X-Terraform-Get. */
class FakeRegistry {
  readonly requests: { path: string; authorization?: string }[] = [];
  private server?: LocalServer;

  constructor(
    private readonly tls: { key: string; cert: string },
    private readonly repository: string,
  ) {}

  async start(): Promise<string> {
    this.server = await serveHttps(this.tls, ({ url, authorization }) => {
      this.requests.push({ path: url.pathname, authorization });
      return this.answer(url.pathname, authorization);
    });
    return this.server.host;
  }

  async stop(): Promise<void> {
    await this.server?.close();
  }

  private answer(path: string, authorization?: string): FakeAnswer {
    if (path.includes('/private/') && authorization !== `Bearer ${TOKEN}`) return [401, { errors: ['unauthorized'] }];
    if (path === '/.well-known/terraform.json') return [200, { 'modules.v1': '/v1/modules/' }];
    const versions = /^\/v1\/modules\/(\w+)\/([\w-]+)\/(\w+)\/versions$/.exec(path);
    if (versions) return [200, { modules: [{ versions: ['0.1.0', '0.2.0', '1.0.0', '0.3.0-beta'].map((version) => ({ version })) }] }];
    const download = /^\/v1\/modules\/\w+\/[\w-]+\/\w+\/([\d.]+)\/download$/.exec(path);
    if (download) return [204, undefined, { 'x-terraform-get': `git::file://${this.repository}?ref=v${download[1]}` }];
    return [404, { errors: ['not found'] }];
  }
}

const tls = makeCertificate();
let repository = '';
let registry: FakeRegistry;
let host = '';

beforeAll(async () => {
  repository = moduleRepository();
  registry = new FakeRegistry(tls, repository);
  host = await registry.start();
});
afterAll(() => registry.stop());

function caller(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pgbaseline-caller-'));
  const call = (label: string, source: string, version: string | undefined, publicAccess: boolean) => `module "${label}" {
  source = "${source}"
${version ? `  version = "${version}"\n` : ''}  name                          = "${label}-db"
  location                      = "westeurope"
  resource_group_name           = "rg"
  administrator_login           = "psqladmin"
  administrator_password        = var.password
  server_version                = 16
  sku_name                      = "GP_Standard_D2s_v3"
  zone                          = 1
  public_network_access_enabled = ${publicAccess}
}
`;
  writeFileSync(
    join(dir, 'main.tf'),
    [
      call('first', `${host}/Azure/avm-res-dbforpostgresql-flexibleserver/azurerm`, '~> 0.1', true),
      call('second', `${host}/Azure/avm-res-dbforpostgresql-flexibleserver/azurerm`, '~> 0.1', false),
      call('pinned', `git::file://${repository}?ref=v0.1.0`, undefined, true),
      call('private', `${host}/private/avm-res-dbforpostgresql-flexibleserver/azurerm`, '>= 0.1.0, != 0.2.0, < 1.0.0', true),
      call('bucket', 's3::https://s3.amazonaws.com/bucket/module.zip', undefined, true),
      'variable "password" {\n  type      = string\n  sensitive = true\n}\n',
    ].join('\n'),
  );
  return dir;
}

async function cli(cwd: string, cache: string, env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [join(ROOT, 'bin', 'pgbaseline.js'), 'scan', '.', '--download-modules', '--format', 'json', '--fail-on', 'none'], {
      cwd,
      env: { PATH: process.env.PATH, NODE_EXTRA_CA_CERTS: tls.certFile, XDG_CACHE_HOME: cache, ...env },
    });
    return { stdout, stderr };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string };
    return { stdout: failed.stdout, stderr: failed.stderr };
  }
}

interface Report {
  findings: { ruleId: string; server: string; file: string; line: number }[];
  notices: { kind: string; message: string; line: number }[];
}

describe('downloading Terraform modules (--download-modules)', () => {
  it('follows registry and Git modules as terraform init would: newest matching version, one download a module, findings on the caller lines', async () => {
    const dir = caller();
    const cache = mkdtempSync(join(tmpdir(), 'pgbaseline-cache-'));
    const host = registry.requests.length;
    const run = await cli(dir, cache, { [`TF_TOKEN_127_0_0_1`]: TOKEN });
    const report = JSON.parse(run.stdout) as Report;
    const publicAccess = (server: string) => report.findings.find((finding) => finding.server === server && finding.ruleId === 'no-public-network-access');
    expect(publicAccess('first-db')).toMatchObject({ file: 'main.tf', line: 12 });
    expect(publicAccess('second-db')).toBeUndefined();
    expect(report.notices.filter((notice) => notice.message.includes('pinned'))).toEqual([]);
    expect(publicAccess('pinned-db')).toMatchObject({ file: 'main.tf' });
    expect(publicAccess('private-db')).toMatchObject({ file: 'main.tf' });
    // `~> 0.1` is 0.2.0, not 1.0.0 or the beta; the private constraint excludes 0.2.0, so 0.1.0.
    const downloads = registry.requests.slice(host).filter((request) => request.path.endsWith('/download')).map((request) => request.path);
    expect(downloads.sort()).toEqual([
      '/v1/modules/Azure/avm-res-dbforpostgresql-flexibleserver/azurerm/0.2.0/download',
      '/v1/modules/private/avm-res-dbforpostgresql-flexibleserver/azurerm/0.1.0/download',
    ]);
    expect(registry.requests.slice(host).filter((request) => request.path.includes('/private/')).every((request) => request.authorization === `Bearer ${TOKEN}`)).toBe(true);
    // Two tags of one repository: two clones, kept in the cache; the S3 source is a notice, not a silent pass.
    expect(readdirSync(join(cache, 'pgbaseline', 'modules', 'git'))).toHaveLength(2);
    expect(report.notices).toMatchObject([{ kind: 'module-not-followed', message: expect.stringContaining('the s3 type is not supported') }]);
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
  });

  it('says why a private module could not be had without its token', async () => {
    const run = await cli(caller(), mkdtempSync(join(tmpdir(), 'pgbaseline-cache-')));
    const report = JSON.parse(run.stdout) as Report;
    expect(report.notices.some((notice) => notice.message.includes('module.private') && notice.message.includes('TF_TOKEN_<host>'))).toBe(true);
    expect(report.findings.some((finding) => finding.server === 'first-db')).toBe(true);
  });
});

describe('version constraints', () => {
  it.each([
    ['~> 0.1', '0.2.0'],
    ['~> 0.1.0', '0.1.1'],
    ['>= 0.1.0, < 1.0.0, != 0.2.0', '0.1.1'],
    ['1.0.0', '1.0.0'],
    ['= 0.3.0-beta', '0.3.0-beta'],
    ['> 1.0.0', undefined],
    [undefined, '1.0.0'],
  ])('%s → %s', (constraint, expected) => {
    expect(newestMatching(['0.1.0', '0.1.1', '0.2.0', '1.0.0', '0.3.0-beta'], constraint)).toBe(expected);
  });
});
