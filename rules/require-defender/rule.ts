import { defineRule, equalsIgnoreCase } from '../../src/engine/rule.js';
import { isKnown, type UnknownSetting } from '../../src/model/setting.js';

export const requireDefender = defineRule({
  id: 'require-defender',
  title: 'Require Microsoft Defender for open-source relational databases',
  severity: 'medium',
  section: 'Logging and threat detection',
  rationale:
    'Defender detects anomalous access, brute-force sign-in attempts and suspicious queries, and raises security alerts. ' +
    'Turn it on per server (advanced threat protection) or for the subscription (Defender plan ' +
    '`OpenSourceRelationalDatabases`, tier Standard).',
  remediation: {
    terraform:
      'resource "azurerm_security_center_subscription_pricing" "oss_databases" {\n  tier          = "Standard"\n  resource_type = "OpenSourceRelationalDatabases"\n}',
    bicep:
      "resource threatProtection 'Microsoft.DBforPostgreSQL/flexibleServers/advancedThreatProtectionSettings@2024-08-01' = {\n  parent: server\n  name: 'Default'\n  properties: { state: 'Enabled' }\n}",
    arm: '{ "type": "Microsoft.DBforPostgreSQL/flexibleServers/advancedThreatProtectionSettings", "name": "[format(\'{0}/Default\', parameters(\'serverName\'))]", "properties": { "state": "Enabled" } }',
  },
  peers: ['Azure Policy d38668f5-d155-42c7-ab3d-9b57b50f8fbf', 'PSRule Azure.Defender.OssRdb'],
  messages: {
    off: "Server '{server}' is not covered by Microsoft Defender: no threat protection setting or Defender plan enables it.",
  },
  needsDeclaration: true,
  check(server, context) {
    const states = [...server.threatProtection.map((atp) => atp.state), ...server.defenderPlans.map((plan) => plan.tier)];
    if (states.some((state) => isKnown(state) && ['enabled', 'standard'].some((on) => equalsIgnoreCase(state.value, on)))) return;
    const unknown = states.find((state): state is UnknownSetting => !isKnown(state));
    if (unknown) return context.skip('advancedThreatProtectionSettings', unknown);
    context.report({ messageId: 'off', at: server.threatProtection[0]?.at ?? server.at, setting: 'advancedThreatProtectionSettings' });
  },
});
