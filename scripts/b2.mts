import { loadParser } from '../src/sources/tree-sitter/load-parser.js';
import { readFileSync } from 'node:fs';
const p = await loadParser('bicep');
for (const f of process.argv.slice(2)) {
  const t = p.parse(readFileSync(f, 'utf8'))!;
  if (t.rootNode.hasError) {
    const errs = t.rootNode.descendantsOfType('ERROR').slice(0,2).map(n => `${n!.startPosition.row+1}: ${n!.text.slice(0,60).replace(/\n/g,' ')}`);
    const miss = [] as string[];
    const walk = (n: any) => { if (n.isMissing) miss.push(`${n.startPosition.row+1} missing ${n.type}`); for (const c of n.children) walk(c); };
    walk(t.rootNode);
    console.log('ERR', f.split('real-world/')[1], errs, miss.slice(0,2));
  }
}
