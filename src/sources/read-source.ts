import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Problem } from '../model/problem.js';

export const DEFAULT_MAX_FILE_BYTES = 8 * 1024 * 1024;

/**
 * Reads a text file (`file` relative to `cwd`, as it appears in findings), or says on line 1 why it
 * was not read. A byte-order mark is dropped.
 */
export function readSource(cwd: string, file: string, maxBytes = DEFAULT_MAX_FILE_BYTES): { text: string } | { problem: Problem } {
  const at = { file, line: 1, endLine: 1 };
  const path = resolve(cwd, file);
  try {
    const size = statSync(path).size;
    if (size > maxBytes) return { problem: { message: `File skipped: ${size} bytes is above the ${maxBytes}-byte limit`, at } };
    const bytes = readFileSync(path);
    if (bytes.includes(0)) return { problem: { message: 'File skipped: it is binary, not text', at } };
    const text = bytes.toString('utf8');
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (error) {
    return { problem: { message: `File not read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, at } };
  }
}
