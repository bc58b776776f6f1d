import { defineRule } from '../../src/engine/rule.js';
import { isOff, parameter, parameterResource } from '../../src/model/parameters.js';
import { isKnown } from '../../src/model/setting.js';

export const requireSecureTransport = defineRule({
  id: 'require-secure-transport',
  title: 'Require encrypted connections',
  severity: 'critical',
  section: 'Data protection',
  rationale:
    'With require_secure_transport off, clients may connect without TLS and send passwords and data in clear text over ' +
    'the network. It is on by default; turning it off is almost always a workaround for an old client.',
  remediation: {
    terraform:
      'resource "azurerm_postgresql_flexible_server_configuration" "secure_transport" {\n  name      = "require_secure_transport"\n  server_id = azurerm_postgresql_flexible_server.main.id\n  value     = "on"\n}',
    bicep: "properties: {\n  value: 'on'\n  source: 'user-override'\n}",
    arm: '"properties": { "value": "on", "source": "user-override" }',
  },
  peers: ['Azure Policy c29c38cb-74a7-4505-9a06-e588ab86620a', 'Trivy AVD-AZU-0020'],
  messages: {
    off: "Server '{server}' accepts unencrypted connections: require_secure_transport is '{value}'.",
  },
  check(server, context) {
    const transport = parameter(server, 'require_secure_transport');
    if (!isKnown(transport)) return context.skip('require_secure_transport', transport);
    if (isOff(transport.value)) {
      context.report({ messageId: 'off', at: transport.at, setting: 'require_secure_transport', resource: parameterResource(server, 'require_secure_transport'), data: { value: transport.value } });
    }
  },
});
