import { defineRule } from '../../src/engine/rule.js';

export const noSingleServer = defineRule({
  id: 'no-single-server',
  title: 'Disallow the retired Azure Database for PostgreSQL single server',
  severity: 'high',
  section: 'Related content: Azure security baseline',
  rationale:
    'Single server was retired on 28 March 2025: it receives no security updates and none of the flexible-server ' +
    'controls in this baseline apply to it. azurerm 5.0 removed its resources. Migrate to flexible server.',
  remediation: {
    terraform: 'resource "azurerm_postgresql_flexible_server" "main" {\n  # migrate from azurerm_postgresql_server\n}',
    bicep: "resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {\n  // migrate from Microsoft.DBforPostgreSQL/servers\n}",
    arm: '{ "type": "Microsoft.DBforPostgreSQL/flexibleServers", "apiVersion": "2024-08-01" }',
  },
  peers: [],
  appliesTo: 'single',
  messages: {
    retired: "Server '{server}' is a retired single server; migrate it to flexible server.",
  },
  check(server, context) {
    context.report({ messageId: 'retired', at: server.at, setting: 'type' });
  },
});
