import { defineRule } from '../../src/engine/rule.js';
import { isKnown, notKnown } from '../../src/model/setting.js';

export const requireKeyRotationPolicy = defineRule({
  id: 'require-key-rotation-policy',
  title: 'Require a rotation policy on the customer-managed key',
  severity: 'low',
  section: 'Data protection',
  rationale:
    'The baseline asks for automatic key rotation in Key Vault. A key created without a rotation policy is never ' +
    'rotated unless someone remembers to. Only keys created in the scanned code can be checked: a key given by URI is listed as not evaluated.',
  remediation: {
    terraform:
      'rotation_policy {\n  automatic {\n    time_before_expiry = "P30D"\n  }\n  expire_after         = "P180D"\n  notify_before_expiry = "P29D"\n}',
    bicep: "rotationPolicy: {\n  lifetimeActions: [{ trigger: { timeBeforeExpiry: 'P30D' }, action: { type: 'rotate' } }]\n  attributes: { expiryTime: 'P180D' }\n}",
    arm: '"rotationPolicy": { "lifetimeActions": [{ "trigger": { "timeBeforeExpiry": "P30D" }, "action": { "type": "rotate" } }], "attributes": { "expiryTime": "P180D" } }',
  },
  peers: [],
  messages: {
    missing: "Key '{key}', which encrypts server '{server}', has no rotation policy.",
  },
  check(server, context) {
    const type = server.dataEncryptionType;
    if (!isKnown(type)) return context.skip('dataEncryption.type', type);
    for (const cmk of [server.primaryKey, server.geoBackupKey]) {
      const key = cmk?.key;
      if (cmk && !key) {
        context.skip('rotationPolicy', notKnown('the Key Vault key is not created in the scanned code', cmk.uri.at));
      } else if (key && !key.hasRotationPolicy) {
        context.report({ messageId: 'missing', at: key.at, setting: 'rotationPolicy', resource: key, data: { key: key.name } });
      }
    }
  },
});
