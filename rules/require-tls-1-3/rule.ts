import { defineRule } from '../../src/engine/rule.js';
import { parameter, parameterResource } from '../../src/model/parameters.js';
import { isKnown } from '../../src/model/setting.js';

/** `TLSv1.2` → 1.2; PostgreSQL spells the minimum as `TLSv1`, `TLSv1.1`, `TLSv1.2` or `TLSv1.3`. */
function tlsVersion(value: string): number | undefined {
  const match = /^tls\s*v?\s*(1(?:[._]\d)?)$/i.exec(value.trim());
  return match?.[1] ? Number(match[1].replace('_', '.')) : undefined;
}

export const requireTls13 = defineRule({
  id: 'require-tls-1-3',
  title: 'Require TLS 1.3 as the minimum protocol version',
  severity: 'medium',
  severityNote: 'high when the minimum is below TLS 1.2',
  section: 'Data protection',
  rationale:
    'The baseline asks for TLS 1.3 on every connection: it drops legacy cipher suites and renegotiation and encrypts ' +
    'more of the handshake. The server default is TLS 1.2; anything below 1.2 has known weaknesses.',
  remediation: {
    terraform:
      'resource "azurerm_postgresql_flexible_server_configuration" "tls" {\n  name      = "ssl_min_protocol_version"\n  server_id = azurerm_postgresql_flexible_server.main.id\n  value     = "TLSv1.3"\n}',
    bicep: "properties: {\n  value: 'TLSv1.3'\n  source: 'user-override'\n}",
    arm: '"properties": { "value": "TLSv1.3", "source": "user-override" }',
  },
  peers: ['Azure Policy a43d5475-c569-45ce-a268-28fa79f4e87a (accepts 1.2)', 'Trivy AVD-AZU-0026 (accepts 1.2)'],
  messages: {
    below: "Server '{server}' accepts {value} connections{how}; require TLSv1.3.",
    unreadable: "Server '{server}' has an unrecognised ssl_min_protocol_version '{value}'.",
  },
  check(server, context) {
    const setting = 'ssl_min_protocol_version';
    const minimum = parameter(server, setting);
    const resource = parameterResource(server, setting);
    if (!isKnown(minimum)) return context.skip(setting, minimum);
    if (minimum.value === undefined) return;
    const version = tlsVersion(minimum.value);
    if (version === undefined) {
      context.report({ messageId: 'unreadable', at: minimum.at, setting, resource, data: { value: minimum.value } });
    } else if (version < 1.3) {
      const how = minimum.origin === 'default' ? ' (the default minimum)' : '';
      context.report({
        messageId: 'below',
        at: minimum.at,
        setting,
        resource,
        data: { value: minimum.value, how },
        severity: version < 1.2 ? 'high' : 'medium',
      });
    }
  },
});
