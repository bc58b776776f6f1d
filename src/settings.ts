import { join, relative, resolve } from 'node:path';
import { RULES } from '../rules/index.js';
import { readBaseline, type LoadedBaseline } from './scope/baseline.js';
import type { Config } from './config/config.js';
import { emptyConfig, findConfig } from './config/find-config.js';

/**
 * The configuration and baseline of a run, found the same way by the CLI and the action: the given file, else the
 * nearest `.pgbaseline.yml` from `searchFrom` up; the given baseline, else the configuration's (none when a new one is
 * being written).
 */
export async function resolveSettings(options: {
  cwd: string;
  configFile?: string;
  searchFrom: string;
  baselineFile?: string;
  writingBaseline?: boolean;
}): Promise<{ config: Config; baseline?: LoadedBaseline }> {
  const configFile = options.configFile ?? findConfig(resolve(options.cwd, options.searchFrom));
  // The schema validator loads only when there is a configuration to validate.
  const config = configFile
    ? (await import('./config/load-config.js')).loadConfig(resolve(options.cwd, configFile), RULES, relative(options.cwd, configFile) || configFile)
    : emptyConfig(options.cwd);
  const baselineFile = options.baselineFile
    ? resolve(options.cwd, options.baselineFile)
    : config.baseline && !options.writingBaseline
      ? join(config.dir, config.baseline)
      : undefined;
  return { config, ...(baselineFile && { baseline: readBaseline(baselineFile) }) };
}
