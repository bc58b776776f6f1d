import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'jsonc-parser';

/** `br:registry/repository:tag` or `br/alias:path:tag` (a digest `@sha256:…` instead of a tag is accepted too). */
const REFERENCE = /^br(?::|\/([\w-]+):)([^:@]+)(?::([\w.-]+)|@(sha256:[0-9a-f]+))$/i;

interface Alias {
  registry: string;
  modulePath?: string;
}

/** Bicep's built-in alias; others come from the nearest bicepconfig.json. */
const BUILT_IN_ALIASES: Record<string, Alias> = { public: { registry: 'mcr.microsoft.com', modulePath: 'bicep' } };

/**
 * Where `bicep restore` (or `bicep build`) cached a registry module's compiled template: `<cache>/br/<registry>/
 * <repository with / as $>/<tag>$<mask of its capitals>/main.json`, as Bicep's own OciArtifactRegistry lays it out.
 * `cacheRoot` is `~/.bicep` unless bicepconfig.json's `cacheRootDirectory` says otherwise.
 */
export function locateRegistryModule(cwd: string, callerFile: string, reference: string, cacheRoot: string | undefined): string | undefined {
  const match = REFERENCE.exec(reference);
  if (!match) return undefined;
  const [, alias, path, tag, digest] = match;
  const config = readBicepConfig(cwd, callerFile);
  let registry: string;
  let repository: string;
  if (alias) {
    const known = config.aliases[alias] ?? BUILT_IN_ALIASES[alias.toLowerCase()];
    if (!known) return undefined;
    registry = known.registry;
    repository = known.modulePath ? `${known.modulePath}/${path}` : path!;
  } else {
    const [host, ...rest] = path!.split('/');
    registry = host!;
    repository = rest.join('/');
  }
  const root = config.cacheRoot ?? cacheRoot;
  if (!root) return undefined;
  const version = tag ? encodeTag(tag) : digest!.replace(':', '#');
  const file = join(root, 'br', registry.replace(':', '$').toLowerCase(), repository.replaceAll('/', '$'), version, 'main.json');
  return existsSync(file) ? file : undefined;
}

/** Bicep's TagEncoder: the tag, `$`, then a hex mask of its upper-case letters (nothing when there are none). */
function encodeTag(tag: string): string {
  const words: bigint[] = [];
  for (let index = 0; index < tag.length; index++) {
    if (tag[index] !== tag[index]!.toLowerCase()) words[index >> 6] = (words[index >> 6] ?? 0n) | (1n << BigInt(index % 64));
  }
  let mask = '';
  for (let word = words.length - 1; word >= 0; word--) {
    const value = words[word] ?? 0n;
    if (mask || value !== 0n) mask += mask ? value.toString(16).padStart(16, '0') : value.toString(16);
  }
  return `${tag}$${mask}`;
}

/** Module aliases and the cache root of the bicepconfig.json nearest the caller, as Bicep looks it up. */
function readBicepConfig(cwd: string, callerFile: string): { aliases: Record<string, Alias>; cacheRoot?: string } {
  for (let dir = resolve(cwd, dirname(callerFile)); ; dir = dirname(dir)) {
    const file = join(dir, 'bicepconfig.json');
    if (existsSync(file)) {
      try {
        const config = parse(readFileSync(file, 'utf8')) as { moduleAliases?: { br?: Record<string, Alias> }; cacheRootDirectory?: string };
        return { aliases: config.moduleAliases?.br ?? {}, ...(config.cacheRootDirectory && { cacheRoot: resolve(dir, config.cacheRootDirectory) }) };
      } catch {
        return { aliases: {} };
      }
    }
    if (dir === dirname(dir)) return { aliases: {} };
  }
}
