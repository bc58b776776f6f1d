import type { SourceComment } from '../../model/annotations.js';
import type { Location } from '../../model/location.js';
import type { Scalar } from '../../model/value.js';

/** The name a splat's per-element steps are written against; no HCL identifier can spell it. */
export const SPLAT_ITEM = '[*]';

/** HCL expressions, reduced to what static evaluation needs. Tree-sitter nodes do not outlive parsing. */
export type Expr =
  | { type: 'literal'; value: Scalar; at: Location }
  | { type: 'template'; parts: (string | Expr)[]; at: Location }
  | { type: 'tuple'; items: Expr[]; at: Location }
  | { type: 'object'; items: { key: Expr; value: Expr }[]; at: Location }
  | { type: 'variable'; name: string; at: Location }
  | { type: 'getAttr'; target: Expr; name: string; at: Location }
  | { type: 'index'; target: Expr; key: Expr; at: Location }
  /** `target[*]` followed by `each`, an expression over the variable `SPLAT_ITEM`. */
  | { type: 'splat'; target: Expr; each: Expr; at: Location }
  | { type: 'call'; name: string; args: Expr[]; expandLast: boolean; at: Location }
  | { type: 'conditional'; test: Expr; then: Expr; else: Expr; at: Location }
  | { type: 'unary'; operator: string; operand: Expr; at: Location }
  | { type: 'binary'; operator: string; left: Expr; right: Expr; at: Location }
  | {
      type: 'for';
      keyName?: string;
      valueName: string;
      collection: Expr;
      key?: Expr;
      value: Expr;
      condition?: Expr;
      grouping: boolean;
      at: Location;
    }
  | { type: 'unsupported'; what: string; at: Location };

export interface Attribute {
  name: string;
  expr: Expr;
  at: Location;
}

export interface Block {
  type: string;
  labels: string[];
  body: Body;
  at: Location;
}

export interface Body {
  attributes: Attribute[];
  blocks: Block[];
}

export interface HclFile {
  file: string;
  body: Body;
  comments: SourceComment[];
  /** The first syntax error, when the file did not parse cleanly. */
  error?: { message: string; at: Location };
}
