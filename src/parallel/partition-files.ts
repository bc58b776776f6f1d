import { readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, resolve } from 'node:path';
import type { DiscoveredFiles } from '../files/discover.js';

/** Below this many files, starting workers costs more than it saves. */
const MIN_FILES = 200;

/**
 * Splits the files into at most `parts` groups that can be scanned apart: folders tied by a local
 * module call (`source = "./…"`, Bicep `module … '…'`) or a `.bicepparam` `using` stay together, so
 * every root module still sees its modules and callers. Groups are balanced by size.
 */
export function partitionFiles(files: DiscoveredFiles, cwd: string, parts: number, minFiles = MIN_FILES): DiscoveredFiles[] {
  const all = [...files.terraform, ...files.bicep, ...files.json];
  if (parts < 2 || all.length < minFiles) return [];
  const parent = new Map<string, string>();
  const find = (folder: string): string => {
    let root = folder;
    while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(folder, root);
    return root;
  };
  const union = (a: string, b: string) => parent.set(find(a), find(b));
  for (const file of all) find(dirname(file));
  for (const file of [...files.terraform, ...files.bicep]) {
    let text: string;
    try {
      text = readFileSync(resolve(cwd, file), 'utf8');
    } catch {
      continue;
    }
    const folder = dirname(file);
    const pattern = file.endsWith('.tf')
      ? /source\s*=\s*"(\.{1,2}\/[^"]*)"/g
      : /(?:module\s+\w+\s+'([^':]+)'|using\s+'([^']+)')/g;
    for (const match of text.matchAll(pattern)) {
      const target = normalize(join(folder, match[1] ?? match[2] ?? '.'));
      union(folder, file.endsWith('.tf') ? target.replace(/\/$/, '') : dirname(target));
    }
  }
  const groups = new Map<string, { files: string[]; bytes: number }>();
  for (const file of all) {
    const root = find(dirname(file));
    const group = groups.get(root) ?? { files: [], bytes: 0 };
    group.files.push(file);
    group.bytes += sizeOf(resolve(cwd, file));
    groups.set(root, group);
  }
  const buckets = Array.from({ length: parts }, () => ({ files: [] as string[], bytes: 0 }));
  for (const group of [...groups.values()].sort((a, b) => b.bytes - a.bytes)) {
    const smallest = buckets.reduce((min, bucket) => (bucket.bytes < min.bytes ? bucket : min));
    smallest.files.push(...group.files);
    smallest.bytes += group.bytes;
  }
  return buckets
    .filter((bucket) => bucket.files.length)
    .map((bucket) => ({
      terraform: bucket.files.filter((file) => files.terraform.includes(file)),
      bicep: bucket.files.filter((file) => files.bicep.includes(file)),
      json: bucket.files.filter((file) => files.json.includes(file)),
    }));
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
