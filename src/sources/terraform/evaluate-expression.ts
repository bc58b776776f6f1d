import type { Location } from '../../model/location.js';
import { invalid, scalar, toPlain, unknown, unknownFrom, type Reference, type Scalar, type Value } from '../../model/value.js';
import { callFunction } from './functions.js';
import { SPLAT_ITEM, type Expr } from './hcl-syntax.js';

/** What an expression can see: the roots of traversals (`var`, `local`, resources, iterators…). */
export interface Scope {
  /** Resolves a traversal that starts at `root`; returns undefined for roots the scope does not know. */
  traverse(root: string, steps: TraversalStep[], at: Location): Value | undefined;
  /** Names bound by `for` expressions and dynamic-block iterators, innermost last. */
  bindings?: Map<string, Value>;
}

export type TraversalStep = { attr: string } | { index: Value };

const MAX_DEPTH = 200;

export function evaluate(expr: Expr, scope: Scope, depth = 0): Value {
  if (depth > MAX_DEPTH) return unknown('expression nests too deeply to evaluate', expr.at);
  const next = (inner: Expr, innerScope = scope) => evaluate(inner, innerScope, depth + 1);
  switch (expr.type) {
    case 'literal':
      return scalar(expr.value, expr.at);
    case 'template':
      return evaluateTemplate(expr.parts, expr.at, next);
    case 'tuple':
      return { kind: 'array', items: expr.items.map((item) => next(item)), at: expr.at };
    case 'object': {
      const entries = new Map<string, Value>();
      for (const item of expr.items) {
        const key = next(item.key);
        if (key.kind !== 'scalar' || key.value === null) return unknown('an object key is not known', item.key.at);
        entries.set(String(key.value), next(item.value));
      }
      return { kind: 'object', entries, at: expr.at };
    }
    case 'variable':
    case 'getAttr':
    case 'index':
      return evaluateTraversal(expr, scope, next);
    case 'splat':
      return evaluateSplat(expr, scope, next);
    case 'call':
      return callFunction(expr.name, expr.args.map((arg) => next(arg)), expr.at, expr.expandLast);
    case 'conditional': {
      const test = next(expr.test);
      if (test.kind === 'unknown') return test.invalid ? unknownFrom(test, expr.at) : unknown(`the condition is not known (${test.reason})`, expr.at);
      return truthy(test) ? next(expr.then) : next(expr.else);
    }
    case 'unary':
      return evaluateUnary(expr.operator, next(expr.operand), expr.at);
    case 'binary':
      return evaluateBinary(expr.operator, next(expr.left), () => next(expr.right), expr.at);
    case 'for':
      return evaluateFor(expr, scope, next);
    case 'unsupported':
      return unknown(`${expr.what} is not evaluated statically`, expr.at);
  }
}

function evaluateTemplate(parts: (string | Expr)[], at: Location, next: (expr: Expr) => Value): Value {
  // A template that is a single interpolation yields the value itself, with its type and origin.
  const [only] = parts;
  if (parts.length === 1 && only !== undefined && typeof only !== 'string') return next(only);
  let text = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    const value = next(part);
    if (value.kind === 'unknown') {
      if (value.invalid) return unknownFrom(value, at);
      // "${azurerm_virtual_network.main.id}/subnets/db" is some string, whatever the id turns out to be.
      const present = parts.some((literal) => typeof literal === 'string' && literal !== '');
      return present ? { kind: 'unknown', reason: value.reason, at, present } : unknown(value.reason, at, value.ref);
    }
    if (value.kind !== 'scalar') return unknown('a collection is interpolated into a string', at);
    text += value.value === null ? '' : String(value.value);
  }
  return scalar(text, at);
}

/**
 * `list[*].name`: the steps applied to each element. As in Terraform, a null target gives an empty
 * list and a single value is treated as a list of one, so `var.optional_block[*]` makes no block.
 */
function evaluateSplat(expr: Extract<Expr, { type: 'splat' }>, scope: Scope, next: (e: Expr, s?: Scope) => Value): Value {
  const target = next(expr.target);
  if (target.kind === 'unknown') return target;
  const items = target.kind === 'array' ? target.items : target.kind === 'scalar' && target.value === null ? [] : [target];
  return {
    kind: 'array',
    items: items.map((item) => next(expr.each, { traverse: scope.traverse, bindings: new Map(scope.bindings).set(SPLAT_ITEM, item) })),
    at: expr.at,
  };
}

function evaluateTraversal(expr: Expr, scope: Scope, next: (expr: Expr) => Value): Value {
  const steps: TraversalStep[] = [];
  let current = expr;
  while (current.type === 'getAttr' || current.type === 'index') {
    steps.unshift(current.type === 'getAttr' ? { attr: current.name } : { index: next(current.key) });
    current = current.target;
  }
  if (current.type !== 'variable') return applySteps(next(current), steps, expr.at);
  const bound = scope.bindings?.get(current.name);
  if (bound) return applySteps(bound, steps, expr.at);
  return scope.traverse(current.name, steps, expr.at) ?? unknown(`'${current.name}' is not known here`, expr.at);
}

/** Walks attribute and index steps into a value; unknown stays unknown, keeping its reference. */
export function applySteps(value: Value, steps: TraversalStep[], at: Location): Value {
  let current = value;
  for (const step of steps) {
    if (current.kind === 'unknown') return current;
    const key = 'attr' in step ? step.attr : step.index;
    if (typeof key !== 'string' && key.kind === 'unknown') return unknownFrom(key, at);
    const name = typeof key === 'string' ? key : key.kind === 'scalar' ? key.value : null;
    if (current.kind === 'object' && name !== null) {
      const found = current.entries.get(String(name));
      if (!found) return invalid(`'${String(name)}' is not set`, at);
      current = found;
    } else if (current.kind === 'array' && typeof name === 'number') {
      const found = current.items[name];
      if (!found) return invalid(`index ${name} is out of range`, at);
      current = found;
    } else {
      return invalid(current.kind === 'scalar' && current.value === null ? 'an attribute of null is read' : 'a value is indexed that has no such element', at);
    }
  }
  return current;
}

export function truthy(value: Value): boolean {
  return value.kind === 'scalar' && (value.value === true || value.value === 'true');
}

function evaluateUnary(operator: string, operand: Value, at: Location): Value {
  if (operand.kind === 'unknown') return unknownFrom(operand, at);
  if (operand.kind !== 'scalar') return unknown(`'${operator}' applies to a collection`, at);
  if (operator === '!') return scalar(!truthy(operand), at);
  if (operator === '-' && typeof operand.value === 'number') return scalar(-operand.value, at);
  return unknown(`'${operator}' is not evaluated`, at);
}

function evaluateBinary(operator: string, left: Value, right: () => Value, at: Location): Value {
  // `&&` and `||` decide on a known left side alone, as Terraform does for known values.
  if (operator === '&&' && left.kind === 'scalar' && !truthy(left)) return scalar(false, at);
  if (operator === '||' && left.kind === 'scalar' && truthy(left)) return scalar(true, at);
  const rightValue = right();
  if (left.kind === 'unknown') return unknownFrom(left, at);
  if (rightValue.kind === 'unknown') return unknownFrom(rightValue, at);
  if (operator === '==' || operator === '!=') {
    const equal = equals(left, rightValue);
    if (equal === undefined) return unknown(`'${operator}' compares values that are partly unknown`, at);
    return scalar(operator === '==' ? equal : !equal, at);
  }
  if (operator === '&&' || operator === '||') return scalar(truthy(rightValue), at);
  const a = numberOf(left);
  const b = numberOf(rightValue);
  if (a === undefined || b === undefined) return unknown(`'${operator}' needs numbers`, at);
  const results: Record<string, () => Scalar> = {
    '+': () => a + b,
    '-': () => a - b,
    '*': () => a * b,
    '/': () => a / b,
    '%': () => a % b,
    '<': () => a < b,
    '<=': () => a <= b,
    '>': () => a > b,
    '>=': () => a >= b,
  };
  const compute = results[operator];
  return compute ? scalar(compute(), at) : unknown(`'${operator}' is not evaluated`, at);
}

/** Equality as Terraform has it for known values; `undefined` when an unknown part could decide it. */
function equals(left: Value, right: Value): boolean | undefined {
  const a = toPlain(left);
  const b = toPlain(right);
  if (a === undefined || b === undefined) {
    // A collection is never null, whatever its unknown parts hold.
    return a === null || b === null ? false : undefined;
  }
  // Terraform compares a number and its string spelling as different values.
  return JSON.stringify(a) === JSON.stringify(b);
}

function numberOf(value: Value): number | undefined {
  if (value.kind !== 'scalar') return undefined;
  if (typeof value.value === 'number') return value.value;
  if (typeof value.value === 'string' && value.value.trim() !== '' && !Number.isNaN(Number(value.value))) {
    return Number(value.value);
  }
  return undefined;
}

function evaluateFor(expr: Extract<Expr, { type: 'for' }>, scope: Scope, next: (e: Expr, s?: Scope) => Value): Value {
  const collection = next(expr.collection);
  if (collection.kind === 'unknown') return unknown(`the collection is not known (${collection.reason})`, expr.at);
  const pairs = iterate(collection);
  if (!pairs) return unknown('a for expression iterates over a single value', expr.at);
  const items: Value[] = [];
  const entries = new Map<string, Value>();
  for (const [key, value] of pairs) {
    const bindings = new Map(scope.bindings);
    if (expr.keyName) bindings.set(expr.keyName, key);
    bindings.set(expr.valueName, value);
    const inner: Scope = { traverse: scope.traverse, bindings };
    if (expr.condition) {
      const keep = next(expr.condition, inner);
      if (keep.kind === 'unknown') return unknown(`the for condition is not known (${keep.reason})`, expr.at);
      if (!truthy(keep)) continue;
    }
    const result = next(expr.value, inner);
    if (!expr.key) {
      items.push(result);
      continue;
    }
    const resultKey = next(expr.key, inner);
    if (resultKey.kind !== 'scalar') return unknown('a for expression key is not known', expr.at);
    entries.set(String(resultKey.value), result);
  }
  return expr.key ? { kind: 'object', entries, at: expr.at } : { kind: 'array', items, at: expr.at };
}

/** Key/value pairs of a collection: index → item for arrays, key → value for objects. */
export function iterate(value: Value): [Value, Value][] | undefined {
  if (value.kind === 'array') return value.items.map((item, index) => [scalar(index, item.at), item]);
  if (value.kind === 'object') return [...value.entries].map(([key, item]) => [scalar(key, item.at), item]);
  return undefined;
}

export function referenceTo(address: string, attribute: string, at: Location): Value {
  const ref: Reference = { address, attribute };
  return unknown(`${address}.${attribute} is known only after apply`, at, ref);
}
