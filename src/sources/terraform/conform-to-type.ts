import { scalar, type Value } from '../../model/value.js';
import { evaluate } from './evaluate-expression.js';
import type { Expr } from './hcl-syntax.js';

const NO_SCOPE = { traverse: () => undefined };

/**
 * Applies a variable's type constraint to its value as Terraform does before the module sees it:
 * an `optional(type, default)` attribute that the value leaves out takes its default, or null. Without
 * this, `var.settings.public_access` of `{}` would be an error instead of the declared default.
 */
export function conformToType(value: Value, type: Expr): Value {
  if (value.kind === 'unknown' || (value.kind === 'scalar' && value.value === null) || type.type !== 'call') return value;
  const [inner] = type.args;
  if (!inner) return value;
  switch (type.name) {
    case 'object':
      return value.kind === 'object' && inner.type === 'object' ? conformObject(value, inner) : value;
    case 'map':
      return value.kind === 'object'
        ? { ...value, entries: new Map([...value.entries].map(([key, item]) => [key, conformToType(item, inner)])) }
        : value;
    case 'list':
    case 'set':
      return value.kind === 'array' ? { ...value, items: value.items.map((item) => conformToType(item, inner)) } : value;
    default:
      return value;
  }
}

function conformObject(value: Extract<Value, { kind: 'object' }>, type: Extract<Expr, { type: 'object' }>): Value {
  const entries = new Map(value.entries);
  for (const attribute of type.items) {
    const name = attribute.key.type === 'literal' ? String(attribute.key.value) : attribute.key.type === 'variable' ? attribute.key.name : undefined;
    if (name === undefined) continue;
    const optional = attribute.value.type === 'call' && attribute.value.name === 'optional' ? attribute.value : undefined;
    const attributeType = optional ? optional.args[0] : attribute.value;
    const given = entries.get(name);
    if (given) {
      entries.set(name, attributeType ? conformToType(given, attributeType) : given);
    } else if (optional) {
      const fallback = optional.args[1];
      const filled = fallback ? evaluate(fallback, NO_SCOPE) : scalar(null, value.at);
      entries.set(name, attributeType ? conformToType(filled, attributeType) : filled);
    }
  }
  return { ...value, entries };
}
