import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson, parseJsonRecovering } from '../src/sources/json/parse-json.js';

const ROOT = join(import.meta.dirname, '..');

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return jsonFiles(path);
    return entry.name.endsWith('.json') ? [path] : [];
  });
}

describe('the positioned JSON parser', () => {
  const files = [...jsonFiles(join(ROOT, 'test/corpus')), ...jsonFiles(join(ROOT, 'test/fixtures'))];

  it('reads every JSON file of the corpus and fixtures exactly as the error-recovering parser does: values and lines', () => {
    expect(files.length).toBeGreaterThan(30);
    for (const path of files) {
      const file = relative(ROOT, path);
      const text = readFileSync(path, 'utf8');
      expect(parseJson(file, text), file).toEqual(parseJsonRecovering(file, text));
    }
  });

  it.each([
    ['comments and trailing commas', '{\n  // a comment\n  "a": [1, 2,],\n  /* two\n lines */ "b": {"c": true,},\n}\n'],
    ['escapes', '{"a": "say \\"hi\\"", "b": "C:\\\\path\\\\", "c": "\\u00e9\\n", "d": "\\\\\\""}'],
    ['numbers and literals', '[-0, 1.5e3, 2E-2, 0.25, true, false, null, "x"]'],
    ['duplicate keys (the last wins, in the first place)', '{"a": 1, "b": 2, "a": 3}'],
    ['CRLF lines', '{\r\n  "a": {\r\n    "b": 1\r\n  }\r\n}'],
    ['a syntax error', '{\n  "a": 1,\n  "b": \n}'],
    ['an unterminated string', '{\n  "a": "open\n}'],
    ['a raw line break in a string', '{"a": "one\ntwo"}'],
    ['text after the document', '{"a": 1} {"b": 2}'],
    ['a leading zero', '{"a": 01}'],
  ])('%s: the same values, lines and problem as the recovering parser', (_, text) => {
    expect(parseJson('t.json', text)).toEqual(parseJsonRecovering('t.json', text));
  });

  it('refuses brackets nested past the limit with the nesting problem, before a recursive parser sees them', () => {
    expect(parseJson('t.json', `${'['.repeat(600)}${']'.repeat(600)}`)).toEqual({
      problem: { message: 'File skipped: brackets nest more than 500 levels deep', at: { file: 't.json', line: 1, endLine: 1 } },
      tooDeep: true,
    });
    expect(parseJson('t.json', `${'['.repeat(499)}${']'.repeat(499)}`).problem).toBeUndefined();
  });
});
