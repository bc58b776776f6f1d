import { defineRule, equalsIgnoreCase } from '../../src/engine/rule.js';
import { isKnown } from '../../src/model/setting.js';

export const requireCustomerManagedKey = defineRule({
  id: 'require-customer-managed-key',
  title: 'Require data encryption with a customer-managed key',
  severity: 'medium',
  section: 'Data protection',
  rationale:
    'Data is always encrypted at rest with a service-managed key. A customer-managed key in Key Vault adds control: ' +
    'you can rotate, audit and revoke it, which makes the data unreadable on demand, and it covers the server, its ' +
    'replicas and its backups.',
  remediation: {
    terraform:
      'identity {\n  type         = "UserAssigned"\n  identity_ids = [azurerm_user_assigned_identity.pg.id]\n}\ncustomer_managed_key {\n  key_vault_key_id                  = azurerm_key_vault_key.pg.versionless_id\n  primary_user_assigned_identity_id = azurerm_user_assigned_identity.pg.id\n}',
    bicep:
      "dataEncryption: {\n  type: 'AzureKeyVault'\n  primaryKeyURI: key.properties.keyUri\n  primaryUserAssignedIdentityId: identity.id\n}",
    arm: '"dataEncryption": { "type": "AzureKeyVault", "primaryKeyURI": "[reference(variables(\'keyId\')).keyUri]", "primaryUserAssignedIdentityId": "[variables(\'identityId\')]" }',
  },
  peers: ['Azure Policy 12c74c95-0efd-48da-b8d9-2a7d68470c92'],
  messages: {
    system: "Server '{server}' encrypts data with a service-managed key only{how}.",
    noKey: "Server '{server}' selects Key Vault encryption but gives no primary key URI.",
  },
  check(server, context) {
    const type = server.dataEncryptionType;
    if (!isKnown(type)) return context.skip('dataEncryption.type', type);
    if (!equalsIgnoreCase(type.value, 'AzureKeyVault')) {
      const how = type.origin === 'default' ? ' (the default)' : '';
      context.report({ messageId: 'system', at: type.at, setting: 'dataEncryption.type', data: { how } });
    } else if (!server.primaryKey) {
      context.report({ messageId: 'noKey', at: type.at, setting: 'dataEncryption.primaryKeyURI' });
    }
  },
});
