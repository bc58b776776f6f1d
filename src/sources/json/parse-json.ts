import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { Location } from '../../model/location.js';
import type { Problem } from '../../model/problem.js';
import type { Value } from '../../model/value.js';

export interface ParsedJson {
  value?: Value;
  problem?: Problem;
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
 */
export function parseJson(file: string, text: string): ParsedJson {
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
