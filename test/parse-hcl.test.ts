import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parser } from 'web-tree-sitter';
import type { HclFile } from '../src/sources/terraform/hcl-syntax.js';
import { outlineHcl } from '../src/sources/terraform/outline-hcl.js';
import { parseHcl } from '../src/sources/terraform/parse-hcl.js';
import { isRelevantBlock } from '../src/sources/terraform/to-arm.js';
import { loadParser } from '../src/sources/tree-sitter/load-parser.js';
import { random } from '../scripts/generate-monorepo.js';

const ROOT = join(import.meta.dirname, '..');
const TF_FILES = ['test', 'examples']
  .flatMap((dir) => readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true }))
  .filter((entry) => entry.isFile() && entry.name.endsWith('.tf'))
  .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
  .sort();

let parser: Parser;
beforeAll(async () => {
  parser = await loadParser('terraform');
});

/** What the scan has always read: the whole file parsed, bodies kept only for the blocks it needs. */
function parseWhole(file: string, source: string): HclFile {
  const whole = parseHcl(parser, file, source);
  whole.body.blocks = whole.body.blocks.map((block) => (isRelevantBlock(block.type, block.labels) ? block : { ...block, body: { attributes: [], blocks: [] } }));
  return whole;
}

const parseNeeded = (file: string, source: string) => parseHcl(parser, file, source, { needsBody: isRelevantBlock });

/** A storage account the scan does not read, with `noise` inside its body, between two blocks it does read. */
const withNoise = (noise: string) => `variable "location" {
  default = "westeurope"
}

resource "azurerm_storage_account" "logs" {
  name     = "stlogs"
  location = var.location
${noise}
}

resource "azurerm_postgresql_flexible_server" "db" {
  name     = "pg"
  location = var.location
}
`;

describe('parsing only the blocks the scan reads', () => {
  it('reads every Terraform file of the corpus, fixtures and examples as a whole parse does', () => {
    let skipped = 0;
    for (const file of TF_FILES) {
      const source = readFileSync(join(ROOT, file), 'utf8');
      skipped += outlineHcl(source)?.filter((block) => block.labels && !isRelevantBlock(block.type, block.labels)).length ?? 0;
      expect(parseNeeded(file, source), file).toEqual(parseWhole(file, source));
    }
    // The comparison means something only if blocks were left out of the parse.
    expect(skipped).toBeGreaterThan(50);
  });

  it.each([
    ['a last line of emoji and accents after a skipped block', 'resource "azurerm_storage_account" "a" {\n  name = "x"\n}\nlocals {\n  ü = "é😀"\n}'],
    ['nothing left to parse', 'resource "azurerm_storage_account" "a" {}\nresource "azurerm_storage_account" "b" {}\n# 😀 end'],
    ['a byte order mark', '\uFEFFresource "azurerm_storage_account" "a" {}\nlocals { a = "é" }'],
    ['CRLF line ends', 'resource "azurerm_storage_account" "a" {\r\n  name = "x"\r\n}\r\nlocals {\r\n  a = 1\r\n}\r\n'],
    ['a skipped block between two read ones', 'locals { a = "😀😀" }\nresource "azurerm_storage_account" "a" {}\nlocals { b = "ß" }'],
  ])('reads as a whole parse does at the edges: %s', (_, source) => {
    expect(parseNeeded('edge.tf', source)).toEqual(parseWhole('edge.tf', source));
  });

  it('outlines blocks through heredocs, templates, comments and one-line blocks', () => {
    const source = [
      '# { not a brace',
      'resource "azurerm_storage_account" "a" {',
      '  script = <<-EOT',
      '    } ${jsonencode({ a = "}" })} %{ if true }x%{ endif }',
      '    EOT',
      '  /* } */ name = "${"}"}" // }',
      '  tags = { for k, v in var.t : k => v... if v != null }',
      '  x = provider::time::rfc3339_parse("2024-01-01T00:00:00Z").year',
      '  lifecycle { ignore_changes = [tags["a"], name] }',
      '}',
      'data "azurerm_client_config" "current" {}',
      'locals {',
      '  ë = a.*.b[0] ? -1 : !c',
      '}',
    ].join('\r\n');
    expect(outlineHcl(source)).toEqual([
      { type: 'resource', labels: ['azurerm_storage_account', 'a'], line: 2, endLine: 10, from: source.indexOf('resource'), to: source.indexOf('data') },
      { type: 'data', labels: ['azurerm_client_config', 'current'], line: 11, endLine: 11, from: source.indexOf('data'), to: source.indexOf('locals') },
      { type: 'locals', labels: [], line: 12, endLine: 14, from: source.indexOf('locals'), to: source.length },
    ]);
  });

  it.each([
    ['an unterminated string', '  tier = "Standard'],
    ['an unclosed brace', '  network_rules {\n    default_action = "Deny"'],
    ['a stray closing bracket', '  tags = merge(local.tags, { a = 1 }))'],
    ['a missing equals sign', '  account_tier "Standard"'],
    ['an empty value', '  account_tier ='],
    ['two operators', '  count = var.n + * 2'],
    ['a conditional without its else', '  count = var.on ? 1'],
    ['an object item without a value', '  tags = { team }'],
    ['an empty index', '  name = local.names[]'],
    ['an unknown escape', '  name = "st\\qlogs"'],
    ['an unclosed heredoc', '  policy = <<EOT\n{}\n'],
    ['an unclosed interpolation', '  name = "st${var.suffix"'],
    ['a call on an attribute', '  name = local.a.lower(x)'],
    ['a space after a dot', '  ids = azurerm_subnet.all. *.id'],
    ['a directive without its keyword', '  name = "st%{var.suffix}"'],
    ['a sign before an object key', '  tags = {\n    owner = {\n      team = "data"\n    }\n    -cost = "42"\n  }'],
  ])('still reports a syntax error inside a block it does not read: %s', (_, noise) => {
    const source = withNoise(noise);
    expect(parseWhole('main.tf', source).error).toBeDefined();
    const error = parseNeeded('main.tf', source).error;
    expect(error?.message).toMatch(/^Syntax error/);
    expect(error?.at.line).toBeGreaterThanOrEqual(5);
  });

  it('reports every syntax error a whole parse finds, in a thousand random edits of the blocks it skips', () => {
    const next = random(20261130);
    const sources = TF_FILES.map((file) => [file, readFileSync(join(ROOT, file), 'utf8')] as const)
      .map(([file, source]) => [file, source, outlineHcl(source)?.filter((block) => block.labels && !isRelevantBlock(block.type, block.labels)) ?? []] as const)
      .filter(([, , skipped]) => skipped.length);
    const characters = '"{}[]()=,#<$%.\n -+*!?:~\\';
    let broken = 0;
    for (let edit = 0; edit < 1000; edit++) {
      const [file, source, skipped] = sources[Math.floor(next() * sources.length)]!;
      const block = skipped[Math.floor(next() * skipped.length)]!;
      const at = block.from + Math.floor(next() * (block.to - block.from));
      const kind = next();
      const edited =
        kind < 0.4
          ? source.slice(0, at) + source.slice(at + 1)
          : kind < 0.8
            ? source.slice(0, at) + characters[Math.floor(next() * characters.length)] + source.slice(at)
            : source.slice(0, at) + source.slice(at + 2 + Math.floor(next() * 10));
      if (!parseWhole(file, edited).error) continue;
      broken++;
      expect(parseNeeded(file, edited).error, `${file} edited at ${at}: ${JSON.stringify(edited.slice(at - 20, at + 20))}`).toBeDefined();
    }
    expect(broken).toBeGreaterThan(200);
  });
});
