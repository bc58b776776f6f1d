// Writes rules/<id>/README.md and rules/README.md from the rule metadata and fixtures.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../rules/index.js';
import { renderCatalog, renderRuleReadme } from '../src/docs/render-docs.js';
import { readFixtures } from './read-fixtures.js';

const root = join(import.meta.dirname, '..', 'rules');
for (const rule of RULES) writeFileSync(join(root, rule.id, 'README.md'), renderRuleReadme(rule, readFixtures(join(root, rule.id))));
writeFileSync(join(root, 'README.md'), renderCatalog(RULES));
