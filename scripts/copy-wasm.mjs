// ncc does not see the .wasm files (their paths are built at run time), so the bundle gets copies, and the
// third-party notices that ncc writes for the JavaScript it bundled get the grammars' licences.
import { appendFileSync, copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';

const from = 'src/sources/tree-sitter';
const to = process.argv[2];
for (const name of readdirSync(from).filter((file) => file.endsWith('.wasm'))) copyFileSync(join(from, name), join(to, name));

for (const grammar of ['@tree-sitter-grammars/tree-sitter-hcl', 'tree-sitter-bicep']) {
  const license = readFileSync(join('node_modules', grammar, 'LICENSE'), 'utf8').trim();
  appendFileSync(join(to, 'THIRD-PARTY-NOTICES.txt'), `\n${grammar} (tree-sitter-${grammar.split('-').pop()}.wasm)\n${license}\n`);
}
