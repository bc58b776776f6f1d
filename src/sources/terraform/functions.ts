import type { Location } from '../../model/location.js';
import { invalid, scalar, unknown, type Value } from '../../model/value.js';

type Fn = (args: Value[], at: Location) => Value;

const text = (value: Value | undefined): string | undefined =>
  value?.kind === 'scalar' && value.value !== null ? String(value.value) : undefined;

const stringFn =
  (apply: (input: string, ...rest: string[]) => string | boolean): Fn =>
  (args, at) => {
    const strings = args.map(text);
    if (strings.some((s) => s === undefined)) return unknown('a function argument is not a known string', at);
    return scalar(apply(...(strings as [string, ...string[]])), at);
  };

// Conversions return their argument untouched so the value keeps the line it was written on.
const identity: Fn = (args, at) => args[0] ?? unknown('missing argument', at);

function items(value: Value | undefined): Value[] | undefined {
  if (value?.kind === 'array') return value.items;
  if (value?.kind === 'object') return [...value.entries.values()];
  return undefined;
}

const FUNCTIONS: Record<string, Fn> = {
  lower: stringFn((s) => s.toLowerCase()),
  upper: stringFn((s) => s.toUpperCase()),
  trimspace: stringFn((s) => s.trim()),
  replace: stringFn((s, search = '', replacement = '') => s.split(search).join(replacement)),
  startswith: stringFn((s, prefix = '') => s.startsWith(prefix)),
  endswith: stringFn((s, suffix = '') => s.endsWith(suffix)),
  format: stringFn((spec, ...rest) => {
    let index = 0;
    return spec.replace(/%[sdv%]/g, (token) => (token === '%%' ? '%' : (rest[index++] ?? '')));
  }),
  tostring: identity,
  tonumber: identity,
  tobool: identity,
  tolist: identity,
  toset: identity,
  tomap: identity,
  sensitive: identity,
  nonsensitive: identity,
  // azapi bodies are written as `jsonencode({...})`; keeping the structure keeps every position.
  jsonencode: identity,
  coalesce: (args, at) => {
    for (const arg of args) {
      if (arg.kind === 'unknown') return unknown(arg.reason, at);
      if (!(arg.kind === 'scalar' && (arg.value === null || arg.value === ''))) return arg;
    }
    return invalid('coalesce() has no non-null argument', at);
  },
  // Terraform moves past arguments that fail, not past unknown ones: an unknown first argument makes the result unknown.
  try: (args, at) => args.find((arg) => arg.kind !== 'unknown' || !arg.invalid) ?? invalid('no try() argument is valid', at),
  can: (args, at) => {
    const [arg] = args;
    if (arg?.kind !== 'unknown') return scalar(arg !== undefined, at);
    return arg.invalid ? scalar(false, at) : unknown(arg.reason, at);
  },
  merge: (args, at) => {
    const entries = new Map<string, Value>();
    for (const arg of args) {
      if (arg.kind === 'scalar' && arg.value === null) continue;
      if (arg.kind !== 'object') return unknown('merge() of a value that is not a known object', at);
      for (const [key, value] of arg.entries) entries.set(key, value);
    }
    return { kind: 'object', entries, at };
  },
  concat: (args, at) => {
    const all = args.map(items);
    if (all.some((list) => list === undefined)) return unknown('concat() of a value that is not a known list', at);
    return { kind: 'array', items: all.flat() as Value[], at };
  },
  flatten: (args, at) => {
    const flat = (list: Value[]): Value[] => list.flatMap((item) => (item.kind === 'array' ? flat(item.items) : [item]));
    const list = items(args[0]);
    return list ? { kind: 'array', items: flat(list), at } : unknown('flatten() of an unknown list', at);
  },
  length: (args, at) => {
    const [arg] = args;
    const list = items(arg);
    if (list) return scalar(list.length, at);
    const s = text(arg);
    return s === undefined ? unknown('length() of an unknown value', at) : scalar(s.length, at);
  },
  lookup: (args, at) => {
    const [map, key, fallback] = args;
    const name = text(key);
    if (map?.kind !== 'object' || name === undefined) return unknown('lookup() on an unknown map', at);
    return map.entries.get(name) ?? fallback ?? invalid(`lookup() found no '${name}'`, at);
  },
  contains: (args, at) => {
    const list = items(args[0]);
    const wanted = text(args[1]);
    if (!list || wanted === undefined || list.some((item) => item.kind === 'unknown')) {
      return unknown('contains() on unknown values', at);
    }
    return scalar(list.some((item) => text(item) === wanted), at);
  },
  join: (args, at) => {
    const separator = text(args[0]);
    const list = items(args[1])?.map(text);
    if (separator === undefined || !list || list.some((item) => item === undefined)) return unknown('join() of unknown values', at);
    return scalar(list.join(separator), at);
  },
  split: (args, at) => {
    const [separator, input] = args.map(text);
    if (separator === undefined || input === undefined) return unknown('split() of an unknown string', at);
    return { kind: 'array', items: input.split(separator).map((part) => scalar(part, at)), at };
  },
  element: (args, at) => {
    const list = items(args[0]);
    const index = args[1]?.kind === 'scalar' ? Number(args[1].value) : NaN;
    if (!list || Number.isNaN(index)) return unknown('element() of unknown values', at);
    return list[index % list.length] ?? invalid('element() of an empty list', at);
  },
  one: (args, at) => {
    const [arg] = args;
    if (arg?.kind === 'scalar' && arg.value === null) return scalar(null, at);
    const list = arg?.kind === 'array' ? arg.items : undefined;
    if (!list) return arg?.kind === 'unknown' ? arg : unknown('one() of a value that is not a list', at);
    if (list.length > 1) return invalid('one() of a list with more than one element', at);
    return list[0] ?? scalar(null, at);
  },
  keys: (args, at) =>
    args[0]?.kind === 'object'
      ? { kind: 'array', items: [...args[0].entries.keys()].map((key) => scalar(key, at)), at }
      : unknown('keys() of an unknown map', at),
  values: (args, at) => {
    const list = args[0]?.kind === 'object' ? [...args[0].entries.values()] : undefined;
    return list ? { kind: 'array', items: list, at } : unknown('values() of an unknown map', at);
  },
  // Firewall addresses are often computed from a subnet: `cidrhost(var.office_range, 10)`.
  cidrhost: (args, at) => {
    const prefix = ipv4Prefix(text(args[0]));
    const host = args[1]?.kind === 'scalar' ? Number(args[1].value) : NaN;
    if (!prefix || !Number.isInteger(host)) return unknown('cidrhost() of an unknown or IPv6 prefix', at);
    const size = 2 ** (32 - prefix.bits);
    if (host >= size || host < -size) return invalid(`cidrhost(): host number ${host} is outside ${text(args[0])}`, at);
    return scalar(formatIpv4(prefix.base + (host < 0 ? size + host : host)), at);
  },
  cidrsubnet: (args, at) => {
    const prefix = ipv4Prefix(text(args[0]));
    const [newBits, netNum] = [args[1], args[2]].map((arg) => (arg?.kind === 'scalar' ? Number(arg.value) : NaN));
    if (!prefix || !Number.isInteger(newBits) || !Number.isInteger(netNum)) return unknown('cidrsubnet() of an unknown or IPv6 prefix', at);
    const bits = prefix.bits + newBits!;
    if (bits > 32 || netNum! < 0 || netNum! >= 2 ** newBits!) return invalid('cidrsubnet(): the subnet does not fit the prefix', at);
    return scalar(`${formatIpv4(prefix.base + netNum! * 2 ** (32 - bits))}/${bits}`, at);
  },
  min: (args, at) => numeric(args, at, Math.min),
  max: (args, at) => numeric(args, at, Math.max),
};

/** `10.1.0.0/16` → its network address as a number and its prefix length; undefined for IPv6 or text that is none. */
function ipv4Prefix(cidr: string | undefined): { base: number; bits: number } | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr ?? '');
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const bits = Number(match[5]);
  if (octets.some((octet) => octet > 255) || bits > 32) return undefined;
  const address = octets.reduce((sum, octet) => sum * 256 + octet, 0);
  const size = 2 ** (32 - bits);
  return { base: address - (address % size), bits };
}

function formatIpv4(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.');
}

function numeric(args: Value[], at: Location, apply: (...n: number[]) => number): Value {
  const numbers = args.map((arg) => (arg.kind === 'scalar' ? Number(arg.value) : NaN));
  return numbers.some(Number.isNaN) ? unknown('a number is not known', at) : scalar(apply(...numbers), at);
}

export function callFunction(name: string, args: Value[], at: Location, expandLast: boolean): Value {
  const fn = FUNCTIONS[name];
  if (!fn) return unknown(`function ${name}() is not evaluated statically`, at);
  let actual = args;
  if (expandLast) {
    const spread = items(args[args.length - 1]);
    if (!spread) return unknown(`the expanded argument of ${name}() is not known`, at);
    actual = [...args.slice(0, -1), ...spread];
  }
  return fn(actual, at);
}
