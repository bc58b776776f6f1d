import type { Location } from '../../model/location.js';
import type { ArmResource } from '../../model/resource.js';
import type { Value } from '../../model/value.js';

/**
 * What a plan or what-if says will be deployed, laid over what the source declares. Known deployed
 * values win; where they differ from the source they keep the source line, say where they came
 * from, and so findings stay on the line a developer can change. Unknown or sensitive deployed
 * values never replace what the source knows.
 */
export function overlay(source: Value, deployed: Value, via: string): Value {
  if (deployed.kind === 'unknown') return source.kind === 'unknown' ? deployed : source;
  if (source.kind === 'object' && deployed.kind === 'object') {
    const entries = new Map(source.entries);
    for (const [key, value] of deployed.entries) {
      const current = entries.get(key);
      entries.set(key, current ? overlay(current, value, via) : reanchor(value, source.at, via));
    }
    return { ...source, entries };
  }
  if (source.kind === 'array' && deployed.kind === 'array') {
    return { ...source, items: deployed.items.map((item, index) => (source.items[index] ? overlay(source.items[index]!, item, via) : reanchor(item, source.at, via))) };
  }
  if (source.kind === 'scalar' && deployed.kind === 'scalar' && source.value === deployed.value) {
    // The same value: keep the source line, and a what-if change note if there is one.
    return deployed.at.via ? { ...source, at: { ...source.at, via: deployed.at.via } } : source;
  }
  return reanchor(deployed, source.at, via);
}

/** Moves a deployed value onto a source location, recording where it came from. */
function reanchor(value: Value, at: Location, via: string): Value {
  const moved: Location = { ...at, via: value.at.via ? `${via}; ${value.at.via}` : via };
  switch (value.kind) {
    case 'object':
      return { ...value, at: moved, entries: new Map([...value.entries].map(([key, entry]) => [key, reanchor(entry, at, via)])) };
    case 'array':
      return { ...value, at: moved, items: value.items.map((item) => reanchor(item, at, via)) };
    default:
      return { ...value, at: moved };
  }
}

/** A deployed resource and the key that finds its declaration in source (a Terraform address, a Bicep symbol…). */
export interface Deployed {
  resource: ArmResource;
  keys: string[];
  /** Where it comes from, quoted in findings: "from the Terraform plan plan.json". */
  via: string;
}

/**
 * Merges deployed resources into the source ones. A deployed resource with a declaration keeps the
 * declaration's identity and lines; one without (a registry module, a linked template) is added as is.
 */
export function mergeDeployed(source: ArmResource[], deployed: Deployed[], keysOf: (resource: ArmResource) => string[]): ArmResource[] {
  const byKey = new Map<string, ArmResource>();
  for (const resource of source) for (const key of keysOf(resource)) if (!byKey.has(key)) byKey.set(key, resource);
  const merged = new Map<ArmResource, ArmResource>();
  const extra: ArmResource[] = [];
  for (const { resource, keys, via } of deployed) {
    const declaration = keys.map((key) => byKey.get(key)).find((found) => found !== undefined);
    if (!declaration) {
      extra.push(resource);
      continue;
    }
    const base = merged.get(declaration) ?? declaration;
    merged.set(declaration, {
      ...base,
      // A name the source could not know (a parameter without a value) is known once deployed.
      name: overlay(base.name, resource.name, via),
      properties: overlay(base.properties, resource.properties, via),
      ...(resource.sku && { sku: base.sku ? overlay(base.sku, resource.sku, via) : resource.sku }),
    });
  }
  return [...source.map((resource) => merged.get(resource) ?? resource), ...extra];
}
