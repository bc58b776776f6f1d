import { loadParser } from '../src/sources/tree-sitter/load-parser.js';
import { readFileSync } from 'node:fs';
const p = await loadParser('bicep');
const src = process.argv[3] === 'stdin' ? readFileSync(0, 'utf8') : readFileSync(process.argv[2], 'utf8');
const t = p.parse(src)!;
const out: string[] = [];
const walk = (n: any) => { if (n.isError || n.isMissing) { out.push(`${n.startPosition.row+1}:${n.startPosition.column}-${n.endPosition.row+1} ${n.isMissing ? 'MISSING ' + n.type : 'ERROR'} | ${src.split('\n')[n.startPosition.row].trim().slice(0, 100)}`); if (n.isError) return; } for (const c of n.children) walk(c); };
walk(t.rootNode);
console.log(out.join('\n'));
