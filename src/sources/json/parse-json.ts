import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { Location } from '../../model/location.js';
import type { Problem } from '../../model/problem.js';
import type { Value } from '../../model/value.js';
import { checkNesting, MAX_NESTING } from '../nesting.js';

export interface ParsedJson {
  value?: Value;
  problem?: Problem;
  /** Brackets nest past what any parser here reads: the problem says so, and there is no value. */
  tooDeep?: boolean;
}

/** Maps string offsets to 1-based line numbers. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) this.starts.push(index + 1);
  }

  line(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  }
}

const MAX_DEPTH = 512;

/**
 * Parses JSON (with comments and trailing commas, as ARM accepts) into positioned values. A syntax
 * error is reported with its line; what parsed before it is still returned.
 *
 * Valid input, nearly all of it, takes one pass that builds the values and counts lines as it goes (3× faster than
 * a syntax tree converted afterwards); broken or pathologically deep input takes the error-recovering parser.
 */
export function parseJson(file: string, text: string): ParsedJson {
  try {
    return { value: new PositionedParser(file, text).parseDocument() };
  } catch (error) {
    if (error !== NOT_SIMPLE) throw error;
    // Only text that is not simple JSON pays for the nesting check, which keeps the recursive parser off absurd input.
    const tooDeep = checkNesting(file, text);
    return tooDeep ? { problem: tooDeep, tooDeep: true } : parseJsonRecovering(file, text);
  }
}

/** Thrown by the single pass at anything it leaves to the recovering parser: a syntax error, or too deep a nesting. */
const NOT_SIMPLE = new Error('not simple JSON');

// Character codes the single pass looks at.
const TAB = 9;
const LINE_FEED = 10;
const CARRIAGE_RETURN = 13;
const SPACE = 32;
const QUOTE = 34;
const COMMA = 44;
const MINUS = 45;
const SLASH = 47;
const COLON = 58;
const STAR = 42;
const OPEN_BRACKET = 91;
const BACKSLASH = 92;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const BYTE_ORDER_MARK = 0xfeff;

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class PositionedParser {
  private index = 0;
  private line = 1;

  constructor(
    private readonly file: string,
    private readonly text: string,
  ) {}

  parseDocument(): Value {
    this.skipSpace();
    const value = this.parseValue(0);
    this.skipSpace();
    if (this.index < this.text.length) throw NOT_SIMPLE;
    return value;
  }

  private parseValue(depth: number): Value {
    if (depth >= MAX_NESTING) throw NOT_SIMPLE;
    const line = this.line;
    const char = this.text.charCodeAt(this.index);
    if (char === OPEN_BRACE) {
      this.index++;
      const entries = new Map<string, Value>();
      this.skipSpace();
      while (this.text.charCodeAt(this.index) !== CLOSE_BRACE) {
        if (this.text.charCodeAt(this.index) !== QUOTE) throw NOT_SIMPLE;
        const key = this.parseString();
        this.skipSpace();
        if (this.text.charCodeAt(this.index++) !== COLON) throw NOT_SIMPLE;
        this.skipSpace();
        entries.set(key, this.parseValue(depth + 1));
        this.skipSeparator(CLOSE_BRACE);
      }
      this.index++;
      return { kind: 'object', entries, at: { file: this.file, line, endLine: this.line } };
    }
    if (char === OPEN_BRACKET) {
      this.index++;
      const items: Value[] = [];
      this.skipSpace();
      while (this.text.charCodeAt(this.index) !== CLOSE_BRACKET) {
        items.push(this.parseValue(depth + 1));
        this.skipSeparator(CLOSE_BRACKET);
      }
      this.index++;
      return { kind: 'array', items, at: { file: this.file, line, endLine: this.line } };
    }
    return { kind: 'scalar', value: this.parseScalar(char), at: { file: this.file, line, endLine: line } };
  }

  /** After a member: a comma (a trailing one too, as ARM accepts) or the closing bracket. */
  private skipSeparator(close: number): void {
    this.skipSpace();
    const char = this.text.charCodeAt(this.index);
    if (char === COMMA) {
      this.index++;
      this.skipSpace();
    } else if (char !== close) {
      throw NOT_SIMPLE;
    }
  }

  private parseScalar(char: number): string | number | boolean | null {
    if (char === QUOTE) return this.parseString();
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.text.startsWith(word, this.index)) {
        this.index += word.length;
        return value;
      }
    }
    if (char !== MINUS && (char < 48 || char > 57)) throw NOT_SIMPLE;
    NUMBER.lastIndex = this.index;
    const match = NUMBER.exec(this.text);
    if (!match) throw NOT_SIMPLE;
    this.index += match[0].length;
    return Number(match[0]);
  }

  private parseString(): string {
    const start = this.index;
    let end = this.text.indexOf('"', start + 1);
    let escaped = false;
    // A quote preceded by an odd number of backslashes is escaped: keep looking.
    for (;;) {
      if (end < 0) throw NOT_SIMPLE;
      let backslashes = 0;
      while (this.text.charCodeAt(end - 1 - backslashes) === BACKSLASH) backslashes++;
      if (backslashes % 2 === 0) break;
      escaped = true;
      end = this.text.indexOf('"', end + 1);
    }
    this.index = end + 1;
    const raw = this.text.slice(start + 1, end);
    // Raw line breaks and control characters are errors in JSON strings.
    for (let index = 0; index < raw.length; index++) if (raw.charCodeAt(index) < SPACE) throw NOT_SIMPLE;
    if (!escaped && !raw.includes('\\')) return raw;
    try {
      return JSON.parse(this.text.slice(start, end + 1)) as string;
    } catch {
      throw NOT_SIMPLE;
    }
  }

  private skipSpace(): void {
    // Locals, written back once: indentation is most of a pretty-printed template's characters.
    const text = this.text;
    let index = this.index;
    let line = this.line;
    for (;;) {
      const char = text.charCodeAt(index);
      if (char === SPACE || char === TAB || char === CARRIAGE_RETURN || char === BYTE_ORDER_MARK) {
        index++;
      } else if (char === LINE_FEED) {
        index++;
        line++;
      } else if (char === SLASH && text.charCodeAt(index + 1) === SLASH) {
        const end = text.indexOf('\n', index);
        index = end < 0 ? text.length : end;
      } else if (char === SLASH && text.charCodeAt(index + 1) === STAR) {
        const end = text.indexOf('*/', index + 2);
        if (end < 0) throw NOT_SIMPLE;
        for (let newline = text.indexOf('\n', index); newline >= 0 && newline < end; newline = text.indexOf('\n', newline + 1)) line++;
        index = end + 2;
      } else {
        this.index = index;
        this.line = line;
        return;
      }
    }
  }
}

/** jsonc-parser's tree, which recovers from errors: what parsed before a syntax error is still read. */
export function parseJsonRecovering(file: string, text: string): ParsedJson {
  const lines = new LineIndex(text);
  const at = (offset: number, length: number): Location => ({ file, line: lines.line(offset), endLine: lines.line(offset + Math.max(length - 1, 0)) });
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const result: ParsedJson = {};
  const [error] = errors;
  if (error) {
    result.problem = { message: `Syntax error: ${describe(printParseErrorCode(error.error))}`, at: at(error.offset, 1) };
  }
  if (root) {
    let tooDeep = false;
    const convert = (node: JsonNode, depth: number): Value => {
      const location = at(node.offset, node.length);
      if (depth > MAX_DEPTH) {
        tooDeep = true;
        return { kind: 'unknown', reason: 'nested too deeply to read', at: location };
      }
      switch (node.type) {
        case 'object': {
          const entries = new Map<string, Value>();
          for (const property of node.children ?? []) {
            const [key, value] = property.children ?? [];
            if (key && value) entries.set(String(key.value), convert(value, depth + 1));
          }
          return { kind: 'object', entries, at: location };
        }
        case 'array':
          return { kind: 'array', items: (node.children ?? []).map((child) => convert(child, depth + 1)), at: location };
        default:
          return { kind: 'scalar', value: node.value as string | number | boolean | null, at: location };
      }
    };
    result.value = convert(root, 0);
    if (tooDeep && !result.problem) result.problem = { message: `Nested more than ${MAX_DEPTH} levels deep; the deeper part was not read`, at: result.value.at };
  }
  return result;
}

function describe(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
