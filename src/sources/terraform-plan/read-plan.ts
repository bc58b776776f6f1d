import { basename } from 'node:path';
import type { Problem } from '../../model/problem.js';
import type { ArmResource } from '../../model/resource.js';
import { getPath, scalarText, unknown, type Value } from '../../model/value.js';
import type { Deployed } from '../deployed/overlay.js';
import { readJsonDocument } from '../deployed/read-json-document.js';
import { toArmResource } from '../terraform/to-arm.js';

export interface PlanResult {
  deployed: Deployed[];
  problems: Problem[];
}

const SKIPPED_ACTIONS = new Set(['delete', 'forget', 'read']);

/**
 * Reads `terraform show -json` plans (format_version 1.x): each resource change's `after`, with the
 * leaves marked in `after_unknown` unknown and those marked in `after_sensitive` dropped, so a
 * sensitive value can never reach a report.
 */
export function readPlans(files: string[], cwd: string, maxBytes?: number): PlanResult {
  const result: PlanResult = { deployed: [], problems: [] };
  for (const file of files) {
    const plan = readJsonDocument(cwd, file, maxBytes, result.problems);
    if (!plan) continue;
    const at = plan.at;
    const version = scalarText(getPath(plan, 'format_version'));
    const changes = getPath(plan, 'resource_changes');
    if (version === undefined || (changes && changes.kind !== 'array')) {
      result.problems.push({ message: `Not a Terraform plan: expected the output of 'terraform show -json <planfile>' with format_version and resource_changes`, at });
      continue;
    }
    if (!/^1\./.test(version)) {
      result.problems.push({ message: `Unsupported plan format_version '${version}': pgbaseline reads format 1.x`, at: getPath(plan, 'format_version')!.at });
      continue;
    }
    const via = `from the Terraform plan ${basename(file)}`;
    const references = configurationReferences(plan);
    for (const change of changes?.kind === 'array' ? changes.items : []) {
      const actions = getPath(change, 'change', 'actions');
      const names = actions?.kind === 'array' ? actions.items.map(scalarText) : [];
      if (scalarText(getPath(change, 'mode')) !== 'managed' || names.every((name) => name !== undefined && SKIPPED_ACTIONS.has(name))) continue;
      const address = scalarText(getPath(change, 'address'));
      const type = scalarText(getPath(change, 'type'));
      const after = getPath(change, 'change', 'after');
      if (!address || !type || after?.kind !== 'object') continue;
      const body = linkReferences(
        mask(after, getPath(change, 'change', 'after_unknown'), getPath(change, 'change', 'after_sensitive')),
        references.get(configAddress(change)),
        scalarText(getPath(change, 'module_address')),
      );
      const resource: ArmResource | undefined = toArmResource({ mode: 'resource', type, address, body, at: change.at, calls: [] }, file);
      if (resource) result.deployed.push({ resource, keys: [address], via });
    }
  }
  return result;
}

/** Applies `after_unknown` (true = known only after apply) and `after_sensitive` (true = never shown). */
function mask(value: Value, unknownMask: Value | undefined, sensitiveMask: Value | undefined): Value {
  if (isTrue(sensitiveMask)) return unknown('sensitive in the plan', value.at);
  if (isTrue(unknownMask)) return unknown('known only after apply (Terraform plan)', value.at);
  if (value.kind === 'object') {
    const entries = new Map<string, Value>();
    const keys = new Set([...value.entries.keys(), ...(unknownMask?.kind === 'object' ? unknownMask.entries.keys() : [])]);
    for (const key of keys) {
      const entry = value.entries.get(key) ?? unknown('known only after apply (Terraform plan)', value.at);
      entries.set(key, mask(entry, getPath(unknownMask, key), getPath(sensitiveMask, key)));
    }
    return { ...value, entries };
  }
  if (value.kind === 'array') {
    return { ...value, items: value.items.map((item, index) => mask(item, getPath(unknownMask, index), getPath(sensitiveMask, index))) };
  }
  return value;
}

function isTrue(value: Value | undefined): boolean {
  return value?.kind === 'scalar' && value.value === true;
}

/** `module.db.azurerm_x.y[0]` → `module.db.azurerm_x.y`: how the configuration section names it. */
function configAddress(change: Value): string {
  const module = scalarText(getPath(change, 'module_address'));
  return `${module ? `${module}.` : ''}${scalarText(getPath(change, 'type'))}.${scalarText(getPath(change, 'name'))}`;
}

/** Attribute → the resource it references, from `configuration`, per configuration address. */
function configurationReferences(plan: Value): Map<string, Map<string, string>> {
  const result = new Map<string, Map<string, string>>();
  const visit = (module: Value | undefined, prefix: string) => {
    const resources = getPath(module, 'resources');
    for (const resource of resources?.kind === 'array' ? resources.items : []) {
      const expressions = getPath(resource, 'expressions');
      const attributes = new Map<string, string>();
      for (const [name, expression] of expressions?.kind === 'object' ? expressions.entries : []) {
        const references = getPath(expression, 'references');
        const first = references?.kind === 'array' ? scalarText(references.items[0]) : undefined;
        if (first) attributes.set(name, first);
      }
      result.set(`${prefix}${scalarText(getPath(resource, 'address'))}`, attributes);
    }
    const calls = getPath(module, 'module_calls');
    for (const [name, call] of calls?.kind === 'object' ? calls.entries : []) visit(getPath(call, 'module'), `${prefix}module.${name}.`);
  };
  visit(getPath(plan, 'configuration', 'root_module'), '');
  return result;
}

/**
 * An attribute the plan cannot know yet (`server_id` of a server being created) still says, in the
 * configuration, which resource it refers to: that is enough to link a child to its server.
 */
function linkReferences(body: Value, references: Map<string, string> | undefined, module: string | undefined): Value {
  if (!references || body.kind !== 'object') return body;
  const entries = new Map(body.entries);
  for (const [name, reference] of references) {
    const current = entries.get(name);
    if (current && current.kind !== 'unknown') continue;
    const parts = reference.split('.');
    const attribute = parts.length > 2 ? parts.pop()! : 'id';
    const address = `${module ? `${module}.` : ''}${parts.join('.')}`;
    entries.set(name, unknown(`${reference} is known only after apply`, current?.at ?? body.at, { address, attribute }));
  }
  return { ...body, entries };
}
