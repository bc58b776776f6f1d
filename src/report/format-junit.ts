import type { Finding } from '../engine/finding.js';
import type { ScanResult } from '../engine/scan-result.js';
import { activeFindings } from '../engine/severity.js';

/**
 * JUnit XML for the test tabs of Azure DevOps, GitLab and Jenkins: one suite a rule, one test case a rule × server
 * (a rule's firewall or parameter findings on one server are one case), a failure for each active finding, skipped
 * for a check that could not be evaluated, and a failing case for each file that could not be parsed.
 */
export function formatJunit(result: ScanResult): string {
  const active = activeFindings(result.findings);
  const key = (ruleId: string, resource: string) => `${ruleId}\u0000${resource}`;
  const findingsOf = new Map<string, Finding[]>();
  for (const finding of active) {
    const pair = key(finding.ruleId, finding.serverAddress ?? finding.resource);
    findingsOf.set(pair, [...(findingsOf.get(pair) ?? []), finding]);
  }
  const skipped = new Map(result.notEvaluated.map((item) => [key(item.ruleId, item.resource), item.reason]));
  const suites = new Map<string, string[]>();
  const add = (suite: string, testcase: string) => suites.set(suite, [...(suites.get(suite) ?? []), testcase]);
  const covered = new Set<string>();
  for (const verdict of result.verdicts) {
    const pair = key(verdict.ruleId, verdict.resource);
    covered.add(pair);
    const found = findingsOf.get(pair) ?? [];
    const open = skipped.get(pair);
    const body = found.length ? failure(found) : open ? `<skipped message="${xml(open)}"/>` : '';
    add(verdict.ruleId, testcase(`${verdict.server} (${verdict.resource})`, verdict.ruleId, verdict.file, body));
  }
  // Findings that belong to no rule × server pair: parse errors, invalid suppressions, drift on live-only servers.
  for (const [pair, found] of findingsOf) {
    if (covered.has(pair)) continue;
    const [first] = found;
    add(first!.ruleId, testcase(first!.resource, first!.ruleId, first!.file, failure(found)));
  }
  const body = [...suites]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([suite, cases]) => {
      const failures = cases.filter((item) => item.includes('<failure')).length;
      const skips = cases.filter((item) => item.includes('<skipped')).length;
      return `  <testsuite name="${xml(suite)}" tests="${cases.length}" failures="${failures}" skipped="${skips}">\n${cases.join('\n')}\n  </testsuite>`;
    });
  const total = [...suites.values()].flat();
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="pgbaseline" tests="${total.length}" failures="${total.filter((item) => item.includes('<failure')).length}">`,
    ...body,
    '</testsuites>',
    '',
  ].join('\n');
}

function testcase(name: string, classname: string, file: string, body: string): string {
  return `    <testcase name="${xml(name)}" classname="pgbaseline.${xml(classname)}" file="${xml(file)}">${body}</testcase>`;
}

/** One failure a test case (what JUnit readers expect), listing every finding of the rule on the server. */
function failure(found: Finding[]): string {
  const [first] = found;
  const message = found.length > 1 ? `${first!.message} (and ${found.length - 1} more)` : first!.message;
  const details = found.map((finding) => `${finding.file}:${finding.line} ${finding.message}${finding.fix ? `\nFix:\n${finding.fix}` : ''}`).join('\n\n');
  return `<failure type="${first!.severity}" message="${xml(message)}">${xml(details)}</failure>`;
}

/** XML-escaped, without the control characters XML 1.0 forbids. */
function xml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
