import { defineRule } from '../../src/engine/rule.js';
import { isKnown } from '../../src/model/setting.js';

export const requireBackupRetention = defineRule({
  id: 'require-backup-retention',
  title: 'Require a backup retention of at least the configured minimum',
  severity: 'low',
  section: 'Backup and recovery',
  rationale:
    'Retention bounds how far back a point-in-time restore can go: corruption or a malicious change noticed after the ' +
    'window is unrecoverable. Azure keeps 7 days by default and allows up to 35. Replicas are exempt.',
  remediation: {
    terraform: 'backup_retention_days = 14',
    bicep: 'backup: {\n  backupRetentionDays: 14\n}',
    arm: '"backup": { "backupRetentionDays": 14 }',
  },
  peers: [],
  options: { minimumDays: { description: 'The fewest days of backup retention that pass', default: 14 } },
  messages: {
    short: "Server '{server}' keeps backups for {days} days{how}; keep at least {minimum}.",
  },
  exemptsReplicas: true,
  check(server, context) {
    const days = server.backupRetentionDays;
    if (!isKnown(days)) return context.skip('backup.backupRetentionDays', days);
    const minimum = context.options.minimumDays ?? 14;
    if (days.value < minimum) {
      const how = days.origin === 'default' ? ' (the default)' : '';
      context.report({ messageId: 'short', at: days.at, setting: 'backup.backupRetentionDays', data: { days: days.value, minimum, how } });
    }
  },
});
