import type { Rule } from '../engine/rule.js';
import { SEVERITIES } from '../engine/severity.js';

const DATE = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;

/**
 * The JSON Schema of `.pgbaseline.yml`, built from the rule catalog so that rule ids and each rule's
 * options are checked exactly. `npm run docs` also writes it to schema/ for editors.
 */
export function buildConfigSchema(rules: readonly Rule[]): Record<string, unknown> {
  const ruleIds = rules.map((rule) => rule.id);
  const ruleEntries = Object.fromEntries(
    rules.map((rule) => [
      rule.id,
      {
        description: rule.title,
        // if/then/else rather than oneOf, so that a validation error comes from the form actually written.
        if: { type: 'object' },
        then: {
          type: 'object',
          additionalProperties: false,
          properties: {
            enabled: { type: 'boolean' },
            severity: { enum: [...SEVERITIES] },
            options: {
              type: 'object',
              additionalProperties: false,
              properties: Object.fromEntries(
                Object.entries(rule.options ?? {}).map(([name, option]) => [name, { type: 'number', description: option.description }]),
              ),
            },
          },
        },
        else: { enum: ['on', 'off', true, false] },
      },
    ]),
  );
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'pgbaseline configuration (.pgbaseline.yml)',
    type: 'object',
    additionalProperties: false,
    properties: {
      rules: { type: 'object', additionalProperties: false, properties: ruleEntries },
      ignorePaths: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Globs, relative to this file, of paths not to scan' },
      suppressions: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['rule', 'reason'],
          properties: {
            rule: { enum: ruleIds },
            path: { type: 'string', minLength: 1, description: 'Glob, relative to this file' },
            resource: { type: 'string', minLength: 1, description: 'Resource address; * matches any run of characters' },
            reason: { type: 'string', minLength: 1 },
            until: { ...DATE, description: 'YYYY-MM-DD; after this day the suppression no longer applies' },
          },
        },
      },
      unsuppressible: { type: 'array', items: { enum: ruleIds }, description: 'Rules that no inline comment can silence' },
      failOn: { enum: [...SEVERITIES, 'none'] },
      baseline: { type: 'string', minLength: 1, description: 'Baseline file of accepted findings, relative to this file' },
    },
  };
}
