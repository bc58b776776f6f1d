import type { SourceComment } from '../../model/annotations.js';
import type { Location } from '../../model/location.js';
import type { Scalar } from '../../model/value.js';

/** Bicep expressions, reduced to what static evaluation needs. */
export type BicepExpr =
  | { type: 'literal'; value: Scalar; at: Location }
  | { type: 'string'; parts: (string | BicepExpr)[]; at: Location }
  | { type: 'array'; items: BicepExpr[]; at: Location }
  | { type: 'object'; properties: { key: string; value: BicepExpr }[]; resources: ResourceDeclaration[]; at: Location }
  | { type: 'identifier'; name: string; at: Location }
  | { type: 'member'; target: BicepExpr; name: string; at: Location }
  | { type: 'index'; target: BicepExpr; index: BicepExpr; at: Location }
  | { type: 'call'; name: string; args: BicepExpr[]; at: Location }
  | { type: 'ternary'; test: BicepExpr; then: BicepExpr; else: BicepExpr; at: Location }
  | { type: 'binary'; operator: string; left: BicepExpr; right: BicepExpr; at: Location }
  | { type: 'unary'; operator: string; operand: BicepExpr; at: Location }
  | { type: 'for'; item?: string; index?: string; collection: BicepExpr; body: BicepExpr; at: Location }
  | { type: 'if'; test: BicepExpr; body: BicepExpr; at: Location }
  | { type: 'unsupported'; what: string; at: Location };

export interface ResourceDeclaration {
  symbol: string;
  /** `Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01`, or a relative child type for nested ones. */
  type: string;
  existing: boolean;
  body: BicepExpr;
  at: Location;
}

export interface ModuleDeclaration {
  symbol: string;
  path: string;
  body: BicepExpr;
  at: Location;
}

export interface ParamDeclaration {
  name: string;
  defaultValue?: BicepExpr;
  /** Declared with a nullable type (`string?`): null when not given. */
  nullable: boolean;
  at: Location;
}

export interface BicepFile {
  file: string;
  params: Map<string, ParamDeclaration>;
  vars: Map<string, BicepExpr>;
  resources: ResourceDeclaration[];
  modules: ModuleDeclaration[];
  comments: SourceComment[];
  error?: { message: string; at: Location };
}
