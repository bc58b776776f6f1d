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
