import { defineRule } from '../../src/engine/rule.js';
import { isKnown, notKnown } from '../../src/model/setting.js';

/** PostgreSQL community end-of-life dates (postgresql.org versioning policy). */
const END_OF_LIFE: Record<number, string> = {
  10: '2022-11-10',
  11: '2023-11-09',
  12: '2024-11-14',
  13: '2025-11-13',
  14: '2026-11-12',
  15: '2027-11-11',
  16: '2028-11-09',
  17: '2029-11-08',
  18: '2030-11-14',
};

/** Azure moved 11–13 to paid extended support on this day. */
const EXTENDED_SUPPORT_FROM = '2026-08-01';
const EXTENDED_SUPPORT_VERSIONS = new Set([11, 12, 13]);

export const requireSupportedVersion = defineRule({
  id: 'require-supported-version',
  title: 'Require a PostgreSQL major version that the community still supports',
  severity: 'medium',
  severityNote: 'high once Azure has moved the version to paid extended support',
  section: 'Related content: Azure security baseline',
  rationale:
    'After its community end of life a major version gets no more security fixes from PostgreSQL. Azure keeps 11–13 ' +
    'running under paid extended support from 1 August 2026, which is a cost, not a plan. Upgrade in place with a ' +
    'major version upgrade.',
  remediation: {
    terraform: 'version = "17"',
    bicep: "version: '17'",
    arm: '"version": "17"',
  },
  peers: [],
  messages: {
    ended: "Server '{server}' runs PostgreSQL {version}, whose community support ended on {date}{extended}.",
  },
  check(server, context) {
    const version = server.version;
    if (!isKnown(version)) return context.skip('version', version);
    const major = Number.parseInt(version.value, 10);
    if (Number.isNaN(major)) return context.skip('version', notKnown(`'${version.value}' is not a PostgreSQL major version`, version.at));
    // Anything older than the table ended before its first entry.
    const date = END_OF_LIFE[major] ?? (major < 10 ? END_OF_LIFE[10] : undefined);
    const today = context.now.toISOString().slice(0, 10);
    if (!date || date > today) return;
    const extended = EXTENDED_SUPPORT_VERSIONS.has(major) && today >= EXTENDED_SUPPORT_FROM;
    context.report({
      messageId: 'ended',
      at: version.at,
      setting: 'version',
      severity: extended ? 'high' : 'medium',
      data: { version: major, date, extended: extended ? '; Azure now bills it as extended support' : '' },
    });
  },
});
