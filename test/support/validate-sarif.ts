import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';

// The schema is draft-04 (`id`); ajv reads it as a later draft once `id` is `$id`. Its patterns are not valid with
// the `u` flag, as draft-04 did not use it.
const schema = JSON.parse(readFileSync(join(import.meta.dirname, 'sarif', 'sarif-2.1.0-rtm.5.json'), 'utf8')) as Record<string, unknown>;
const { id, ...rest } = schema;
delete rest.$schema;
const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
addFormats.default(ajv);
const validate = ajv.compile({ ...rest, $id: String(id) });

/** The schema's complaints about a SARIF log; empty when it is valid. */
export function sarifErrors(log: unknown): string[] {
  return validate(log) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}
