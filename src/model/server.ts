import type { Location } from './location.js';
import type { SourceFormat } from './resource.js';
import type { Setting, UnknownSetting } from './setting.js';

/** A child resource the rules point at: a firewall rule, an endpoint, a diagnostic setting. */
export interface Child {
  address: string;
  name: string;
  at: Location;
  declaredAt: Location[];
}

export interface FirewallRule extends Child {
  startIpAddress: Setting<string>;
  endIpAddress: Setting<string>;
}

export interface DiagnosticSetting extends Child {
  /** Whether the `PostgreSQLLogs` category (or the `audit`/`allLogs` group) goes to a Log Analytics workspace. */
  sendsAuditLogs: Setting<boolean>;
}

export interface ThreatProtection extends Child {
  state: Setting<string>;
}

export interface CustomerManagedKey {
  /** `versioned` pins one key version, which stops automatic rotation from reaching the server. */
  uri: Setting<'versioned' | 'versionless'>;
  /** The Key Vault key, when the scanned IaC creates it. */
  key?: Child & { hasRotationPolicy: boolean };
}

/** Which password reaches `administratorLoginPassword`: a literal in the repository, or a secret. */
export type PasswordSource = 'literal' | 'secret';

/** One flexible (or retired single) server with everything linked to it, in format-neutral terms. */
export interface PostgresServer {
  kind: 'flexible' | 'single';
  name: string;
  address: string;
  format: SourceFormat;
  at: Location;
  declaredAt: Location[];
  /** Declared elsewhere (data source, `existing`): only children declared here are evaluated. */
  declaredElsewhere: boolean;
  version: Setting<string>;
  tier: Setting<string>;
  createMode: Setting<string>;
  publicNetworkAccess: Setting<string>;
  delegatedSubnet: Setting<boolean>;
  activeDirectoryAuth: Setting<string>;
  passwordAuth: Setting<string>;
  administratorPassword?: Setting<PasswordSource>;
  backupRetentionDays: Setting<number>;
  geoRedundantBackup: Setting<string>;
  highAvailabilityMode: Setting<string>;
  dataEncryptionType: Setting<string>;
  primaryKey?: CustomerManagedKey;
  geoBackupKey?: CustomerManagedKey;
  customMaintenanceWindow: Setting<boolean>;
  /** Server parameters by lower-case name; absent names fall back to `parameter()` defaults. */
  parameters: Map<string, Setting<string>>;
  /** Set when a configuration resource of the server has a name that is not known: any parameter may be set there. */
  unknownParameters?: UnknownSetting;
  /** The configuration resource that sets each parameter, by lower-case name. */
  parameterResources: Map<string, Child>;
  firewallRules: FirewallRule[];
  administrators: Child[];
  privateEndpoints: Child[];
  diagnosticSettings: DiagnosticSetting[];
  threatProtection: ThreatProtection[];
  /** Subscription-level Defender for open-source relational databases plans in the scan. */
  defenderPlans: (Child & { tier: Setting<string> })[];
}
