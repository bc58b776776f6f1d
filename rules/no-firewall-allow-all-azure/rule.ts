import { defineRule } from '../../src/engine/rule.js';
import { readFirewallRange } from '../../src/model/firewall.js';

export const noFirewallAllowAllAzure = defineRule({
  id: 'no-firewall-allow-all-azure',
  title: 'Disallow the firewall rule that admits all Azure services',
  severity: 'high',
  section: 'Network security',
  rationale:
    'The rule 0.0.0.0–0.0.0.0 ("Allow public access from any Azure service") admits every Azure resource of every ' +
    'tenant, including an attacker\'s virtual machines, not only your own. Use private endpoints or virtual network ' +
    'integration, or name the outbound addresses of your own services.',
  remediation: {
    terraform: '# Remove the 0.0.0.0 rule; connect from Azure through a private endpoint instead',
    bicep: '// Remove the 0.0.0.0 firewall rule; connect from Azure through a private endpoint instead',
    arm: '// Remove the 0.0.0.0 firewall rule; connect from Azure through a private endpoint instead',
  },
  peers: ['Checkov CKV2_AZURE_26', 'KICS d7ba74da-2da0-4d4b-83c8-2fd72a3f6c28', 'PSRule Azure.PostgreSQL.AllowAzureAccess (single server)'],
  messages: {
    allowAzure: "Firewall rule '{rule}' on server '{server}' admits every Azure service of every tenant (0.0.0.0–0.0.0.0).",
  },
  check(server, context) {
    for (const rule of server.firewallRules) {
      const range = readFirewallRange(rule);
      if ('unknown' in range) {
        context.skip('firewallRules', range.unknown);
      } else if (range.allowsAllAzure) {
        context.report({ messageId: 'allowAzure', at: range.at, setting: 'startIpAddress', resource: rule, data: { rule: rule.name } });
      }
    }
  },
});
