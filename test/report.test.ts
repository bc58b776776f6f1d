import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../src/report/format-markdown.js';
import { VERSION } from '../src/version.js';

const ROOT = join(import.meta.dirname, '..');

describe('escapeMarkdown', () => {
  it('neutralises HTML, links, mentions and table breaks taken from the repository, keeping the text readable', () => {
    const escaped = escapeMarkdown('<img src=x onerror=alert(1)> [click](http://evil) @octocat | #12\nnext');
    expect(escaped).toBe('&lt;img src=x onerror=alert\\(1\\)&gt; \\[click\\]\\(http:\u200b//evil\\) @\u200doctocat \\| \\#12 next');
  });

  it('defuses bare URLs and www. hosts, which GitHub would turn into links', () => {
    expect(escapeMarkdown('server https://evil.example/login or www.evil.example')).toBe('server https:\u200b//evil.example/login or www\u200b.evil.example');
    expect(escapeMarkdown('plain-name_db')).toBe('plain-name\\_db');
  });
});

describe('packaging', () => {
  it('reports the version of package.json', () => {
    expect(VERSION).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('vendors the tree-sitter runtime and grammar of the installed packages', () => {
    const pairs = [
      ['node_modules/web-tree-sitter/web-tree-sitter.wasm', 'src/sources/tree-sitter/web-tree-sitter.wasm'],
      ['node_modules/@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm', 'src/sources/tree-sitter/tree-sitter-terraform.wasm'],
    ];
    for (const [installed, vendored] of pairs) {
      expect(readFileSync(join(ROOT, vendored!)).equals(readFileSync(join(ROOT, installed!))), vendored).toBe(true);
    }
  });
});

describe('JUnit', () => {
  it('has one test case a rule × server: failures for findings, skipped for checks not evaluated, passes for the rest', async () => {
    const { scan } = await import('../src/scan.js');
    const { formatJunit } = await import('../src/report/format-junit.js');
    const result = await scan({ paths: ['examples/terraform', 'test/fixtures/terraform/broken'], cwd: ROOT, now: new Date('2026-11-26') });
    const xml = formatJunit(result);
    const cases = xml.match(/<testcase /g) ?? [];
    const failingPairs = new Set(result.findings.filter((finding) => !finding.suppression).map((finding) => `${finding.ruleId} ${finding.serverAddress ?? finding.resource}`));
    expect(cases.length).toBeGreaterThanOrEqual(result.verdicts.length);
    expect(xml.match(/<failure /g)?.length).toBe(failingPairs.size);
    expect(xml).toMatch(/<testcase name="reporting-db \(azurerm_postgresql_flexible_server\.reporting\)" classname="pgbaseline\.require-high-availability" [^>]*><skipped message="sku\.tier|highAvailability\.mode: the Burstable tier/);
    expect(xml).toMatch(/<testcase name="orders-db \(azurerm_postgresql_flexible_server\.orders\)" classname="pgbaseline\.no-public-network-access" file="[^"]+"><\/testcase>/);
    expect(xml).toContain('classname="pgbaseline.parse-error"');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="pgbaseline"')).toBe(true);
    // Every element closes: as many openings as closings.
    for (const tag of ['testsuite', 'testcase', 'failure']) expect((xml.match(new RegExp(`<${tag}[ >]`, 'g')) ?? []).length).toBe((xml.match(new RegExp(`</${tag}>`, 'g')) ?? []).length);
  });
});
