import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Fixture } from '../src/docs/render-docs.js';

/** A rule's fixtures, failing ones first, in name order. */
export function readFixtures(ruleDir: string): Fixture[] {
  const dir = join(ruleDir, 'fixtures');
  return readdirSync(dir)
    .sort((a, b) => Number(a.startsWith('pass')) - Number(b.startsWith('pass')) || a.localeCompare(b))
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}
