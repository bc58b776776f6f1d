import { defineRule, equalsIgnoreCase } from '../../src/engine/rule.js';
import { isKnown } from '../../src/model/setting.js';

export const noPublicNetworkAccess = defineRule({
  id: 'no-public-network-access',
  title: 'Disallow public network access',
  severity: 'high',
  section: 'Network security',
  rationale:
    'A server with public network access has an endpoint on the internet, protected only by its firewall rules and ' +
    'passwords. Disabling it leaves private endpoints or virtual network integration as the only way in. The azurerm ' +
    'provider and the ARM API both default to public access unless a delegated subnet is set.',
  remediation: {
    terraform: 'public_network_access_enabled = false',
    bicep: "network: {\n  publicNetworkAccess: 'Disabled'\n}",
    arm: '"network": { "publicNetworkAccess": "Disabled" }',
  },
  peers: ['Azure Policy 5e1de0e3-42cb-4ebc-a86d-61d0c619ca48', 'Trivy AVD-AZU-0022'],
  messages: {
    explicit: "Server '{server}' accepts connections from the internet: publicNetworkAccess is Enabled.",
    default: "Server '{server}' accepts connections from the internet: public access is on by default when no delegated subnet is set.",
  },
  check(server, context) {
    const access = server.publicNetworkAccess;
    const setting = 'network.publicNetworkAccess';
    if (!isKnown(access)) return context.skip(setting, access);
    if (equalsIgnoreCase(access.value, 'Enabled')) {
      context.report({ messageId: access.origin === 'default' ? 'default' : 'explicit', at: access.at, setting });
    }
  },
});
