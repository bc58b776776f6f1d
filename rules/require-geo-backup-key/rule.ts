import { defineRule, equalsIgnoreCase } from '../../src/engine/rule.js';
import { isKnown } from '../../src/model/setting.js';

export const requireGeoBackupKey = defineRule({
  id: 'require-geo-backup-key',
  title: 'Require a geo-backup key when geo-redundant backups are encrypted with a customer-managed key',
  severity: 'high',
  section: 'Data protection',
  rationale:
    'Geo-redundant backups are stored in the paired region and need a key from a Key Vault there. Without a geo-backup ' +
    'key, the backup copy is not protected by your key, and the deployment fails or the geo-restore cannot decrypt.',
  remediation: {
    terraform:
      'customer_managed_key {\n  key_vault_key_id                     = azurerm_key_vault_key.pg.versionless_id\n  primary_user_assigned_identity_id    = azurerm_user_assigned_identity.pg.id\n  geo_backup_key_vault_key_id          = azurerm_key_vault_key.pg_geo.versionless_id\n  geo_backup_user_assigned_identity_id = azurerm_user_assigned_identity.pg_geo.id\n}',
    bicep: 'dataEncryption: {\n  // …\n  geoBackupKeyURI: geoKey.properties.keyUri\n  geoBackupUserAssignedIdentityId: geoIdentity.id\n}',
    arm: '"dataEncryption": { "geoBackupKeyURI": "[reference(variables(\'geoKeyId\')).keyUri]", "geoBackupUserAssignedIdentityId": "[variables(\'geoIdentityId\')]" }',
  },
  peers: [],
  messages: {
    missing: "Server '{server}' keeps geo-redundant backups and uses a customer-managed key, but declares no geo-backup key.",
  },
  check(server, context) {
    const geo = server.geoRedundantBackup;
    const type = server.dataEncryptionType;
    if (!isKnown(geo)) return context.skip('backup.geoRedundantBackup', geo);
    if (!isKnown(type)) return context.skip('dataEncryption.type', type);
    if (equalsIgnoreCase(geo.value, 'Enabled') && equalsIgnoreCase(type.value, 'AzureKeyVault') && !server.geoBackupKey) {
      context.report({ messageId: 'missing', at: type.at, setting: 'dataEncryption.geoBackupKeyURI' });
    }
  },
});
