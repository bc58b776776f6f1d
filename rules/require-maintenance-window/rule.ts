import { defineRule } from '../../src/engine/rule.js';
import { isKnown } from '../../src/model/setting.js';

export const requireMaintenanceWindow = defineRule({
  id: 'require-maintenance-window',
  title: 'Require a custom maintenance window',
  severity: 'low',
  section: 'Backup and recovery',
  rationale:
    'Without a custom window Azure patches the server at a time it picks, which can land in peak hours. A custom window ' +
    'puts security updates and their restarts where the team expects them.',
  remediation: {
    terraform: 'maintenance_window {\n  day_of_week  = 0\n  start_hour   = 2\n  start_minute = 0\n}',
    bicep: "maintenanceWindow: {\n  customWindow: 'Enabled'\n  dayOfWeek: 0\n  startHour: 2\n  startMinute: 0\n}",
    arm: '"maintenanceWindow": { "customWindow": "Enabled", "dayOfWeek": 0, "startHour": 2, "startMinute": 0 }',
  },
  peers: ['PSRule Azure.PostgreSQL.MaintenanceWindow (AZR-000433)'],
  messages: {
    system: "Server '{server}' uses the system-managed maintenance window.",
  },
  check(server, context) {
    const window = server.customMaintenanceWindow;
    if (!isKnown(window)) return context.skip('maintenanceWindow.customWindow', window);
    if (!window.value) context.report({ messageId: 'system', at: window.at, setting: 'maintenanceWindow.customWindow' });
  },
});
