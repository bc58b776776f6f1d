import type { Node, Parser, Range } from 'web-tree-sitter';
import type { Location } from '../../model/location.js';
import { DIRECTIVE_PREFIX, type SourceComment } from '../../model/annotations.js';
import { SPLAT_ITEM, type Attribute, type Block, type Body, type Expr, type HclFile } from './hcl-syntax.js';
import { outlineHcl, type OutlineBlock } from './outline-hcl.js';

/**
 * Turns HCL source into blocks, attributes and expressions with positions. Never throws on bad
 * input: the first syntax error is returned with its line, and every block without an error is kept.
 */
export interface ParseHclOptions {
  /**
   * Whether a top-level block's body is needed. Bodies of other blocks (a repository's storage
   * accounts, networks…) are not converted: most of a real tree is such noise.
   */
  needsBody?: (type: string, labels: string[]) => boolean;
}

export function parseHcl(parser: Parser, file: string, source: string, options: ParseHclOptions = {}): HclFile {
  const { needsBody } = options;
  // Blocks whose bodies are not needed are left out of the parse, which is most of its cost. Not when the file
  // names a suppression: its comments are read from the tree, wherever they are.
  const skipped = needsBody && !source.includes(DIRECTIVE_PREFIX) ? (outlineHcl(source)?.filter((block) => block.labels && !needsBody(block.type, block.labels)) ?? []) : [];
  const tree = skipped.length ? parser.parse(source, null, { includedRanges: rangesBetween(source, skipped) }) : parser.parse(source);
  if (!tree) return { file, body: { attributes: [], blocks: [] }, comments: [] };
  try {
    const reader = new CstReader(file, source, needsBody);
    const root = tree.rootNode;
    const body = root.namedChildren.find((child) => child?.type === 'body');
    const result: HclFile = {
      file,
      body: withSkipped(body ? reader.body(body, true) : { attributes: [], blocks: [] }, skipped, file),
      // Comments matter for suppressions only: a file that names none is spared the walk over its whole tree.
      comments: source.includes(DIRECTIVE_PREFIX) ? reader.comments(root) : [],
    };
    if (root.hasError) result.error = reader.firstError(root);
    return result;
  } catch (error) {
    // A file the reader cannot take apart (absurd nesting) is one finding, never a crash of the scan.
    return { file, body: { attributes: [], blocks: [] }, comments: [], error: { message: `File not read: ${error instanceof Error ? error.message : String(error)}`, at: { file, line: 1, endLine: 1 } } };
  } finally {
    tree.delete();
  }
}

/**
 * The parts of `source` around the skipped blocks, as tree-sitter's included ranges. Each skipped block spans
 * whole lines, so every boundary but the end of the file is at the start of a line (column 0).
 */
function rangesBetween(source: string, skipped: OutlineBlock[]): Range[] {
  const ranges: Range[] = [];
  let from = 0;
  let row = 0;
  const add = (to: number, endPosition: { row: number; column: number }) => {
    if (to > from) ranges.push({ startIndex: from, endIndex: to, startPosition: { row, column: 0 }, endPosition });
  };
  for (const block of skipped) {
    add(block.from, { row: block.line - 1, column: 0 });
    from = block.to;
    row = block.endLine;
  }
  if (from < source.length) {
    const lastLine = source.lastIndexOf('\n') + 1;
    add(source.length, { row: row + countLines(source, from), column: source.length - Math.max(lastLine, from) });
  }
  // Nothing left to parse: one empty range, since no ranges at all would mean the whole file.
  return ranges.length ? ranges : [{ startIndex: 0, endIndex: 0, startPosition: { row: 0, column: 0 }, endPosition: { row: 0, column: 0 } }];
}

function countLines(source: string, from: number): number {
  let count = 0;
  for (let index = source.indexOf('\n', from); index >= 0; index = source.indexOf('\n', index + 1)) count++;
  return count;
}

/** The skipped blocks, header only, among the parsed ones in source order. */
function withSkipped(body: Body, skipped: OutlineBlock[], file: string): Body {
  if (!skipped.length) return body;
  const headers = skipped.map(({ type, labels, line, endLine }) => ({ type, labels: labels!, body: { attributes: [], blocks: [] }, at: { file, line, endLine } }));
  return { attributes: body.attributes, blocks: [...body.blocks, ...headers].sort((a, b) => a.at.line - b.at.line) };
}

class CstReader {
  constructor(
    private readonly file: string,
    private readonly source: string,
    private readonly needsBody?: (type: string, labels: string[]) => boolean,
  ) {}

  at(node: Node): Location {
    return { file: this.file, line: node.startPosition.row + 1, endLine: node.endPosition.row + 1 };
  }

  body(node: Node, top = false): Body {
    const body: Body = { attributes: [], blocks: [] };
    for (const child of node.namedChildren) {
      // A block or attribute with a syntax error inside is dropped rather than half-read.
      if (!child || child.hasError) continue;
      if (child.type === 'attribute') body.attributes.push(this.attribute(child));
      else if (child.type === 'block') body.blocks.push(this.block(child, top));
    }
    return body;
  }

  attribute(node: Node): Attribute {
    const [name, expr] = node.namedChildren;
    return { name: name?.text ?? '', expr: this.expression(expr), at: this.at(node) };
  }

  block(node: Node, top = false): Block {
    const labels: string[] = [];
    let body: Body = { attributes: [], blocks: [] };
    let type = '';
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'identifier') {
        if (type) labels.push(child.text);
        else type = child.text;
      } else if (child.type === 'string_lit') {
        labels.push(this.stringLiteral(child));
      } else if (child.type === 'body' && (!top || !this.needsBody || this.needsBody(type, labels))) {
        body = this.body(child);
      }
    }
    return { type, labels, body, at: this.at(node) };
  }

  comments(root: Node): SourceComment[] {
    return root.descendantsOfType('comment').flatMap((node) => {
      if (!node) return [];
      const ownLine = this.source.slice(lineStart(this.source, node.startIndex), node.startIndex).trim() === '';
      return [{ text: node.text, at: this.at(node), ownLine }];
    });
  }

  firstError(root: Node): { message: string; at: Location } {
    const cursor = root.walk();
    try {
      for (;;) {
        const node = cursor.currentNode;
        if (node.isError || node.isMissing) {
          const what = node.isMissing ? `missing ${node.type}` : `unexpected ${describe(node.text)}`;
          return { message: `Syntax error: ${what}; the blocks without errors were still checked`, at: this.at(node) };
        }
        if ((node.hasError && cursor.gotoFirstChild()) || cursor.gotoNextSibling()) continue;
        while (cursor.gotoParent()) if (cursor.gotoNextSibling()) break;
        if (cursor.currentNode.equals(root)) break;
      }
    } finally {
      cursor.delete();
    }
    return { message: 'Syntax error', at: this.at(root) };
  }

  expression(node: Node | null | undefined): Expr {
    if (!node) return { type: 'unsupported', what: 'missing expression', at: { file: this.file, line: 1, endLine: 1 } };
    if (node.type !== 'expression') return this.term(node);
    return this.chain(node.namedChildren.filter((child): child is Node => child !== null), node);
  }

  /**
   * A term and its postfix operators (`.name`, `[key]`, `[*]`, `.*`). The grammar nests them in an
   * `expression` node, except for operands of operators, where they are siblings of the operator.
   */
  chain(nodes: Node[], whole: Node): Expr {
    const [first, ...postfix] = nodes;
    if (!first) return { type: 'unsupported', what: 'missing expression', at: this.at(whole) };
    let expr = this.term(first);
    const at = this.at(whole);
    for (const op of postfix) {
      if (op.type === 'get_attr') {
        expr = { type: 'getAttr', target: expr, name: op.namedChildren[0]?.text ?? '', at };
      } else if (op.type === 'index') {
        expr = { type: 'index', target: expr, key: this.indexKey(op, at), at };
      } else if (op.type === 'splat') {
        // `x[*].a[0]` applies `.a[0]` to each element: the steps inside the splat act on the placeholder.
        const splat = op.namedChildren[0];
        let each: Expr = { type: 'variable', name: SPLAT_ITEM, at };
        for (const step of splat?.namedChildren ?? []) {
          if (step?.type === 'get_attr') each = { type: 'getAttr', target: each, name: step.namedChildren[0]?.text ?? '', at };
          else if (step?.type === 'index') each = { type: 'index', target: each, key: this.indexKey(step, at), at };
          else each = { type: 'unsupported', what: `${step?.type ?? 'splat'} in a splat`, at };
        }
        expr = { type: 'splat', target: expr, each, at };
      } else {
        expr = { type: 'unsupported', what: `${op.type.replace('_', ' ')} expression`, at };
      }
    }
    return expr;
  }

  indexKey(op: Node, at: Location): Expr {
    const inner = op.namedChildren[0];
    return inner?.type === 'legacy_index'
      ? { type: 'literal', value: Number(inner.text.replace(/^\./, '')), at }
      : this.expression(inner?.namedChildren[0]);
  }

  term(node: Node): Expr {
    const at = this.at(node);
    switch (node.type) {
      case 'expression':
        return this.expression(node);
      case 'literal_value':
        return this.literal(node);
      case 'template_expr':
        return this.template(node.namedChildren[0] ?? node);
      case 'collection_value':
        return this.collection(node.namedChildren[0] ?? node);
      case 'variable_expr':
        return { type: 'variable', name: node.text, at };
      case 'function_call':
        return this.call(node);
      case 'conditional': {
        const [test, then, otherwise] = node.namedChildren.map((child) => this.expression(child));
        if (!test || !then || !otherwise) return { type: 'unsupported', what: 'conditional', at };
        return { type: 'conditional', test, then, else: otherwise, at };
      }
      case 'operation':
        return this.term(node.namedChildren[0] ?? node);
      case 'unary_operation': {
        const [operator, ...operand] = node.children.filter((child): child is Node => child !== null);
        return { type: 'unary', operator: operator?.text ?? '', operand: this.operand(operand, node), at };
      }
      case 'binary_operation': {
        // `var.a == 1` arrives as `variable_expr get_attr == literal_value`: split at the operator token.
        const children = node.children.filter((child): child is Node => child !== null);
        const split = children.findIndex((child) => !child.isNamed && child.type !== '(' && child.type !== ')');
        if (split < 1) return { type: 'unsupported', what: 'operation', at };
        return {
          type: 'binary',
          operator: children[split]!.text,
          left: this.operand(children.slice(0, split), node),
          right: this.operand(children.slice(split + 1), node),
          at,
        };
      }
      case 'for_expr':
        return this.forExpression(node.namedChildren[0] ?? node);
      default:
        return { type: 'unsupported', what: node.type.replaceAll('_', ' '), at };
    }
  }

  operand(nodes: Node[], whole: Node): Expr {
    const named = nodes.filter((child) => child.isNamed);
    return named.length === 1 ? this.expression(named[0]) : this.chain(named, whole);
  }

  literal(node: Node): Expr {
    const at = this.at(node);
    const inner = node.namedChildren[0];
    switch (inner?.type) {
      case 'numeric_lit':
        return { type: 'literal', value: Number(inner.text), at };
      case 'bool_lit':
        return { type: 'literal', value: inner.text === 'true', at };
      case 'null_lit':
        return { type: 'literal', value: null, at };
      case 'string_lit':
        return { type: 'literal', value: this.stringLiteral(inner), at };
      default:
        return { type: 'unsupported', what: 'literal', at };
    }
  }

  stringLiteral(node: Node): string {
    return node.namedChildren
      .filter((child) => child?.type === 'template_literal')
      .map((child) => decodeEscapes(child?.text ?? ''))
      .join('');
  }

  template(node: Node): Expr {
    const at = this.at(node);
    const heredoc = node.type === 'heredoc_template';
    const children = node.namedChildren.filter((child): child is Node => child !== null);
    // Literal text is sliced from the source between interpolations, so whitespace between
    // tree-sitter tokens is kept exactly.
    let start: number;
    let end: number;
    if (heredoc) {
      const markers = children.filter((child) => child.type === 'heredoc_identifier');
      start = (markers[0]?.endIndex ?? node.startIndex) + 1;
      end = markers.length > 1 ? lineStart(this.source, markers[markers.length - 1]!.startIndex) : node.endIndex;
    } else {
      start = node.startIndex + 1;
      end = node.endIndex - 1;
    }
    const parts: (string | Expr)[] = [];
    let cursor = start;
    for (const child of children) {
      if (child.type !== 'template_interpolation' && child.type !== 'template_directive') continue;
      parts.push(this.source.slice(cursor, child.startIndex));
      parts.push(
        child.type === 'template_interpolation'
          ? this.expression(child.namedChildren.find((inner) => inner?.type === 'expression'))
          : { type: 'unsupported', what: 'template directive', at: this.at(child) },
      );
      cursor = child.endIndex;
    }
    parts.push(this.source.slice(cursor, Math.max(cursor, end)));
    const strip = heredoc && children.some((child) => child.type === 'heredoc_start' && child.text.endsWith('-'));
    const decode = heredoc ? decodeHeredocEscapes : decodeEscapes;
    const decoded = parts.map((part) => (typeof part === 'string' ? decode(part) : part));
    return { type: 'template', parts: strip ? dedent(decoded) : decoded.filter((part) => part !== ''), at };
  }

  collection(node: Node): Expr {
    const at = this.at(node);
    if (node.type === 'tuple') {
      return { type: 'tuple', items: node.namedChildren.filter((c) => c?.type === 'expression').map((c) => this.expression(c)), at };
    }
    const items: { key: Expr; value: Expr }[] = [];
    for (const elem of node.namedChildren) {
      if (elem?.type !== 'object_elem') continue;
      const keyNode = elem.childForFieldName('key');
      const valueNode = elem.childForFieldName('val');
      const bareKey = keyNode?.namedChildren.length === 1 && keyNode.namedChildren[0]?.type === 'variable_expr';
      const key: Expr = bareKey ? { type: 'literal', value: keyNode.text, at: this.at(keyNode) } : this.expression(keyNode);
      items.push({ key, value: this.expression(valueNode) });
    }
    return { type: 'object', items, at };
  }

  call(node: Node): Expr {
    const at = this.at(node);
    const name = node.namedChildren
      .filter((child) => child?.type === 'identifier')
      .map((child) => child?.text)
      .join('::');
    const argsNode = node.namedChildren.find((child) => child?.type === 'function_arguments');
    const args = argsNode?.namedChildren.filter((c) => c?.type === 'expression').map((c) => this.expression(c)) ?? [];
    const expandLast = argsNode?.children.some((child) => child?.type === '...') ?? false;
    return { type: 'call', name, args, expandLast, at };
  }

  forExpression(node: Node): Expr {
    const at = this.at(node);
    const intro = node.namedChildren.find((child) => child?.type === 'for_intro');
    const names = intro?.namedChildren.filter((child) => child?.type === 'identifier').map((child) => child?.text ?? '') ?? [];
    const collection = this.expression(intro?.namedChildren.find((child) => child?.type === 'expression'));
    const bodies = node.namedChildren.filter((child) => child?.type === 'expression').map((child) => this.expression(child));
    const condNode = node.namedChildren.find((child) => child?.type === 'for_cond');
    const condition = condNode ? this.expression(condNode.namedChildren[0]) : undefined;
    const objectForm = node.type === 'for_object_expr';
    const [keyName, valueName] = names.length > 1 ? [names[0], names[1]] : [undefined, names[0]];
    const value = objectForm ? bodies[1] : bodies[0];
    if (!valueName || !value) return { type: 'unsupported', what: 'for expression', at };
    return {
      type: 'for',
      keyName,
      valueName,
      collection,
      key: objectForm ? bodies[0] : undefined,
      value,
      condition,
      grouping: objectForm && node.children.some((child) => child?.type === 'ellipsis' || child?.text === '...'),
      at,
    };
  }
}

function lineStart(source: string, index: number): number {
  return source.lastIndexOf('\n', index - 1) + 1;
}

function describe(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 40 ? `'${line.slice(0, 40)}…'` : `'${line}'`;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

function decodeEscapes(raw: string): string {
  return raw.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)|\$\$\{|%%\{/g, (match, escape?: string) => {
    if (match === '$${') return '${';
    if (match === '%%{') return '%{';
    if (escape && escape.length > 1) return String.fromCodePoint(parseInt(escape.slice(1), 16));
    return ESCAPES[escape ?? ''] ?? match;
  });
}

// Heredocs interpret no backslash escapes, only the template escapes.
function decodeHeredocEscapes(raw: string): string {
  return raw.replaceAll('$${', '${').replaceAll('%%{', '%{');
}

function dedent(parts: (string | Expr)[]): (string | Expr)[] {
  const text = parts.filter((part): part is string => typeof part === 'string').join('\u0000');
  const indents = [...text.matchAll(/(?:^|\n)([ \t]*)(?=\S)/g)].map((match) => match[1]?.length ?? 0);
  const indent = indents.length ? Math.min(...indents) : 0;
  if (indent === 0) return parts;
  const lineIndent = new RegExp(`\\n[ \\t]{0,${indent}}`, 'g');
  const firstIndent = new RegExp(`^[ \\t]{0,${indent}}`);
  // Only the first part starts at a line start; later parts continue after an interpolation.
  return parts.map((part, index) =>
    typeof part !== 'string' ? part : (index === 0 ? part.replace(firstIndent, '') : part).replace(lineIndent, '\n'),
  );
}
