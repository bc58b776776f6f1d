import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Config } from './config.js';

/** An invalid configuration file; the message names the file, line and key. */
export class ConfigError extends Error {}

export const CONFIG_NAMES = ['.pgbaseline.yml', '.pgbaseline.yaml'];

/** Walks up from `start` (a file or folder) to the filesystem root; returns the first configuration file found. */
export function findConfig(start: string): string | undefined {
  let dir = resolve(start);
  if (!isFolder(dir)) dir = dirname(dir);
  for (;;) {
    for (const name of CONFIG_NAMES) if (existsSync(join(dir, name))) return join(dir, name);
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export function emptyConfig(dir: string): Config {
  return { dir, rules: {}, ignorePaths: [], suppressions: [], unsuppressible: [] };
}
