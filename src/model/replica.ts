import type { PostgresServer } from './server.js';
import { isKnown, type UnknownSetting } from './setting.js';

/** Replicas take HA, backups and retention from their primary: those rules do not apply to them. */
export function replicaStatus(server: PostgresServer): 'replica' | 'primary' | UnknownSetting {
  const mode = server.createMode;
  if (!isKnown(mode)) return mode;
  return mode.value.toLowerCase() === 'replica' ? 'replica' : 'primary';
}
