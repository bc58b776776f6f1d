import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../src/scan.js';
import { random } from '../scripts/generate-monorepo.js';
import { MUTATIONS, seedFiles } from './support/fuzz-cases.js';

const ROOT = join(import.meta.dirname, '..');
/** Bounded for CI; `npm run fuzz` raises these. */
const SEEDS = Number(process.env.PGBASELINE_FUZZ_SEEDS ?? 12);
const RUNS = Number(process.env.PGBASELINE_FUZZ_RUNS ?? 40);
/** No file may take longer than this to scan, however broken. */
const PER_FILE_MS = 10_000;

/** A well-formed file scanned beside every broken one: its findings must survive. */
const WITNESS = `resource "azurerm_postgresql_flexible_server" "witness" {
  name                          = "witness-db"
  resource_group_name           = "rg"
  location                      = "westeurope"
  version                       = "16"
  sku_name                      = "GP_Standard_D2s_v3"
  public_network_access_enabled = true
}
`;

async function scanBroken(extension: string, content: Buffer | string) {
  const dir = mkdtempSync(join(tmpdir(), 'pgbaseline-fuzz-'));
  try {
    mkdirSync(join(dir, 'broken'));
    mkdirSync(join(dir, 'witness'));
    writeFileSync(join(dir, 'broken', `input${extension}`), content);
    writeFileSync(join(dir, 'witness', 'main.tf'), WITNESS);
    const started = performance.now();
    const result = await scan({ paths: ['.'], cwd: dir });
    const elapsed = performance.now() - started;
    const lineCount = content.toString().split('\n').length;
    return { result, elapsed, lineCount };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function expectSurvived({ result, elapsed, lineCount }: Awaited<ReturnType<typeof scanBroken>>) {
  expect(elapsed).toBeLessThan(PER_FILE_MS);
  for (const error of result.findings.filter((finding) => finding.ruleId === 'parse-error')) {
    expect(error.line).toBeGreaterThanOrEqual(1);
    expect(error.line).toBeLessThanOrEqual(lineCount + 1);
  }
  expect(result.findings.some((finding) => finding.server === 'witness-db' && finding.ruleId === 'no-public-network-access')).toBe(true);
}

describe('fuzzing every front-end with broken real files', () => {
  const seeds = seedFiles(ROOT, SEEDS);
  const cases = seeds.flatMap((seed, index) => MUTATIONS.map((mutation) => [`${mutation.name} of ${seed.path}`, seed, mutation, index] as const));

  it.each(cases)('%s', async (_, seed, mutation, index) => {
    const mutated = mutation.apply(seed.bytes, random(index * 7919 + mutation.name.length));
    expectSurvived(await scanBroken(extname(seed.path), mutated));
  });
});

describe('property: any text in any format', () => {
  const fragments = fc.constantFrom(
    'resource "azurerm_postgresql_flexible_server" "x" {', '}', '{', '[', ']', '"', "'", '${', '%{', '<<EOT\n', '\nEOT\n', '= ', 'var.x', 'module "m" {', 'source = "./m"',
    "resource s 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {", 'name: ', "'", '[for x in y: ', 'if (', ')', '"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"',
    '"resources": [', '"[parameters(\'x\')]"', '"[concat(', '\n', '\r\n', '//', '/*', '#', '\\', '\u0000', 'é', '😀',
  );
  const documents = fc.array(fc.oneof(fragments, fc.string()), { maxLength: 60 }).map((parts) => parts.join(''));

  it.each(['.tf', '.bicep', '.json', '.bicepparam', '.tfvars'])('never throws, hangs or hides the other files (%s)', async (extension) => {
    await fc.assert(
      fc.asyncProperty(documents, async (document) => {
        expectSurvived(await scanBroken(extension, document));
      }),
      { numRuns: RUNS, seed: 20261126 },
    );
  });
});
