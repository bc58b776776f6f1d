import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import picomatch from 'picomatch';
import { toPosix } from './to-posix.js';

/** Folders that hold downloaded or generated code, never the code under review. */
const SKIPPED_FOLDERS = new Set(['.terraform', 'node_modules', '.git']);

export interface DiscoveredFiles {
  terraform: string[];
  /** Candidate ARM templates; the ARM front-end skips JSON that is not one. */
  json: string[];
  /** `.bicep` and `.bicepparam` files. */
  bicep: string[];
}

export class UnknownPathError extends Error {}

/**
 * Lists the IaC files under the given files and folders, as paths relative to `cwd`, sorted and
 * without duplicates. A path that does not exist is a usage error. Paths matching the configured
 * `ignorePaths` globs (relative to the configuration's folder) are not scanned.
 */
export function discoverFiles(paths: string[], cwd: string, ignore?: { dir: string; ignorePaths: string[] }): DiscoveredFiles {
  const found = new Set<string>();
  const isIgnored = ignoreMatcher(ignore);
  const visit = (path: string, explicit: boolean) => {
    if (isIgnored(path)) return;
    let stats;
    try {
      stats = statSync(path);
    } catch {
      if (explicit) throw new UnknownPathError(`No such file or folder: ${relative(cwd, path) || path}`);
      return;
    }
    if (stats.isDirectory()) {
      for (const entry of readdirSync(path, { withFileTypes: true })) {
        if (entry.isDirectory() && SKIPPED_FOLDERS.has(entry.name)) continue;
        if (entry.isDirectory() || entry.isFile()) visit(join(path, entry.name), false);
      }
    } else if (stats.isFile()) {
      found.add(relative(cwd, path) || path);
    }
  };
  for (const path of paths) visit(resolve(cwd, path), true);
  const files = [...found].sort();
  return {
    terraform: files.filter((file) => file.endsWith('.tf')),
    json: files.filter((file) => file.endsWith('.json')),
    bicep: files.filter((file) => file.endsWith('.bicep') || file.endsWith('.bicepparam')),
  };
}

function ignoreMatcher(ignore?: { dir: string; ignorePaths: string[] }): (path: string) => boolean {
  if (!ignore?.ignorePaths.length) return () => false;
  const match = picomatch(ignore.ignorePaths, { dot: true });
  return (path) => match(toPosix(relative(ignore.dir, path)));
}
