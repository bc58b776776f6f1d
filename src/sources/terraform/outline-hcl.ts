/**
 * A quick outline of an HCL file: its top-level blocks, their labels and their line spans, found by a lexer in
 * plain JavaScript that runs far faster than a full parse. It lets tree-sitter parse only the blocks the scan
 * reads (`includedRanges`): most of a real repository is storage accounts and networks, whose bodies the scan
 * never looks at.
 *
 * The outline also checks what it skips: tokens, strings, heredocs, comments, brackets, and the shape of every
 * body (`name = value` on its own line, or `type "label" {`). Where anything is off or unusual it returns
 * undefined, and the caller parses the whole file, so that the error is reported by the real grammar with its
 * line. It checks expressions too (operands and operators in turn, arguments, objects, `for`, a directive's
 * keyword), not the rest of template directives: of 30,000 random edits that broke real files (Terraform's own
 * test suite, the corpus), it let through none that the grammar reports.
 */
export interface OutlineBlock {
  type: string;
  /** The labels, or undefined when one is not a plain quoted string or identifier. */
  labels: string[] | undefined;
  /** 1-based lines of the block's first and last token. */
  line: number;
  endLine: number;
  /** From the start of the block's first line to just past the newline after its closing brace (or the end). */
  from: number;
  to: number;
}

/** The top-level blocks of `source`, or undefined when the outline is not sure the file is well formed. */
export function outlineHcl(source: string): OutlineBlock[] | undefined {
  try {
    return new Outliner(source).file();
  } catch (error) {
    if (error === UNREADABLE) return undefined;
    throw error;
  }
}

const UNREADABLE = Symbol('unreadable');

const enum Token {
  Newline,
  End,
  Identifier,
  Number,
  String,
  Open,
  Close,
  Operator,
}

/** Operators that sit between two operands (`?` and `:` of a conditional count as such here). */
const BINARY = new Set(['+', '-', '*', '/', '%', '==', '!=', '<', '>', '<=', '>=', '&&', '||', '?', ':']);
const PAIRS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
/** Where an expression sits, which says what ends it and what may separate its operands. */
type Form = 'attribute' | 'template' | 'parentheses' | 'arguments' | 'tuple' | 'index' | 'object';
/** The forms that may be empty or end with a comma. */
const LISTS = new Set<Form>(['arguments', 'tuple', 'object']);
const CLOSERS: Record<Form, string> = { attribute: '}', template: '}', parentheses: ')', arguments: ')', tuple: ']', index: ']', object: '}' };
const ESCAPES = new Set(['"', 'n', 'r', 't', '\\', 'u', 'U']);
const DIRECTIVES = new Set(['if', 'else', 'endif', 'for', 'endfor']);
const NUMBER = /\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const OPERATOR = /\.\.\.|::|==|!=|<=|>=|&&|\|\||=>|[=<>+\-*/%!?:.,~]/y;
const HEREDOC = /<<-?([A-Za-z_][\w-]*)\r?\n/y;

class Outliner {
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  /** The last token: its kind, its text, where it starts. */
  private kind = Token.End;
  private text = '';
  private start = 0;
  /** For a string token: its value when it is plain (no escapes, no interpolation). */
  private plain: string | undefined;

  constructor(private readonly source: string) {}

  file(): OutlineBlock[] {
    const blocks: OutlineBlock[] = [];
    for (;;) {
      this.next();
      if (this.kind === Token.Newline) continue;
      if (this.kind === Token.End) return blocks;
      if (this.kind !== Token.Identifier) throw UNREADABLE;
      const type = this.text;
      const line = this.line;
      const from = this.lineStart;
      this.next();
      if (this.isOperator('=')) {
        if (this.expression() === Token.Close) throw UNREADABLE;
        continue;
      }
      const labels = this.labels();
      this.body();
      const endLine = this.line;
      const after = this.next();
      if (after !== Token.Newline && after !== Token.End) throw UNREADABLE;
      blocks.push({ type, labels, line, endLine, from, to: this.pos });
      if (after === Token.End) return blocks;
    }
  }

  /** Reads labels up to and including the opening brace. */
  private labels(): string[] | undefined {
    let labels: string[] | undefined = [];
    while (this.kind === Token.String || this.kind === Token.Identifier) {
      const label = this.kind === Token.Identifier ? this.text : this.plain;
      labels = label === undefined ? undefined : labels?.concat(label);
      this.next();
    }
    if (!this.isOpen('{')) throw UNREADABLE;
    return labels;
  }

  /** A block's body, after its `{`, through its `}`: statements on their own lines, or one attribute inline. */
  private body(): void {
    this.next();
    if (this.isClose('}')) return;
    if (this.kind === Token.Identifier) {
      this.next();
      if (!this.isOperator('=') || this.expression() !== Token.Close) throw UNREADABLE;
      return;
    }
    if (this.kind !== Token.Newline) throw UNREADABLE;
    for (;;) {
      this.next();
      if (this.kind === Token.Newline) continue;
      if (this.isClose('}')) return;
      if (this.kind !== Token.Identifier) throw UNREADABLE;
      this.next();
      if (this.isOperator('=')) {
        if (this.expression() !== Token.Newline) throw UNREADABLE;
        continue;
      }
      this.labels();
      this.body();
      this.next();
      if (this.kind !== Token.Newline) throw UNREADABLE;
    }
  }

  /** An attribute's value, after its `=`: ends at a newline, the end of the file, or a one-line block's `}`. */
  private expression(): Token {
    return this.sequence('attribute');
  }

  /**
   * Operands and operators in turn, through the end of `form`: the end of the line for an attribute, else its
   * closing bracket. Arguments and items are separated by commas, an object's keys from their values by `=` or
   * `:`, and a `for` has its keywords; newlines are spaces inside brackets, except that they end an object's item.
   */
  private sequence(form: Form): Token {
    const closer = CLOSERS[form];
    let operand = false;
    // Nothing yet, or a comma last: a closer may follow (`[]`, `[a, b,]`).
    let separated = true;
    let first = true;
    let loop = false;
    // Conditionals begun (`?`) and not yet given their `:`; the `=` or `:` of the current object item.
    let conditions = 0;
    let assigned = 0;
    // Only a bare name is called: `f(x)`, `provider::time::f(x)`, never `a.b(x)`.
    let callable = false;
    for (;;) {
      const kind = this.next();
      const { text } = this;
      if (kind === Token.Newline && form !== 'attribute') {
        if (form === 'object' && operand) {
          checkItem(form, loop, separated, conditions, assigned);
          [operand, separated, assigned] = [false, true, 0];
        }
        continue;
      }
      if (kind === Token.Newline || kind === Token.End || kind === Token.Close) {
        const ends = form === 'attribute' ? kind !== Token.Close || text === '}' : kind === Token.Close && text === closer;
        if (!ends || (!operand && (!separated || !LISTS.has(form)))) throw UNREADABLE;
        checkItem(form, loop, separated, conditions, assigned);
        return kind;
      }
      // A strip marker: `${~ x ~}`.
      if (form === 'template' && text === '~' && first) continue;
      if (form === 'template' && text === '~' && operand) {
        if (this.next() !== Token.Close || this.text !== '}') throw UNREADABLE;
        checkItem(form, loop, separated, conditions, assigned);
        return Token.Close;
      }
      if (first && (form === 'tuple' || form === 'object') && text === 'for') {
        [first, loop] = [false, true];
        continue;
      }
      first = false;
      const named = callable;
      callable = false;
      if (!operand) {
        if (kind === Token.Identifier || kind === Token.Number || kind === Token.String || (form === 'index' && text === '*')) {
          operand = true;
          callable = kind === Token.Identifier;
        } else if (kind === Token.Open) {
          this.sequence(text === '(' ? 'parentheses' : text === '[' ? 'tuple' : 'object');
          operand = true;
        } else if (!(kind === Token.Operator && (text === '-' || text === '!')) || (form === 'object' && !loop && !assigned)) {
          // Not an operand, or a sign before an object's key (`{ -a = 1 }`).
          throw UNREADABLE;
        }
        separated = false;
      } else if (text === '[' || (text === '(' && named)) {
        this.sequence(text === '(' ? 'arguments' : 'index');
      } else if (text === '::' && named) {
        if (this.next() !== Token.Identifier) throw UNREADABLE;
        callable = true;
      } else if (text === '.') {
        // The grammar wants the name right after the dot (`a.b`, `a.*`, not `a. *`).
        const dot = this.pos;
        const name = this.next();
        if ((name !== Token.Identifier && name !== Token.Number && !this.isOperator('*')) || this.start !== dot) throw UNREADABLE;
      } else if (text === '...' && (form === 'arguments' || loop)) {
        // An argument expanded (`f(list...)`) or a `for` grouping its values: still an operand.
      } else if (text === ',' && (form === 'arguments' || form === 'tuple' || form === 'object')) {
        checkItem(form, loop, separated, conditions, assigned);
        [operand, separated, assigned] = [false, true, 0];
      } else if (loop && (text === 'in' || text === 'if' || text === '=>' || text === ':')) {
        operand = false;
      } else if (form === 'object' && (text === '=' || (text === ':' && !conditions))) {
        if (++assigned > 1) throw UNREADABLE;
        operand = false;
      } else if (kind === Token.Operator && BINARY.has(text)) {
        if (text === '?') conditions++;
        else if (text === ':' && !conditions--) throw UNREADABLE;
        operand = false;
      } else throw UNREADABLE;
    }
  }

  /** The inside of brackets, through the matching closer; only the brackets are checked (template directives). */
  private brackets(open: string): void {
    const stack = [PAIRS[open]!];
    while (stack.length) {
      this.next();
      if (this.kind === Token.End) throw UNREADABLE;
      if (this.kind === Token.Open) stack.push(PAIRS[this.text]!);
      else if (this.kind === Token.Close && stack.pop() !== this.text) throw UNREADABLE;
    }
  }

  private isOperator(text: string): boolean {
    return this.kind === Token.Operator && this.text === text;
  }

  private isOpen(text: string): boolean {
    return this.kind === Token.Open && this.text === text;
  }

  private isClose(text: string): boolean {
    return this.kind === Token.Close && this.text === text;
  }

  private next(): Token {
    const { source } = this;
    for (;;) {
      const code = source.charCodeAt(this.pos);
      if (code === 32 || code === 9 || code === 13) this.pos++;
      else if (code === 35 || (code === 47 && source.charCodeAt(this.pos + 1) === 47)) {
        const end = source.indexOf('\n', this.pos);
        this.pos = end < 0 ? source.length : end;
      } else if (code === 47 && source.charCodeAt(this.pos + 1) === 42) {
        const end = source.indexOf('*/', this.pos + 2);
        if (end < 0) throw UNREADABLE;
        this.countLines(this.pos, end);
        this.pos = end + 2;
      } else break;
    }
    this.start = this.pos;
    this.plain = undefined;
    if (this.pos >= source.length) {
      this.kind = Token.End;
      return this.kind;
    }
    const char = source[this.pos]!;
    const code = source.charCodeAt(this.pos);
    if (code === 10) {
      this.pos++;
      this.newline();
      this.kind = Token.Newline;
    } else if (isIdentifierStart(code, char)) {
      this.pos++;
      while (this.pos < source.length && isIdentifierPart(source.charCodeAt(this.pos), source[this.pos]!)) this.pos++;
      this.token(Token.Identifier);
    } else if (code >= 48 && code <= 57) {
      NUMBER.lastIndex = this.pos;
      NUMBER.test(source);
      this.pos = NUMBER.lastIndex;
      this.token(Token.Number);
    } else if (char === '"') {
      this.quoted();
    } else if (char === '<' && source[this.pos + 1] === '<') {
      this.heredoc();
    } else if (char in PAIRS) {
      this.pos++;
      this.token(Token.Open);
    } else if (char === ')' || char === ']' || char === '}') {
      this.pos++;
      this.token(Token.Close);
    } else {
      OPERATOR.lastIndex = this.pos;
      if (!OPERATOR.test(source)) throw UNREADABLE;
      this.pos = OPERATOR.lastIndex;
      this.token(Token.Operator);
    }
    return this.kind;
  }

  private token(kind: Token): void {
    this.kind = kind;
    this.text = this.source.slice(this.start, this.pos);
  }

  /** A quoted string on one line, with escapes and `${…}`/`%{…}` sequences. */
  private quoted(): void {
    const { source, start } = this;
    let plain = true;
    this.pos++;
    for (;;) {
      const char = source[this.pos];
      if (char === undefined || char === '\n') throw UNREADABLE;
      if (char === '"') break;
      if (char === '\\') {
        if (!ESCAPES.has(source[this.pos + 1] ?? '')) throw UNREADABLE;
        plain = false;
        this.pos += 2;
      } else if (this.templateSequence()) {
        plain = false;
      } else this.pos++;
    }
    this.pos++;
    this.start = start;
    this.token(Token.String);
    this.plain = plain ? this.text.slice(1, -1) : undefined;
  }

  /** `<<ID` or `<<-ID`, through the line that holds only `ID`. */
  private heredoc(): void {
    const { source } = this;
    const start = this.pos;
    HEREDOC.lastIndex = this.pos;
    const match = HEREDOC.exec(source);
    if (!match) throw UNREADABLE;
    const marker = match[1]!;
    this.pos = HEREDOC.lastIndex;
    this.newline();
    const close = new RegExp(`[ \\t]*${marker}[ \\t\\r]*(?=\\n)`, 'y');
    for (;;) {
      // At the start of a line: is it the closing marker?
      close.lastIndex = this.pos;
      if (close.test(source)) {
        this.pos = close.lastIndex;
        break;
      }
      for (;;) {
        const char = source[this.pos];
        if (char === undefined) throw UNREADABLE;
        if (char === '\n') {
          this.pos++;
          this.newline();
          break;
        }
        if (!this.templateSequence()) this.pos++;
      }
    }
    this.start = start;
    this.token(Token.String);
  }

  /**
   * At a template's `${…}` (an expression) or `%{…}` (a directive: only its brackets are checked), reads it; at
   * their escapes `$${` and `%%{`, skips them. Returns false at any other character.
   */
  private templateSequence(): boolean {
    const { source, pos } = this;
    const char = source[pos];
    if (char !== '$' && char !== '%') return false;
    if (source[pos + 1] === char && source[pos + 2] === '{') {
      this.pos += 3;
      return true;
    }
    if (source[pos + 1] !== '{') return false;
    this.pos += 2;
    if (char === '$') this.sequence('template');
    else {
      // A directive opens with its keyword (`%{ if x }`, `%{~ endfor }`); the rest is checked for brackets only.
      if (this.next() === Token.Operator && this.text === '~') this.next();
      if (this.kind !== Token.Identifier || !DIRECTIVES.has(this.text)) throw UNREADABLE;
      this.brackets('{');
    }
    return true;
  }

  private newline(): void {
    this.line++;
    this.lineStart = this.pos;
  }

  private countLines(from: number, to: number): void {
    for (let index = this.source.indexOf('\n', from); index >= 0 && index < to; index = this.source.indexOf('\n', index + 1)) {
      this.line++;
      this.lineStart = index + 1;
    }
  }
}

/** At the end of an item: every `?` has its `:`, and an object's item is one `key = value`. */
function checkItem(form: Form, loop: boolean, separated: boolean, conditions: number, assigned: number): void {
  if (conditions || (form === 'object' && !loop && !separated && assigned !== 1)) throw UNREADABLE;
}

function isIdentifierStart(code: number, char: string): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || (code > 127 && /\p{L}/u.test(char));
}

function isIdentifierPart(code: number, char: string): boolean {
  return isIdentifierStart(code, char) || (code >= 48 && code <= 57) || code === 45 || (code > 127 && /\p{N}/u.test(char));
}
