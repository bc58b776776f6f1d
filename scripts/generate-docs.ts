// Writes rules/<id>/README.md, rules/README.md and the README's rule table from the rule metadata and fixtures.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../rules/index.js';
import { renderCatalog, renderRuleReadme, updateReadmeTable } from '../src/docs/render-docs.js';
import { readFixtures } from './read-fixtures.js';

const root = join(import.meta.dirname, '..', 'rules');
for (const rule of RULES) writeFileSync(join(root, rule.id, 'README.md'), renderRuleReadme(rule, readFixtures(join(root, rule.id))));
writeFileSync(join(root, 'README.md'), renderCatalog(RULES));
const readme = join(import.meta.dirname, '..', 'README.md');
writeFileSync(readme, updateReadmeTable(readFileSync(readme, 'utf8'), RULES));
