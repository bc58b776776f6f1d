import { defineRule, equalsIgnoreCase } from '../../src/engine/rule.js';
import { isKnown } from '../../src/model/setting.js';

export const noPasswordAuth = defineRule({
  id: 'no-password-auth',
  title: 'Disallow PostgreSQL password authentication',
  severity: 'high',
  section: 'Identity management',
  rationale:
    'The baseline asks for Microsoft Entra authentication only, not mixed mode: as long as local passwords work, the ' +
    'administrator password and every local role remain a way in that bypasses Entra controls. Password ' +
    'authentication is on by default.',
  remediation: {
    terraform: 'authentication {\n  active_directory_auth_enabled = true\n  password_auth_enabled         = false\n}',
    bicep: "authConfig: {\n  activeDirectoryAuth: 'Enabled'\n  passwordAuth: 'Disabled'\n}",
    arm: '"authConfig": { "activeDirectoryAuth": "Enabled", "passwordAuth": "Disabled" }',
  },
  peers: ['PSRule Azure.PostgreSQL.AADOnly (AZR-000390)', 'Azure Policy fa498b91-8a7e-4710-9578-da944c68d1fe'],
  messages: {
    explicit: "Server '{server}' accepts local passwords: passwordAuth is {value}.",
    default: "Server '{server}' accepts local passwords: password authentication is on by default.",
  },
  check(server, context) {
    const password = server.passwordAuth;
    const setting = 'authConfig.passwordAuth';
    if (!isKnown(password)) return context.skip(setting, password);
    if (!equalsIgnoreCase(password.value, 'Disabled')) {
      context.report({ messageId: password.origin === 'default' ? 'default' : 'explicit', at: password.at, setting, data: { value: password.value } });
    }
  },
});
