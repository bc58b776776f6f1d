import type { Node, Parser } from 'web-tree-sitter';
import { DIRECTIVE_PREFIX, type SourceComment } from '../../model/annotations.js';
import type { Location } from '../../model/location.js';
import type { BicepExpr, BicepFile, ResourceDeclaration } from './bicep-syntax.js';
import { rewriteNewSyntax } from './rewrite-new-syntax.js';

/**
 * Turns Bicep source into declarations and expressions with positions. Syntax newer than the grammar
 * is rewritten first without moving any character; token text is always read from the original.
 * Never throws: the first syntax error is returned with its line, and what parsed around it is kept.
 */
export function parseBicep(parser: Parser, file: string, source: string): BicepFile {
  const result: BicepFile = { file, params: new Map(), vars: new Map(), resources: [], modules: [], comments: [] };
  const tree = parser.parse(rewriteNewSyntax(source));
  if (!tree) return result;
  try {
    const reader = new BicepReader(file, source);
    for (const statement of tree.rootNode.namedChildren) {
      if (!statement || statement.hasError) continue;
      reader.statement(statement, result);
    }
    // Comments matter for suppressions only: a file that names none is spared the walk over its whole tree.
    if (source.includes(DIRECTIVE_PREFIX)) result.comments = reader.comments(tree.rootNode);
    if (tree.rootNode.hasError) result.error = reader.firstError(tree.rootNode);
  } catch (error) {
    // A file the reader cannot take apart (absurd nesting) is one finding, never a crash of the scan.
    return { ...result, error: { message: `File not read: ${error instanceof Error ? error.message : String(error)}`, at: { file, line: 1, endLine: 1 } } };
  } finally {
    tree.delete();
  }
  return result;
}

class BicepReader {
  constructor(
    private readonly file: string,
    private readonly source: string,
  ) {}

  at(node: Node): Location {
    return { file: this.file, line: node.startPosition.row + 1, endLine: node.endPosition.row + 1 };
  }

  text(node: Node): string {
    return this.source.slice(node.startIndex, node.endIndex);
  }

  statement(node: Node, file: BicepFile): void {
    const named = node.namedChildren.filter((child): child is Node => child !== null);
    const name = named.find((child) => child.type === 'identifier');
    switch (node.type) {
      case 'parameter_declaration': {
        if (!name) return;
        const type = named.find((child) => child.type === 'type');
        const value = named.filter((child) => child !== name && child !== type).at(-1);
        // The `?` of a nullable type was blanked for the grammar; the original still has it.
        const nullable = type !== undefined && /^\s*\?/.test(this.source.slice(type.endIndex, type.endIndex + 8));
        const declaration = { name: this.text(name), at: this.at(node), nullable, ...(value && { defaultValue: this.expression(value) }) };
        file.params.set(declaration.name, declaration);
        return;
      }
      case 'variable_declaration': {
        // Skip `metadata` statements, which were rewritten into variables only to keep the parse.
        if (this.text(node.children[0]!) !== 'var') return;
        const value = named.at(-1);
        if (name && value && value !== name) file.vars.set(this.text(name), this.expression(value));
        return;
      }
      case 'resource_declaration': {
        const resource = this.resource(node);
        if (resource) file.resources.push(resource);
        return;
      }
      case 'module_declaration': {
        const path = named.find((child) => child.type === 'string');
        const body = named.at(-1);
        if (name && path && body) file.modules.push({ symbol: this.text(name), path: this.stringValue(path), body: this.expression(body), at: this.at(node) });
        return;
      }
    }
  }

  resource(node: Node): ResourceDeclaration | undefined {
    const named = node.namedChildren.filter((child): child is Node => child !== null);
    const name = named.find((child) => child.type === 'identifier');
    const type = named.find((child) => child.type === 'string');
    const body = named.at(-1);
    if (!name || !type || !body || body === type) return undefined;
    return {
      symbol: this.text(name),
      type: this.stringValue(type),
      existing: node.children.some((child) => child?.type === 'existing'),
      body: this.expression(body),
      at: this.at(node),
    };
  }

  stringValue(node: Node): string {
    return node.namedChildren
      .filter((child) => child?.type === 'string_content' || child?.type === 'escape_sequence')
      .map((child) => (child!.type === 'escape_sequence' ? unescape(this.text(child!)) : this.text(child!)))
      .join('');
  }

  comments(root: Node): SourceComment[] {
    return root.descendantsOfType('comment').flatMap((node) => {
      if (!node) return [];
      const lineStart = this.source.lastIndexOf('\n', node.startIndex - 1) + 1;
      return [{ text: this.text(node), at: this.at(node), ownLine: this.source.slice(lineStart, node.startIndex).trim() === '' }];
    });
  }

  firstError(root: Node): { message: string; at: Location } {
    const found = findError(root);
    if (!found) return { message: 'Syntax error', at: this.at(root) };
    const what = found.isMissing ? `missing ${found.type}` : `unexpected '${this.text(found).split('\n')[0]!.slice(0, 40)}'`;
    return { message: `Syntax error: ${what}; the declarations without errors were still checked`, at: this.at(found) };
  }

  expression(node: Node): BicepExpr {
    const at = this.at(node);
    const named = node.namedChildren.filter((child): child is Node => child !== null);
    switch (node.type) {
      case 'string':
        return this.template(node);
      case 'number':
        return { type: 'literal', value: Number(this.text(node)), at };
      case 'boolean':
        return { type: 'literal', value: this.text(node) === 'true', at };
      case 'null':
        return { type: 'literal', value: null, at };
      case 'array':
        return { type: 'array', items: named.map((child) => this.expression(child)), at };
      case 'object': {
        const properties: { key: string; value: BicepExpr }[] = [];
        const resources: ResourceDeclaration[] = [];
        for (const property of named) {
          if (property.type !== 'object_property') continue;
          const [key, value] = property.namedChildren.filter((child): child is Node => child !== null);
          if (key?.type === 'resource_declaration') {
            const nested = this.resource(key);
            if (nested) resources.push(nested);
          } else if (key && value) {
            properties.push({ key: key.type === 'string' ? this.stringValue(key) : this.text(key), value: this.expression(value) });
          }
        }
        return { type: 'object', properties, resources, at };
      }
      case 'identifier':
        return { type: 'identifier', name: this.text(node), at };
      case 'parenthesized_expression':
        return named[0] ? this.expression(named[0]) : { type: 'unsupported', what: 'empty parentheses', at };
      case 'member_expression': {
        const [target, property] = named;
        if (!target || !property) return { type: 'unsupported', what: 'member access', at };
        return { type: 'member', target: this.expression(target), name: this.text(property), at };
      }
      case 'resource_expression':
        // `vault::key`: a nested resource, addressed by its symbol path.
        return { type: 'identifier', name: named.map((child) => this.text(child)).join('::'), at };
      case 'subscript_expression': {
        const [target, index] = named;
        if (!target || !index) return { type: 'unsupported', what: 'index', at };
        return { type: 'index', target: this.expression(target), index: this.expression(index), at };
      }
      case 'call_expression': {
        const fn = node.childForFieldName('function') ?? named[0];
        const args = node.childForFieldName('arguments') ?? named.find((child) => child.type === 'arguments');
        return {
          type: 'call',
          name: fn ? this.text(fn) : '',
          args: (args?.namedChildren ?? []).filter((child): child is Node => child !== null).map((child) => this.expression(child)),
          at,
        };
      }
      case 'ternary_expression': {
        const [test, then, otherwise] = named.map((child) => this.expression(child));
        return test && then && otherwise ? { type: 'ternary', test, then, else: otherwise, at } : { type: 'unsupported', what: 'ternary', at };
      }
      case 'binary_expression': {
        const [left, right] = named;
        const operator = node.children.find((child) => child && !child.isNamed);
        if (!left || !right || !operator) return { type: 'unsupported', what: 'binary expression', at };
        // Read from the original: `??` was rewritten where the grammar could not take it.
        return { type: 'binary', operator: this.text(operator).trim(), left: this.expression(left), right: this.expression(right), at };
      }
      case 'unary_expression': {
        const operator = node.children.find((child) => child && !child.isNamed);
        return { type: 'unary', operator: operator ? this.text(operator) : '', operand: named[0] ? this.expression(named[0]) : { type: 'unsupported', what: 'operand', at }, at };
      }
      case 'for_statement': {
        // `[for x in …]`, `[for (x, i) in …]`: the loop variables come first, then the collection and body.
        const [head, ...rest] = named;
        const parameters = head?.type === 'for_loop_parameters' ? head : undefined;
        const item = parameters ? parameters.namedChildren.find((child) => child?.type === 'loop_variable') : head;
        const index = parameters?.namedChildren.find((child) => child?.type === 'loop_enumerator');
        const [collection, body] = rest;
        if (!collection || !body) return { type: 'unsupported', what: 'for expression', at };
        return {
          type: 'for',
          ...(item && { item: this.text(item) }),
          ...(index && { index: this.text(index) }),
          collection: this.expression(collection),
          body: this.expression(body),
          at,
        };
      }
      case 'if_statement': {
        const [test, body] = named;
        if (!test || !body) return { type: 'unsupported', what: 'if', at };
        return { type: 'if', test: this.expression(test), body: this.expression(body), at };
      }
      default:
        return { type: 'unsupported', what: node.type.replaceAll('_', ' '), at };
    }
  }

  template(node: Node): BicepExpr {
    const at = this.at(node);
    const parts: (string | BicepExpr)[] = [];
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'string_content') parts.push(this.text(child));
      else if (child.type === 'escape_sequence') parts.push(unescape(this.text(child)));
      else if (child.type === 'interpolation') {
        const inner = child.namedChildren.find((expr) => expr !== null);
        parts.push(inner ? this.expression(inner) : { type: 'unsupported', what: 'empty interpolation', at });
      }
    }
    if (parts.every((part) => typeof part === 'string')) return { type: 'literal', value: parts.join(''), at };
    return { type: 'string', parts, at };
  }
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", $: '$' };

function unescape(text: string): string {
  const unicode = /^\\u\{([0-9a-fA-F]+)\}$/.exec(text);
  if (unicode) return String.fromCodePoint(parseInt(unicode[1]!, 16));
  return ESCAPES[text.slice(1)] ?? text;
}

function findError(node: Node): Node | undefined {
  if (node.isError || node.isMissing) return node;
  if (!node.hasError) return undefined;
  for (const child of node.children) {
    const found = child && findError(child);
    if (found) return found;
  }
  return undefined;
}
