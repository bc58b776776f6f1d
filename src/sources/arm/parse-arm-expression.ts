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

export function parseArmExpression(text: string): ArmExpr {
  const source = text.trim().slice(1, -1);
  let position = 0;
  let depth = 0;

  const fail = (message: string): never => {
    throw new ArmExpressionError(`${message} at column ${position + 2} of ${text.length > 80 ? `${text.slice(0, 80)}…` : text}`);
  };
  const skipSpace = () => {
    while (position < source.length && /\s/.test(source[position]!)) position++;
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
    const name = /^[A-Za-z_$][\w$]*/.exec(source.slice(position))?.[0];
    if (!name) return fail('expected a name');
    position += name.length;
    return name;
  };

  const primary = (): ArmExpr => {
    const char = peek();
    if (char === "'") {
      let value = '';
      position++;
      for (;;) {
        if (position >= source.length) fail('unterminated string');
        const current = source[position++]!;
        if (current !== "'") value += current;
        else if (source[position] === "'") {
          value += "'";
          position++;
        } else break;
      }
      return { type: 'string', value };
    }
    const number = /^-?\d+(\.\d+)?/.exec(source.slice(position));
    if (number) {
      position += number[0].length;
      return { type: 'number', value: Number(number[0]) };
    }
    let name = identifier();
    // Namespaced user-defined functions: `namespace.function(...)`.
    while (source[position] === '.' && /^\.[A-Za-z_]\w*\s*\(/.test(source.slice(position))) name += `.${(position++, identifier())}`;
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
