import { defineRule } from '../../src/engine/rule.js';
import { readFirewallRange } from '../../src/model/firewall.js';

export const noFirewallOpenToInternet = defineRule({
  id: 'no-firewall-open-to-internet',
  title: 'Disallow firewall rules open to the internet',
  severity: 'critical',
  section: 'Network security',
  rationale:
    'A firewall rule such as 0.0.0.0–255.255.255.255 lets any host on the internet reach the server, so passwords are ' +
    'all that stand between an attacker and the data. Rules that cover 16.7 million or more public addresses are ' +
    'treated as open to the internet; private, loopback and other reserved ranges are not counted.',
  remediation: {
    terraform: '# Remove the rule, or narrow it to the addresses that need access\nstart_ip_address = "203.0.113.10"\nend_ip_address   = "203.0.113.10"',
    bicep: "properties: {\n  startIpAddress: '203.0.113.10'\n  endIpAddress: '203.0.113.10'\n}",
    arm: '"properties": { "startIpAddress": "203.0.113.10", "endIpAddress": "203.0.113.10" }',
  },
  peers: ['Checkov CKV2_AZURE_26', 'Trivy AVD-AZU-0029', 'KICS 25c0ea09-f1c5-4380-b055-3b83863f2bb8'],
  messages: {
    open: "Firewall rule '{rule}' on server '{server}' admits {count} public addresses ({start}–{end}): the whole internet can connect.",
  },
  check(server, context) {
    for (const rule of server.firewallRules) {
      const range = readFirewallRange(rule);
      if ('unknown' in range) {
        context.skip('firewallRules', range.unknown);
        continue;
      }
      if (range.openToInternet) {
        context.report({
          messageId: 'open',
          at: range.at,
          setting: 'startIpAddress',
          resource: rule,
          data: { rule: rule.name, count: range.publicCount.toLocaleString('en-US'), start: range.start, end: range.end },
        });
      }
    }
  },
});
