// `npm run bench`: prints how fast and how lean the scanner is. It reports; it never fails.
// Targets on a 2-core machine: 2,000 files (~20 MB) in under 10 s, overhead above parse-only under
// 1.5×, peak RSS under 1 GB growing linearly, the whole corpus in under 3 s, start-up under 300 ms.
//   npm run bench                 synthetic monorepo of 2,000 files, 500/1,000/2,000 memory steps
//   npm run bench -- --files 5000
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { scan } from '../src/scan.js';
import { isArmTemplate } from '../src/sources/arm/scan-arm.js';
import { parseBicep } from '../src/sources/bicep/parse-bicep.js';
import { parseJson } from '../src/sources/json/parse-json.js';
import { parseHcl } from '../src/sources/terraform/parse-hcl.js';
import { isRelevantBlock } from '../src/sources/terraform/to-arm.js';
import { loadParser } from '../src/sources/tree-sitter/load-parser.js';
import { FakeGitHub } from '../test/support/fake-github.js';
import { describeKnownVerdicts, rankReasons } from '../src/report/verdicts.js';
import { generateMonorepo } from './generate-monorepo.js';

const ROOT = join(import.meta.dirname, '..');
const CORPUS = join(ROOT, 'test', 'corpus', 'real-world');
const IAC = /\.(tf|tfvars|bicep|bicepparam|json)$/;

interface Measurement {
  files: number;
  bytes: number;
  ms: number;
  rssMb: number;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && IAC.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Parsing alone, as the scan parses: tree-sitter for Terraform and Bicep, the JSON parser for ARM; no model, no rules. */
async function parseOnly(dir: string): Promise<void> {
  const hcl = await loadParser('terraform');
  const bicep = await loadParser('bicep');
  for (const file of listFiles(dir)) {
    const text = readFileSync(file, 'utf8');
    if (file.endsWith('.tf') || file.endsWith('.tfvars')) parseHcl(hcl, file, text, { needsBody: isRelevantBlock });
    else if (file.endsWith('.bicep')) parseBicep(bicep, file, text);
    else if (file.endsWith('.json') && isArmTemplate(text)) parseJson(file, text);
  }
}

/** Runs in a child process so that each measurement has its own peak RSS. */
async function measure(dir: string, mode: 'full' | 'parse'): Promise<void> {
  const files = listFiles(dir);
  const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
  const start = performance.now();
  if (mode === 'full') await scan({ paths: [dir], cwd: dir });
  else await parseOnly(dir);
  const result: Measurement = { files: files.length, bytes, ms: performance.now() - start, rssMb: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(JSON.stringify(result));
}

async function child(dir: string, mode: 'full' | 'parse'): Promise<Measurement> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'bench.ts'), '--measure', dir, mode], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as Measurement;
}

/** The bundled CLI end to end, which splits large trees across worker threads. */
async function cliWall(dir: string): Promise<number> {
  const start = performance.now();
  await promisify(execFile)(process.execPath, [join(ROOT, 'bin', 'pgbaseline.js'), 'scan', '.', '--format', 'json', '--output', join(tmpdir(), 'pgbaseline-bench.json'), '--fail-on', 'none'], { cwd: dir });
  return performance.now() - start;
}

function row(label: string, full: Measurement, parse: Measurement, cli: number): string {
  const mb = full.bytes / 1024 / 1024;
  return [
    label.padEnd(26),
    `${full.files}`.padStart(6),
    `${mb.toFixed(1)} MB`.padStart(9),
    `${(full.ms / 1000).toFixed(2)} s`.padStart(9),
    `${Math.round(full.files / (full.ms / 1000))}/s`.padStart(8),
    `${(mb / (full.ms / 1000)).toFixed(1)} MB/s`.padStart(11),
    `${Math.round(full.rssMb)} MB`.padStart(8),
    `${(parse.ms / 1000).toFixed(2)} s`.padStart(9),
    `${(full.ms / parse.ms).toFixed(2)}×`.padStart(7),
    `${(cli / 1000).toFixed(2)} s`.padStart(10),
  ].join(' ');
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

async function startup(): Promise<void> {
  const dir = join(tmpdir(), 'pgbaseline-bench-startup');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'main.tf'), readFileSync(join(ROOT, 'examples/terraform/secure/main.tf')));
  writeFileSync(join(dir, 'event.json'), '{}');
  const time = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const times: number[] = [];
    for (let run = 0; run < 7; run++) {
      const start = performance.now();
      await promisify(execFile)(process.execPath, args, { cwd: dir, env: { PATH: process.env.PATH, ...env } }).catch(() => undefined);
      times.push(performance.now() - start);
    }
    return median(times);
  };
  const cli = await time([join(ROOT, 'bin', 'pgbaseline.js'), 'scan', 'main.tf']);
  const github = new FakeGitHub({ files: [] });
  const api = await github.start();
  const action = await time([join(ROOT, 'dist', 'index.js')], {
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    GITHUB_EVENT_PATH: join(dir, 'event.json'),
    GITHUB_REPOSITORY: 'octo/app',
    GITHUB_SHA: 'bench',
    GITHUB_WORKSPACE: dir,
    GITHUB_API_URL: api,
    'INPUT_GITHUB-TOKEN': 'bench',
    INPUT_PATHS: 'main.tf',
    'INPUT_COMMENT-MODE': 'off',
  });
  await github.stop();
  console.log(`\nstart-up, one-file scan incl. node start (median of 7; target < 300 ms):`);
  console.log(`  bundled CLI    ${Math.round(cli)} ms`);
  console.log(`  bundled action ${Math.round(action)} ms (a local GitHub API; includes creating and completing the check run)`);
}

/** How many rule verdicts on the corpus rest on known values, and the reasons for the rest. */
async function knownVerdicts(): Promise<void> {
  const result = await scan({ paths: [relative(ROOT, CORPUS)], cwd: ROOT });
  console.log(`\nknown-verdict rate on the corpus: ${describeKnownVerdicts(result.stats)}; top reasons for the rest:`);
  for (const { reason, count } of rankReasons(result.notEvaluated).slice(0, 8)) console.log(`  ${String(count).padStart(5)}  ${reason}`);
  console.log(`  ${result.notices.length} notices (modules, linked templates and servers the scan could not read)`);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--measure') return measure(argv[1]!, argv[2] as 'full' | 'parse');
  const filesArg = argv.indexOf('--files');
  const total = filesArg >= 0 ? Number(argv[filesArg + 1]) : 2_000;

  console.log(`${'input'.padEnd(26)} ${'files'.padStart(6)} ${'size'.padStart(9)} ${'wall'.padStart(9)} ${'files/s'.padStart(8)} ${'throughput'.padStart(11)} ${'peak RSS'.padStart(8)} ${'parse'.padStart(9)} ${'ratio'.padStart(7)} ${'CLI+workers'.padStart(10)}`);
  for (const size of [...new Set([Math.round(total / 4), Math.round(total / 2), total])]) {
    const dir = join(tmpdir(), `pgbaseline-bench-${size}`);
    generateMonorepo(dir, size);
    console.log(row(`synthetic monorepo`, await child(dir, 'full'), await child(dir, 'parse'), await cliWall(dir)));
  }
  console.log(row('real-world corpus', await child(CORPUS, 'full'), await child(CORPUS, 'parse'), await cliWall(CORPUS)));
  console.log('\nwall, parse: one thread, in process. ratio = wall / parse: the cost of evaluation, model and rules above parsing.');
  console.log('CLI+workers: the bundled CLI end to end (node start included), splitting large trees across worker threads.');
  console.log(`corpus: ${relative(ROOT, CORPUS)} (includes the 3.2 MB compiled AVM template)`);
  await knownVerdicts();
  await startup();
}

await main();
