import type { Location } from './location.js';
import type { Value } from './value.js';

export type SourceFormat = 'terraform' | 'bicep' | 'arm' | 'live';

/**
 * A resource as the ARM REST API spells it, whatever format declared it. Front-ends emit these;
 * the model links them. `address` is how the user declared it (`azurerm_postgresql_flexible_server.main`).
 */
export interface ArmResource {
  type: string;
  name: Value;
  address: string;
  format: SourceFormat;
  /** What is deployed together (a Terraform root module, a template): subscription-wide settings apply within it. */
  deployment: string;
  at: Location;
  /** The resource's own header, preceded by the module calls that instantiated it: where it is declared. */
  declaredAt: Location[];
  properties: Value;
  sku?: Value;
  /** The resource this one is a child or extension of (server ID, name or reference). */
  parent?: Value;
  /** Declared elsewhere (Terraform `data`, Bicep `existing`): its own properties are unknown. */
  existing?: boolean;
  /** Patches another resource (azapi_update_resource) instead of declaring one. */
  patches?: Value;
}

export const TYPES = {
  flexibleServer: 'microsoft.dbforpostgresql/flexibleservers',
  configuration: 'microsoft.dbforpostgresql/flexibleservers/configurations',
  firewallRule: 'microsoft.dbforpostgresql/flexibleservers/firewallrules',
  administrator: 'microsoft.dbforpostgresql/flexibleservers/administrators',
  threatProtection: 'microsoft.dbforpostgresql/flexibleservers/advancedthreatprotectionsettings',
  singleServer: 'microsoft.dbforpostgresql/servers',
  privateEndpoint: 'microsoft.network/privateendpoints',
  diagnosticSetting: 'microsoft.insights/diagnosticsettings',
  key: 'microsoft.keyvault/vaults/keys',
  pricing: 'microsoft.security/pricings',
} as const;

const CHECKED: ReadonlySet<string> = new Set(Object.values(TYPES));

/** Why the properties of a resource of another type are not known: they were not evaluated. */
export const NOT_CHECKED = 'not evaluated: no rule reads this type';

/**
 * Whether the engine reads resources of this type: the server, its children, and what points at it. The
 * properties of other resources (a template's storage accounts, web apps…) are never looked at, so front-ends
 * need not evaluate them.
 */
export function isCheckedType(type: string): boolean {
  const lower = type.toLowerCase();
  return CHECKED.has(lower) || lower.startsWith(`${TYPES.singleServer}/`);
}

export function isType(resource: ArmResource, type: string): boolean {
  return resource.type.toLowerCase() === type;
}
