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
import { locateRegistryModule } from './registry-modules.js';

export interface BicepOptions {
  cwd: string;
  /** `--params` `.bicepparam` files; when one names a template, found ones for it are not used. */
  paramFiles?: string[];
  maxFileBytes?: number;
  /** Bicep's cache folder (`~/.bicep`), where `bicep restore` puts registry modules. */
  bicepCache?: string;
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

  const called = new Set(
    scanned.flatMap((file) => (templates.get(file)?.modules ?? []).flatMap((module) => localModuleFile(file, module.path) ?? [])),
  );
  for (const file of scanned.filter((candidate) => !called.has(candidate))) {
    const template = templates.get(file);
    if (!template) continue;
    const forTemplate = (params: BicepParamFile[]) => params.filter((param) => param.using && normalize(join(dirname(param.file), param.using)) === file);
    const paramSets = forTemplate(given).length ? forTemplate(given) : forTemplate(found);
    if (paramSets.length === 0) {
      result.resources.push(...evaluateBicepFile(template, new Map(), { load, notices: result.notices, locateRegistryModule: (caller, reference) => locateRegistryModule(options.cwd, caller, reference, options.bicepCache) }, { deployment: file }));
      continue;
    }
    for (const params of paramSets) {
      // Several parameter files are several deployments: their resources are told apart by file name.
      const prefix = paramSets.length > 1 ? `${basename(params.file)}:` : '';
      result.resources.push(...evaluateBicepFile(template, paramValues(params), { load, notices: result.notices, locateRegistryModule: (caller, reference) => locateRegistryModule(options.cwd, caller, reference, options.bicepCache) }, { prefix, deployment: `${file}|${params.file}` }));
    }
  }
  result.notices = dedupeNotices(result.notices);
  return result;
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
