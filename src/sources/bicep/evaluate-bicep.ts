import { dirname, join, normalize } from 'node:path';
import type { Location } from '../../model/location.js';
import type { Notice } from '../../model/notice.js';
import { isCheckedType, NOT_CHECKED, type ArmResource } from '../../model/resource.js';
import { getPath, nameKey, scalar, symbolic, toPlain, unknown, type Value } from '../../model/value.js';
import { callArmFunction } from '../arm/evaluate-arm-expression.js';
import { evaluateModuleTemplate } from '../arm/scan-arm.js';
import type { BicepExpr, BicepFile, ModuleDeclaration, ResourceDeclaration } from './bicep-syntax.js';

export interface BicepContext {
  load(file: string): BicepFile | undefined;
  /** What could not be followed: registry and template-spec modules, module files missing from the checkout. */
  notices: Notice[];
  /** The compiled template of a registry or template-spec module, or why it cannot be had. */
  locateRegistryModule(callerFile: string, reference: string): { file: string } | { reason: string };
}

/** One evaluation of one Bicep file: a root template, or a module instance with its parameters. */
interface FileScope {
  file: BicepFile;
  /** Parameter values passed in (module params or a .bicepparam file). */
  passed: Map<string, Value>;
  prefix: string;
  calls: Location[];
  deployment: string;
  callers: string[];
  context: BicepContext;
  vars: Map<string, Value>;
  evaluating: Set<string>;
  /** Every resource symbol of the file, nested ones as `parent::child`. */
  symbols: Map<string, { declaration: ResourceDeclaration; address: string }>;
}

interface Frame {
  scope: FileScope;
  bindings: Map<string, Value>;
}

const MAX_MODULE_DEPTH = 16;
const MAX_DEPTH = 200;

export function evaluateBicepFile(
  file: BicepFile,
  passed: Map<string, Value>,
  context: BicepContext,
  options: { prefix?: string; deployment: string; calls?: Location[]; callers?: string[] },
): ArmResource[] {
  const scope = createScope(file, passed, context, options);
  const register = (declaration: ResourceDeclaration, path: string) => {
    scope.symbols.set(path, { declaration, address: `${scope.prefix}${path}` });
    if (declaration.body.type === 'object') for (const nested of declaration.body.resources) register(nested, `${path}::${nested.symbol}`);
  };
  for (const declaration of file.resources) register(declaration, declaration.symbol);
  const frame: Frame = { scope, bindings: new Map() };
  return [
    ...file.resources.flatMap((declaration) => evaluateResource(declaration, declaration.symbol, undefined, frame)),
    ...file.modules.flatMap((module) => evaluateModule(module, frame)),
  ];
}

function createScope(
  file: BicepFile,
  passed: Map<string, Value>,
  context: BicepContext,
  options: { prefix?: string; deployment: string; calls?: Location[]; callers?: string[] },
): FileScope {
  return {
    file,
    passed,
    prefix: options.prefix ?? '',
    calls: options.calls ?? [],
    deployment: options.deployment,
    callers: options.callers ?? [],
    context,
    vars: new Map(),
    evaluating: new Set(),
    symbols: new Map(),
  };
}

/** Evaluates an expression outside any template, as a `.bicepparam` value: literals, functions, operators. */
export function evaluateDetached(expr: BicepExpr, file: string): Value {
  const empty: BicepFile = { file, params: new Map(), vars: new Map(), resources: [], modules: [], comments: [] };
  return evaluate(expr, { scope: createScope(empty, new Map(), { load: () => undefined, notices: [], locateRegistryModule: () => ({ reason: 'no modules outside a template' }) }, { deployment: file }), bindings: new Map() });
}

interface ParentRef {
  type: string;
  address: string;
}

function evaluateResource(declaration: ResourceDeclaration, path: string, parent: ParentRef | undefined, frame: Frame): ArmResource[] {
  const [typeName] = declaration.type.split('@');
  const type = parent && !typeName!.includes('/') ? `${parent.type}/${typeName}` : typeName!;
  const address = `${frame.scope.prefix}${path}`;
  const checked = isCheckedType(type);
  return expand(declaration.body, frame).flatMap(({ body, frame: instance, suffix }) => {
    if (body.type !== 'object') return [];
    const property = (key: string) => body.properties.find((entry) => entry.key === key)?.value;
    const evaluateProperty = (key: string) => {
      const expr = property(key);
      return expr ? evaluate(expr, instance) : undefined;
    };
    const name = evaluateProperty('name') ?? unknown('name is not set', declaration.at);
    let parentValue = evaluateProperty('parent') ?? evaluateProperty('scope');
    if (parent) parentValue = unknown('the parent resource', declaration.at, { address: parent.address, attribute: '' });
    const resource: ArmResource = {
      type,
      name,
      address: `${address}${suffix}`,
      format: 'bicep',
      deployment: frame.scope.deployment,
      at: declaration.at,
      declaredAt: [...frame.scope.calls, declaration.at],
      properties: declaration.existing
        ? unknown('declared elsewhere', declaration.at)
        : checked
          ? (evaluateProperty('properties') ?? { kind: 'object', entries: new Map(), at: declaration.at })
          : unknown(NOT_CHECKED, declaration.at),
      ...(checked && property('sku') && { sku: evaluateProperty('sku') }),
      ...(parentValue && { parent: parentValue }),
      ...(declaration.existing && { existing: true }),
    };
    if (!parentValue && type.split('/').length > 2) {
      // A top-level child named `server/child`: the parent is the part before the last slash.
      const [head, tail] = splitLast(name);
      if (head) Object.assign(resource, { parent: head, name: tail });
    }
    const nested = body.resources.flatMap((child) => evaluateResource(child, `${path}::${child.symbol}`, { type, address }, instance));
    return [resource, ...nested];
  });
}

/**
 * The file a module declaration points at, or undefined for registry and template-spec modules
 * (`br:…`, `br/alias:…`, `ts:…`), which are not followed: only what-if knows their content.
 */
export function localModuleFile(callerFile: string, path: string): string | undefined {
  if (/^(br|ts)[:/]/i.test(path)) return undefined;
  return normalize(join(dirname(callerFile), path));
}

function evaluateModule(module: ModuleDeclaration, frame: Frame): ArmResource[] {
  const scope = frame.scope;
  const target = localModuleFile(scope.file.file, module.path);
  const notFollowed = (why: string) => {
    const message = `module ${scope.prefix}${module.symbol} ('${module.path}') was not evaluated: ${why}`;
    scope.context.notices.push({ kind: 'module-not-followed', message, file: module.at.file, line: module.at.line });
    return [];
  };
  if (!target) {
    const compiled = scope.context.locateRegistryModule(scope.file.file, module.path);
    if ('reason' in compiled) return notFollowed(compiled.reason);
    return expand(module.body, frame).flatMap(({ body, frame: instance, suffix }) =>
      body.type !== 'object'
        ? []
        : evaluateModuleTemplate(compiled.file, moduleParams(body, instance), {
            prefix: `${scope.prefix}${module.symbol}${suffix}/`,
            deployment: scope.deployment,
            calls: [...scope.calls, module.at],
            notices: scope.context.notices,
          }),
    );
  }
  if (scope.callers.length >= MAX_MODULE_DEPTH || scope.callers.includes(target)) return notFollowed('modules call each other in a cycle or nest too deeply');
  const file = scope.context.load(target);
  if (!file) return notFollowed(`${target} is not in the checkout or could not be read`);
  return expand(module.body, frame).flatMap(({ body, frame: instance, suffix }) => {
    if (body.type !== 'object') return [];
    return evaluateBicepFile(file, moduleParams(body, instance), scope.context, {
      prefix: `${scope.prefix}${module.symbol}${suffix}/`,
      deployment: scope.deployment,
      calls: [...scope.calls, module.at],
      callers: [...scope.callers, scope.file.file],
    });
  });
}

/** The `params:` a module declaration passes, evaluated where it is written. */
function moduleParams(body: Extract<BicepExpr, { type: 'object' }>, frame: Frame): Map<string, Value> {
  const params = body.properties.find((entry) => entry.key === 'params')?.value;
  const passed = new Map<string, Value>();
  if (params?.type === 'object') for (const entry of params.properties) passed.set(entry.key, evaluate(entry.value, frame));
  return passed;
}

/** Expands `[for … in …: …]` and `if (…)`: zero, one or many instances of a body. */
function expand(body: BicepExpr, frame: Frame, suffix = ''): { body: Extract<BicepExpr, { type: 'object' }>; frame: Frame; suffix: string }[] {
  if (body.type === 'object') return [{ body, frame, suffix }];
  if (body.type === 'if') {
    const test = evaluate(body.test, frame);
    // Known false deploys nothing; unknown counts as deployed.
    if (test.kind === 'scalar' && !isTrue(test)) return [];
    return expand(body.body, frame, suffix);
  }
  if (body.type === 'for') {
    const collection = evaluate(body.collection, frame);
    const items = collection.kind === 'array' ? collection.items : undefined;
    const bind = (item: Value, index: Value) => {
      const bindings = new Map(frame.bindings);
      if (body.item) bindings.set(body.item, item);
      if (body.index) bindings.set(body.index, index);
      return { ...frame, bindings };
    };
    if (!items) {
      const item = unknown(`the loop collection is not known`, body.at);
      return expand(body.body, bind(item, item), suffix);
    }
    return items.flatMap((item, index) => expand(body.body, bind(item, scalar(index, body.at)), `${suffix}[${index}]`));
  }
  return [];
}

function isTrue(value: Value): boolean {
  return value.kind === 'scalar' && (value.value === true || String(value.value).toLowerCase() === 'true');
}

function evaluate(expr: BicepExpr, frame: Frame, depth = 0): Value {
  if (depth > MAX_DEPTH) return unknown('expression nests too deeply to evaluate', expr.at);
  const next = (inner: BicepExpr) => evaluate(inner, frame, depth + 1);
  switch (expr.type) {
    case 'literal':
      return scalar(expr.value, expr.at);
    case 'string': {
      // Literal text makes the string non-empty whatever its unknown parts hold: `'${vnet.id}/subnets/db'` is set.
      const literal = expr.parts.some((part) => typeof part === 'string' && part !== '');
      let text = '';
      let symbolText = '';
      let symbolicResult = false;
      for (const part of expr.parts) {
        if (typeof part === 'string') {
          text += part;
          symbolText += part;
          continue;
        }
        const value = next(part);
        if (value.kind === 'scalar') {
          const piece = value.value === null ? '' : String(value.value);
          text += piece;
          symbolText += piece;
        } else if (value.kind === 'unknown' && value.symbol) {
          symbolText += value.symbol;
          symbolicResult = true;
        } else if (value.kind === 'unknown' && literal) {
          return { kind: 'unknown', reason: value.reason, at: expr.at, present: true };
        } else {
          return unknown(value.kind === 'unknown' ? value.reason : 'a collection is interpolated into a string', expr.at);
        }
      }
      return symbolicResult ? symbolic(symbolText, 'a part of the string is not known', expr.at, literal) : scalar(text, expr.at);
    }
    case 'array':
      return { kind: 'array', items: expr.items.map(next), at: expr.at };
    case 'object':
      return { kind: 'object', entries: new Map(expr.properties.map((entry) => [entry.key, next(entry.value)])), at: expr.at };
    case 'identifier':
      return resolveIdentifier(expr.name, expr.at, frame);
    case 'member': {
      const target = expr.target;
      // `server.name` is known at compile time; other members of a resource are references.
      if (target.type === 'identifier' && frame.scope.symbols.has(target.name) && !frame.bindings.has(target.name)) {
        const symbol = frame.scope.symbols.get(target.name)!;
        if (expr.name === 'name' && symbol.declaration.body.type === 'object') {
          const nameExpr = symbol.declaration.body.properties.find((entry) => entry.key === 'name')?.value;
          if (nameExpr) return next(nameExpr);
        }
        return unknown(`${target.name}.${expr.name} is known only at deployment`, expr.at, { address: symbol.address, attribute: expr.name });
      }
      return member(next(target), expr.name, expr.at);
    }
    case 'index': {
      const index = next(expr.index);
      if (index.kind !== 'scalar' || index.value === null || typeof index.value === 'boolean') return unknown('the index is not known', expr.at);
      return member(next(expr.target), index.value, expr.at);
    }
    case 'call':
      return callFunction(expr.name, expr.args.map(next), expr.at, frame);
    case 'ternary': {
      const test = next(expr.test);
      if (test.kind !== 'scalar') return unknown('the condition is not known', expr.at);
      return isTrue(test) ? next(expr.then) : next(expr.else);
    }
    case 'unary': {
      const operand = next(expr.operand);
      if (operand.kind !== 'scalar') return unknown(`'${expr.operator}' of an unknown value`, expr.at);
      if (expr.operator === '!') return scalar(!isTrue(operand), expr.at);
      if (expr.operator === '-' && typeof operand.value === 'number') return scalar(-operand.value, expr.at);
      return unknown(`'${expr.operator}' is not evaluated`, expr.at);
    }
    case 'binary':
      return binary(expr.operator, next(expr.left), () => next(expr.right), expr.at);
    case 'for': {
      const collection = next(expr.collection);
      if (collection.kind !== 'array') return unknown('the loop collection is not known', expr.at);
      return {
        kind: 'array',
        items: collection.items.map((item, index) => {
          const bindings = new Map(frame.bindings);
          if (expr.item) bindings.set(expr.item, item);
          if (expr.index) bindings.set(expr.index, scalar(index, expr.at));
          return evaluate(expr.body, { ...frame, bindings }, depth + 1);
        }),
        at: expr.at,
      };
    }
    case 'if':
      return unknown('a conditional body', expr.at);
    case 'unsupported':
      return unknown(`${expr.what} is not evaluated statically`, expr.at);
  }
}

function resolveIdentifier(name: string, at: Location, frame: Frame): Value {
  const bound = frame.bindings.get(name);
  if (bound) return bound;
  const scope = frame.scope;
  const param = scope.file.params.get(name);
  if (param) {
    const passed = scope.passed.get(name);
    if (passed) return passed;
    if (param.defaultValue) return withGuard(scope, `p:${name}`, at, () => evaluate(param.defaultValue!, { scope, bindings: new Map() }));
    if (param.nullable) return scalar(null, param.at);
    return symbolic(`{{${scope.file.file.replace(/[\\/]/g, '|')}${scope.prefix}#parameters('${name}')}}`, `parameter '${name}' has no value (no default, .bicepparam or module parameter)`, param.at);
  }
  const variable = scope.file.vars.get(name);
  if (variable) {
    const cached = scope.vars.get(name);
    if (cached) return cached;
    const value = withGuard(scope, `v:${name}`, at, () => evaluate(variable, { scope, bindings: new Map() }));
    scope.vars.set(name, value);
    return value;
  }
  const symbol = scope.symbols.get(name);
  if (symbol) return unknown(`${name} is a resource`, at, { address: symbol.address, attribute: '' });
  const module = scope.file.modules.find((declaration) => declaration.symbol === name);
  if (module) return unknown(`${name} is a module`, at, { address: `${scope.prefix}${name}`, attribute: '' });
  return unknown(`'${name}' is not known here`, at);
}

function withGuard(scope: FileScope, key: string, at: Location, compute: () => Value): Value {
  if (scope.evaluating.has(key)) return unknown('a definition refers to itself', at);
  scope.evaluating.add(key);
  try {
    return compute();
  } finally {
    scope.evaluating.delete(key);
  }
}

function member(target: Value, key: string | number, at: Location): Value {
  if (target.kind === 'unknown') {
    const ref = target.ref && { address: target.ref.address, attribute: target.ref.attribute ? `${target.ref.attribute}.${key}` : String(key) };
    return { kind: 'unknown', reason: target.reason, at, ...(ref && { ref }) };
  }
  return getPath(target, key) ?? unknown(`'${key}' is not set`, at);
}

function binary(operator: string, left: Value, right: () => Value, at: Location): Value {
  if (operator === '&&' && left.kind === 'scalar' && !isTrue(left)) return scalar(false, at);
  if (operator === '||' && left.kind === 'scalar' && isTrue(left)) return scalar(true, at);
  if (operator === '??') return left.kind === 'scalar' && left.value === null ? right() : left;
  const rightValue = right();
  if (left.kind === 'unknown' || rightValue.kind === 'unknown') return unknown('an operand is not known', at);
  const a = toPlain(left);
  const b = toPlain(rightValue);
  const caseless = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value);
  switch (operator) {
    case '==':
      return scalar(JSON.stringify(a) === JSON.stringify(b), at);
    case '!=':
      return scalar(JSON.stringify(a) !== JSON.stringify(b), at);
    case '=~':
      return scalar(caseless(a) === caseless(b), at);
    case '!~':
      return scalar(caseless(a) !== caseless(b), at);
    case '&&':
    case '||':
      return scalar(isTrue(rightValue), at);
  }
  if (typeof a === 'number' && typeof b === 'number') {
    const results: Record<string, number | boolean> = { '+': a + b, '-': a - b, '*': a * b, '/': a / b, '%': a % b, '<': a < b, '<=': a <= b, '>': a > b, '>=': a >= b };
    if (operator in results) return scalar(results[operator]!, at);
  }
  return unknown(`'${operator}' is not evaluated`, at);
}

function callFunction(name: string, args: Value[], at: Location, frame: Frame): Value {
  // `sys.concat`, `az.resourceGroup`: the namespace does not change the function.
  const bare = name.replace(/^(sys|az)\./, '');
  return callArmFunction(bare, args, at, {
    scope: frame.scope.file.file.replace(/[\\/]/g, '|'),
    addressPrefix: frame.scope.prefix,
    symbols: new Set(frame.scope.symbols.keys()),
    parameter: (parameter, where) => unknown(`parameters('${parameter}') is not Bicep`, where),
    variable: (variable, where) => unknown(`variables('${variable}') is not Bicep`, where),
    copyIndex: (_, where) => unknown('copyIndex() is not Bicep', where),
  });
}

function splitLast(name: Value): [Value | undefined, Value] {
  const text = nameKey(name);
  const slash = text?.lastIndexOf('/') ?? -1;
  if (text === undefined || slash < 0) return [undefined, name];
  const make = (part: string): Value => (part.includes('{{') ? symbolic(part, 'not known', name.at) : scalar(part, name.at));
  return [make(text.slice(0, slash)), make(text.slice(slash + 1))];
}

