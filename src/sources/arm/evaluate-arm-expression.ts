import type { Location } from '../../model/location.js';
import { getPath, nameKey, scalar, scalarText, symbolic, toPlain, unknown, type Value } from '../../model/value.js';
import { ArmExpressionError, isExpression, parseArmExpression, type ArmExpr } from './parse-arm-expression.js';

/** What template functions can see: one template, or one nested deployment of it. */
export interface ArmContext {
  /** Prefix of symbols, so that `parameters('name')` of two templates never meet. */
  scope: string;
  parameter(name: string, at: Location): Value;
  variable(name: string, at: Location): Value;
  copyIndex(loop: string | undefined, at: Location): Value;
  /** The symbolic names of the template's resources (languageVersion 2.0), for `reference('server')`. */
  symbols: ReadonlySet<string>;
  /** Prefix of resource addresses in this (nested) template. */
  addressPrefix: string;
}

/** Evaluates every expression string inside a JSON value; literal parts keep their own positions. */
export function evaluateArmValue(value: Value, context: ArmContext): Value {
  switch (value.kind) {
    case 'scalar':
      return typeof value.value === 'string' ? evaluateArmString(value.value, value.at, context) : value;
    case 'array':
      return { ...value, items: value.items.map((item) => evaluateArmValue(item, context)) };
    case 'object':
      return { ...value, entries: new Map([...value.entries].map(([key, entry]) => [key, evaluateArmValue(entry, context)])) };
    case 'unknown':
      return value;
  }
}

export function evaluateArmString(text: string, at: Location, context: ArmContext): Value {
  if (!isExpression(text)) return scalar(text.startsWith('[[') ? text.slice(1) : text, at);
  let expr: ArmExpr;
  try {
    expr = parseArmExpression(text);
  } catch (error) {
    if (error instanceof ArmExpressionError) return unknown(`the expression does not parse: ${error.message}`, at);
    throw error;
  }
  return evaluateExpr(expr, at, context);
}

function evaluateExpr(expr: ArmExpr, at: Location, context: ArmContext): Value {
  switch (expr.type) {
    case 'string':
      return scalar(expr.value, at);
    case 'number':
      return scalar(expr.value, at);
    case 'property':
      return property(evaluateExpr(expr.target, at, context), expr.name, expr.optional, at);
    case 'index': {
      const index = evaluateExpr(expr.index, at, context);
      const key = index.kind === 'scalar' ? index.value : undefined;
      if (key === undefined || key === null || typeof key === 'boolean') return unknown('the index is not known', at);
      return property(evaluateExpr(expr.target, at, context), key, expr.optional, at);
    }
    case 'call':
      return call(expr, at, context);
  }
}

function property(target: Value, key: string | number, optional: boolean, at: Location): Value {
  if (target.kind === 'unknown') {
    // `reference('server').keyUri` keeps pointing at the server, now at one of its attributes.
    const ref = target.ref && { address: target.ref.address, attribute: target.ref.attribute ? `${target.ref.attribute}.${key}` : String(key) };
    const symbol = target.symbol && `${target.symbol}.${key}`;
    return { kind: 'unknown', reason: target.reason, at, ...(ref && { ref }), ...(symbol && { symbol }) };
  }
  const found = getPath(target, typeof key === 'number' ? key : String(key));
  if (found) return found;
  if (target.kind === 'array' && typeof key === 'number' && target.items[key]) return target.items[key];
  return optional ? scalar(null, at) : unknown(`'${key}' is not set`, at);
}

type Fn = (args: Value[], at: Location, context: ArmContext) => Value;

const text = (value: Value | undefined) => scalarText(value);
const known = (value: Value | undefined): value is Exclude<Value, { kind: 'unknown' }> => value !== undefined && value.kind !== 'unknown';
const isEmpty = (value: Value) =>
  (value.kind === 'scalar' && (value.value === null || value.value === '')) ||
  (value.kind === 'array' && value.items.length === 0) ||
  (value.kind === 'object' && value.entries.size === 0);

/** Joins strings; unknown parts keep a symbol when they have one, so names built from parameters still match. */
function joinParts(parts: Value[], at: Location, reason = 'a part of the string is not known'): Value {
  let result = '';
  let why: string | undefined;
  // Literal text makes the result a non-empty string whatever the unknown parts hold (`resourceId(…)`, `concat(…)`).
  let literal = false;
  for (const part of parts) {
    if (part.kind === 'scalar') {
      result += part.value === null ? '' : String(part.value);
      literal ||= part.value !== null && part.value !== '';
    } else if (part.kind === 'unknown') {
      // A part with no symbol still holds its place, so that `server/{{…}}` keeps its known server.
      result += part.symbol ?? `{{${at.file.replace(/[\\/]/g, '|')}:${at.line}#?}}`;
      why ??= part.reason;
    } else return unknown(reason, at);
  }
  return why === undefined ? scalar(result, at) : symbolic(result, why, at, literal);
}

function formatString(args: Value[], at: Location): Value {
  const [spec, ...rest] = args;
  const pattern = text(spec);
  if (pattern === undefined) return unknown('the format string is not known', at);
  const parts: Value[] = [];
  let last = 0;
  for (const match of pattern.matchAll(/\{\{|\}\}|\{(\d+)(?::[^}]*)?\}/g)) {
    parts.push(scalar(pattern.slice(last, match.index), at));
    if (match[1] === undefined) parts.push(scalar(match[0][0]!, at));
    else parts.push(rest[Number(match[1])] ?? scalar('', at));
    last = match.index + match[0].length;
  }
  parts.push(scalar(pattern.slice(last), at));
  return joinParts(parts, at);
}

/** `resourceId([subscriptionId], [resourceGroup], type, name...)`, with unknown scopes as symbols. */
function resourceIdOf(args: Value[], at: Location, prefix: Value[]): Value {
  const typeIndex = args.findIndex((arg) => /^[\w.]+\/[\w/]+$/.test(text(arg) ?? ''));
  if (typeIndex < 0) return unknown('the resource type is not known', at);
  const segments = text(args[typeIndex])!.split('/');
  const names = args.slice(typeIndex + 1);
  const parts: Value[] = [...prefix, scalar(`/providers/${segments[0]}/${segments[1]}/`, at)];
  names.forEach((name, index) => {
    if (index > 0) parts.push(scalar(`/${segments[index + 1] ?? ''}/`, at));
    parts.push(name);
  });
  return joinParts(parts, at);
}

const SCOPE_FUNCTIONS = ['resourceGroup', 'subscription', 'deployment', 'tenant', 'managementGroup', 'environment'];

const FUNCTIONS: Record<string, Fn> = {
  parameters: (args, at, context) => context.parameter(text(args[0]) ?? '', at),
  variables: (args, at, context) => context.variable(text(args[0]) ?? '', at),
  copyIndex: (args, at, context) => {
    const loop = args.find((arg) => arg.kind === 'scalar' && typeof arg.value === 'string');
    const offset = args.find((arg) => arg.kind === 'scalar' && typeof arg.value === 'number');
    const index = context.copyIndex(text(loop), at);
    return index.kind === 'scalar' ? scalar(Number(index.value) + Number(offset?.kind === 'scalar' ? offset.value : 0), at) : index;
  },
  concat: (args, at) => {
    if (args.length && args.every((arg) => arg.kind === 'array')) return { kind: 'array', items: args.flatMap((arg) => (arg.kind === 'array' ? arg.items : [])), at };
    return joinParts(args, at);
  },
  format: (args, at) => formatString(args, at),
  toLower: (args, at) => caseOf(args[0], at, (s) => s.toLowerCase()),
  toUpper: (args, at) => caseOf(args[0], at, (s) => s.toUpperCase()),
  string: (args, at) => (args[0]?.kind === 'scalar' ? scalar(String(args[0].value), at) : args[0] ?? unknown('missing argument', at)),
  int: (args, at) => (args[0]?.kind === 'scalar' ? scalar(Number.parseInt(String(args[0].value), 10), at) : unknown('int() of an unknown value', at)),
  bool: (args, at) => (args[0]?.kind === 'scalar' ? scalar(args[0].value === true || String(args[0].value).toLowerCase() === 'true', at) : unknown('bool() of an unknown value', at)),
  json: (args, at) => {
    const source = text(args[0]);
    if (source === undefined) return unknown('json() of an unknown string', at);
    try {
      return fromPlain(JSON.parse(source), at);
    } catch {
      return unknown('json() of text that is not JSON', at);
    }
  },
  true: (_, at) => scalar(true, at),
  false: (_, at) => scalar(false, at),
  null: (_, at) => scalar(null, at),
  equals: (args, at) => {
    const [a, b] = args;
    if (!known(a) || !known(b)) return unknown('equals() of an unknown value', at);
    return scalar(JSON.stringify(normalise(toPlain(a))) === JSON.stringify(normalise(toPlain(b))), at);
  },
  not: (args, at) => (args[0]?.kind === 'scalar' ? scalar(!args[0].value, at) : unknown('not() of an unknown value', at)),
  and: (args, at) => logic(args, at, false),
  or: (args, at) => logic(args, at, true),
  empty: (args, at) => (known(args[0]) ? scalar(isEmpty(args[0]), at) : unknown('empty() of an unknown value', at)),
  coalesce: (args, at) => {
    for (const arg of args) {
      if (arg.kind === 'unknown') return arg;
      if (!(arg.kind === 'scalar' && arg.value === null)) return arg;
    }
    return scalar(null, at);
  },
  tryGet: (args, at) => {
    let current = args[0];
    for (const key of args.slice(1)) {
      if (!current || current.kind === 'unknown') return current ?? unknown('tryGet() of an unknown value', at);
      if (current.kind === 'scalar' && current.value === null) return scalar(null, at);
      const name = key.kind === 'scalar' ? key.value : undefined;
      if (name === undefined || name === null || typeof name === 'boolean') return unknown('tryGet() with an unknown key', at);
      current = getPath(current, typeof name === 'number' ? name : String(name)) ?? scalar(null, at);
    }
    return current ?? scalar(null, at);
  },
  createObject: (args, at) => {
    const entries = new Map<string, Value>();
    for (let index = 0; index + 1 < args.length; index += 2) {
      const key = text(args[index]);
      if (key === undefined) return unknown('createObject() with an unknown key', at);
      entries.set(key, args[index + 1]!);
    }
    return { kind: 'object', entries, at };
  },
  createArray: (args, at) => ({ kind: 'array', items: args, at }),
  union: (args, at) => {
    if (args.some((arg) => arg.kind === 'unknown')) return unknown('union() of an unknown value', at);
    if (args.every((arg) => arg.kind === 'array')) return { kind: 'array', items: args.flatMap((arg) => (arg.kind === 'array' ? arg.items : [])), at };
    const entries = new Map<string, Value>();
    for (const arg of args) if (arg.kind === 'object') for (const [key, value] of arg.entries) entries.set(key, value);
    return { kind: 'object', entries, at };
  },
  length: (args, at) => {
    const [arg] = args;
    if (arg?.kind === 'array') return scalar(arg.items.length, at);
    if (arg?.kind === 'object') return scalar(arg.entries.size, at);
    return arg?.kind === 'scalar' ? scalar(String(arg.value ?? '').length, at) : unknown('length() of an unknown value', at);
  },
  contains: (args, at) => {
    const [container, item] = args;
    if (!known(container) || !known(item)) return unknown('contains() of an unknown value', at);
    const wanted = text(item);
    if (container.kind === 'array') return scalar(container.items.some((entry) => text(entry) === wanted), at);
    if (container.kind === 'object') return scalar(wanted !== undefined && container.entries.has(wanted), at);
    return scalar(wanted !== undefined && String(container.value).includes(wanted), at);
  },
  replace: (args, at) => stringOp(args, at, (s, from = '', to = '') => s.split(from).join(to)),
  startsWith: (args, at) => stringOp(args, at, (s, prefix = '') => s.toLowerCase().startsWith(prefix.toLowerCase())),
  endsWith: (args, at) => stringOp(args, at, (s, suffix = '') => s.toLowerCase().endsWith(suffix.toLowerCase())),
  trim: (args, at) => stringOp(args, at, (s) => s.trim()),
  split: (args, at) => {
    const [input, separator] = args.map(text);
    if (input === undefined || separator === undefined) return unknown('split() of an unknown string', at);
    return { kind: 'array', items: input.split(separator).map((part) => scalar(part, at)), at };
  },
  first: (args, at) => edge(args[0], at, 'first'),
  last: (args, at) => edge(args[0], at, 'last'),
  array: (args, at) => (args[0]?.kind === 'array' ? args[0] : known(args[0]) ? { kind: 'array', items: [args[0]], at } : unknown('array() of an unknown value', at)),
  items: (args, at) =>
    args[0]?.kind === 'object'
      ? { kind: 'array', items: [...args[0].entries].map(([key, value]) => ({ kind: 'object', entries: new Map([['key', scalar(key, at)], ['value', value]]), at })), at }
      : unknown('items() of an unknown object', at),
  resourceId: (args, at, context) =>
    resourceIdOf(args, at, [symbolic(`{{${context.scope}#subscription().id}}`, 'scope', at), scalar('/resourceGroups/', at), symbolic(`{{${context.scope}#resourceGroup().name}}`, 'scope', at)]),
  subscriptionResourceId: (args, at, context) => resourceIdOf(args, at, [symbolic(`{{${context.scope}#subscription().id}}`, 'scope', at)]),
  tenantResourceId: (args, at) => resourceIdOf(args, at, []),
  extensionResourceId: (args, at) => resourceIdOf(args.slice(1), at, [args[0] ?? unknown('missing scope', at)]),
  reference: (args, at, context) => {
    const target = nameKey(args[0]) ?? '';
    // A symbolic name refers to a resource of this template; anything else is a resource ID.
    const address = context.symbols.has(target) ? `${context.addressPrefix}${target}` : target;
    return { kind: 'unknown', reason: `reference(${target}) is known only at deployment`, at, ref: { address, attribute: '' } };
  },
};

function caseOf(value: Value | undefined, at: Location, convert: (s: string) => string): Value {
  if (value?.kind === 'scalar' && typeof value.value === 'string') return scalar(convert(value.value), at);
  if (value?.kind === 'unknown' && value.symbol) return symbolic(value.symbol, value.reason, at);
  return value ?? unknown('missing argument', at);
}

function stringOp(args: Value[], at: Location, apply: (input: string, ...rest: string[]) => string | boolean): Value {
  const strings = args.map(text);
  if (strings.some((s) => s === undefined)) return unknown('a string argument is not known', at);
  return scalar(apply(...(strings as [string, ...string[]])), at);
}

function logic(args: Value[], at: Location, decisive: boolean): Value {
  if (args.some((arg) => arg.kind === 'scalar' && Boolean(arg.value) === decisive)) return scalar(decisive, at);
  if (args.every((arg) => arg.kind === 'scalar')) return scalar(!decisive, at);
  return unknown('a condition is not known', at);
}

function edge(value: Value | undefined, at: Location, which: 'first' | 'last'): Value {
  if (value?.kind === 'array') return (which === 'first' ? value.items[0] : value.items[value.items.length - 1]) ?? scalar(null, at);
  if (value?.kind === 'scalar' && typeof value.value === 'string') return scalar(which === 'first' ? value.value.slice(0, 1) : value.value.slice(-1), at);
  return unknown(`${which}() of an unknown value`, at);
}

function normalise(plain: unknown): unknown {
  return typeof plain === 'string' ? plain.toLowerCase() : plain;
}

function fromPlain(plain: unknown, at: Location): Value {
  if (Array.isArray(plain)) return { kind: 'array', items: plain.map((item) => fromPlain(item, at)), at };
  if (plain !== null && typeof plain === 'object') return { kind: 'object', entries: new Map(Object.entries(plain).map(([key, item]) => [key, fromPlain(item, at)])), at };
  return scalar(plain as string | number | boolean | null, at);
}

/** Calls a template function on evaluated arguments; Bicep shares these with ARM. */
export function callArmFunction(name: string, args: Value[], at: Location, context: ArmContext): Value {
  if (SCOPE_FUNCTIONS.includes(name)) return symbolic(`{{${context.scope}#${name}()}}`, `${name}() is known only at deployment`, at);
  const lower = name.toLowerCase();
  const fn = FUNCTIONS[name] ?? Object.entries(FUNCTIONS).find(([key]) => key.toLowerCase() === lower)?.[1];
  if (!fn) return unknown(`${name}() is not evaluated statically`, at);
  return fn(args, at, context);
}

function call(expr: Extract<ArmExpr, { type: 'call' }>, at: Location, context: ArmContext): Value {
  const name = expr.name;
  const lower = name.toLowerCase();
  // if() is lazy: only the chosen branch is evaluated, so a fail() in the other costs nothing.
  if (lower === 'if') {
    const condition = evaluateExpr(expr.args[0] ?? { type: 'string', value: '' }, at, context);
    if (condition.kind !== 'scalar') return unknown('the if() condition is not known', at);
    const branch = expr.args[condition.value === true || String(condition.value).toLowerCase() === 'true' ? 1 : 2];
    return branch ? evaluateExpr(branch, at, context) : scalar(null, at);
  }
  return callArmFunction(name, expr.args.map((arg) => evaluateExpr(arg, at, context)), at, context);
}
