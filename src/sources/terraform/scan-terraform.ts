import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, normalize, resolve } from 'node:path';
import { groupBy } from '../../model/group-by.js';
import { dedupeNotices, type Notice } from '../../model/notice.js';
import type { Problem } from '../../model/problem.js';
import type { ArmResource } from '../../model/resource.js';
import type { Value } from '../../model/value.js';
import { loadParser } from '../tree-sitter/load-parser.js';
import { checkNesting } from '../nesting.js';
import { readSource } from '../read-source.js';
import type { SourceResult } from '../source-result.js';
import { evaluateModule, moduleSourceDirs, readTfvars, type TerraformModule } from './evaluate-module.js';
import type { HclFile } from './hcl-syntax.js';
import { downloadModules, type DownloadOptions } from './download-modules.js';
import { moduleLocator, readModulesJson } from './installed-modules.js';
import { parseHcl } from './parse-hcl.js';
import { isRelevantBlock, toArmResource } from './to-arm.js';

const DECLARATIONS = new Set(['resource', 'data', 'module']);

export interface TerraformOptions {
  /** Folder that relative paths are resolved against; locations keep the relative spelling. */
  cwd: string;
  /** `--var-file` files, applied after `terraform.tfvars` and `*.auto.tfvars`. */
  varFiles?: string[];
  /** `--var name=value`, applied last. */
  vars?: Record<string, string>;
  maxFileBytes?: number;
  /** Download registry and Git modules that `terraform init` has not (`--download-modules`). */
  downloads?: DownloadOptions;
}

/**
 * Evaluates the Terraform configurations that the given `.tf` files belong to. Folders called as
 * local modules by another scanned folder are evaluated through their callers, not on their own.
 */
export async function scanTerraform(tfFiles: string[], options: TerraformOptions): Promise<SourceResult> {
  const parser = await loadParser('terraform');
  const problems: Problem[] = [];
  const parsed = new Map<string, HclFile | undefined>();
  const parseFile = (file: string): HclFile | undefined => {
    if (parsed.has(file)) return parsed.get(file);
    const source = readSource(options.cwd, file, options.maxFileBytes);
    const tooDeep = 'text' in source ? checkNesting(file, source.text) : undefined;
    let result: HclFile | undefined;
    if ('problem' in source) problems.push(source.problem);
    else if (tooDeep) problems.push(tooDeep);
    else {
      result = parseHcl(parser, file, source.text, { needsBody: isRelevantBlock });
      if (result.error) problems.push(result.error);
    }
    parsed.set(file, result);
    return result;
  };

  const modules = new Map<string, TerraformModule>();
  const moduleOf = (dir: string, files: string[]): TerraformModule => {
    const module = { dir, files: files.flatMap((file) => parseFile(file) ?? []) };
    modules.set(dir, module);
    return module;
  };
  const load = (dir: string): TerraformModule | undefined => modules.get(dir) ?? loadFolder(options.cwd, dir, moduleOf);

  const byDir = groupBy(tfFiles.map(normalize), (file) => dirname(file));
  for (const [dir, files] of byDir) moduleOf(dir, files.sort());

  const called = new Set([...byDir.keys()].flatMap((dir) => moduleSourceDirs(modules.get(dir)!)));
  const roots = [...byDir.keys()].filter((dir) => !called.has(dir));

  const resources: ArmResource[] = [];
  const notices: Notice[] = [];
  const blocksOf = (module: TerraformModule) => ({ dir: module.dir, blocks: module.files.flatMap((file) => file.body.blocks) });
  for (const dir of roots) {
    const inputs = rootInputs(dir, options, parseFile);
    const installed = readModulesJson(options.cwd, dir);
    let unavailable: Map<string, string> | undefined;
    if (options.downloads) {
      const loadBlocks = (child: string) => {
        const module = load(child);
        return module && blocksOf(module);
      };
      const downloaded = await downloadModules(blocksOf(modules.get(dir)!), loadBlocks, options.downloads, (key) => installed.get(key));
      for (const [key, folder] of downloaded.found) installed.set(key, folder);
      unavailable = downloaded.failed;
    }
    for (const evaluated of evaluateModule(modules.get(dir)!, inputs, { load, notices, locate: moduleLocator(options.cwd, installed), unavailable })) {
      const resource = toArmResource(evaluated, dir);
      if (resource) resources.push(resource);
    }
  }
  const annotations = [...parsed.values()].flatMap((file) =>
    file
      ? [{ file: file.file, comments: file.comments, declarations: file.body.blocks.filter((block) => DECLARATIONS.has(block.type)).map((block) => block.at) }]
      : [],
  );
  return { resources, problems, notices: dedupeNotices(notices), annotations };
}

function loadFolder(
  cwd: string,
  dir: string,
  moduleOf: (dir: string, files: string[]) => TerraformModule,
): TerraformModule | undefined {
  try {
    const files = readdirSync(resolve(cwd, dir)).filter((name) => name.endsWith('.tf')).sort();
    return files.length ? moduleOf(dir, files.map((name) => join(dir, name))) : undefined;
  } catch {
    return undefined;
  }
}

function rootInputs(dir: string, options: TerraformOptions, parseFile: (file: string) => HclFile | undefined): Map<string, Value> {
  const inputs = new Map<string, Value>();
  let autoFiles: string[] = [];
  try {
    autoFiles = readdirSync(resolve(options.cwd, dir)).filter((name) => name.endsWith('.auto.tfvars')).sort();
  } catch {
    // The folder vanished between discovery and evaluation: its defaults still apply.
  }
  const defaults = join(dir, 'terraform.tfvars');
  const varFiles = [...(existsSync(resolve(options.cwd, defaults)) ? [defaults] : []), ...autoFiles.map((name) => join(dir, name))];
  for (const file of [...varFiles, ...(options.varFiles ?? [])]) {
    const parsedFile = parseFile(normalize(file));
    if (parsedFile) for (const [name, value] of readTfvars(parsedFile)) inputs.set(name, value);
  }
  for (const [name, text] of Object.entries(options.vars ?? {})) {
    inputs.set(name, { kind: 'scalar', value: text, at: { file: '--var', line: 1, endLine: 1 }, external: true });
  }
  return inputs;
}
