import { defineRule, equalsIgnoreCase } from '../../src/engine/rule.js';
import { parameter, parameterResource } from '../../src/model/parameters.js';
import { isKnown } from '../../src/model/setting.js';

export const requireScramAuth = defineRule({
  id: 'require-scram-auth',
  title: 'Require SCRAM-SHA-256 for local passwords',
  severity: 'medium',
  section: 'Identity management',
  rationale:
    'MD5 password hashes can be replayed and cracked offline; SCRAM-SHA-256 never sends a reusable secret. Where local ' +
    'authentication stays on, store and accept only SCRAM. PostgreSQL 13 and older default to md5.',
  remediation: {
    terraform:
      'resource "azurerm_postgresql_flexible_server_configuration" "password_encryption" {\n  name      = "password_encryption"\n  server_id = azurerm_postgresql_flexible_server.main.id\n  value     = "scram-sha-256"\n}',
    bicep:
      "resource passwordEncryption 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {\n  parent: server\n  name: 'password_encryption'\n  properties: { value: 'scram-sha-256', source: 'user-override' }\n}",
    arm: '{ "type": "Microsoft.DBforPostgreSQL/flexibleServers/configurations", "name": "[format(\'{0}/password_encryption\', parameters(\'serverName\'))]", "properties": { "value": "scram-sha-256", "source": "user-override" } }',
  },
  peers: [],
  messages: {
    encryption: "Server '{server}' stores local passwords as MD5 hashes (password_encryption is md5{how}).",
    accepted: "Server '{server}' accepts MD5 password sign-in (azure.accepted_password_auth_method is '{value}').",
  },
  check(server, context) {
    const passwordAuth = server.passwordAuth;
    if (!isKnown(passwordAuth)) return context.skip('authConfig.passwordAuth', passwordAuth);
    if (equalsIgnoreCase(passwordAuth.value, 'Disabled')) return;
    const encryption = parameter(server, 'password_encryption');
    if (!isKnown(encryption)) {
      context.skip('password_encryption', encryption);
    } else if (encryption.value !== undefined && equalsIgnoreCase(encryption.value, 'md5')) {
      const how = encryption.origin === 'default' ? ', the default before PostgreSQL 14' : '';
      context.report({ messageId: 'encryption', at: encryption.at, setting: 'password_encryption', resource: parameterResource(server, 'password_encryption'), data: { how } });
    }
    const accepted = parameter(server, 'azure.accepted_password_auth_method');
    if (!isKnown(accepted)) {
      context.skip('azure.accepted_password_auth_method', accepted);
    } else if (accepted.value !== undefined && /\bmd5\b/i.test(accepted.value)) {
      context.report({ messageId: 'accepted', at: accepted.at, setting: 'azure.accepted_password_auth_method', resource: parameterResource(server, 'azure.accepted_password_auth_method'), data: { value: accepted.value } });
    }
  },
});
