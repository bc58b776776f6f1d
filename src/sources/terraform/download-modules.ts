import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { promisify } from 'node:util';
import type { Block, Expr } from './hcl-syntax.js';
import { newestMatching } from './version-constraint.js';

export interface DownloadOptions {
  /** Where downloaded modules are kept, by source and version: one download serves every call. */
  cacheDir: string;
  /** Registry API tokens by host, as Terraform reads them from `TF_TOKEN_<host>`. */
  tokens?: Record<string, string>;
}

/** `ns/name/provider` on the public registry, or `host[:port]/ns/name/provider`, with an optional `//subdir`. */
export const REGISTRY_ADDRESS = /^(?:((?:[\w-]+\.)+[\w-]+(?::\d+)?|localhost(?::\d+)?)\/)?([\w-]+)\/([\w-]+)\/([\w-]+)(?:\/\/(.+))?$/i;
const run = promisify(execFile);

/**
 * Downloads the registry and Git modules a root calls, as `terraform init` would, and returns their folders by call
 * key (`db`, `db.network`), and why each one that could not be had was not. Calls inside downloaded modules are
 * followed too. Nothing downloaded is executed: `git` and `tar` only fetch and unpack files, which the scan then reads.
 */
export async function downloadModules(
  root: { dir: string; blocks: Block[] },
  load: (dir: string) => { dir: string; blocks: Block[] } | undefined,
  options: DownloadOptions,
  installed: (key: string) => string | undefined,
): Promise<{ found: Map<string, string>; failed: Map<string, string> }> {
  const found = new Map<string, string>();
  const failed = new Map<string, string>();
  const pending = new Map<string, Promise<string>>();
  const visit = async (module: { dir: string; blocks: Block[] }, key: string, depth: number): Promise<void> => {
    if (depth > 16) return;
    for (const block of module.blocks.filter((candidate) => candidate.type === 'module' && candidate.labels[0])) {
      const source = literal(block, 'source');
      const childKey = key ? `${key}.${block.labels[0]}` : block.labels[0]!;
      if (!source) continue;
      let dir = installed(childKey);
      if (dir) {
        // `terraform init` already has it.
      } else if (source.startsWith('./') || source.startsWith('../')) {
        dir = normalize(join(module.dir, source));
      } else {
        const version = literal(block, 'version');
        const id = `${source}@${version ?? ''}`;
        if (!pending.has(id)) pending.set(id, fetchModule(source, version, options));
        try {
          dir = await pending.get(id)!;
          found.set(childKey, dir);
        } catch (error) {
          failed.set(childKey, `it could not be downloaded: ${error instanceof Error ? error.message : String(error)}`);
          continue;
        }
      }
      const child = load(dir);
      if (child) await visit(child, childKey, depth + 1);
    }
  };
  await visit(root, '', 0);
  return { found, failed };
}

function literal(block: Block, name: string): string | undefined {
  const expr: Expr | undefined = block.body.attributes.find((attr) => attr.name === name)?.expr;
  if (expr?.type === 'literal' && typeof expr.value === 'string') return expr.value;
  if (expr?.type === 'template' && expr.parts.length === 1 && typeof expr.parts[0] === 'string') return expr.parts[0];
  return undefined;
}

/** The local folder of a module source, downloading it into the cache unless it is there. */
async function fetchModule(source: string, version: string | undefined, options: DownloadOptions): Promise<string> {
  const registry = REGISTRY_ADDRESS.exec(source);
  if (registry && !source.includes('::')) return fetchFromRegistry(registry, version, options);
  return fetchGetterSource(source, options);
}

async function fetchFromRegistry(address: RegExpExecArray, constraint: string | undefined, options: DownloadOptions): Promise<string> {
  const [, host = 'registry.terraform.io', namespace, name, provider, subdir] = address;
  // TF_TOKEN_<host> names a host without its port.
  const token = options.tokens?.[host.toLowerCase()] ?? options.tokens?.[host.toLowerCase().replace(/:\d+$/, '')];
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  // Service discovery tells where the module API lives on this host.
  const discovery = await getJson(`https://${host}/.well-known/terraform.json`, headers);
  const api = new URL(String((discovery as Record<string, unknown>)['modules.v1'] ?? ''), `https://${host}/`);
  const path = `${namespace}/${name}/${provider}`;
  const listed = (await getJson(new URL(`${path}/versions`, api).toString(), headers)) as { modules?: { versions?: { version: string }[] }[] };
  const versions = (listed.modules?.[0]?.versions ?? []).map((entry) => entry.version);
  const version = newestMatching(versions, constraint);
  if (!version) throw new Error(`no version of ${path} on ${host} satisfies '${constraint ?? 'any'}' (it has ${versions.join(', ') || 'none'})`);
  const download = new URL(`${path}/${version}/download`, api);
  const response = await fetch(download, { headers, redirect: 'manual' });
  const location = response.headers.get('x-terraform-get');
  if (!response.ok && response.status !== 204) throw new Error(`${download} answered ${response.status}`);
  if (!location) throw new Error(`${download} gave no X-Terraform-Get location`);
  const resolved = /^[a-z0-9]+::/i.test(location) ? location : new URL(location, download).toString();
  const target = await fetchGetterSource(resolved, options);
  return subdir ? join(target, subdir) : target;
}

/**
 * go-getter sources as Terraform understands them: `git::<url>?ref=<ref>`, `github.com/org/repo?ref=…`, and archives
 * (`https://…/x.tar.gz`, `?archive=tar.gz`), each with an optional `//subdir`.
 */
async function fetchGetterSource(source: string, options: DownloadOptions): Promise<string> {
  let address = source;
  if (/^github\.com\//i.test(address)) address = `git::https://${address}`;
  const forced = /^([a-z0-9]+)::(.*)$/i.exec(address);
  const getter = forced?.[1]?.toLowerCase() ?? (/\.(tar\.gz|tgz)(\?|$)|[?&]archive=/.test(address) ? 'archive' : undefined);
  const rest = forced?.[2] ?? address;
  if (getter !== 'git' && getter !== 'archive') throw new Error(`the ${getter ?? 'source'} type is not supported (Git and registry modules, and HTTP archives, are)`);
  const url = new URL(rest.replace(/(\.git|[^:/])\/\/([^?]*)/, '$1'));
  const subdir = /(?:\.git|[^:/])\/\/([^?]*)/.exec(rest)?.[1];
  const ref = url.searchParams.get('ref') ?? undefined;
  url.searchParams.delete('ref');
  url.searchParams.delete('archive');
  const id = createHash('sha256').update(`${getter}|${url}|${ref ?? ''}`).digest('hex').slice(0, 24);
  const target = join(options.cacheDir, getter, id);
  if (!existsSync(target)) {
    const work = mkdtempSync(join(ensure(options.cacheDir), '.download-'));
    try {
      if (getter === 'git') {
        // Shallow, at the ref; no hooks or submodules run.
        await run('git', ['clone', '--quiet', '--depth', '1', '--no-tags', ...(ref ? ['--branch', ref] : []), '--', url.toString(), join(work, 'tree')], { timeout: 120_000 });
        rmSync(join(work, 'tree', '.git'), { recursive: true, force: true });
      } else {
        const response = await fetch(url);
        if (!response.ok) throw new Error(`${url.origin}${url.pathname} answered ${response.status}`);
        mkdirSync(join(work, 'tree'));
        writeFileSync(join(work, 'archive.tar.gz'), Buffer.from(await response.arrayBuffer()));
        await run('tar', ['-xzf', join(work, 'archive.tar.gz'), '-C', join(work, 'tree'), '--no-same-owner', '--no-same-permissions'], { timeout: 120_000 });
      }
      await materialise(join(work, 'tree'), target);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  return subdir ? join(target, subdir) : target;
}

/** Moves a finished download into place at once: a concurrent scan sees all of it or none. */
async function materialise(from: string, to: string): Promise<void> {
  if (existsSync(to)) return;
  mkdirSync(dirname(to), { recursive: true });
  try {
    renameSync(from, to);
  } catch (error) {
    if (!existsSync(to)) throw error;
  }
}

function ensure(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}

async function getJson(url: string, headers: Record<string, string>): Promise<unknown> {
  const response = await fetch(url, { headers });
  if (response.status === 401 || response.status === 403) throw new Error(`${url} answered ${response.status}: set TF_TOKEN_<host> for a private registry`);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}
