import { readFileSync } from 'node:fs';
import { rewriteNewSyntax } from '../src/sources/bicep/rewrite-new-syntax.js';
process.stdout.write(rewriteNewSyntax(readFileSync(process.argv[2], 'utf8')));
