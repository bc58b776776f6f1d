import { defineRule, equalsIgnoreCase } from '../../src/engine/rule.js';
import { isKnown } from '../../src/model/setting.js';

export const requireEntraAdmin = defineRule({
  id: 'require-entra-admin',
  title: 'Require a Microsoft Entra administrator when Entra authentication is on',
  severity: 'medium',
  section: 'Identity management',
  rationale:
    'With Entra authentication on but no Entra administrator, nobody can create Entra roles in the database, so teams ' +
    'fall back to the local administrator password. Declare the administrator (a group is best) next to the server.',
  remediation: {
    terraform:
      'resource "azurerm_postgresql_flexible_server_active_directory_administrator" "admin" {\n  server_name         = azurerm_postgresql_flexible_server.main.name\n  resource_group_name = azurerm_resource_group.main.name\n  tenant_id           = data.azurerm_client_config.current.tenant_id\n  object_id           = var.dba_group_object_id\n  principal_name      = "dba-group"\n  principal_type      = "Group"\n}',
    bicep:
      "resource admin 'Microsoft.DBforPostgreSQL/flexibleServers/administrators@2024-08-01' = {\n  parent: server\n  name: dbaGroupObjectId\n  properties: { principalType: 'Group', principalName: 'dba-group', tenantId: tenant().tenantId }\n}",
    arm: '{ "type": "Microsoft.DBforPostgreSQL/flexibleServers/administrators", "name": "[format(\'{0}/{1}\', parameters(\'serverName\'), parameters(\'dbaGroupObjectId\'))]", "properties": { "principalType": "Group", "principalName": "dba-group", "tenantId": "[subscription().tenantId]" } }',
  },
  peers: ['PSRule Azure.PostgreSQL.AAD (AZR-000389)', 'Azure Policy ce39a96d-bf09-4b60-8c32-e85d52abea0f'],
  messages: {
    missing: "Server '{server}' has Entra authentication on but no Entra administrator is declared for it.",
  },
  check(server, context) {
    const entra = server.activeDirectoryAuth;
    if (!isKnown(entra)) return context.skip('authConfig.activeDirectoryAuth', entra);
    if (equalsIgnoreCase(entra.value, 'Enabled') && server.administrators.length === 0) {
      context.report({ messageId: 'missing', at: server.at, setting: 'administrators' });
    }
  },
});
