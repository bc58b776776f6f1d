import { readFileSync } from 'node:fs';
import { basename, dirname, normalize } from 'node:path';
import type { FileAnnotations, SourceComment } from '../../model/annotations.js';
import type { Location } from '../../model/location.js';
import type { Notice } from '../../model/notice.js';
import type { Problem } from '../../model/problem.js';
import { isCheckedType, NOT_CHECKED, type ArmResource } from '../../model/resource.js';
import { getPath, nameKey, scalar, scalarText, symbolic, unknown, type Value } from '../../model/value.js';
import { parseJson } from '../json/parse-json.js';
import { readSource } from '../read-source.js';
import type { SourceResult } from '../source-result.js';
import { evaluateArmString, evaluateArmValue, type ArmContext } from './evaluate-arm-expression.js';

const POSTGRES_TYPE = /Microsoft\.DBforPostgreSQL\//i;
/** What a template must mention to hold a server, a child of one, or a nested template that might. */
const MAY_MATTER = /DBforPostgreSQL|postgresqlServer|Microsoft\.Resources\/deployments/i;

function isValidJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
const DECLARES_TEMPLATE = /"\$schema"\s*:\s*"[^"]*deploymentTemplate\.json/i;
const TEMPLATE_SCHEMA = /schemas\/[^"]*deploymentTemplate\.json/i;
const PARAMETERS_SCHEMA = /schemas\/[^"]*deploymentParameters\.json/i;
/** Nested deployments deeper than this are not followed. */
const MAX_NESTING = 16;

export interface ArmOptions {
  cwd: string;
  /** ARM parameters files (`--params`): applied to the template of the same name, else to those of their folder. */
  paramFiles?: string[];
  maxFileBytes?: number;
}

/** Whether a JSON text is an ARM deployment template. Other JSON files are not IaC and are skipped silently. */
export function isArmTemplate(text: string): boolean {
  return TEMPLATE_SCHEMA.test(text.slice(0, 4096)) || TEMPLATE_SCHEMA.test(text);
}

export function scanArm(jsonFiles: string[], options: ArmOptions): SourceResult {
  const result: SourceResult = { resources: [], problems: [], notices: [], annotations: [] };
  const parameterSets = (options.paramFiles ?? []).flatMap((file) => {
    const values = readParametersFile(file, options, result.problems);
    return values ? [{ file: normalize(file), values }] : [];
  });
  for (const file of jsonFiles) {
    const source = readSource(options.cwd, file, options.maxFileBytes);
    if ('problem' in source) {
      result.problems.push(source.problem);
      continue;
    }
    if (!isArmTemplate(source.text)) continue;
    // A template that names no PostgreSQL type, endpoint group or nested template cannot declare anything the rules
    // read: the native parser checks that it is valid JSON, and the positioned one (4× slower) is spared.
    if (!MAY_MATTER.test(source.text) && isValidJson(source.text)) {
      result.annotations.push({ file, comments: [], declarations: [] });
      continue;
    }
    const parsed = parseJson(file, source.text);
    if (parsed.tooDeep) {
      result.problems.push(parsed.problem!);
      continue;
    }
    // Broken JSON is a broken template only when it says it is one: a `templatefile()` input full of
    // `${…}` placeholders, or JSON that merely mentions the schema, is not IaC.
    if (parsed.problem && (source.text.includes('${') || !DECLARES_TEMPLATE.test(source.text.slice(0, 4096)))) continue;
    if (parsed.problem) result.problems.push(parsed.problem);
    if (parsed.value?.kind !== 'object') continue;
    const annotations: FileAnnotations = { file, comments: [], declarations: [] };
    const params = parametersFor(file, parameterSets);
    const scope = file.replace(/[\\/]/g, '|');
    const resources = evaluateTemplate(parsed.value, { file, scope, addressPrefix: '', passed: params, annotations, depth: 0, notices: result.notices });
    result.resources.push(...resources);
    if (!parsed.problem && POSTGRES_TYPE.test(source.text) && !resources.some((resource) => POSTGRES_TYPE.test(resource.type))) {
      result.notices.push({
        kind: 'template-not-read',
        message: `${file} mentions Microsoft.DBforPostgreSQL, but no PostgreSQL resource could be read from it: nothing in it was checked`,
        file,
        line: 1,
      });
    }
    result.annotations.push(annotations);
  }
  return result;
}

/**
 * Evaluates a compiled template that a caller uses as a module (a Bicep registry module from the restore cache), with
 * the caller's parameter values, which keep the caller's lines, as part of the caller's deployment.
 */
export function evaluateModuleTemplate(
  file: string,
  passed: Map<string, Value>,
  caller: { prefix: string; deployment: string; calls: Location[]; notices: Notice[] },
): ArmResource[] {
  const unread = (why: string) => {
    const call = caller.calls.at(-1);
    caller.notices.push({ kind: 'module-not-followed', message: `the compiled template of module ${caller.prefix.replace(/\/$/, '')} (${file}) ${why}`, file: call?.file, line: call?.line });
  };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    unread(`could not be read: ${error instanceof Error ? error.message : String(error)}`);
    return [];
  }
  const parsed = parseJson(file, text);
  // What a broken template declares past its error is not seen: say so, and check what was read.
  if (parsed.problem) unread(`is broken at line ${parsed.problem.at.line} (${parsed.problem.message}); what follows it was not checked`);
  if (parsed.value?.kind !== 'object') {
    if (!parsed.problem) unread('is not a template object: nothing in it was checked');
    return [];
  }
  const annotations: FileAnnotations = { file, comments: [], declarations: [] };
  const lowerCase = new Map([...passed].map(([name, value]) => [name.toLowerCase(), value]));
  const frame: TemplateFrame = { file, scope: `${caller.prefix}|module`, addressPrefix: caller.prefix, passed: lowerCase, annotations, depth: 1, notices: caller.notices };
  return evaluateTemplate(parsed.value, frame).map((resource) => ({ ...resource, deployment: caller.deployment, declaredAt: [...caller.calls, ...resource.declaredAt] }));
}

/** A parameters file applies to `<name>.json` beside `<name>.parameters.json`, else to every template in its folder. */
function parametersFor(template: string, sets: { file: string; values: Map<string, Value> }[]): Map<string, Value> {
  const stem = basename(template, '.json');
  const sameFolder = sets.filter((set) => dirname(set.file) === dirname(normalize(template)));
  const named = sameFolder.filter((set) => basename(set.file, '.json') === `${stem}.parameters`);
  return new Map((named.length ? named : sameFolder).flatMap((set) => [...set.values]));
}

function readParametersFile(file: string, options: ArmOptions, problems: Problem[]): Map<string, Value> | undefined {
  const source = readSource(options.cwd, file, options.maxFileBytes);
  if ('problem' in source) {
    problems.push(source.problem);
    return undefined;
  }
  const parsed = parseJson(file, source.text);
  if (parsed.problem) problems.push(parsed.problem);
  if (parsed.tooDeep) return undefined;
  const parameters = getPath(parsed.value, 'parameters');
  if (parameters?.kind !== 'object' || !PARAMETERS_SCHEMA.test(source.text)) {
    problems.push({ message: 'Not an ARM parameters file: it lacks the deploymentParameters.json $schema or a parameters object', at: { file, line: 1, endLine: 1 } });
    return undefined;
  }
  const values = new Map<string, Value>();
  for (const [name, entry] of parameters.entries) values.set(name.toLowerCase(), parameterEntryValue(entry));
  return values;
}

/** `{ "value": … }`, or a Key Vault `reference`, which is a secret known only at deployment. */
function parameterEntryValue(entry: Value): Value {
  const reference = getPath(entry, 'reference');
  if (reference) return unknown('a Key Vault secret reference, known only at deployment', reference.at);
  return getPath(entry, 'value') ?? unknown('the parameter entry has no value', entry.at);
}

interface TemplateFrame {
  file: string;
  scope: string;
  addressPrefix: string;
  /** Parameter values passed in (parameters file or nested deployment), lower-case names. */
  passed: Map<string, Value>;
  annotations: FileAnnotations;
  depth: number;
  /** For outer-scoped nested templates: the context of the enclosing template. */
  outer?: ArmContext;
  notices: Notice[];
}

function evaluateTemplate(template: Value, frame: TemplateFrame): ArmResource[] {
  const context = frame.outer ?? templateContext(template, frame);
  const resources = getPath(template, 'resources');
  const symbols = resources?.kind === 'object' ? [...resources.entries] : [];
  const list: [string | undefined, Value][] = resources?.kind === 'array' ? resources.items.map((item) => [undefined, item]) : symbols;
  const withSymbols: ArmContext = frame.outer ? context : { ...context, symbols: new Set(symbols.map(([name]) => name)) };
  return list.flatMap(([symbol, resource]) => evaluateResource(resource, symbol, undefined, withSymbols, frame));
}

function templateContext(template: Value, frame: TemplateFrame): ArmContext {
  const declared = new Map<string, Value>();
  const parameters = getPath(template, 'parameters');
  if (parameters?.kind === 'object') for (const [name, declaration] of parameters.entries) declared.set(name.toLowerCase(), declaration);
  const variableExprs = new Map<string, Value>();
  const variables = getPath(template, 'variables');
  if (variables?.kind === 'object') for (const [name, value] of variables.entries) variableExprs.set(name.toLowerCase(), value);
  const cache = new Map<string, Value>();
  const evaluating = new Set<string>();

  const context: ArmContext = {
    scope: frame.scope,
    addressPrefix: frame.addressPrefix,
    symbols: new Set(),
    parameter(name, at) {
      const key = name.toLowerCase();
      const cached = cache.get(`p:${key}`);
      if (cached) return cached;
      const passed = frame.passed.get(key);
      const declaration = declared.get(key);
      const fallback = getPath(declaration, 'defaultValue');
      let value: Value;
      if (passed) value = passed;
      else if (fallback && !evaluating.has(`p:${key}`)) {
        evaluating.add(`p:${key}`);
        value = evaluateArmValue(fallback, context);
        evaluating.delete(`p:${key}`);
      } else if (getPath(declaration, 'nullable')?.kind === 'scalar' && scalarText(getPath(declaration, 'nullable')) === 'true') {
        // A nullable parameter that is not passed is null, not unknown.
        value = scalar(null, declaration?.at ?? at);
      } else {
        value = symbolic(`{{${frame.scope}#parameters('${key}')}}`, `parameter '${name}' has no value (no default or parameters file)`, declaration?.at ?? at);
      }
      cache.set(`p:${key}`, value);
      return value;
    },
    variable(name, at) {
      const key = name.toLowerCase();
      const cached = cache.get(`v:${key}`);
      if (cached) return cached;
      const expr = variableExprs.get(key);
      if (!expr || evaluating.has(`v:${key}`)) return unknown(`variable '${name}' is not known`, at);
      evaluating.add(`v:${key}`);
      const value = evaluateArmValue(expr, context);
      evaluating.delete(`v:${key}`);
      cache.set(`v:${key}`, value);
      return value;
    },
    copyIndex: (_, at) => unknown('copyIndex() outside a copy loop', at),
  };
  return context;
}

interface Parent {
  type: string;
  name: Value;
}

function evaluateResource(resource: Value, symbol: string | undefined, parent: Parent | undefined, context: ArmContext, frame: TemplateFrame): ArmResource[] {
  if (resource.kind !== 'object') return [];
  const header = headerOf(resource);
  const rawName = scalarText(getPath(resource, 'name')) ?? '';
  const label = symbol ?? `${scalarText(getPath(resource, 'type')) ?? 'resource'}/${rawName}`;
  frame.annotations.declarations.push(header);
  collectDirectives(resource, header, frame.annotations.comments);

  return expandCopy(resource, context).flatMap(({ context: instance, suffix }) => {
    const condition = getPath(resource, 'condition');
    if (condition) {
      const value = condition.kind === 'scalar' && typeof condition.value === 'string' ? evaluateArmString(condition.value, condition.at, instance) : condition;
      // A condition known to be false deploys nothing; an unknown one is treated as deployed.
      if (value.kind === 'scalar' && (value.value === false || String(value.value).toLowerCase() === 'false')) return [];
    }
    const type = scalarText(evaluateArmValue(getPath(resource, 'type') ?? scalar('', header), instance));
    if (!type) return [];
    const fullType = parent && !type.includes('/') ? `${parent.type}/${type}` : type;
    const name = evaluateArmValue(getPath(resource, 'name') ?? unknown('name is not set', header), instance);
    const address = `${frame.addressPrefix}${label}${suffix}`;

    if (fullType.toLowerCase() === 'microsoft.resources/deployments') return evaluateDeployment(resource, name, address, instance, frame);

    const own = toArmResource(resource, fullType, name, parent, address, header, instance, frame);
    const children = getPath(resource, 'resources');
    const nested =
      children?.kind === 'array'
        ? children.items.flatMap((child) => evaluateResource(child, undefined, { type: fullType, name: fullName(own) }, instance, frame))
        : [];
    return [own, ...nested];
  });
}

/** A nested resource's name is relative to its parent's: the full name is `parent/child`. */
function fullName(resource: ArmResource): Value {
  return resource.parent ? joinName(resource.parent, resource.name) : resource.name;
}

function toArmResource(
  resource: Value,
  type: string,
  name: Value,
  parent: Parent | undefined,
  address: string,
  at: Location,
  context: ArmContext,
  frame: TemplateFrame,
): ArmResource {
  let fullTypeName = type;
  let ownName = name;
  let parentName: Value | undefined = parent?.name;
  // Old-style extension resources: `server/providers/diagnosticSettings` named `server/Microsoft.Insights/x`.
  const providers = /\/providers\/(?:Microsoft\.Insights\/)?diagnosticSettings$/i.test(type);
  if (providers) fullTypeName = 'Microsoft.Insights/diagnosticSettings';
  // A child's name is `parent/child`; an old-style extension's is `parent/Microsoft.Insights/child`.
  const ownSegments = providers ? 2 : fullTypeName.split('/').length > 2 ? 1 : 0;
  if (!parent && ownSegments) {
    const [head, tail] = splitName(name, ownSegments);
    parentName = head;
    ownName = tail;
  }
  const scope = getPath(resource, 'scope');
  if (scope) parentName = evaluateArmValue(scope, context);
  const existing = getPath(resource, 'existing');
  const checked = isCheckedType(fullTypeName);
  return {
    type: fullTypeName,
    name: ownName,
    address,
    format: 'arm',
    deployment: frame.file,
    at,
    declaredAt: [at],
    properties: checked ? evaluateArmValue(getPath(resource, 'properties') ?? { kind: 'object', entries: new Map(), at }, context) : unknown(NOT_CHECKED, at),
    sku: checked && getPath(resource, 'sku') ? evaluateArmValue(getPath(resource, 'sku')!, context) : undefined,
    ...(parentName && { parent: parentName }),
    ...(existing?.kind === 'scalar' && existing.value === true && { existing: true }),
  };
}

/** Splits `server/child` (known or symbolic) into the parent part and the last `count` segments. */
function splitName(name: Value, count: number): [Value | undefined, Value] {
  const text = name.kind === 'scalar' ? scalarText(name) : name.kind === 'unknown' ? name.symbol : undefined;
  if (text === undefined) return [undefined, name];
  const segments = text.split('/');
  if (segments.length <= count) return [undefined, name];
  const make = (part: string): Value => (part.includes('{{') ? symbolic(part, name.kind === 'unknown' ? name.reason : 'not known', name.at) : scalar(part, name.at));
  return [make(segments.slice(0, -count).join('/')), make(segments.slice(-count).join('/'))];
}

function joinName(parent: Value, child: Value): Value {
  const parts = [parent, child].map((part) => (part.kind === 'unknown' ? part.symbol : scalarText(part)));
  if (parts.some((part) => part === undefined)) return unknown('the name is not known', child.at);
  const text = parts.join('/');
  return text.includes('{{') ? symbolic(text, 'the name is not known', child.at) : scalar(text, child.at);
}

function evaluateDeployment(resource: Value, name: Value, address: string, context: ArmContext, frame: TemplateFrame): ArmResource[] {
  const properties = getPath(resource, 'properties');
  const template = getPath(properties, 'template');
  if (template?.kind !== 'object' || frame.depth >= MAX_NESTING) {
    // Linked templates (templateLink) live elsewhere: what they deploy is only known from what-if.
    const why = template ? 'it nests too deeply' : getPath(properties, 'templateLink') ? 'it links a template by URI (templateLink)' : 'its template is not known';
    frame.notices.push({
      kind: 'module-not-followed',
      message: `deployment ${address} was not evaluated: ${why}; scan a what-if of the deployment (--whatif) to check what it deploys`,
      file: frame.file,
      line: getPath(resource, 'type')?.at.line ?? 1,
    });
    return [];
  }
  const inner = scalarText(getPath(properties, 'expressionEvaluationOptions', 'scope'))?.toLowerCase() === 'inner';
  const nestedFrame: TemplateFrame = {
    ...frame,
    addressPrefix: `${address}/`,
    depth: frame.depth + 1,
    scope: `${frame.scope}>${(nameKey(name) ?? address).replace(/[\\/]/g, '|')}`,
    passed: new Map(),
  };
  if (!inner) return evaluateTemplate(template, { ...nestedFrame, outer: context });
  const parameters = getPath(properties, 'parameters');
  if (parameters?.kind === 'object') {
    for (const [key, entry] of parameters.entries) {
      const value = parameterEntryValue(entry);
      nestedFrame.passed.set(key.toLowerCase(), getPath(entry, 'reference') ? value : evaluateArmValue(value, context));
    }
  }
  return evaluateTemplate(template, nestedFrame);
}

function expandCopy(resource: Value, context: ArmContext): { context: ArmContext; suffix: string }[] {
  const copy = getPath(resource, 'copy');
  if (!copy) return [{ context, suffix: '' }];
  const loop = scalarText(getPath(copy, 'name'));
  const countValue = getPath(copy, 'count');
  const count = countValue && evaluateArmValue(countValue, context);
  const bind = (index: Value): ArmContext => ({
    ...context,
    copyIndex: (name, at) => (name === undefined || name === loop ? { ...index, at } : context.copyIndex(name, at)),
  });
  if (count?.kind !== 'scalar' || typeof count.value !== 'number') {
    return [{ context: bind(unknown(`the copy count of '${loop ?? 'copy'}' is not known`, copy.at)), suffix: '' }];
  }
  return Array.from({ length: Math.min(count.value, 800) }, (_, index) => ({ context: bind(scalar(index, copy.at)), suffix: `[${index}]` }));
}

/** The resource's header line is its `type` line; the span is the whole object. */
function headerOf(resource: Value): Location {
  const type = getPath(resource, 'type');
  return { file: resource.at.file, line: type?.at.line ?? resource.at.line, endLine: resource.at.endLine };
}

/** `"metadata": { "pgbaseline": { "ignore": ["<rule-id> [until=…] -- <reason>"] } }` on a resource. */
function collectDirectives(resource: Value, header: Location, comments: SourceComment[]): void {
  const ignore = getPath(resource, 'metadata', 'pgbaseline', 'ignore');
  const entries = ignore?.kind === 'array' ? ignore.items : ignore ? [ignore] : [];
  for (const entry of entries) {
    const text = scalarText(entry);
    if (text !== undefined) comments.push({ text: `pgbaseline:ignore ${text}`, at: entry.at, ownLine: false, declaration: header });
  }
}
