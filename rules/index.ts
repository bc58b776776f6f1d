import type { Rule } from '../src/engine/rule.js';
import { noFirewallAllowAllAzure } from './no-firewall-allow-all-azure/rule.js';
import { noFirewallOpenToInternet } from './no-firewall-open-to-internet/rule.js';
import { noFirewallRules } from './no-firewall-rules/rule.js';
import { noFirewallWideRange } from './no-firewall-wide-range/rule.js';
import { noHardcodedAdminPassword } from './no-hardcoded-admin-password/rule.js';
import { noPasswordAuth } from './no-password-auth/rule.js';
import { noPublicNetworkAccess } from './no-public-network-access/rule.js';
import { noSingleServer } from './no-single-server/rule.js';
import { requireAuditLogs } from './require-audit-logs/rule.js';
import { requireBackupRetention } from './require-backup-retention/rule.js';
import { requireConnectionLogging } from './require-connection-logging/rule.js';
import { requireConnectionThrottling } from './require-connection-throttling/rule.js';
import { requireCustomerManagedKey } from './require-customer-managed-key/rule.js';
import { requireDataMasking } from './require-data-masking/rule.js';
import { requireDefender } from './require-defender/rule.js';
import { requireEntraAdmin } from './require-entra-admin/rule.js';
import { requireEntraAuth } from './require-entra-auth/rule.js';
import { requireGeoBackupKey } from './require-geo-backup-key/rule.js';
import { requireGeoRedundantBackup } from './require-geo-redundant-backup/rule.js';
import { requireHighAvailability } from './require-high-availability/rule.js';
import { requireKeyAutoRotation } from './require-key-auto-rotation/rule.js';
import { requireKeyRotationPolicy } from './require-key-rotation-policy/rule.js';
import { requireMaintenanceWindow } from './require-maintenance-window/rule.js';
import { requirePgaudit } from './require-pgaudit/rule.js';
import { requirePrivateConnectivity } from './require-private-connectivity/rule.js';
import { requireScramAuth } from './require-scram-auth/rule.js';
import { requireSecureTransport } from './require-secure-transport/rule.js';
import { requireSupportedVersion } from './require-supported-version/rule.js';
import { requireTls13 } from './require-tls-1-3/rule.js';

/** Every rule, sorted by id. A test checks this list against the folders. */
export const RULES: readonly Rule[] = [
  noFirewallAllowAllAzure,
  noFirewallOpenToInternet,
  noFirewallRules,
  noFirewallWideRange,
  noHardcodedAdminPassword,
  noPasswordAuth,
  noPublicNetworkAccess,
  noSingleServer,
  requireAuditLogs,
  requireBackupRetention,
  requireConnectionLogging,
  requireConnectionThrottling,
  requireCustomerManagedKey,
  requireDataMasking,
  requireDefender,
  requireEntraAdmin,
  requireEntraAuth,
  requireGeoBackupKey,
  requireGeoRedundantBackup,
  requireHighAvailability,
  requireKeyAutoRotation,
  requireKeyRotationPolicy,
  requireMaintenanceWindow,
  requirePgaudit,
  requirePrivateConnectivity,
  requireScramAuth,
  requireSecureTransport,
  requireSupportedVersion,
  requireTls13,
];
