// Fails when a test, script or config of the repository refers to a path outside the repository: a user's clone has
// nothing beside it, so such a test passes in our CI and fails for everybody else. IaC data (fixtures, examples, the
// corpus) is not checked: its relative paths are module sources that a scan resolves, not files the project reads.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const CODE = /\.(?:[cm]?[jt]s|sh|ya?ml|json)$|^\.ci\/run$/;
const DATA = /^(?:test\/corpus|test\/fixtures|examples|dist|schema)\/|^rules\/[^/]+\/fixtures\//;
// '../x' literals, and '..' segments after the repository root or after the file's own folder.
const RELATIVE = /['"`]((?:\.\.\/)+[^'"`\s]*)['"`]/g;
const SEGMENTS = /\b(ROOT|root|import\.meta\.dirname)((?:\s*,\s*['"`]\.\.['"`])+)/g;

const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((file) => file && CODE.test(file) && !DATA.test(file) && file !== 'package-lock.json');

const problems: string[] = [];
for (const file of files) {
  const lines = readFileSync(resolve(root, file), 'utf8').split('\n');
  lines.forEach((line, index) => {
    const targets = [
      // A literal with `${…}` is a pattern built at run time (lint globs), not a path the project reads.
      ...[...line.matchAll(RELATIVE)].filter((match) => !match[1]!.includes('${')).map((match) => resolve(root, dirname(file), match[1]!)),
      ...[...line.matchAll(SEGMENTS)].map((match) => {
        const base = match[1] === 'import.meta.dirname' ? resolve(root, dirname(file)) : root;
        return resolve(base, ...Array(match[2]!.split('..').length - 1).fill('..'));
      }),
    ];
    if (targets.some((target) => relative(root, target).startsWith('..'))) problems.push(`${file}:${index + 1}: ${line.trim()}`);
  });
}

if (problems.length > 0) {
  console.error(`These lines refer to paths outside the repository (a fresh clone has nothing beside it):\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(`${files.length} code and config files refer only to paths inside the repository.`);
