/** ARM template expressions: `[concat(parameters('name'), '-pg')]`, reduced to a small syntax tree. */
export type ArmExpr =
  | { type: 'string'; value: string }
  | { type: 'number'; value: number }
  | { type: 'call'; name: string; args: ArmExpr[] }
  | { type: 'property'; target: ArmExpr; name: string; optional: boolean }
  | { type: 'index'; target: ArmExpr; index: ArmExpr; optional: boolean };

export class ArmExpressionError extends Error {}

/** Whether a JSON string is an expression: `[...]`, but not the `[[` escape for a literal bracket. */
export function isExpression(text: string): boolean {
  return text.startsWith('[') && !text.startsWith('[[') && text.trimEnd().endsWith(']');
}

const MAX_DEPTH = 256;
const SPACE = /\s*/y;
const NAME = /[A-Za-z_$][\w$]*/y;
const NUMBER = /-?\d+(\.\d+)?/y;
/** The inside of a string literal, where `''` is an escaped quote. */
const STRING = /[^']*(?:''[^']*)*/y;
const NAMESPACED = /\.[A-Za-z_]\w*\s*\(/y;

export function parseArmExpression(text: string): ArmExpr {
  const source = text.trim().slice(1, -1);
  let position = 0;
  let depth = 0;

  const fail = (message: string): never => {
    throw new ArmExpressionError(`${message} at column ${position + 2} of ${text.length > 80 ? `${text.slice(0, 80)}…` : text}`);
  };
  // Sticky patterns matched at `position`: slicing the rest of the text for each token would be quadratic.
  const match = (pattern: RegExp): string | undefined => {
    pattern.lastIndex = position;
    return pattern.exec(source)?.[0];
  };
  const skipSpace = () => {
    position += match(SPACE)?.length ?? 0;
  };
  const peek = () => {
    skipSpace();
    return source[position];
  };
  const expect = (char: string) => {
    if (peek() !== char) fail(`expected '${char}'`);
    position++;
  };

  const expression = (): ArmExpr => {
    if (++depth > MAX_DEPTH) fail('expression nests too deeply');
    let expr = primary();
    for (;;) {
      const next = peek();
      if (next === '.' || next === '[' || (next === '?' && ['.', '['].includes(source[position + 1] ?? ''))) {
        const optional = next === '?';
        if (optional) position++;
        if (source[position] === '.') {
          position++;
          expr = { type: 'property', target: expr, name: identifier(), optional };
        } else {
          position++;
          if (source[position] === '?') position++;
          const index = expression();
          expect(']');
          expr = { type: 'index', target: expr, index, optional };
        }
      } else {
        depth--;
        return expr;
      }
    }
  };

  const identifier = (): string => {
    skipSpace();
    const name = match(NAME);
    if (!name) return fail('expected a name');
    position += name.length;
    return name;
  };

  const primary = (): ArmExpr => {
    const char = peek();
    if (char === "'") {
      position++;
      const literal = match(STRING);
      if (literal === undefined || source[position + literal.length] !== "'") fail('unterminated string');
      position += literal!.length + 1;
      return { type: 'string', value: literal!.replaceAll("''", "'") };
    }
    const number = match(NUMBER);
    if (number) {
      position += number.length;
      return { type: 'number', value: Number(number) };
    }
    let name = identifier();
    // Namespaced user-defined functions: `namespace.function(...)`.
    while (source[position] === '.' && match(NAMESPACED) !== undefined) name += `.${(position++, identifier())}`;
    expect('(');
    const args: ArmExpr[] = [];
    if (peek() !== ')') {
      for (;;) {
        args.push(expression());
        if (peek() === ',') position++;
        else break;
      }
    }
    expect(')');
    return { type: 'call', name, args };
  };

  const result = expression();
  if (peek() !== undefined) fail('unexpected text');
  return result;
}
