import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { RULES } from '../../../rules/index.js';
import { formatJson } from '../../report/format-json.js';
import { formatSarif } from '../../report/format-sarif.js';
import { VERSION } from '../../version.js';
import type { Reporter } from '../action-context.js';

/** `sarif-file` and `json-report`, in the workspace, for upload-sarif and other steps. */
export const writeReportFiles: Reporter = async ({ inputs, env, host, verdict }) => {
  const write = (file: string, text: string) => {
    const path = resolve(env.workspace, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  };
  if (inputs.sarifFile) {
    write(inputs.sarifFile, formatSarif(verdict.result, RULES, VERSION));
    host.info(`SARIF written to ${inputs.sarifFile}: upload it with github/codeql-action/upload-sarif.`);
  }
  if (inputs.jsonReport) write(inputs.jsonReport, formatJson(verdict.result));
};
