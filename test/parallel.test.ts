import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { generateMonorepo } from '../scripts/generate-monorepo.js';
import { discoverFiles } from '../src/files/discover.js';
import { partitionFiles } from '../src/parallel/partition-files.js';

const ROOT = join(import.meta.dirname, '..');

describe('parallel scanning', () => {
  it('keeps folders tied by module calls in one part', () => {
    const files = discoverFiles(['test/fixtures/terraform/modules', 'test/fixtures/bicep/modules', 'examples', 'test/corpus/real-world'], ROOT);
    const parts = partitionFiles(files, ROOT, 2, 1);
    expect(parts.length).toBe(2);
    const partOf = (file: string) => parts.findIndex((part) => [...part.terraform, ...part.bicep, ...part.json].includes(file));
    expect(partOf('test/fixtures/terraform/modules/main.tf')).toBe(partOf('test/fixtures/terraform/modules/modules/db/main.tf'));
    expect(partOf('test/fixtures/bicep/modules/main.bicep')).toBe(partOf('test/fixtures/bicep/modules/modules/settings.bicep'));
  });

  it('reports exactly what a single-threaded scan reports, through the bundled CLI', async () => {
    const dir = join(tmpdir(), 'pgbaseline-parallel-test');
    generateMonorepo(dir, 240, 7);
    const run = async (workers: string) => {
      const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'bin', 'pgbaseline.js'), 'scan', '.', '--format', 'json', '--fail-on', 'none'], {
        cwd: dir,
        env: { PATH: process.env.PATH, PGBASELINE_WORKERS: workers },
        maxBuffer: 64 << 20,
      });
      return JSON.parse(stdout) as { findings: unknown[]; summary: unknown };
    };
    const [single, parallel] = [await run('1'), await run('2')];
    expect(parallel.summary).toEqual(single.summary);
    expect(parallel.findings).toEqual(single.findings);
  });
});
