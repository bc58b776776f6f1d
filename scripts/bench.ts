// Prints how fast the scanner is; it reports and never fails. Targets on a 2-core machine: the corpus's
// Terraform in under 2 s, the whole corpus (with the 3.2 MB compiled ARM template) in under 3 s, start-up
// of a one-file scan under 300 ms.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { scan } from '../src/scan.js';

const ROOT = join(import.meta.dirname, '..');
const CORPUS = relative(ROOT, join(ROOT, '..', 'shared', 'corpus', 'real-world'));

function sizeOf(dir: string, extensions: string[]): { files: string[]; bytes: number } {
  const entries = readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true }).filter(
    (entry) => entry.isFile() && extensions.some((extension) => entry.name.endsWith(extension)),
  );
  return {
    files: entries.map((entry) => relative(ROOT, join(entry.parentPath, entry.name))),
    bytes: entries.reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function benchCorpus(label: string, extensions: string[], target: number): Promise<void> {
  const size = sizeOf(CORPUS, extensions);
  const times: number[] = [];
  let servers = 0;
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    const result = await scan({ paths: size.files, cwd: ROOT });
    times.push(performance.now() - start);
    servers = result.stats.servers;
  }
  console.log(`${label}: ${size.files.length} files, ${(size.bytes / 1024).toFixed(0)} KiB, ${servers} servers`);
  console.log(`  first scan (cold for this process): ${times[0]!.toFixed(0)} ms`);
  console.log(`  median of 5 scans: ${median(times).toFixed(0)} ms   (target < ${target} ms)`);
  console.log(`  peak RSS of this process so far: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

function benchStartup(): void {
  const file = 'examples/terraform/secure/main.tf';
  const times: number[] = [];
  for (let run = 0; run < 7; run++) {
    const start = performance.now();
    execFileSync(process.execPath, [join(ROOT, 'bin', 'pgbaseline.js'), 'scan', file], { cwd: ROOT });
    times.push(performance.now() - start);
  }
  console.log(`bundled CLI, one-file scan, wall time incl. node start: median ${median(times).toFixed(0)} ms of 7   (target < 300 ms)`);
}

await benchCorpus('corpus Terraform', ['.tf'], 2000);
await benchCorpus('whole corpus (Terraform, Bicep, .bicepparam, JSON)', ['.tf', '.bicep', '.bicepparam', '.json'], 3000);
benchStartup();
