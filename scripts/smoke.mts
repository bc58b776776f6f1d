import { scan } from '../src/scan.js';
const r = await scan({ paths: process.argv.slice(2), cwd: process.cwd() });
for (const f of r.findings) console.log(`${f.severity.padEnd(8)} ${f.ruleId.padEnd(30)} ${f.file}:${f.line} ${f.resource} — ${f.message}`);
console.log(r.stats, r.notEvaluated.length, 'not evaluated');
for (const n of r.notEvaluated.slice(0, 15)) console.log('  ?', n.ruleId, n.resource, n.reason);
