import { existsSync } from 'node:fs';
import { basename, dirname, join, normalize, resolve } from 'node:path';
import type { Parser } from 'web-tree-sitter';
import type { Location } from '../../model/location.js';
import { dedupeNotices } from '../../model/notice.js';
import type { Value } from '../../model/value.js';
import { checkNesting } from '../nesting.js';
import { readSource } from '../read-source.js';
import type { SourceResult } from '../source-result.js';
import { loadParser } from '../tree-sitter/load-parser.js';
import type { BicepFile } from './bicep-syntax.js';
import { evaluateBicepFile, evaluateDetached, localModuleFile } from './evaluate-bicep.js';
import { parseBicep } from './parse-bicep.js';
import { parseBicepParam, type BicepParamFile } from './parse-bicepparam.js';
import { pullRegistryModule, readTemplateSpec, type PullOptions } from './pull-registry-modules.js';
import { isTemplateSpecReference, locateRegistryModule, resolveRegistryModule, resolveTemplateSpec } from './registry-modules.js';

export interface BicepOptions {
  cwd: string;
  /** `--params` `.bicepparam` files; when one names a template, found ones for it are not used. */
  paramFiles?: string[];
  maxFileBytes?: number;
  /** Bicep's cache folder (`~/.bicep`), where `bicep restore` puts registry modules. */
  bicepCache?: string;
  /** Pull `br:` modules that are not restored (`--download-modules`). */
  pulls?: PullOptions;
}

/**
 * Evaluates the scanned Bicep templates. A template used as a local module by another scanned template
 * is evaluated through its callers; `.bicepparam` files apply to the template their `using` names.
 */
export async function scanBicep(files: string[], options: BicepOptions): Promise<SourceResult> {
  const result: SourceResult = { resources: [], problems: [], notices: [], annotations: [] };
  if (files.length === 0 && !options.paramFiles?.length) return result;
  const parser = await loadParser('bicep');
  const templates = new Map<string, BicepFile | undefined>();
  const load = (file: string): BicepFile | undefined => {
    if (templates.has(file)) return templates.get(file);
    // A module file missing from the checkout is unknown, not broken: what it declares is not checked.
    if (!existsSync(resolve(options.cwd, file))) return undefined;
    const parsed = read(parser, file, options, result, parseBicep);
    templates.set(file, parsed);
    if (parsed) result.annotations.push({ file, comments: parsed.comments, declarations: [...parsed.resources, ...parsed.modules].map((declaration) => declaration.at) });
    return parsed;
  };

  const scanned = files.filter((file) => file.endsWith('.bicep')).map(normalize);
  for (const file of scanned) load(file);
  const found = files.filter((file) => file.endsWith('.bicepparam')).flatMap((file) => read(parser, normalize(file), options, result, parseBicepParam) ?? []);
  const given = (options.paramFiles ?? []).flatMap((file) => read(parser, normalize(file), options, result, parseBicepParam) ?? []);

  const unavailable = options.pulls ? await pullModules(scanned, load, options, options.pulls) : new Map<string, string>();
  const context = {
    load,
    notices: result.notices,
    locateRegistryModule: (caller: string, reference: string) => {
      const reason = unavailable.get(reference);
      const file = reason ? undefined : locateRegistryModule(options.cwd, caller, reference, [options.bicepCache, options.pulls?.cacheRoot]);
      return file ? { file } : { reason: reason ?? notRestored(reference) };
    },
  };
  const called = new Set(
    scanned.flatMap((file) => (templates.get(file)?.modules ?? []).flatMap((module) => localModuleFile(file, module.path) ?? [])),
  );
  for (const file of scanned.filter((candidate) => !called.has(candidate))) {
    const template = templates.get(file);
    if (!template) continue;
    const forTemplate = (params: BicepParamFile[]) => params.filter((param) => param.using && normalize(join(dirname(param.file), param.using)) === file);
    const paramSets = forTemplate(given).length ? forTemplate(given) : forTemplate(found);
    if (paramSets.length === 0) {
      result.resources.push(...evaluateBicepFile(template, new Map(), context, { deployment: file }));
      continue;
    }
    for (const params of paramSets) {
      // Several parameter files are several deployments: their resources are told apart by file name.
      const prefix = paramSets.length > 1 ? `${basename(params.file)}:` : '';
      result.resources.push(...evaluateBicepFile(template, paramValues(params), context, { prefix, deployment: `${file}|${params.file}` }));
    }
  }
  result.notices = dedupeNotices(result.notices);
  return result;
}

/**
 * Pulls the `br:` modules that the scanned templates and their local modules call and no cache holds, and reads their
 * `ts:` template specs, once each; returns why each one that could not be had was not.
 */
async function pullModules(scanned: string[], load: (file: string) => BicepFile | undefined, options: BicepOptions, pulls: PullOptions): Promise<Map<string, string>> {
  const wanted = new Map<string, string>();
  const visited = new Set<string>();
  const visit = (file: string) => {
    if (visited.has(file)) return;
    visited.add(file);
    for (const module of load(file)?.modules ?? []) {
      const local = localModuleFile(file, module.path);
      if (local) visit(local);
      else if (isTemplateSpecReference(module.path) || !locateRegistryModule(options.cwd, file, module.path, [options.bicepCache, pulls.cacheRoot])) wanted.set(module.path, file);
    }
  };
  scanned.forEach(visit);
  const unavailable = new Map<string, string>();
  // Two references to one module (an alias and its full address) share one pull.
  const pending = new Map<string, Promise<string>>();
  const once = (key: unknown, pull: () => Promise<string>) => {
    const id = JSON.stringify(key);
    if (!pending.has(id)) pending.set(id, pull());
    return pending.get(id)!;
  };
  await Promise.all(
    [...wanted].map(async ([reference, caller]) => {
      const module = resolveRegistryModule(options.cwd, caller, reference);
      const spec = module ? undefined : resolveTemplateSpec(options.cwd, caller, reference);
      if (!module && !spec) {
        unavailable.set(reference, 'the reference is not one Bicep reads, or its alias is not in bicepconfig.json');
        return;
      }
      await once(module ? [module.registry, module.repository, module.tag, module.digest] : spec, () => (module ? pullRegistryModule(module, pulls) : readTemplateSpec(spec!, pulls))).catch((error: unknown) =>
        unavailable.set(reference, `it could not be ${module ? 'pulled' : 'read'}: ${error instanceof Error ? error.message : String(error)}`),
      );
    }),
  );
  return unavailable;
}

function notRestored(reference: string): string {
  if (isTemplateSpecReference(reference)) return 'template specs (ts:) are read from Resource Manager with --download-modules and live mode\'s Azure sign-in; or scan a what-if of the deployment (--whatif)';
  return 'registry modules are read from Bicep\'s restore cache, or pulled with --download-modules; run `bicep restore` before the scan, or scan a what-if of the deployment (--whatif)';
}

function paramValues(params: BicepParamFile): Map<string, Value> {
  return new Map([...params.params].map(([name, expr]) => [name, evaluateDetached(expr, params.file)]));
}

function read<T extends { error?: { message: string; at: Location } }>(
  parser: Parser,
  file: string,
  options: BicepOptions,
  result: SourceResult,
  parse: (parser: Parser, file: string, source: string) => T,
): T | undefined {
  const source = readSource(options.cwd, file, options.maxFileBytes);
  if ('problem' in source) {
    result.problems.push(source.problem);
    return undefined;
  }
  const tooDeep = checkNesting(file, source.text);
  if (tooDeep) {
    result.problems.push(tooDeep);
    return undefined;
  }
  const parsed = parse(parser, file, source.text);
  if (parsed.error) result.problems.push(parsed.error);
  return parsed;
}
