import { defineRule } from '../../src/engine/rule.js';
import { isOff, parameter, parameterResource } from '../../src/model/parameters.js';
import { isKnown } from '../../src/model/setting.js';

const PARAMETERS = ['log_connections', 'log_disconnections', 'log_checkpoints'];
export const requireConnectionLogging = defineRule({
  id: 'require-connection-logging',
  title: 'Require connection, disconnection and checkpoint logging',
  severity: 'low',
  section: 'Logging and threat detection',
  rationale:
    'Connection, disconnection and checkpoint logs show who connected and when, the first thing an investigation asks. ' +
    'They are on by default on flexible server; this rule fires only when code turns one off.',
  remediation: {
    terraform: 'value = "on" # in the azurerm_postgresql_flexible_server_configuration for log_connections, log_disconnections or log_checkpoints',
    bicep: "properties: {\n  value: 'on'\n  source: 'user-override'\n}",
    arm: '"properties": { "value": "on", "source": "user-override" }',
  },
  peers: ['Azure Policy 086709ac-11b5-478d-a893-9567a16d2ae3', 'Azure Policy 1d14b021-1bae-4f93-b36b-69695e14984a', 'Azure Policy 70be9e12-c935-49ac-9bd8-fd64b85c1f87', 'Trivy AVD-AZU-0019', 'Trivy AVD-AZU-0024'],
  messages: {
    off: "Server '{server}' turns {parameter} off.",
  },
  check(server, context) {
    for (const name of PARAMETERS) {
      const value = parameter(server, name);
      if (!isKnown(value)) {
        context.skip(name, value);
      } else if (value.origin === 'explicit' && isOff(value.value)) {
        context.report({ messageId: 'off', at: value.at, setting: name, resource: parameterResource(server, name), data: { parameter: name } });
      }
    }
  },
});
