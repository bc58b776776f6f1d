import { defineRule } from '../../src/engine/rule.js';

export const noFirewallRules = defineRule({
  id: 'no-firewall-rules',
  title: 'Disallow firewall rules in favour of private connectivity',
  severity: 'low',
  section: 'Network security',
  rationale:
    'The baseline calls IP firewall rules a legacy way to admit clients and recommends private endpoints or virtual ' +
    'network integration instead: firewall rules keep a public endpoint alive and drift as client addresses change.',
  remediation: {
    terraform: '# Replace the firewall rule with an azurerm_private_endpoint (subresource_names = ["postgresqlServer"])',
    bicep: "// Replace the firewall rule with a Microsoft.Network/privateEndpoints resource (groupIds: ['postgresqlServer'])",
    arm: '// Replace the firewall rule with a Microsoft.Network/privateEndpoints resource (groupIds: ["postgresqlServer"])',
  },
  peers: ['PSRule Azure.PostgreSQL.FirewallRuleCount (single server)'],
  messages: {
    rule: "Server '{server}' has firewall rule '{rule}'; prefer private endpoints or virtual network integration.",
  },
  check(server, context) {
    for (const rule of server.firewallRules) {
      context.report({ messageId: 'rule', at: rule.at, setting: 'firewallRules', resource: rule, data: { rule: rule.name } });
    }
  },
});
