import { loadParser } from '../src/sources/tree-sitter/load-parser.js';
import { readFileSync } from 'node:fs';
import { rewriteNewSyntax } from '../src/sources/bicep/rewrite-new-syntax.js';
const p = await loadParser('bicep');
const lines = rewriteNewSyntax(readFileSync(process.argv[2], 'utf8')).split('\n');
for (let n = 1; n <= lines.length; n++) {
  if (lines[n - 1]!.trim() !== '') continue;
  const t = p.parse(lines.slice(0, n).join('\n') + '\n')!;
  if (t.rootNode.hasError) { console.log('first error in statement ending at line', n); console.log(lines.slice(Math.max(0, n - 12), n).join('\n')); break; }
}
