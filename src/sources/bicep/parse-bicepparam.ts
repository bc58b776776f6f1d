import type { Parser } from 'web-tree-sitter';
import type { Location } from '../../model/location.js';
import type { BicepExpr } from './bicep-syntax.js';
import { parseBicep } from './parse-bicep.js';

export interface BicepParamFile {
  file: string;
  /** The template it parameterises (`using './main.bicep'`), as written; undefined for `using none`. */
  using?: string;
  params: Map<string, BicepExpr>;
  error?: { message: string; at: Location };
}

/**
 * `.bicepparam` files: `using '<template>'` and `param <name> = <expression>`. The grammar has no
 * params-file form, so `param` becomes `var` (same length) and `using` is blanked; positions hold.
 */
export function parseBicepParam(parser: Parser, file: string, source: string): BicepParamFile {
  const using = /^[ \t]*using[ \t]+'([^'\n]*)'/m.exec(source);
  const rewritten = source
    .replace(/^([ \t]*)using\b[^\n]*/m, (line) => ' '.repeat(line.length))
    .replace(/^([ \t]*)param(\s)/gm, (_, indent: string, space: string) => `${indent}var  ${space}`);
  const parsed = parseBicep(parser, file, rewritten);
  return { file, ...(using && { using: using[1] }), params: parsed.vars, ...(parsed.error && { error: parsed.error }) };
}
