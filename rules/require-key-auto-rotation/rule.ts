import { defineRule } from '../../src/engine/rule.js';
import type { CustomerManagedKey } from '../../src/model/server.js';
import { isKnown } from '../../src/model/setting.js';

export const requireKeyAutoRotation = defineRule({
  id: 'require-key-auto-rotation',
  title: 'Require a versionless key URI so key rotation reaches the server',
  severity: 'medium',
  section: 'Data protection',
  rationale:
    'A key URI with a version pins the server to that one key version: when Key Vault rotates the key, the server keeps ' +
    'using the old version. With the versionless URI the server picks up each new version automatically.',
  remediation: {
    terraform: 'key_vault_key_id = azurerm_key_vault_key.pg.versionless_id # not .id, which carries the version',
    bicep: 'primaryKeyURI: key.properties.keyUri // not keyUriWithVersion',
    arm: '"primaryKeyURI": "[reference(variables(\'keyId\')).keyUri]" // not keyUriWithVersion',
  },
  peers: [],
  messages: {
    versioned: "Server '{server}' uses a {which} key URI that carries a version, so rotated key versions never reach it.",
  },
  check(server, context) {
    const keys: [string, string, CustomerManagedKey | undefined][] = [
      ['primary', 'dataEncryption.primaryKeyURI', server.primaryKey],
      ['geo-backup', 'dataEncryption.geoBackupKeyURI', server.geoBackupKey],
    ];
    // Without a key URI, the rule has nothing to check only when encryption is known not to use one.
    if (!server.primaryKey && !isKnown(server.dataEncryptionType)) return context.skip('dataEncryption.type', server.dataEncryptionType);
    for (const [which, setting, key] of keys) {
      if (!key) continue;
      if (key.uri.origin === 'unknown') context.skip(setting, key.uri);
      else if (key.uri.value === 'versioned') context.report({ messageId: 'versioned', at: key.uri.at, setting, data: { which } });
    }
  },
});
