import type { Log, ReportingDescriptor } from 'sarif';
import { docsUrl, FINDING_KINDS, readableName } from '../engine/finding-kinds.js';
import type { Rule } from '../engine/rule.js';
import { levelOf, type Severity } from '../engine/severity.js';
import type { ScanResult } from '../engine/scan-result.js';
import { toPosix } from '../files/to-posix.js';
import { describeSuppression } from './summary.js';
import { groupNotEvaluated } from './verdicts.js';

// GitHub code scanning maps security-severity to its own labels: ≥ 9 critical, ≥ 7 high, ≥ 4 medium.
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

const FIX_LANGUAGES = [
  { label: 'Terraform', key: 'terraform', fence: 'hcl' },
  { label: 'Bicep', key: 'bicep', fence: 'bicep' },
  { label: 'ARM', key: 'arm', fence: 'json' },
] as const;

// Findings that are not catalog rules have descriptors too: every result's ruleId has one.
const KIND_DESCRIPTORS: ReportingDescriptor[] = [...FINDING_KINDS.values()].map((kind) => ({
  id: kind.id,
  name: kind.name,
  shortDescription: { text: kind.title },
  fullDescription: { text: kind.help },
  helpUri: docsUrl(kind.id),
  help: { text: kind.help, markdown: `${kind.help}\n\n[Documentation](${docsUrl(kind.id)})` },
}));

/** A path as a URI reference: each segment percent-encoded (spaces, `#`, non-ASCII), the slashes kept. */
function uriOf(file: string): string {
  return toPosix(file).split('/').map(encodeURIComponent).join('/');
}

function location(file: string, line: number) {
  return { physicalLocation: { artifactLocation: { uri: uriOf(file), uriBaseId: '%SRCROOT%' }, region: { startLine: line } } };
}

/** SARIF 2.1.0 as GitHub code scanning accepts it. `results` is always present, even when empty. */
export function formatSarif(result: ScanResult, rules: readonly Rule[], version: string): string {
  const descriptors: ReportingDescriptor[] = [
    ...rules.map((rule) => ({
      id: rule.id,
      name: readableName(rule.id),
      shortDescription: { text: rule.title },
      fullDescription: { text: rule.rationale },
      helpUri: docsUrl(rule.id),
      help: {
        text: `${rule.rationale}\n\n${FIX_LANGUAGES.map(({ label, key }) => `Fix (${label}):\n${rule.remediation[key]}`).join('\n\n')}`,
        markdown: `${rule.rationale}\n\n${FIX_LANGUAGES.map(({ label, key, fence }) => `**Fix (${label})**\n\n\`\`\`${fence}\n${rule.remediation[key]}\n\`\`\``).join('\n\n')}\n\n[Rule documentation](${docsUrl(rule.id)})`,
      },
      defaultConfiguration: { level: levelOf(rule.severity) },
      properties: { 'security-severity': SECURITY_SEVERITY[rule.severity], tags: ['security', 'azure', 'postgresql'], precision: 'high' },
    })),
    ...KIND_DESCRIPTORS,
  ];
  const indexOf = new Map(descriptors.map((descriptor, index) => [descriptor.id, index]));
  const log: Log = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: { driver: { name: 'pgbaseline', version, informationUri: 'https://github.com/pgbaseline/pgbaseline', rules: descriptors } },
        // What was not read and what could not be decided: a clean result must not hide either.
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: [
              ...result.notices.map((notice) => ({
                level: 'warning' as const,
                message: { text: notice.message },
                descriptor: { id: notice.kind },
                ...(notice.file && { locations: [location(notice.file, notice.line ?? 1)] }),
              })),
              ...groupNotEvaluated(result.notEvaluated).map((gap) => ({
                level: 'note' as const,
                message: { text: `Not evaluated on server '${gap.server}': ${gap.rules.join(', ')}. ${gap.reasons.join('; ')}` },
                descriptor: { id: 'not-evaluated' },
                locations: [location(gap.file, gap.line)],
              })),
            ],
          },
        ],
        results: result.findings.map((finding) => ({
          ruleId: finding.ruleId,
          ruleIndex: indexOf.get(finding.ruleId),
          level: levelOf(finding.severity),
          message: { text: finding.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: uriOf(finding.file), uriBaseId: '%SRCROOT%' },
                region: { startLine: finding.line, endLine: finding.endLine },
              },
              logicalLocations: [{ name: finding.resource, kind: 'resource' }],
            },
          ],
          partialFingerprints: { 'pgbaseline/v1': finding.fingerprint },
          ...(finding.suppression && {
            suppressions: [
              {
                kind: finding.suppression.kind === 'inline' ? ('inSource' as const) : ('external' as const),
                status: 'accepted' as const,
                justification: describeSuppression(finding),
              },
            ],
          }),
          properties: { 'security-severity': SECURITY_SEVERITY[finding.severity], severity: finding.severity },
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
