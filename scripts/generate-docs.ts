// Writes rules/<id>/README.md, rules/README.md, the README's rule table and schema/pgbaseline.schema.json
// from the rule metadata and fixtures.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildConfigSchema } from '../src/config/config-schema.js';
import { RULES } from '../rules/index.js';
import { renderCatalog, renderRuleReadme, updateReadmeTable } from '../src/docs/render-docs.js';
import { readFixtures } from './read-fixtures.js';

const root = join(import.meta.dirname, '..', 'rules');
for (const rule of RULES) writeFileSync(join(root, rule.id, 'README.md'), renderRuleReadme(rule, readFixtures(join(root, rule.id))));
writeFileSync(join(root, 'README.md'), renderCatalog(RULES));
const schema = join(import.meta.dirname, '..', 'schema', 'pgbaseline.schema.json');
mkdirSync(dirname(schema), { recursive: true });
writeFileSync(schema, `${JSON.stringify(buildConfigSchema(RULES), null, 2)}\n`);
const readme = join(import.meta.dirname, '..', 'README.md');
writeFileSync(readme, updateReadmeTable(readFileSync(readme, 'utf8'), RULES));
