import type { Location } from './location.js';

export type Scalar = string | number | boolean | null;

/** Points at another declared resource, e.g. `azurerm_key_vault_key.cmk` attribute `versionless_id`. */
export interface Reference {
  address: string;
  attribute: string;
}

/**
 * A value as a front-end could determine it statically. Every value knows where it was written,
 * so a finding can point at the variable default or tfvars line a literal came from.
 */
export type Value =
  | { kind: 'scalar'; value: Scalar; at: Location; external?: boolean }
  | { kind: 'array'; items: Value[]; at: Location }
  | { kind: 'object'; entries: Map<string, Value>; at: Location }
  | {
      kind: 'unknown';
      reason: string;
      at: Location;
      ref?: Reference;
      symbol?: string;
      invalid?: boolean;
      /** Certainly a non-empty string, content unknown: an interpolation with literal text (`'${vnet.id}/subnets/db'`). */
      present?: boolean;
    };

export type UnknownValue = Extract<Value, { kind: 'unknown' }>;

export type KnownValue = Exclude<Value, { kind: 'unknown' }>;

export function scalar(value: Scalar, at: Location): Value {
  return { kind: 'scalar', value, at };
}

export function unknown(reason: string, at: Location, ref?: Reference): Value {
  return ref ? { kind: 'unknown', reason, at, ref } : { kind: 'unknown', reason, at };
}

/**
 * A value the deployment tool would refuse to compute (an attribute that is not set, an index out of
 * range). It is unknown to the rules like any other, but Terraform's `try()` and `can()` move past it.
 */
export function invalid(reason: string, at: Location): Value {
  return { kind: 'unknown', reason, at, invalid: true };
}

/** The same unknown at another place: its reason and whether it is invalid travel with it. */
export function unknownFrom(source: UnknownValue, at: Location): Value {
  return source.invalid ? invalid(source.reason, at) : unknown(source.reason, at);
}

/**
 * An unknown value that still has a stable spelling, such as `{{main.json#parameters('name')}}/config`:
 * enough to link a child to its server when neither name is known.
 */
export function symbolic(symbol: string, reason: string, at: Location, present = false): Value {
  return present ? { kind: 'unknown', reason, at, symbol, present } : { kind: 'unknown', reason, at, symbol };
}

/** The text of a known string, or the symbol of an unknown one: what names are matched by. */
export function nameKey(value: Value | undefined): string | undefined {
  if (value?.kind === 'unknown') return value.symbol;
  return scalarText(value);
}

export function object(entries: Iterable<[string, Value]>, at: Location): Value {
  return { kind: 'object', entries: new Map(entries), at };
}

/** Follows a path of object keys and array indices; `undefined` when a step is absent. */
export function getPath(value: Value | undefined, ...path: (string | number)[]): Value | undefined {
  let current = value;
  for (const step of path) {
    if (!current) return undefined;
    if (current.kind === 'unknown') return current;
    if (typeof step === 'number') {
      current = current.kind === 'array' ? current.items[step] : undefined;
    } else {
      current = current.kind === 'object' ? findKey(current.entries, step) : undefined;
    }
  }
  return current;
}

// ARM property names are case-insensitive; exact matches are tried first because they are the norm.
function findKey(entries: Map<string, Value>, key: string): Value | undefined {
  const exact = entries.get(key);
  if (exact) return exact;
  const lower = key.toLowerCase();
  for (const [name, value] of entries) if (name.toLowerCase() === lower) return value;
  return undefined;
}

/** Converts a known value to plain JSON; `undefined` when any part of it is unknown. */
export function toPlain(value: Value): unknown {
  switch (value.kind) {
    case 'scalar':
      return value.value;
    case 'unknown':
      return undefined;
    case 'array': {
      const items = value.items.map(toPlain);
      return items.includes(undefined) ? undefined : items;
    }
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const [key, entry] of value.entries) {
        const plain = toPlain(entry);
        if (plain === undefined) return undefined;
        result[key] = plain;
      }
      return result;
    }
  }
}

/** Renders a scalar for comparison the way Azure does: case-insensitive strings, `true` → `true`. */
export function scalarText(value: Value | undefined): string | undefined {
  return value?.kind === 'scalar' && value.value !== null ? String(value.value) : undefined;
}
