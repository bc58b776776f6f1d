import { defineRule } from '../../src/engine/rule.js';

export const noHardcodedAdminPassword = defineRule({
  id: 'no-hardcoded-admin-password',
  title: 'Disallow an administrator password written in the repository',
  severity: 'critical',
  section: 'Identity management',
  rationale:
    'A password committed to Git is readable by everyone with access to the repository, its forks, its history and ' +
    'its CI logs, for as long as the history exists. Pass it from a secret store: a Key Vault secret, a ' +
    '`random_password`, a `@secure()` parameter without a default, or a pipeline secret. The value is never echoed.',
  remediation: {
    terraform: 'administrator_password = random_password.admin.result # or a Key Vault secret; never a literal',
    bicep: '@secure()\nparam administratorLoginPassword string // no default; pass it from Key Vault or a pipeline secret',
    arm: '"administratorLoginPassword": { "type": "securestring" } // no defaultValue; use a Key Vault reference in the parameters file',
  },
  peers: [],
  messages: {
    literal: "Server '{server}' gets its administrator password from a literal written in the repository.",
  },
  check(server, context) {
    const password = server.administratorPassword;
    if (password?.origin === 'unknown') return context.skip('administratorLoginPassword', password);
    if (password?.value === 'literal') {
      context.report({ messageId: 'literal', at: password.at, setting: 'administratorLoginPassword' });
    }
  },
});
