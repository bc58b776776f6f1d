import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
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
  const sizes = new Map<string, number>();
  const read = fileReader();
  for (const file of [...files.terraform, ...files.bicep]) {
    const bytes = read(resolve(cwd, file));
    if (!bytes) continue;
    sizes.set(file, bytes.length);
    const terraform = file.endsWith('.tf');
    // Only a file that can call a module is decoded and searched: most are not.
    if (!(terraform ? bytes.includes('source') : bytes.includes('module') || bytes.includes('using'))) continue;
    const folder = dirname(file);
    const pattern = terraform ? /source\s*=\s*"(\.{1,2}\/[^"]*)"/g : /(?:module\s+\w+\s+'([^':]+)'|using\s+'([^']+)')/g;
    for (const match of bytes.toString('utf8').matchAll(pattern)) {
      const target = normalize(join(folder, match[1] ?? match[2] ?? '.'));
      union(folder, terraform ? target.replace(/\/$/, '') : dirname(target));
    }
  }
  const groups = new Map<string, { files: string[]; bytes: number }>();
  for (const file of all) {
    const root = find(dirname(file));
    const group = groups.get(root) ?? { files: [], bytes: 0 };
    group.files.push(file);
    group.bytes += sizes.get(file) ?? sizeOf(resolve(cwd, file));
    groups.set(root, group);
  }
  const buckets = Array.from({ length: parts }, () => ({ files: [] as string[], bytes: 0 }));
  for (const group of [...groups.values()].sort((a, b) => b.bytes - a.bytes)) {
    const smallest = buckets.reduce((min, bucket) => (bucket.bytes < min.bytes ? bucket : min));
    smallest.files.push(...group.files);
    smallest.bytes += group.bytes;
  }
  const terraform = new Set(files.terraform);
  const bicep = new Set(files.bicep);
  return buckets
    .filter((bucket) => bucket.files.length)
    .map((bucket) => ({
      terraform: bucket.files.filter((file) => terraform.has(file)),
      bicep: bucket.files.filter((file) => bicep.has(file)),
      json: bucket.files.filter((file) => !terraform.has(file) && !bicep.has(file)),
    }));
}

/**
 * Reads files into one buffer, reused: each file is looked at once and dropped, and a buffer a file would
 * leave tens of megabytes outside the heap for the collector to find late (peak memory on large trees).
 */
function fileReader(): (path: string) => Buffer | undefined {
  let buffer = Buffer.alloc(1 << 16);
  return (path) => {
    let fd: number | undefined;
    try {
      fd = openSync(path, 'r');
      const size = fstatSync(fd).size;
      if (size > buffer.length) buffer = Buffer.alloc(size);
      let length = 0;
      for (let read = 1; read > 0 && length < size; length += read) read = readSync(fd, buffer, length, size - length, null);
      return buffer.subarray(0, length);
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  };
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
