import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInputs } from '../src/github/inputs.js';
import { parsePatch } from '../src/github/parse-patch.js';
import { suggestLine } from '../src/github/render-comment.js';
import { characters, truncateText, truncateUtf8, utf8Bytes } from '../src/github/truncate.js';
import { readCheckedOutCommit } from '../src/github/workflow-run.js';

describe('parsePatch', () => {
  it('reads added and commentable lines across hunks, ignoring removed lines and the no-newline marker', () => {
    const patch = [
      '@@ -1,3 +1,4 @@',
      ' resource "x" "y" {',
      '-  a = 1',
      '+  a = 2',
      '+  b = 3',
      ' }',
      '@@ -20,2 +21,2 @@',
      ' # tail',
      '-old',
      '+new',
      '\\ No newline at end of file',
    ].join('\n');
    const { added, commentable } = parsePatch(patch);
    expect([...added]).toEqual([2, 3, 22]);
    expect([...commentable]).toEqual([1, 2, 3, 4, 21, 22]);
  });
});

describe('readInputs', () => {
  const read = (values: Record<string, string>) => (name: string) => values[name] ?? '';

  it('applies defaults and splits lists', () => {
    const inputs = readInputs(read({ 'github-token': 't', 'plan-file': 'a.json\nb.json', paths: 'infra, modules' }));
    expect(inputs).toMatchObject({ failScope: 'changed-resources', filterMode: 'added', maxInlineComments: 30, planFiles: ['a.json', 'b.json'], paths: ['infra', 'modules'] });
  });

  it.each([
    [{ 'max-inline-comments': 'lots' }, "Input 'max-inline-comments' must be a whole number from 0 to 100; got 'lots'."],
    [{ suggestions: 'yes' }, "Input 'suggestions' must be true or false; got 'yes'."],
    [{ 'fail-on': 'severe' }, "Input 'fail-on' must be one of critical, high, medium, low, none; got 'severe'."],
    [{ 'filter-mode': 'changed' }, "Input 'filter-mode' must be one of added, diff_context, file, nofilter; got 'changed'."],
  ])('names the invalid input %j', (values, message) => {
    expect(() => readInputs(read({ 'github-token': 't', ...values }))).toThrow(message);
  });

  it('requires a token', () => {
    expect(() => readInputs(read({}))).toThrow("Input 'github-token' is required");
  });
});

describe('suggestLine', () => {
  it('replaces the line that sets the same attribute, keeping indentation and a trailing comma', () => {
    expect(suggestLine('public_network_access_enabled = false', '    public_network_access_enabled = true')).toBe('    public_network_access_enabled = false');
    expect(suggestLine('"version": "17"', '      "version": "13",')).toBe('      "version": "17",');
    expect(suggestLine("version: '17'", "    version: '13'")).toBe("    version: '17'");
  });

  it('offers nothing for a different attribute or a multi-line fix', () => {
    expect(suggestLine('backup_retention_days = 14', '  version = "16"')).toBeUndefined();
    expect(suggestLine('high_availability {\n  mode = "ZoneRedundant"\n}', '  high_availability {')).toBeUndefined();
  });
});

describe('truncateUtf8', () => {
  it('cuts on a line boundary within the byte budget, counting multi-byte characters', () => {
    const text = Array.from({ length: 100 }, (_, index) => `row ${index} é日本`).join('\n');
    const cut = truncateUtf8(text, 500, '_Truncated._');
    expect(Buffer.byteLength(cut, 'utf8')).toBeLessThanOrEqual(500);
    expect(cut.endsWith('_Truncated._\n')).toBe(true);
    expect(cut.split('\n')[0]).toBe('row 0 é日本');
  });

  it('cuts one line longer than the budget on a code point, as long as it may be, in either unit', () => {
    const line = '😀'.repeat(70_000);
    const note = '_Truncated._';
    for (const [measure, max] of [[characters, 65_536], [utf8Bytes, 65_535]] as const) {
      const cut = truncateText(line, max, note, measure);
      const kept = cut.split('\n')[0]!;
      expect(measure(cut)).toBeLessThanOrEqual(max);
      expect(kept).toBe('😀'.repeat(Math.floor((max - measure(`\n\n${note}\n`)) / measure('😀'))));
    }
  });
});

describe('readCheckedOutCommit', () => {
  const SHA = 'a'.repeat(40);
  const OTHER = 'b'.repeat(40);
  const workspace = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'pgbaseline-git-'));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, '.git', path, '..'), { recursive: true });
      writeFileSync(join(dir, '.git', path), text);
    }
    return dir;
  };

  it('reads a detached head, a loose branch ref and a packed one, as actions/checkout leaves them', () => {
    expect(readCheckedOutCommit(workspace({ HEAD: `${SHA}\n` }))).toBe(SHA);
    expect(readCheckedOutCommit(workspace({ HEAD: 'ref: refs/heads/feature\n', 'refs/heads/feature': `${SHA}\n` }))).toBe(SHA);
    const packed = `# pack-refs with: peeled fully-peeled sorted\n${OTHER} refs/heads/feature-2\n${SHA} refs/heads/feature\n`;
    expect(readCheckedOutCommit(workspace({ HEAD: 'ref: refs/heads/feature\n', 'packed-refs': packed }))).toBe(SHA);
  });

  it('says nothing when there is no checkout or the ref is nowhere', () => {
    expect(readCheckedOutCommit(workspace({}))).toBeUndefined();
    expect(readCheckedOutCommit(workspace({ HEAD: 'ref: refs/heads/gone\n', 'packed-refs': `${SHA} refs/heads/feature\n` }))).toBeUndefined();
  });
});
