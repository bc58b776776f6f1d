import { defineRule } from '../../src/engine/rule.js';
import { isOff, parameter, parameterResource } from '../../src/model/parameters.js';
import { isKnown } from '../../src/model/setting.js';

export const requireConnectionThrottling = defineRule({
  id: 'require-connection-throttling',
  title: 'Require connection throttling',
  severity: 'low',
  section: 'Logging and threat detection',
  rationale:
    'Connection throttling slows down repeated failed sign-ins from one address, which blunts password guessing. This ' +
    'rule fires only when code turns it off.',
  remediation: {
    terraform: 'value = "on" # in the azurerm_postgresql_flexible_server_configuration named connection_throttle.enable',
    bicep: "properties: {\n  value: 'on'\n  source: 'user-override'\n}",
    arm: '"properties": { "value": "on", "source": "user-override" }',
  },
  peers: ['Trivy AVD-AZU-0021', 'Checkov CKV_AZURE_32 (single server)'],
  messages: {
    off: "Server '{server}' turns connection throttling off.",
  },
  check(server, context) {
    const name = 'connection_throttle.enable';
    const value = parameter(server, name);
    if (!isKnown(value)) {
      context.skip(name, value);
    } else if (value.origin === 'explicit' && isOff(value.value)) {
      context.report({ messageId: 'off', at: value.at, setting: name, resource: parameterResource(server, name) });
    }
  },
});
