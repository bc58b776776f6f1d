// ncc does not see the .wasm files (their paths are built at run time), so the bundle gets copies.
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';

const from = 'src/sources/tree-sitter';
const to = process.argv[2];
for (const name of readdirSync(from).filter((file) => file.endsWith('.wasm'))) copyFileSync(join(from, name), join(to, name));
