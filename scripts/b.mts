import { loadParser } from '../src/sources/tree-sitter/load-parser.js';
import { readFileSync } from 'node:fs';
const p = await loadParser('bicep');
const t = p.parse(readFileSync(process.argv[2], 'utf8'))!;
console.log(t.rootNode.hasError, t.rootNode.toString().slice(0, +(process.argv[3] ?? 3000)));
