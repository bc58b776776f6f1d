import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { formatJson } from '../src/report/format-json.js';
import { formatMarkdown } from '../src/report/format-markdown.js';
import { formatSarif } from '../src/report/format-sarif.js';
import { formatText } from '../src/report/format-text.js';
import { scan } from '../src/scan.js';

const ROOT = join(import.meta.dirname, '..');

/**
 * The reports of the bundled examples, reviewed and kept in test/golden/. A change to any report shows up here as a
 * diff to look at; after looking, `npx vitest run test/golden.test.ts -u` records it.
 */
describe('reports of examples/ (golden files)', async () => {
  const result = await scan({ paths: ['examples'], cwd: ROOT, now: new Date('2026-11-26T00:00:00Z') });

  it.each([
    ['examples.txt', () => formatText(result)],
    ['examples.md', () => formatMarkdown(result)],
    ['examples.json', () => formatJson(result)],
    ['examples.sarif', () => formatSarif(result, RULES, '0.0.0-golden')],
  ])('%s', async (file, format) => {
    await expect(format()).toMatchFileSnapshot(join('golden', file));
  });
});
