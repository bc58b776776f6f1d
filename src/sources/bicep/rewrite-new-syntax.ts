/**
 * tree-sitter-bicep 1.1.0 predates some Bicep syntax that real templates use. Rather than lose those
 * files, the code (never strings or comments) is rewritten into forms the grammar knows, keeping every
 * character's line and column, so positions stay exact:
 *
 * - `metadata name = …` statements        → `var _md__name = …`
 * - typed variables `var x string = …`    → the type blanked
 * - `resourceInput<'…'>.x.y` param types  → `object` and blanks
 * - non-null assertions `a!.b`            → `a .b`
 * - nullable types `string?`              → `string `
 * - parentheses around a whole argument   → blanks (`f((a ?? b), c)` trips the grammar)
 * - `//` and `/*` inside strings           → `/_` (the grammar lexes them as comments)
 * - user-defined `type` declarations      → `var name = {}` (types carry no values)
 * - `import`, `func`, `extension` lines   → blanks
 *
 * Readers must take token text from the original source, by offset, never from the rewritten one.
 */
export function rewriteNewSyntax(source: string): string {
  const chars = new Edits(source);
  const code = codeMask(source);
  const blank = (from: number, to: number) => {
    for (let index = from; index < to; index++) if (source.charCodeAt(index) !== LINE_FEED) chars.set(index, ' ');
  };
  const inCode = (index: number) => code[index] === CODE;
  for (let index = source.indexOf('/'); index >= 0; index = source.indexOf('/', index + 1)) {
    if (code[index] === STRING && code[index + 1] === STRING && (source[index + 1] === '/' || source[index + 1] === '*')) chars.set(index + 1, '_');
  }

  for (const match of matchesIf(source, 'metadata', /^([ \t]*)metadata(\s+)/gm)) {
    const start = match.index + match[1]!.length;
    if (!inCode(start)) continue;
    const replacement = 'var _md__';
    const end = start + 'metadata'.length + match[2]!.length;
    // Only when the whitespace fits the replacement exactly on one line; otherwise blank the keyword.
    if (end - start === replacement.length) chars.write(start, replacement);
  }
  for (const match of source.matchAll(/^([ \t]*var[ \t]+[A-Za-z_]\w*[ \t]+)([A-Za-z_][\w.]*(?:\[\])?\??)([ \t]*=)/gm)) {
    const start = match.index + match[1]!.length;
    if (inCode(start)) blank(start, start + match[2]!.length);
  }
  for (const match of matchesIf(source, ['resourceInput', 'resourceOutput'], /^([ \t]*param[ \t]+[A-Za-z_]\w*[ \t]+)(resource(?:Input|Output)<'[^'\n]*'>[\w.]*\??)/gm)) {
    const start = match.index + match[1]!.length;
    if (!inCode(start)) continue;
    blank(start, start + match[2]!.length);
    chars.write(start, 'object');
  }
  for (const match of matchesIf(source, '?', /^([ \t]*(?:param|output)[ \t]+[A-Za-z_]\w*[ \t]+[A-Za-z_][\w.]*(?:\[\])?)\?/gm)) {
    const index = match.index + match[1]!.length;
    if (inCode(index)) chars.set(index, ' ');
  }
  for (let index = source.indexOf('!'); index >= 0; index = source.indexOf('!', index + 1)) {
    if (inCode(index) && /[\w)\]]/.test(source[index - 1] ?? '') && index < source.length - 1 && source[index + 1] !== '=') chars.set(index, ' ');
  }
  blankArgumentParentheses(source, chars, code);
  for (const match of matchesIf(source, 'type', /^(type)([ \t]+[A-Za-z_]\w*[ \t]*=[ \t]*)/gm)) {
    if (!inCode(match.index)) continue;
    chars.write(match.index, 'var ');
    const valueStart = match.index + match[0].length;
    const valueEnd = statementEnd(source, valueStart, code);
    const opener = source[valueStart];
    blank(valueStart, valueEnd);
    if (opener === '{' || opener === '[') chars.write(valueStart, opener === '{' ? '{}' : '[]');
    else chars.set(valueStart, '0');
  }
  for (const match of matchesIf(source, ['import', 'func', 'extension'], /^(import|func|extension)\b/gm)) {
    if (inCode(match.index)) blank(match.index, statementEnd(source, match.index, code));
  }
  return chars.apply();
}

const LINE_FEED = 10;

/** A whole-file pass only for files where its construct can be: most templates use few of them. */
function matchesIf(source: string, hint: string | string[], pattern: RegExp): IterableIterator<RegExpExecArray> | [] {
  return [hint].flat().some((word) => source.includes(word)) ? source.matchAll(pattern) : [];
}

/** Single-character replacements of the source, applied at the end: most files need few or none. */
class Edits {
  private readonly replaced = new Map<number, string>();

  constructor(private readonly source: string) {}

  set(index: number, char: string): void {
    this.replaced.set(index, char);
  }

  write(index: number, text: string): void {
    for (let offset = 0; offset < text.length; offset++) this.replaced.set(index + offset, text[offset]!);
  }

  apply(): string {
    if (this.replaced.size === 0) return this.source;
    const parts: string[] = [];
    let from = 0;
    for (const index of [...this.replaced.keys()].sort((a, b) => a - b)) {
      parts.push(this.source.slice(from, index), this.replaced.get(index)!);
      from = index + 1;
    }
    parts.push(this.source.slice(from));
    return parts.join('');
  }
}

/** Where a statement starting here ends: the end of the line, after any brackets it opens are closed. */
function statementEnd(source: string, start: number, code: Uint8Array): number {
  let depth = 0;
  for (let index = start; index < source.length; index++) {
    if (code[index] !== CODE) continue;
    const char = source[index];
    if (char === '{' || char === '[' || char === '(') depth++;
    else if (char === '}' || char === ']' || char === ')') depth--;
    else if (char === '\n' && depth <= 0) return index;
  }
  return source.length;
}

function blankArgumentParentheses(source: string, chars: Edits, code: Uint8Array): void {
  const previous = (index: number) => {
    let cursor = index - 1;
    while (cursor >= 0 && (code[cursor] !== CODE || /\s/.test(source[cursor]!))) cursor--;
    return source[cursor];
  };
  const next = (index: number) => {
    let cursor = index + 1;
    while (cursor < source.length && (code[cursor] !== CODE || /\s/.test(source[cursor]!))) cursor++;
    return source[cursor];
  };
  const open: number[] = [];
  for (const { index } of source.matchAll(/[()]/g)) {
    if (code[index] !== CODE) continue;
    if (source[index] === '(') open.push(index);
    else {
      const start = open.pop();
      if (start === undefined) continue;
      const before = previous(start);
      const after = next(index);
      if ((before === '(' || before === ',') && (after === ',' || after === ')')) {
        chars.set(start, ' ');
        chars.set(index, ' ');
      }
    }
  }
}

const CODE = 1;
const STRING = 2;

/** CODE for each character of code, STRING inside string literals, 0 in comments. Interpolations are code. */
function codeMask(source: string): Uint8Array {
  const mask = new Uint8Array(source.length);
  // A stack of string contexts; `depth` counts braces inside the current interpolation.
  const stack: { multiline: boolean; depth: number }[] = [];
  let inString = false;
  let multiline = false;
  let index = 0;
  // Character codes, not one-character strings: this runs over every character of every Bicep file.
  const at = (offset: number) => source.charCodeAt(index + offset);
  while (index < source.length) {
    const char = at(0);
    if (inString) {
      mask[index] = STRING;
      if (char === QUOTE && multiline && at(1) === QUOTE && at(2) === QUOTE) {
        inString = false;
        index += 3;
      } else if (!multiline && char === BACKSLASH) {
        index += 2;
      } else if (!multiline && char === QUOTE) {
        inString = false;
        index++;
      } else if (!multiline && char === DOLLAR && at(1) === OPEN) {
        stack.push({ multiline, depth: 0 });
        inString = false;
        index += 2;
      } else index++;
      continue;
    }
    if (char === SLASH && at(1) === SLASH) {
      const end = source.indexOf('\n', index);
      index = end < 0 ? source.length : end;
      continue;
    }
    if (char === SLASH && at(1) === STAR) {
      const end = source.indexOf('*/', index + 2);
      index = end < 0 ? source.length : end + 2;
      continue;
    }
    if (char === QUOTE) {
      inString = true;
      multiline = at(1) === QUOTE && at(2) === QUOTE;
      index += multiline ? 3 : 1;
      continue;
    }
    // Never read past the end of the array: V8 makes every such read slow (a tenth of the speed here).
    const top = stack.length ? stack[stack.length - 1] : undefined;
    if (top && char === OPEN) top.depth++;
    if (top && char === CLOSE) {
      if (top.depth === 0) {
        stack.pop();
        inString = true;
        multiline = top.multiline;
        index++;
        continue;
      }
      top.depth--;
    }
    mask[index] = CODE;
    index++;
  }
  return mask;
}

const [QUOTE, BACKSLASH, DOLLAR, OPEN, CLOSE, SLASH, STAR] = ["'", '\\', '$', '{', '}', '/', '*'].map((char) => char.charCodeAt(0));
