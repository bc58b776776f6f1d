import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface Mutation {
  name: string;
  apply(bytes: Buffer, next: () => number): Buffer;
}

const at = (bytes: Buffer, next: () => number) => Math.floor(next() * Math.max(1, bytes.length));

/** The ways real files get broken: cut off, corrupted, nested absurdly, re-encoded. */
export const MUTATIONS: Mutation[] = [
  { name: 'truncate', apply: (bytes, next) => bytes.subarray(0, at(bytes, next)) },
  {
    name: 'flip bytes',
    apply: (bytes, next) => {
      const copy = Buffer.from(bytes);
      for (let count = 0; count < 8; count++) copy[at(copy, next)] = Math.floor(next() * 256);
      return copy;
    },
  },
  { name: 'deep nesting', apply: (bytes, next) => splice(bytes, at(bytes, next), '['.repeat(20_000) + '{'.repeat(5_000)) },
  { name: 'huge string', apply: (bytes, next) => splice(bytes, at(bytes, next), `"${'x'.repeat(2_000_000)}"`) },
  { name: 'invalid utf-8', apply: (bytes, next) => splice(bytes, at(bytes, next), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1])) },
  { name: 'crlf', apply: (bytes) => Buffer.from(bytes.toString('latin1').replace(/\n/g, '\r\n'), 'latin1') },
  { name: 'bom', apply: (bytes) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]) },
  {
    name: 'drop lines',
    apply: (bytes, next) =>
      Buffer.from(
        bytes
          .toString('utf8')
          .split('\n')
          .filter(() => next() > 0.15)
          .join('\n'),
      ),
  },
  {
    name: 'deep expression',
    apply: (bytes, next) => splice(bytes, at(bytes, next), `\nx = ${'('.repeat(3_000)}1${')'.repeat(3_000)}\nvar y = ${'f('.repeat(3_000)}1${')'.repeat(3_000)}\n`),
  },
];

function splice(bytes: Buffer, index: number, insert: string | Buffer): Buffer {
  return Buffer.concat([bytes.subarray(0, index), Buffer.isBuffer(insert) ? insert : Buffer.from(insert), bytes.subarray(index)]);
}

/** Real files to mutate: a spread of the corpus's Terraform, Bicep and ARM templates. */
export function seedFiles(root: string, limit: number): { path: string; bytes: Buffer }[] {
  const corpus = join(root, 'test', 'corpus', 'real-world');
  const files = readdirSync(corpus, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(tf|bicep|json)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !path.endsWith('main.json') || readFileSync(path).length < 700_000)
    .sort();
  const step = Math.max(1, Math.floor(files.length / limit));
  return files.filter((_, index) => index % step === 0).slice(0, limit).map((path) => ({ path: relative(root, path), bytes: readFileSync(path) }));
}
