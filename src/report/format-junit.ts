import type { Finding } from '../engine/finding.js';
import type { ScanResult } from '../engine/scan-result.js';
import { activeFindings } from '../engine/severity.js';
import { groupBy } from '../model/group-by.js';

/**
 * JUnit XML for the test tabs of Azure DevOps, GitLab and Jenkins: one suite a rule, one test case a rule × server
 * (a rule's firewall or parameter findings on one server are one case), a failure for each active finding, skipped
 * for a check that could not be evaluated, and a failing case for each file that could not be parsed.
 */
export function formatJunit(result: ScanResult): string {
  const key = (ruleId: string, resource: string) => `${ruleId}\u0000${resource}`;
  const findingsOf = groupBy(activeFindings(result.findings), (finding) => key(finding.ruleId, finding.serverAddress ?? finding.resource));
  const skipped = new Map(result.notEvaluated.map((item) => [key(item.ruleId, item.resource), item.reason]));
  const cases: TestCase[] = [];
  const covered = new Set<string>();
  for (const verdict of result.verdicts) {
    const pair = key(verdict.ruleId, verdict.resource);
    covered.add(pair);
    const found = findingsOf.get(pair);
    const open = skipped.get(pair);
    const outcome = found ? 'failure' : open ? 'skipped' : 'passed';
    const body = found ? failure(found) : open ? `<skipped message="${xml(open)}"/>` : '';
    cases.push({ suite: verdict.ruleId, outcome, xml: testcase(`${verdict.server} (${verdict.resource})`, verdict.ruleId, verdict.file, body) });
  }
  // Findings that belong to no rule × server pair: parse errors, invalid suppressions, drift on live-only servers.
  for (const [pair, found] of findingsOf) {
    if (covered.has(pair)) continue;
    const [first] = found;
    cases.push({ suite: first!.ruleId, outcome: 'failure', xml: testcase(first!.resource, first!.ruleId, first!.file, failure(found)) });
  }
  const count = (list: TestCase[], outcome: TestCase['outcome']) => list.filter((item) => item.outcome === outcome).length;
  const suites = [...groupBy(cases, (item) => item.suite)]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([suite, list]) =>
        `  <testsuite name="${xml(suite)}" tests="${list.length}" failures="${count(list, 'failure')}" skipped="${count(list, 'skipped')}">\n${list.map((item) => item.xml).join('\n')}\n  </testsuite>`,
    );
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="pgbaseline" tests="${cases.length}" failures="${count(cases, 'failure')}">`, ...suites, '</testsuites>', ''].join('\n');
}

interface TestCase {
  suite: string;
  outcome: 'failure' | 'skipped' | 'passed';
  xml: string;
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
