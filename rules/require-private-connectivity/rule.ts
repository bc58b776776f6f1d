import { defineRule } from '../../src/engine/rule.js';
import { isKnown } from '../../src/model/setting.js';

export const requirePrivateConnectivity = defineRule({
  id: 'require-private-connectivity',
  title: 'Require a private endpoint or virtual network integration',
  severity: 'medium',
  section: 'Network security',
  rationale:
    'Private endpoints and virtual network integration keep database traffic on private addresses inside your network. ' +
    'Without either, clients must reach the server over a public endpoint.',
  remediation: {
    terraform:
      'resource "azurerm_private_endpoint" "pg" {\n  # name, location, resource_group_name, subnet_id …\n  private_service_connection {\n    name                           = "pg"\n    private_connection_resource_id = azurerm_postgresql_flexible_server.main.id\n    subresource_names              = ["postgresqlServer"]\n    is_manual_connection           = false\n  }\n}',
    bicep:
      "resource endpoint 'Microsoft.Network/privateEndpoints@2023-11-01' = {\n  // name, location, subnet …\n  properties: {\n    privateLinkServiceConnections: [{\n      name: 'pg'\n      properties: { privateLinkServiceId: server.id, groupIds: ['postgresqlServer'] }\n    }]\n  }\n}",
    arm: '"privateLinkServiceConnections": [{ "name": "pg", "properties": { "privateLinkServiceId": "[resourceId(\'Microsoft.DBforPostgreSQL/flexibleServers\', parameters(\'serverName\'))]", "groupIds": ["postgresqlServer"] } }]',
  },
  peers: ['Azure Policy 5375a5bb-22c6-46d7-8a43-83417cfb4460', 'Checkov CKV2_AZURE_57'],
  messages: {
    none: "Server '{server}' has neither a private endpoint nor virtual network integration.",
  },
  check(server, context) {
    const delegated = server.delegatedSubnet;
    if (!isKnown(delegated)) return context.skip('network.delegatedSubnetResourceId', delegated);
    if (!delegated.value && server.privateEndpoints.length === 0) {
      context.report({ messageId: 'none', at: server.at, setting: 'network' });
    }
  },
});
