import { DIRECTIVE_PREFIX } from '../model/annotations.js';
import type { Location } from '../model/location.js';
import { isValidDate } from '../config/calendar-day.js';

/** `pgbaseline:ignore <rule-id>[,<rule-id>] [until=YYYY-MM-DD] -- <reason>` */
export interface Directive {
  ruleIds: string[];
  until?: string;
  reason: string;
  at: Location;
}

export interface InvalidDirective {
  problem: string;
  at: Location;
}

const MARKER = /pgbaseline:ignore\b/;
export const DIRECTIVE_SYNTAX = 'pgbaseline:ignore <rule-id>[,<rule-id>] [until=YYYY-MM-DD] -- <reason>';


/**
 * Reads a suppression from a comment's text (`#`, `//` or `/* *\/`). Returns undefined for comments
 * that are not suppressions, and a problem for ones that are but cannot apply.
 */
export function parseDirective(text: string, at: Location, knownRules: ReadonlySet<string>): Directive | InvalidDirective | undefined {
  const body = text.replace(/^\s*(#|\/\/|\/\*)/, '').replace(/\*\/\s*$/, '').replace(/\s+/g, ' ').trim();
  if (!body.startsWith(DIRECTIVE_PREFIX) || !MARKER.test(body)) return undefined;
  const rest = body.slice(DIRECTIVE_PREFIX.length);
  const separator = rest.indexOf('--');
  const reason = separator >= 0 ? rest.slice(separator + 2).trim() : '';
  const head = (separator >= 0 ? rest.slice(0, separator) : rest).trim();
  const untilMatch = /(?:^|\s)until=(\S*)/.exec(head);
  const ruleIds = head
    .replace(/(?:^|\s)until=\S*/, '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  if (ruleIds.length === 0) return { problem: 'it names no rule', at };
  const unknownIds = ruleIds.filter((id) => !knownRules.has(id));
  if (unknownIds.length) return { problem: `unknown rule id ${unknownIds.map((id) => `'${id}'`).join(', ')}`, at };
  const until = untilMatch?.[1];
  if (until !== undefined && !isValidDate(until)) return { problem: `'${until}' is not a real date written YYYY-MM-DD`, at };
  if (!reason) return { problem: "it gives no reason after '--'", at };
  return { ruleIds, reason, at, ...(until ? { until } : {}) };
}
