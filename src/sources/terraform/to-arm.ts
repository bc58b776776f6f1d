import type { Location } from '../../model/location.js';
import type { ArmResource } from '../../model/resource.js';
import { getPath, scalar, unknown, type Value } from '../../model/value.js';
import type { EvaluatedResource } from './evaluate-module.js';

type Shape = { [key: string]: Value | Shape | undefined };
type Mapper = (body: Value, at: Location) => Omit<ArmResource, 'address' | 'format' | 'deployment' | 'at' | 'declaredAt' | 'existing'> | undefined;

/** Builds an object value from a nested shape, leaving out what is undefined. */
function shape(fields: Shape, at: Location): Value | undefined {
  const entries = new Map<string, Value>();
  for (const [key, field] of Object.entries(fields)) {
    if (field === undefined) continue;
    const value = isValue(field) ? field : shape(field, at);
    if (value) entries.set(key, value);
  }
  return entries.size ? { kind: 'object', entries, at } : undefined;
}

function isValue(field: Value | Shape): field is Value {
  return typeof field.kind === 'string' && 'at' in field;
}

/** Maps a Terraform boolean onto the ARM `Enabled`/`Disabled` vocabulary, keeping its line. */
function enabled(value: Value | undefined): Value | undefined {
  if (value?.kind !== 'scalar') return value;
  const on = value.value === true || String(value.value).toLowerCase() === 'true';
  return { ...value, value: on ? 'Enabled' : 'Disabled' };
}

const first = (body: Value, block: string) => getPath(body, block, 0);
/** Reads an attribute; `null` means "not set" in Terraform, so the platform default applies. */
function attr(body: Value | undefined, ...path: (string | number)[]): Value | undefined {
  const value = body && getPath(body, ...path);
  return value?.kind === 'scalar' && value.value === null ? undefined : value;
}

function armType(typeWithVersion: Value | undefined): string | undefined {
  return typeWithVersion?.kind === 'scalar' ? String(typeWithVersion.value).split('@')[0] : undefined;
}

const SKU_TIERS: Record<string, string> = { B: 'Burstable', GP: 'GeneralPurpose', MO: 'MemoryOptimized' };

function skuTier(skuName: Value | undefined): Value | undefined {
  if (skuName?.kind !== 'scalar') return skuName;
  const tier = SKU_TIERS[String(skuName.value).split('_')[0] ?? ''];
  return tier ? scalar(tier, skuName.at) : undefined;
}

const flexibleServer: Mapper = (body, at) => {
  const auth = first(body, 'authentication');
  const cmk = first(body, 'customer_managed_key');
  const ha = first(body, 'high_availability');
  const window = first(body, 'maintenance_window');
  return {
    type: 'Microsoft.DBforPostgreSQL/flexibleServers',
    name: attr(body, 'name') ?? unknown('name is not set', at),
    sku: shape({ name: attr(body, 'sku_name'), tier: skuTier(attr(body, 'sku_name')) }, at),
    properties: shape(
      {
        version: attr(body, 'version'),
        createMode: attr(body, 'create_mode'),
        administratorLoginPassword: attr(body, 'administrator_password') ?? attr(body, 'administrator_password_wo'),
        network: {
          publicNetworkAccess: enabled(attr(body, 'public_network_access_enabled')),
          delegatedSubnetResourceId: attr(body, 'delegated_subnet_id'),
        },
        authConfig: auth && {
          activeDirectoryAuth: enabled(attr(auth, 'active_directory_auth_enabled')),
          passwordAuth: enabled(attr(auth, 'password_auth_enabled')),
        },
        backup: {
          backupRetentionDays: attr(body, 'backup_retention_days'),
          geoRedundantBackup: enabled(attr(body, 'geo_redundant_backup_enabled')),
        },
        highAvailability: ha && { mode: attr(ha, 'mode') },
        dataEncryption: cmk && {
          type: cmk.kind === 'unknown' ? cmk : scalar('AzureKeyVault', cmk.at),
          primaryKeyURI: attr(cmk, 'key_vault_key_id'),
          geoBackupKeyURI: attr(cmk, 'geo_backup_key_vault_key_id'),
        },
        maintenanceWindow: window && { customWindow: window.kind === 'unknown' ? window : scalar('Enabled', window.at) },
      },
      at,
    ) ?? { kind: 'object', entries: new Map(), at },
  };
};

const child =
  (type: string, properties: (body: Value, at: Location) => Shape, parentKey = 'server_id'): Mapper =>
  (body, at) => ({
    type,
    name: attr(body, 'name') ?? unknown('name is not set', at),
    parent: attr(body, parentKey),
    properties: shape(properties(body, at), at) ?? { kind: 'object', entries: new Map(), at },
  });

const MAPPERS: Record<string, Mapper> = {
  azurerm_postgresql_flexible_server: flexibleServer,
  azurerm_postgresql_flexible_server_configuration: child('Microsoft.DBforPostgreSQL/flexibleServers/configurations', (body) => ({
    value: attr(body, 'value'),
  })),
  azurerm_postgresql_flexible_server_firewall_rule: child('Microsoft.DBforPostgreSQL/flexibleServers/firewallRules', (body) => ({
    startIpAddress: attr(body, 'start_ip_address'),
    endIpAddress: attr(body, 'end_ip_address'),
  })),
  azurerm_postgresql_flexible_server_active_directory_administrator: child(
    'Microsoft.DBforPostgreSQL/flexibleServers/administrators',
    (body) => ({ principalName: attr(body, 'principal_name'), principalType: attr(body, 'principal_type') }),
    'server_name',
  ),
  azurerm_private_endpoint: (body, at) => {
    const connections = attr(body, 'private_service_connection');
    const items = connections?.kind === 'array' ? connections.items : [];
    return {
      type: 'Microsoft.Network/privateEndpoints',
      name: attr(body, 'name') ?? unknown('name is not set', at),
      properties: shape(
        {
          privateLinkServiceConnections: {
            kind: 'array',
            at,
            items: items.map(
              (connection) =>
                shape(
                  {
                    properties: {
                      privateLinkServiceId: attr(connection, 'private_connection_resource_id'),
                      groupIds: attr(connection, 'subresource_names'),
                    },
                  },
                  connection.at,
                )!,
            ),
          },
        },
        at,
      )!,
    };
  },
  azurerm_monitor_diagnostic_setting: (body, at) => {
    const logs = attr(body, 'enabled_log');
    const items = logs?.kind === 'array' ? logs.items : [];
    return {
      type: 'Microsoft.Insights/diagnosticSettings',
      name: attr(body, 'name') ?? unknown('name is not set', at),
      parent: attr(body, 'target_resource_id'),
      properties: shape(
        {
          workspaceId: attr(body, 'log_analytics_workspace_id'),
          logs: {
            kind: 'array',
            at: logs?.at ?? at,
            items: items.map(
              (log) =>
                shape(
                  { category: attr(log, 'category'), categoryGroup: attr(log, 'category_group'), enabled: scalar(true, log.at) },
                  log.at,
                )!,
            ),
          },
        },
        at,
      )!,
    };
  },
  azurerm_key_vault_key: (body, at) => ({
    type: 'Microsoft.KeyVault/vaults/keys',
    name: attr(body, 'name') ?? unknown('name is not set', at),
    properties: shape({ rotationPolicy: first(body, 'rotation_policy') }, at) ?? { kind: 'object', entries: new Map(), at },
  }),
  azurerm_security_center_subscription_pricing: (body, at) => ({
    type: 'Microsoft.Security/pricings',
    name: attr(body, 'resource_type') ?? scalar('VirtualMachines', at),
    properties: shape({ pricingTier: attr(body, 'tier') }, at)!,
  }),
  azurerm_postgresql_server: (body, at) => ({
    type: 'Microsoft.DBforPostgreSQL/servers',
    name: attr(body, 'name') ?? unknown('name is not set', at),
    properties: shape({ version: attr(body, 'version') }, at) ?? { kind: 'object', entries: new Map(), at },
  }),
  // Children of retired single servers: a PR that edits one edits a retired server.
  azurerm_postgresql_configuration: child('Microsoft.DBforPostgreSQL/servers/configurations', (body) => ({ value: attr(body, 'value') }), 'server_name'),
  azurerm_postgresql_firewall_rule: child('Microsoft.DBforPostgreSQL/servers/firewallRules', () => ({}), 'server_name'),
  azurerm_postgresql_database: child('Microsoft.DBforPostgreSQL/servers/databases', () => ({}), 'server_name'),
  azurerm_postgresql_virtual_network_rule: child('Microsoft.DBforPostgreSQL/servers/virtualNetworkRules', () => ({}), 'server_name'),
  azurerm_postgresql_active_directory_administrator: child('Microsoft.DBforPostgreSQL/servers/administrators', () => ({}), 'server_name'),
  azapi_resource: (body, at) => azapi(body, at, attr(body, 'parent_id')),
  azapi_update_resource: (body, at) => azapi(body, at, attr(body, 'parent_id'), attr(body, 'resource_id')),
};

function azapi(body: Value, at: Location, parent: Value | undefined, patches?: Value): ReturnType<Mapper> {
  const type = armType(attr(body, 'type'));
  if (!type) return undefined;
  const payload = attr(body, 'body');
  return {
    type,
    name: attr(body, 'name') ?? patches ?? unknown('name is not set', at),
    parent: patches && !parent ? patches : parent,
    sku: attr(payload, 'sku'),
    properties: attr(payload, 'properties') ?? { kind: 'object', entries: new Map(), at },
    ...(patches && type.toLowerCase() === 'microsoft.dbforpostgresql/flexibleservers' ? { patches } : {}),
  };
}

const DATA_SOURCES: Record<string, string> = {
  azurerm_postgresql_flexible_server: 'Microsoft.DBforPostgreSQL/flexibleServers',
  azurerm_key_vault_key: 'Microsoft.KeyVault/vaults/keys',
};

/**
 * Whether a top-level Terraform block matters to the scan: variables, locals, modules, and the
 * resource and data types mapped here. The bodies of all other blocks are never evaluated.
 */
export function isRelevantBlock(type: string, labels: string[]): boolean {
  if (type === 'resource') return labels[0] !== undefined && labels[0] in MAPPERS;
  if (type === 'data') return labels[0] !== undefined && labels[0] in DATA_SOURCES;
  return true;
}

/** Maps an evaluated azurerm/azapi resource to its ARM shape; other resource types are not ours. */
export function toArmResource(resource: EvaluatedResource, deployment: string): ArmResource | undefined {
  const common = {
    address: resource.address,
    format: 'terraform' as const,
    deployment,
    at: resource.at,
    declaredAt: [...resource.calls, resource.at],
  };
  if (resource.mode === 'data') {
    const type = DATA_SOURCES[resource.type];
    if (!type) return undefined;
    const name = getPath(resource.body, 'name') ?? unknown('name is not set', resource.at);
    return { ...common, type, name, existing: true, properties: unknown('declared elsewhere', resource.at) };
  }
  const mapped = MAPPERS[resource.type]?.(resource.body, resource.at);
  return mapped && { ...common, ...mapped };
}
