import { defineRule, equalsIgnoreCase } from '../../src/engine/rule.js';
import { isKnown } from '../../src/model/setting.js';

export const requireGeoRedundantBackup = defineRule({
  id: 'require-geo-redundant-backup',
  title: 'Require geo-redundant backups',
  severity: 'medium',
  section: 'Backup and recovery',
  rationale:
    'Geo-redundant backups are copied to the paired region, so the server can be restored there when its own region is ' +
    'down. The setting can only be chosen when the server is created. Replicas are exempt.',
  remediation: {
    terraform: 'geo_redundant_backup_enabled = true',
    bicep: "backup: {\n  geoRedundantBackup: 'Enabled'\n}",
    arm: '"backup": { "geoRedundantBackup": "Enabled" }',
  },
  peers: ['Checkov CKV_AZURE_136', 'PSRule Azure.PostgreSQL.GeoRedundantBackup (AZR-000326)', 'Azure Policy cee2f9fd-3968-44be-a863-bd62c9884423'],
  messages: {
    off: "Server '{server}' keeps its backups in one region only{how}.",
  },
  exemptsReplicas: true,
  check(server, context) {
    const geo = server.geoRedundantBackup;
    if (!isKnown(geo)) return context.skip('backup.geoRedundantBackup', geo);
    if (!equalsIgnoreCase(geo.value, 'Enabled')) {
      const how = geo.origin === 'default' ? ' (geo-redundancy is off by default)' : '';
      context.report({ messageId: 'off', at: geo.at, setting: 'backup.geoRedundantBackup', data: { how } });
    }
  },
});
