import { defineRule } from '../../src/engine/rule.js';
import { isKnown, type UnknownSetting } from '../../src/model/setting.js';

export const requireAuditLogs = defineRule({
  id: 'require-audit-logs',
  title: 'Require audit logs sent to Log Analytics',
  severity: 'high',
  section: 'Logging and threat detection',
  rationale:
    'Without a diagnostic setting the server\'s logs stay on the server, where they rotate away and cannot be correlated ' +
    'or alerted on. The baseline asks for the `audit` category group (or `allLogs`) sent to a Log Analytics workspace.',
  remediation: {
    terraform:
      'resource "azurerm_monitor_diagnostic_setting" "pg" {\n  name                       = "audit"\n  target_resource_id         = azurerm_postgresql_flexible_server.main.id\n  log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id\n  enabled_log {\n    category_group = "audit"\n  }\n}',
    bicep:
      "resource audit 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {\n  name: 'audit'\n  scope: server\n  properties: {\n    workspaceId: workspace.id\n    logs: [{ categoryGroup: 'audit', enabled: true }]\n  }\n}",
    arm: '{ "type": "Microsoft.Insights/diagnosticSettings", "scope": "[resourceId(\'Microsoft.DBforPostgreSQL/flexibleServers\', parameters(\'serverName\'))]", "properties": { "workspaceId": "[parameters(\'workspaceId\')]", "logs": [{ "categoryGroup": "audit", "enabled": true }] } }',
  },
  peers: ['Azure Policy cdd1dbc6-0004-4fcd-afd7-b67550de37ff', 'Azure Policy 78ed47da-513e-41e9-a088-e829b373281d'],
  messages: {
    none: "Server '{server}' has no diagnostic setting.",
    noAudit: "Server '{server}' has diagnostic settings, but none sends the PostgreSQLLogs category (or the audit or allLogs group) to Log Analytics.",
  },
  needsDeclaration: true,
  check(server, context) {
    const settings = server.diagnosticSettings;
    if (settings.length === 0) return context.report({ messageId: 'none', at: server.at, setting: 'diagnosticSettings' });
    const outcomes = settings.map((setting) => setting.sendsAuditLogs);
    if (outcomes.some((outcome) => isKnown(outcome) && outcome.value)) return;
    const unknown = outcomes.find((outcome): outcome is UnknownSetting => !isKnown(outcome));
    if (unknown) return context.skip('diagnosticSettings', unknown);
    const [first] = settings;
    context.report({ messageId: 'noAudit', at: first!.at, setting: 'diagnosticSettings', resource: first });
  },
});
