import { defineRule, equalsIgnoreCase } from '../../src/engine/rule.js';
import { isKnown } from '../../src/model/setting.js';

export const requireEntraAuth = defineRule({
  id: 'require-entra-auth',
  title: 'Require Microsoft Entra authentication',
  severity: 'high',
  section: 'Identity management',
  rationale:
    'Microsoft Entra authentication brings central identities, conditional access, MFA and managed identities to the ' +
    'database; local PostgreSQL passwords have none of these. Entra authentication is off by default.',
  remediation: {
    terraform: 'authentication {\n  active_directory_auth_enabled = true\n  password_auth_enabled         = false\n  tenant_id                     = data.azurerm_client_config.current.tenant_id\n}',
    bicep: "authConfig: {\n  activeDirectoryAuth: 'Enabled'\n  passwordAuth: 'Disabled'\n  tenantId: tenant().tenantId\n}",
    arm: '"authConfig": { "activeDirectoryAuth": "Enabled", "passwordAuth": "Disabled", "tenantId": "[subscription().tenantId]" }',
  },
  peers: ['PSRule Azure.PostgreSQL.AAD (AZR-000389)', 'Azure Policy ce39a96d-bf09-4b60-8c32-e85d52abea0f'],
  messages: {
    explicit: "Server '{server}' does not accept Microsoft Entra sign-in: activeDirectoryAuth is {value}.",
    default: "Server '{server}' does not accept Microsoft Entra sign-in: Entra authentication is off by default.",
  },
  check(server, context) {
    const entra = server.activeDirectoryAuth;
    const setting = 'authConfig.activeDirectoryAuth';
    if (!isKnown(entra)) return context.skip(setting, entra);
    if (!equalsIgnoreCase(entra.value, 'Enabled')) {
      context.report({ messageId: entra.origin === 'default' ? 'default' : 'explicit', at: entra.at, setting, data: { value: entra.value } });
    }
  },
});
