import { defineRule } from '../../src/engine/rule.js';
import { parameter, parameterResource } from '../../src/model/parameters.js';
import { isKnown } from '../../src/model/setting.js';

export const requirePgaudit = defineRule({
  id: 'require-pgaudit',
  title: 'Require pgaudit session logging',
  severity: 'medium',
  section: 'Logging and threat detection',
  rationale:
    'pgaudit records who ran which statement, which the baseline asks for to track database activity. It must be in ' +
    '`shared_preload_libraries` and `pgaudit.log` must name the classes to log (for example `ddl,role`).',
  remediation: {
    terraform:
      'resource "azurerm_postgresql_flexible_server_configuration" "preload" {\n  name      = "shared_preload_libraries"\n  server_id = azurerm_postgresql_flexible_server.main.id\n  value     = "pgaudit"\n}\nresource "azurerm_postgresql_flexible_server_configuration" "pgaudit_log" {\n  name      = "pgaudit.log"\n  server_id = azurerm_postgresql_flexible_server.main.id\n  value     = "ddl,role"\n}',
    bicep: "// configurations: shared_preload_libraries = 'pgaudit', pgaudit.log = 'ddl,role'",
    arm:
      '{ "type": "Microsoft.DBforPostgreSQL/flexibleServers/configurations", "apiVersion": "2024-08-01", "name": "[format(\'{0}/shared_preload_libraries\', parameters(\'serverName\'))]", "properties": { "value": "pgaudit", "source": "user-override" } },\n' +
      '{ "type": "Microsoft.DBforPostgreSQL/flexibleServers/configurations", "apiVersion": "2024-08-01", "name": "[format(\'{0}/pgaudit.log\', parameters(\'serverName\'))]", "properties": { "value": "ddl,role", "source": "user-override" } }',
  },
  peers: ['Azure Policy dd626066-39f5-4f72-aba8-06a99fabf278', 'Azure Policy 4eb5e667-e871-4292-9c5d-8bbb94e0c908'],
  messages: {
    notLoaded: "Server '{server}' does not load pgaudit: shared_preload_libraries {how}.",
    noLog: "Server '{server}' loads pgaudit but logs nothing: pgaudit.log {how}.",
  },
  check(server, context) {
    const preload = parameter(server, 'shared_preload_libraries');
    if (!isKnown(preload)) return context.skip('shared_preload_libraries', preload);
    const libraries = (preload.value ?? '').split(',').map((name) => name.trim().toLowerCase());
    if (!libraries.includes('pgaudit')) {
      const how = preload.value === undefined ? 'is not set' : `is '${preload.value}'`;
      return context.report({ messageId: 'notLoaded', at: preload.at, setting: 'shared_preload_libraries', resource: parameterResource(server, 'shared_preload_libraries'), data: { how } });
    }
    const log = parameter(server, 'pgaudit.log');
    if (!isKnown(log)) return context.skip('pgaudit.log', log);
    if (log.value === undefined || ['', 'none'].includes(log.value.trim().toLowerCase())) {
      const how = log.value === undefined ? 'is not set' : `is '${log.value}'`;
      context.report({ messageId: 'noLog', at: log.value === undefined ? preload.at : log.at, setting: 'pgaudit.log', resource: parameterResource(server, 'pgaudit.log'), data: { how } });
    }
  },
});
