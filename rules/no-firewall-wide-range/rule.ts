import { defineRule } from '../../src/engine/rule.js';
import { readFirewallRange } from '../../src/model/firewall.js';

const MAX_ADDRESSES = 256;

export const noFirewallWideRange = defineRule({
  id: 'no-firewall-wide-range',
  title: 'Disallow firewall rules wider than 256 addresses',
  severity: 'medium',
  section: 'Network security',
  rationale:
    'Every address a firewall rule admits is a host that can try passwords against the server. A rule wider than a /24 ' +
    'usually admits far more than the clients that need access. Ranges open to the internet or to all of Azure are ' +
    'reported by their own rules, not again here.',
  remediation: {
    terraform: '# Narrow the range to the clients that connect\nstart_ip_address = "203.0.113.0"\nend_ip_address   = "203.0.113.15"',
    bicep: "properties: {\n  startIpAddress: '203.0.113.0'\n  endIpAddress: '203.0.113.15'\n}",
    arm: '"properties": { "startIpAddress": "203.0.113.0", "endIpAddress": "203.0.113.15" }',
  },
  peers: ['KICS d7ba74da-2da0-4d4b-83c8-2fd72a3f6c28', 'PSRule Azure.PostgreSQL.FirewallIPRange (single server)'],
  messages: {
    wide: "Firewall rule '{rule}' on server '{server}' admits {count} addresses ({start}–{end}); keep rules to {max} or fewer.",
  },
  check(server, context) {
    for (const rule of server.firewallRules) {
      const range = readFirewallRange(rule);
      if ('unknown' in range) {
        context.skip('firewallRules', range.unknown);
      } else if (range.count > MAX_ADDRESSES && !range.allowsAllAzure && !range.openToInternet) {
        context.report({
          messageId: 'wide',
          at: range.at,
          setting: 'startIpAddress',
          resource: rule,
          data: { rule: rule.name, count: range.count.toLocaleString('en-US'), start: range.start, end: range.end, max: MAX_ADDRESSES },
        });
      }
    }
  },
});
