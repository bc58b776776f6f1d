import { join, normalize } from 'node:path';
import type { Location } from '../../model/location.js';
import type { Notice } from '../../model/notice.js';
import { scalar, unknown, type Value } from '../../model/value.js';
import { conformToType } from './conform-to-type.js';
import { applySteps, evaluate, iterate, referenceTo, type Scope, type TraversalStep } from './evaluate-expression.js';
import type { Attribute, Block, Body, HclFile } from './hcl-syntax.js';

/** The parsed `.tf` files of one folder. */
export interface TerraformModule {
  dir: string;
  files: HclFile[];
}

/** A resource or data instance with its body evaluated: attributes as entries, blocks as arrays. */
export interface EvaluatedResource {
  mode: 'resource' | 'data';
  type: string;
  address: string;
  body: Value;
  at: Location;
  /** The module blocks that instantiated it, outermost first. */
  calls: Location[];
}

export interface ModuleContext {
  load(dir: string): TerraformModule | undefined;
  /** Where a registry or Git module is on disk, by its call's key (`db`, `db.network`): `terraform init`'s copy, or the checkout itself. */
  locate?(key: string, source: string, callerDir: string): string | undefined;
  /** Why a registry or Git module could not be had (a failed download), by its call's key. */
  unavailable?: Map<string, string>;
  /** What could not be followed (a registry or Git module, a missing folder) or is not instantiated. */
  notices: Notice[];
}

/** Resource types whose absence a reader would not notice: a server that is never instantiated. */
const SERVER_TYPES = new Set(['azurerm_postgresql_flexible_server', 'azurerm_postgresql_server']);

/** Limits the depth of nested local modules; deeper (or cyclic) calls are reported as unknown. */
const MAX_MODULE_DEPTH = 16;
const META_ARGUMENTS = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);
const SKIPPED_BLOCKS = new Set(['lifecycle', 'provisioner', 'connection', 'precondition', 'postcondition', 'timeouts']);

export function evaluateModule(
  module: TerraformModule,
  inputs: Map<string, Value>,
  context: ModuleContext,
  prefix = '',
  callers: string[] = [],
  calls: Location[] = [],
  key = '',
): EvaluatedResource[] {
  const blocks = module.files.flatMap((file) => file.body.blocks);
  const variables = new Map(blocks.filter((b) => b.type === 'variable' && b.labels[0]).map((b) => [b.labels[0]!, b]));
  const localExprs = new Map<string, Attribute>();
  for (const block of blocks) if (block.type === 'locals') for (const attr of block.body.attributes) localExprs.set(attr.name, attr);
  const locals = new Map<string, Value>();
  const evaluating = new Set<string>();

  const moduleScope: Scope = {
    traverse(root, steps, at) {
      const [first, ...rest] = steps;
      const name = first && 'attr' in first ? first.attr : undefined;
      switch (root) {
        case 'var':
          return name === undefined ? undefined : applySteps(variable(name, at), rest, at);
        case 'local':
          return name === undefined ? undefined : applySteps(local(name, at), rest, at);
        case 'module':
          // A module's output is a value the module computes (it may be null), not an attribute of a resource.
          return name === undefined ? undefined : unknown(`module.${name}${rest[0] && 'attr' in rest[0] ? `.${rest[0].attr}` : ''} is a module output, which is not evaluated`, at);
        case 'data': {
          const dataName = rest[0] && 'attr' in rest[0] ? rest[0].attr : undefined;
          return name && dataName ? reference(`${prefix}data.${name}.${dataName}`, rest.slice(1), at) : undefined;
        }
        case 'path':
        case 'terraform':
        case 'self':
        case 'count':
        case 'each':
          return unknown(`${root}.* is not known here`, at);
        default:
          return name === undefined ? undefined : reference(`${prefix}${root}.${name}`, rest, at);
      }
    },
  };

  function variable(name: string, at: Location): Value {
    const declared = variables.get(name);
    const value = givenValue(name, declared);
    // Anchored where the variable is used: that is the line a plan or a reviewer can act on.
    if (!value) return unknown(`variable '${name}' has no value (no default, tfvars or --var)`, at);
    const type = declared?.body.attributes.find((attr) => attr.name === 'type');
    return type ? conformToType(value, type.expr) : value;
  }

  function givenValue(name: string, declared: Block | undefined): Value | undefined {
    const input = inputs.get(name);
    // A value given on the command line was not written in the repository: anchor it on the declaration.
    if (input?.kind === 'scalar' && input.external && declared) return { ...input, at: declared.at };
    if (input) return input;
    const fallback = declared?.body.attributes.find((attr) => attr.name === 'default');
    return fallback && evaluate(fallback.expr, { traverse: () => undefined });
  }

  function local(name: string, at: Location): Value {
    const known = locals.get(name);
    if (known) return known;
    const attr = localExprs.get(name);
    if (!attr || evaluating.has(name)) return unknown(`local '${name}' is not known`, at);
    evaluating.add(name);
    const value = evaluate(attr.expr, moduleScope);
    evaluating.delete(name);
    locals.set(name, value);
    return value;
  }

  const resources: EvaluatedResource[] = [];
  for (const block of blocks) {
    if ((block.type === 'resource' || block.type === 'data') && block.labels.length >= 2) {
      const [type, name] = block.labels as [string, string];
      const base = `${prefix}${block.type === 'data' ? 'data.' : ''}${type}.${name}`;
      const instances = expandInstances(block, moduleScope, base);
      if (instances.length === 0 && block.type === 'resource' && SERVER_TYPES.has(type)) {
        const meta = block.body.attributes.find((attr) => attr.name === 'count' || attr.name === 'for_each')!;
        context.notices.push({
          kind: 'not-instantiated',
          message:
            `${base} is declared, but its ${meta.name} gives no instance with the values in the scan, so none of its settings ` +
            'were checked. Pass the values it is deployed with (--var-file, --var) or a plan (--plan).',
          file: meta.at.file,
          line: meta.at.line,
        });
      }
      for (const instance of instances) {
        resources.push({
          mode: block.type,
          type,
          address: instance.address,
          body: evaluateBody(block.body, instance.scope, block.at),
          at: block.at,
          calls,
        });
      }
    } else if (block.type === 'module' && block.labels[0]) {
      resources.push(...evaluateModuleCall(block, module.dir, moduleScope, context, prefix, callers, calls, key));
    }
  }
  return resources;
}

function reference(address: string, steps: TraversalStep[], at: Location): Value {
  let target = address;
  let rest = steps;
  const [first] = steps;
  if (first && 'index' in first) {
    if (first.index.kind !== 'scalar') return unknown(`the instance of ${address} is not known`, at);
    target += typeof first.index.value === 'number' ? `[${first.index.value}]` : `[${JSON.stringify(first.index.value)}]`;
    rest = steps.slice(1);
  }
  const attribute = rest[0] && 'attr' in rest[0] ? rest[0].attr : 'id';
  return referenceTo(target, attribute, at);
}

interface Instance {
  address: string;
  scope: Scope;
}

/** Expands `count` and `for_each`; zero instances deploy nothing, unknown ones count as one. */
function expandInstances(block: Block, scope: Scope, address: string): Instance[] {
  const count = block.body.attributes.find((attr) => attr.name === 'count');
  const forEach = block.body.attributes.find((attr) => attr.name === 'for_each');
  if (count) {
    const value = evaluate(count.expr, scope);
    const n = value.kind === 'scalar' ? Number(value.value) : NaN;
    if (Number.isNaN(n)) return [{ address, scope: bind(scope, 'count', { index: unknown('count is not known', count.at) }) }];
    return Array.from({ length: n }, (_, index) => ({
      address: `${address}[${index}]`,
      scope: bind(scope, 'count', { index: scalar(index, count.at) }),
    }));
  }
  if (forEach) {
    const value = evaluate(forEach.expr, scope);
    const pairs = value.kind === 'array' ? value.items.map((item): [Value, Value] => [item, item]) : iterate(value);
    if (!pairs) {
      const unknownItem = unknown(`for_each is not known`, forEach.at);
      return [{ address, scope: bind(scope, 'each', { key: unknownItem, value: unknownItem }) }];
    }
    return pairs.map(([key, item]) => ({
      address: `${address}[${JSON.stringify(key.kind === 'scalar' ? key.value : '?')}]`,
      scope: bind(scope, 'each', { key, value: item }),
    }));
  }
  return [{ address, scope }];
}

function bind(scope: Scope, name: string, members: Record<string, Value>): Scope {
  const bindings = new Map(scope.bindings);
  const at = Object.values(members)[0]!.at;
  bindings.set(name, { kind: 'object', entries: new Map(Object.entries(members)), at });
  return { traverse: scope.traverse, bindings };
}

/** Attributes become entries and nested blocks arrays of objects, as in Terraform's JSON form. */
function evaluateBody(body: Body, scope: Scope, at: Location): Value {
  const entries = new Map<string, Value>();
  for (const attr of body.attributes) entries.set(attr.name, evaluate(attr.expr, scope));
  const addBlock = (type: string, value: Value) => {
    const list = entries.get(type);
    if (list?.kind === 'array') list.items.push(value);
    else entries.set(type, { kind: 'array', items: [value], at: value.at });
  };
  for (const block of body.blocks) {
    if (SKIPPED_BLOCKS.has(block.type)) continue;
    if (block.type === 'dynamic' && block.labels[0]) {
      const expanded = expandDynamic(block, scope);
      // Unknown iterations: whether such a block exists at all is unknown, so the whole list is.
      if (!Array.isArray(expanded)) entries.set(block.labels[0], expanded);
      else for (const value of expanded) addBlock(block.labels[0], value);
    } else {
      addBlock(block.type, evaluateBody(block.body, scope, block.at));
    }
  }
  return { kind: 'object', entries, at };
}

function expandDynamic(block: Block, scope: Scope): Value[] | Value {
  const label = block.labels[0]!;
  const forEach = block.body.attributes.find((attr) => attr.name === 'for_each');
  const iteratorAttr = block.body.attributes.find((attr) => attr.name === 'iterator');
  const iterator = iteratorAttr?.expr.type === 'variable' ? iteratorAttr.expr.name : label;
  const content = block.body.blocks.find((inner) => inner.type === 'content');
  if (!forEach || !content) return [];
  const collection = evaluate(forEach.expr, scope);
  const pairs =
    collection.kind === 'array' ? collection.items.map((item): [Value, Value] => [item, item]) : iterate(collection);
  if (!pairs) {
    const why = collection.kind === 'unknown' ? collection.reason : 'it is not a collection';
    return unknown(`whether a "${label}" block is declared is not known: its dynamic for_each is not known (${why})`, forEach.at);
  }
  return pairs.map(([key, value]) => evaluateBody(content.body, bind(scope, iterator, { key, value }), block.at));
}

function evaluateModuleCall(
  block: Block,
  dir: string,
  scope: Scope,
  context: ModuleContext,
  prefix: string,
  callers: string[],
  calls: Location[],
  key: string,
): EvaluatedResource[] {
  const source = block.body.attributes.find((attr) => attr.name === 'source');
  const sourceValue = source ? evaluate(source.expr, scope) : undefined;
  const path = sourceValue?.kind === 'scalar' ? String(sourceValue.value) : '';
  const call = `${prefix}module.${block.labels[0]}`;
  const notFollowed = (why: string) => {
    context.notices.push({ kind: 'module-not-followed', message: `${call} (source ${JSON.stringify(path || '?')}) was not evaluated: ${why}`, file: block.at.file, line: block.at.line });
    return [];
  };
  const childKey = key ? `${key}.${block.labels[0]}` : block.labels[0]!;
  const local = path.startsWith('./') || path.startsWith('../');
  // Registry and Git modules: where `terraform init` put them, or the checkout when it is that module's repository.
  const remoteDir = local || !path ? undefined : context.locate?.(childKey, path, dir);
  if (!local && !remoteDir) {
    return notFollowed(
      context.unavailable?.get(childKey) ??
        (path
          ? 'registry and Git modules are read after `terraform init` (from .terraform/modules) or with --download-modules; or scan a plan of the root (--plan)'
          : 'its source is not known'),
    );
  }
  const childDir = remoteDir ?? moduleDir(dir, path);
  if (callers.length >= MAX_MODULE_DEPTH || callers.includes(childDir)) return notFollowed('modules call each other in a cycle or nest too deeply');
  const child = context.load(childDir);
  if (!child) return notFollowed(`the folder ${childDir} has no .tf files in the checkout`);
  const base = `${prefix}module.${block.labels[0]}`;
  return expandInstances(block, scope, base).flatMap((instance) => {
    const inputs = new Map<string, Value>();
    for (const attr of block.body.attributes) {
      if (!META_ARGUMENTS.has(attr.name)) inputs.set(attr.name, evaluate(attr.expr, instance.scope));
    }
    return evaluateModule(child, inputs, context, `${instance.address}.`, [...callers, dir], [...calls, block.at], childKey);
  });
}

/** The folder a local `source` points at, spelled as folders found by discovery are (no trailing slash). */
export function moduleDir(callerDir: string, source: string): string {
  return normalize(join(callerDir, source)).replace(/(.)[\\/]+$/, '$1');
}

/** Reads the attribute values of a `.tfvars` file, anchored on their lines. */
export function readTfvars(file: HclFile): Map<string, Value> {
  const scope: Scope = { traverse: () => undefined };
  return new Map(file.body.attributes.map((attr) => [attr.name, evaluate(attr.expr, scope)]));
}

export function moduleSourceDirs(module: TerraformModule): string[] {
  const dirs: string[] = [];
  for (const file of module.files) {
    for (const block of file.body.blocks) {
      if (block.type !== 'module') continue;
      const source = block.body.attributes.find((attr) => attr.name === 'source');
      if (source?.expr.type === 'literal' && typeof source.expr.value === 'string') {
        const path = source.expr.value;
        if (path.startsWith('./') || path.startsWith('../')) dirs.push(moduleDir(module.dir, path));
      }
    }
  }
  return dirs;
}
