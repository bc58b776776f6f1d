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
  // Inside a folder the entry types come with the listing: one system call a folder, none a file.
  const visitFolder = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (isIgnored(path)) continue;
      if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) visitFolder(path);
      else if (entry.isFile()) found.add(relative(cwd, path));
    }
  };
  for (const path of paths.map((given) => resolve(cwd, given))) {
    if (isIgnored(path)) continue;
    let stats;
    try {
      stats = statSync(path);
    } catch {
      throw new UnknownPathError(`No such file or folder: ${relative(cwd, path) || path}`);
    }
    if (stats.isDirectory()) visitFolder(path);
    else if (stats.isFile()) found.add(relative(cwd, path) || path);
  }
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
