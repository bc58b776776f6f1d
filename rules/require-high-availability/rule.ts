import { defineRule, equalsIgnoreCase } from '../../src/engine/rule.js';
import { isKnown } from '../../src/model/setting.js';

export const requireHighAvailability = defineRule({
  id: 'require-high-availability',
  title: 'Require zone-redundant high availability',
  severity: 'medium',
  severityNote: 'low when the mode is SameZone',
  section: 'Backup and recovery',
  rationale:
    'Zone-redundant high availability keeps a standby in another availability zone and fails over automatically, so a ' +
    'zone outage does not take the database down. SameZone HA protects against host failure only. The Burstable tier ' +
    'cannot run HA; such servers are listed as not evaluated.',
  remediation: {
    terraform: 'high_availability {\n  mode = "ZoneRedundant"\n}',
    bicep: "highAvailability: {\n  mode: 'ZoneRedundant'\n}",
    arm: '"highAvailability": { "mode": "ZoneRedundant" }',
  },
  peers: ['PSRule Azure.PostgreSQL.ZoneRedundantHA (AZR-000434)', 'Azure Policy 493c215d-2553-4976-bc81-57d2c04fc8c1'],
  messages: {
    off: "Server '{server}' has no high availability{how}.",
    sameZone: "Server '{server}' keeps its HA standby in the same zone; a zone outage takes both down.",
  },
  exemptsReplicas: true,
  impossibleOn: { tiers: ['Burstable'], reason: 'the Burstable tier cannot run high availability' },
  check(server, context) {
    const mode = server.highAvailabilityMode;
    if (!isKnown(mode)) return context.skip('highAvailability.mode', mode);
    if (equalsIgnoreCase(mode.value, 'SameZone')) {
      context.report({ messageId: 'sameZone', at: mode.at, setting: 'highAvailability.mode', severity: 'low' });
    } else if (!equalsIgnoreCase(mode.value, 'ZoneRedundant')) {
      const how = mode.origin === 'default' ? ' (it is off by default)' : '';
      context.report({ messageId: 'off', at: mode.at, setting: 'highAvailability.mode', data: { how } });
    }
  },
});
