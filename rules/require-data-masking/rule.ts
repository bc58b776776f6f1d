import { defineRule } from '../../src/engine/rule.js';
import { parameter, parameterResource } from '../../src/model/parameters.js';
import { isKnown } from '../../src/model/setting.js';

export const requireDataMasking = defineRule({
  id: 'require-data-masking',
  title: 'Require the PostgreSQL Anonymizer extension to be allowed',
  severity: 'low',
  section: 'Data protection',
  rationale:
    'The baseline recommends data masking with PostgreSQL Anonymizer (`anon`) for dumps, static and dynamic masking. ' +
    'On flexible server an extension must first be allow-listed in `azure.extensions`.',
  remediation: {
    terraform:
      'resource "azurerm_postgresql_flexible_server_configuration" "extensions" {\n  name      = "azure.extensions"\n  server_id = azurerm_postgresql_flexible_server.main.id\n  value     = "ANON,PGAUDIT"\n}',
    bicep: "properties: {\n  value: 'ANON,PGAUDIT'\n  source: 'user-override'\n}",
    arm: '"properties": { "value": "ANON,PGAUDIT", "source": "user-override" }',
  },
  peers: [],
  messages: {
    missing: "Server '{server}' does not allow the anon extension in azure.extensions{how}.",
  },
  check(server, context) {
    const extensions = parameter(server, 'azure.extensions');
    if (!isKnown(extensions)) return context.skip('azure.extensions', extensions);
    const allowed = (extensions.value ?? '').split(',').map((name) => name.trim().toLowerCase());
    if (!allowed.includes('anon')) {
      const how = extensions.value === undefined ? ' (it is not set)' : '';
      context.report({ messageId: 'missing', at: extensions.at, setting: 'azure.extensions', resource: parameterResource(server, 'azure.extensions'), data: { how } });
    }
  },
});
