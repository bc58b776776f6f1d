import type { Problem } from '../../model/problem.js';
import type { Value } from '../../model/value.js';
import { parseJson } from '../json/parse-json.js';
import { readSource } from '../read-source.js';

/** Reads a JSON input given on the command line; problems name the file and line. */
export function readJsonDocument(cwd: string, file: string, maxBytes: number | undefined, problems: Problem[]): Value | undefined {
  const source = readSource(cwd, file, maxBytes);
  if ('problem' in source) {
    problems.push(source.problem);
    return undefined;
  }
  const parsed = parseJson(file, source.text);
  if (parsed.problem) {
    problems.push(parsed.problem);
    return undefined;
  }
  return parsed.value;
}
