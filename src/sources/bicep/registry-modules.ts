import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'jsonc-parser';

/**
 * `br:registry[:port]/repository:tag` or `br/alias:path:tag` (a digest `@sha256:…` instead of a tag is accepted too).
 * The registry's port is the one colon allowed before the repository's first slash.
 */
const REFERENCE = /^br(?::|\/([\w-]+):)((?:[^:@/]+:\d+\/)?[^:@]+)(?::([\w.-]+)|@(sha256:[0-9a-f]{64}))$/i;

/** `ts:<subscription>/<resource group>/<name>:<version>` or `ts/alias:<name>:<version>`. */
const TEMPLATE_SPEC = /^ts(?::([^/:]+)\/([^/:]+)\/([^/:]+)|\/([\w-]+):([^/:]+)):([^/:]+)$/i;

/** Whether a module reference names a template spec (`ts:` or `ts/alias:`), well formed or not. */
export function isTemplateSpecReference(reference: string): boolean {
  return /^ts[:/]/i.test(reference);
}

interface Alias {
  registry: string;
  modulePath?: string;
}

interface TemplateSpecAlias {
  subscription: string;
  resourceGroup: string;
}

/** A template spec version in Resource Manager, as a `ts:` module names it. */
export interface TemplateSpec {
  subscription: string;
  resourceGroup: string;
  name: string;
  version: string;
}

/** A registry module reference with its alias resolved, as Bicep resolves it for the caller. */
export interface RegistryModule {
  registry: string;
  repository: string;
  tag?: string;
  digest?: string;
  /** bicepconfig.json's `cacheRootDirectory`, when it sets one. */
  configuredCache?: string;
}

/** Bicep's built-in alias; others come from the nearest bicepconfig.json. */
const BUILT_IN_ALIASES: Record<string, Alias> = { public: { registry: 'mcr.microsoft.com', modulePath: 'bicep' } };

export function resolveRegistryModule(cwd: string, callerFile: string, reference: string): RegistryModule | undefined {
  const match = REFERENCE.exec(reference);
  if (!match) return undefined;
  const [, alias, path, tag, digest] = match;
  const config = readBicepConfig(cwd, callerFile);
  const version = { ...(tag && { tag }), ...(digest && { digest }), ...(config.cacheRoot && { configuredCache: config.cacheRoot }) };
  if (alias) {
    const known = config.aliases[alias] ?? BUILT_IN_ALIASES[alias.toLowerCase()];
    if (!known) return undefined;
    return { registry: known.registry, repository: known.modulePath ? `${known.modulePath}/${path}` : path!, ...version };
  }
  const [host, ...rest] = path!.split('/');
  return { registry: host!, repository: rest.join('/'), ...version };
}

/**
 * Where Bicep caches a registry module's compiled template: `<cache>/br/<registry>/<repository with / as $>/
 * <tag>$<mask of its capitals>/main.json`, as Bicep's own OciArtifactRegistry lays it out. pgbaseline's own pulls use
 * the same layout under its cache, so one lookup serves both.
 */
export function cachedModuleFile(cacheRoot: string, module: RegistryModule): string {
  const version = module.tag ? encodeTag(module.tag) : module.digest!.replace(':', '#');
  return join(cacheRoot, 'br', module.registry.replace(':', '$').toLowerCase(), module.repository.replaceAll('/', '$'), version, 'main.json');
}

export function resolveTemplateSpec(cwd: string, callerFile: string, reference: string): TemplateSpec | undefined {
  const match = TEMPLATE_SPEC.exec(reference);
  if (!match) return undefined;
  const [, subscription, resourceGroup, name, alias, aliasedName, version] = match;
  if (!alias) return { subscription: subscription!, resourceGroup: resourceGroup!, name: name!, version: version! };
  const known = readBicepConfig(cwd, callerFile).templateSpecAliases[alias];
  return known && { subscription: known.subscription, resourceGroup: known.resourceGroup, name: aliasedName!, version: version! };
}

/** Where pgbaseline keeps a template spec version it read from Resource Manager. */
export function cachedTemplateSpecFile(cacheRoot: string, spec: TemplateSpec): string {
  return join(cacheRoot, 'ts', ...[spec.subscription, spec.resourceGroup, spec.name, spec.version].map((part) => part.toLowerCase()), 'main.json');
}

/**
 * The compiled template of a `br:` or `ts:` module in the first cache that has it: bicepconfig.json's, then the
 * others in order.
 */
export function locateRegistryModule(cwd: string, callerFile: string, reference: string, cacheRoots: (string | undefined)[]): string | undefined {
  const module = resolveRegistryModule(cwd, callerFile, reference);
  const spec = module ? undefined : resolveTemplateSpec(cwd, callerFile, reference);
  const roots = [module?.configuredCache, ...cacheRoots].filter((root) => root !== undefined);
  const candidates = module ? roots.map((root) => cachedModuleFile(root, module)) : spec ? roots.map((root) => cachedTemplateSpecFile(root, spec)) : [];
  return candidates.find((file) => existsSync(file));
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
function readBicepConfig(cwd: string, callerFile: string): { aliases: Record<string, Alias>; templateSpecAliases: Record<string, TemplateSpecAlias>; cacheRoot?: string } {
  for (let dir = resolve(cwd, dirname(callerFile)); ; dir = dirname(dir)) {
    const file = join(dir, 'bicepconfig.json');
    if (existsSync(file)) {
      try {
        const config = parse(readFileSync(file, 'utf8')) as { moduleAliases?: { br?: Record<string, Alias>; ts?: Record<string, TemplateSpecAlias> }; cacheRootDirectory?: string };
        const aliases = { aliases: config.moduleAliases?.br ?? {}, templateSpecAliases: config.moduleAliases?.ts ?? {} };
        return { ...aliases, ...(config.cacheRootDirectory && { cacheRoot: resolve(dir, config.cacheRootDirectory) }) };
      } catch {
        return { aliases: {}, templateSpecAliases: {} };
      }
    }
    if (dir === dirname(dir)) return { aliases: {}, templateSpecAliases: {} };
  }
}
