// Prints how fast the scanner is; it reports and never fails. Targets (issue #2): the corpus's
// Terraform in under 2 s, start-up of a one-file scan under 300 ms, on a 2-core machine.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { scan } from '../src/scan.js';

const ROOT = join(import.meta.dirname, '..');
const CORPUS = relative(ROOT, join(ROOT, '..', 'shared', 'corpus', 'real-world'));

function terraformBytes(dir: string): { files: number; bytes: number } {
  const files = readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true }).filter(
    (entry) => entry.isFile() && entry.name.endsWith('.tf'),
  );
  return { files: files.length, bytes: files.reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function benchCorpus(): Promise<void> {
  const size = terraformBytes(CORPUS);
  const times: number[] = [];
  let servers = 0;
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    const result = await scan({ paths: [CORPUS], cwd: ROOT });
    times.push(performance.now() - start);
    servers = result.stats.servers;
  }
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(`corpus Terraform: ${size.files} files, ${(size.bytes / 1024).toFixed(0)} KiB, ${servers} servers`);
  console.log(`  first scan (cold, includes grammar load): ${times[0]!.toFixed(0)} ms`);
  console.log(`  median of 5 scans: ${median(times).toFixed(0)} ms   (target < 2000 ms)`);
  console.log(`  peak RSS of this process: ${peakMb.toFixed(0)} MB`);
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

await benchCorpus();
benchStartup();
