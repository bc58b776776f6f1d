import { Ajv, type ErrorObject } from 'ajv';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Rule } from '../engine/rule.js';
import type { Severity } from '../engine/severity.js';
import type { Config, ConfigSuppression, RuleSettings } from './config.js';
import { ConfigError } from './find-config.js';
import { isValidDate } from './calendar-day.js';
import { buildConfigSchema } from './config-schema.js';

/** Reads and validates a configuration file against the schema built from `rules`. */
export function loadConfig(file: string, rules: readonly Rule[], displayName = file): Config {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`${displayName}: cannot read the configuration (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const [syntaxError] = doc.errors;
  if (syntaxError) {
    const line = lines.linePos(syntaxError.pos[0]).line;
    throw new ConfigError(`${displayName}:${line}: invalid YAML: ${syntaxError.message.split('\n')[0]}`);
  }
  const data = (doc.toJS() ?? {}) as Record<string, unknown>;
  const ajv = new Ajv({ allErrors: false, strict: false });
  const validate = ajv.compile(buildConfigSchema(rules));
  if (!validate(data)) throw new ConfigError(describeError(validate.errors?.[0], doc, lines, displayName));
  const config = toConfig(data, dirname(file), file);
  config.suppressions.forEach((suppression, index) => {
    if (suppression.until !== undefined && !isValidDate(suppression.until)) {
      const node = doc.getIn(['suppressions', index, 'until'], true) as Node | undefined;
      const line = node?.range ? lines.linePos(node.range[0]).line : 1;
      throw new ConfigError(`${displayName}:${line}: 'suppressions.${index}.until' is not a real date: ${suppression.until}`);
    }
  });
  return config;
}

function describeError(error: ErrorObject | undefined, doc: Document, lines: LineCounter, file: string): string {
  if (!error) return `${file}: invalid configuration`;
  const path = error.instancePath.split('/').slice(1).map((step) => (/^\d+$/.test(step) ? Number(step) : step.replaceAll('~1', '/').replaceAll('~0', '~')));
  let key = path.join('.');
  let node = doc.getIn(path, true) as Node | undefined;
  let problem = error.message ?? 'is invalid';
  if (error.keyword === 'additionalProperties') {
    const extra = String(error.params.additionalProperty);
    key = key ? `${key}.${extra}` : extra;
    node = findKey(doc.getIn(path, true) ?? doc.contents, extra) ?? node;
    problem = path.length === 0 ? 'is not a known setting' : key.startsWith('rules.') && path.length === 1 ? 'is not a known rule id' : 'is not allowed here';
  } else if (error.keyword === 'enum') {
    problem = `must be one of ${(error.params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')}`;
  } else if (error.keyword === 'required') {
    problem = `needs '${String(error.params.missingProperty)}'`;
  }
  const offset = node?.range?.[0];
  const line = offset === undefined ? 1 : lines.linePos(offset).line;
  return `${file}:${line}: '${key || '(top level)'}' ${problem}`;
}

function findKey(node: unknown, key: string): Node | undefined {
  if (!isMap(node)) return undefined;
  const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === key);
  return pair && isPair(pair) ? (pair.key as Node) : undefined;
}

function toConfig(data: Record<string, unknown>, dir: string, file: string): Config {
  const rules: Record<string, RuleSettings> = {};
  for (const [id, entry] of Object.entries((data.rules ?? {}) as Record<string, unknown>)) {
    if (typeof entry === 'object' && entry !== null) {
      const { enabled, severity, options } = entry as { enabled?: boolean; severity?: Severity; options?: Record<string, number> };
      rules[id] = { enabled: enabled ?? true, severity, options: options ?? {} };
    } else {
      rules[id] = { enabled: entry === true || entry === 'on', options: {} };
    }
  }
  return {
    file,
    dir,
    rules,
    ignorePaths: (data.ignorePaths as string[] | undefined) ?? [],
    suppressions: (data.suppressions as ConfigSuppression[] | undefined) ?? [],
    unsuppressible: (data.unsuppressible as string[] | undefined) ?? [],
    failOn: data.failOn as Config['failOn'],
    baseline: data.baseline as string | undefined,
  };
}
