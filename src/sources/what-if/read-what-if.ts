import { basename } from 'node:path';
import type { Location } from '../../model/location.js';
import type { Problem } from '../../model/problem.js';
import type { ArmResource } from '../../model/resource.js';
import { getPath, scalar, scalarText, type Value } from '../../model/value.js';
import type { Deployed } from '../deployed/overlay.js';
import { readJsonDocument } from '../deployed/read-json-document.js';

export interface WhatIfResult {
  deployed: Deployed[];
  problems: Problem[];
}

/** Changes whose `after` is what will run; Delete and Ignore deploy nothing to check. */
const EVALUATED = new Set(['create', 'modify', 'deploy', 'nochange']);

/**
 * Reads `az deployment … what-if --no-pretty-print` output (`changes` at the top) or the REST result
 * (`properties.changes`), and turns each evaluated change's `after` payload into a resource. A
 * `delta` entry becomes a note on the value it changed ("changes Disabled → Enabled").
 */
export function readWhatIfs(files: string[], cwd: string, maxBytes?: number): WhatIfResult {
  const result: WhatIfResult = { deployed: [], problems: [] };
  for (const file of files) {
    const document = readJsonDocument(cwd, file, maxBytes, result.problems);
    if (!document) continue;
    const changes = getPath(document, 'changes') ?? getPath(document, 'properties', 'changes');
    if (changes?.kind !== 'array') {
      result.problems.push({ message: `Not an Azure what-if result: expected 'changes' (az … what-if --no-pretty-print -o json) or 'properties.changes'`, at: document.at });
      continue;
    }
    const error = getPath(document, 'error') ?? getPath(document, 'properties', 'error');
    if (error && error.kind === 'object') {
      result.problems.push({ message: `The what-if result reports an error: ${scalarText(getPath(error, 'message')) ?? 'see the file'}`, at: error.at });
    }
    const via = `from the what-if result ${basename(file)}`;
    for (const change of changes.items) {
      const changeType = scalarText(getPath(change, 'changeType'))?.toLowerCase();
      const after = getPath(change, 'after');
      if (!changeType || !EVALUATED.has(changeType) || after?.kind !== 'object') continue;
      const resource = toResource(change, annotateDelta(after, getPath(change, 'delta')), file);
      if (resource) result.deployed.push({ resource, keys: deployedKeys(change, resource), via });
    }
  }
  return result;
}

function toResource(change: Value, after: Value, file: string): ArmResource | undefined {
  const id = scalarText(getPath(change, 'resourceId')) ?? scalarText(getPath(after, 'id')) ?? '';
  const type = scalarText(getPath(after, 'type')) ?? scalarText(getPath(change, 'resourceType')) ?? typeFromId(id);
  if (!type) return undefined;
  const name = getPath(after, 'name') ?? scalar(id.split('/').pop() ?? '', change.at);
  return {
    type,
    name,
    address: scalarText(getPath(change, 'symbolicName')) ?? id,
    format: 'arm',
    deployment: file,
    at: change.at,
    declaredAt: [change.at],
    properties: getPath(after, 'properties') ?? { kind: 'object', entries: new Map(), at: after.at },
    ...(getPath(after, 'sku') && { sku: getPath(after, 'sku') }),
    ...(parentId(id) && { parent: scalar(parentId(id)!, change.at) }),
  };
}

/** The resource type an ID names: `…/providers/Microsoft.X/a/n1/b/n2` → `Microsoft.X/a/b`. */
function typeFromId(id: string): string | undefined {
  const tail = id.split('/providers/').pop()?.split('/') ?? [];
  if (tail.length < 3) return undefined;
  return [tail[0], ...tail.slice(1).filter((_, index) => index % 2 === 0)].join('/');
}

/**
 * The resource a child or extension resource belongs to: the ID without its last type/name pair,
 * or, for an extension (`…/providers/Microsoft.Insights/diagnosticSettings/x`), the ID it extends.
 */
function parentId(id: string): string | undefined {
  const providers = id.split('/providers/');
  if (providers.length > 2) return providers.slice(0, -1).join('/providers/');
  const tail = providers[1]?.split('/') ?? [];
  if (tail.length <= 3) return undefined;
  return id.split('/').slice(0, -2).join('/');
}

/** Keys that find the declaration: the Bicep/ARM symbolic name, and `type/name path` from the ID. */
function deployedKeys(change: Value, resource: ArmResource): string[] {
  const keys: string[] = [];
  const symbol = scalarText(getPath(change, 'symbolicName'));
  if (symbol) keys.push(`symbol:${symbol}`);
  const id = scalarText(getPath(change, 'resourceId')) ?? '';
  const tail = id.split('/providers/').pop()?.split('/') ?? [];
  const names = tail.slice(2).filter((_, index) => index % 2 === 0);
  if (names.length) keys.push(`name:${resource.type.toLowerCase()}/${names.join('/').toLowerCase()}`);
  return keys;
}

/** Notes each changed leaf with its before → after, so a finding can say what the deployment changes. */
function annotateDelta(after: Value, delta: Value | undefined): Value {
  let result = after;
  // Children's paths are relative to their parent's (`properties` → `network.publicNetworkAccess`).
  const visit = (changes: Value | undefined, prefix: string) => {
    for (const entry of changes?.kind === 'array' ? changes.items : []) {
      const own = scalarText(getPath(entry, 'path'));
      const path = own && prefix ? `${prefix}.${own}` : own;
      const kind = scalarText(getPath(entry, 'propertyChangeType'));
      if (path && (kind === 'Modify' || kind === 'Create')) {
        const before = describe(getPath(entry, 'before'));
        const afterText = describe(getPath(entry, 'after'));
        const note = kind === 'Create' ? `what-if: ${path} is added as ${afterText}` : `what-if: ${path} changes ${before} → ${afterText}`;
        result = notePath(result, path.split('.'), note);
      }
      visit(getPath(entry, 'children'), path ?? prefix);
    }
  };
  visit(delta, '');
  return result;
}

function describe(value: Value | undefined): string {
  return value?.kind === 'scalar' ? String(value.value) : value ? value.kind : 'nothing';
}

function notePath(value: Value, path: string[], note: string): Value {
  const [head, ...rest] = path;
  if (head === undefined) return { ...value, at: withNote(value.at, note) };
  if (value.kind !== 'object') return value;
  const child = value.entries.get(head);
  if (!child) return value;
  return { ...value, entries: new Map(value.entries).set(head, notePath(child, rest, note)) };
}

function withNote(at: Location, note: string): Location {
  return { ...at, via: at.via ? `${at.via}; ${note}` : note };
}

