import type { Location } from './location.js';
import { isType, TYPES, type ArmResource } from './resource.js';
import type { Child, CustomerManagedKey, PostgresServer } from './server.js';
import { byDefault, explicit, isKnown, notKnown, type Setting } from './setting.js';
import { getPath, nameKey, scalarText, toPlain, type Value } from './value.js';

/**
 * Links child resources to their servers and fills the platform defaults, so that every rule reads
 * a complete, format-neutral server.
 */
export function buildServers(resources: ArmResource[]): PostgresServer[] {
  const candidates = resources.filter((resource) => isType(resource, TYPES.flexibleServer) && !resource.patches);
  const index = new ServerIndex(candidates);
  // A server declared elsewhere that names a server declared here (an AVM child module's `existing`
  // reference) is that server: its children link to it, and it is not a server of its own.
  const serverResources = candidates.filter((resource) => !index.isAlias(resource));
  const patches = resources.filter((resource) => resource.patches);
  const servers = new Map(
    serverResources.map((resource) => {
      for (const patch of patches) {
        if (index.find(patch.patches, patch.deployment) === resource) resource = { ...resource, properties: merge(resource.properties, patch.properties) };
      }
      return [resource, toServer(resource)] as const;
    }),
  );

  // A child whose server is not in the scan (a module input, a literal ID, `server/child` names) belongs
  // to a server declared elsewhere: its own rules still run, the server's are not evaluated.
  const elsewhere = new Map<string, PostgresServer>();
  for (const resource of resources) {
    // `certain`: the child can only belong to a flexible server. A diagnostic setting or private endpoint
    // may target anything, so it belongs to a server elsewhere only when its target says so.
    const owner = (target: Value | undefined, certain = true) => {
      const found = index.find(target, resource.deployment);
      if (found) return servers.get(found);
      if (!target || (!certain && !namesFlexibleServer(target))) return undefined;
      const key = `${resource.deployment}\u0000${parentKey(target)}`;
      let server = elsewhere.get(key);
      if (!server) {
        server = toServer({
          ...resource,
          type: TYPES.flexibleServer,
          name: serverName(target, resource),
          existing: true,
          properties: { kind: 'object', entries: new Map(), at: resource.at },
          sku: undefined,
        });
        elsewhere.set(key, server);
      }
      return server;
    };
    if (isType(resource, TYPES.configuration)) {
      const server = owner(resource.parent);
      const name = scalarText(resource.name);
      const value = getPath(resource.properties, 'value');
      if (server && name) {
        const read = setting(value, `${name} is not known`, resource.at, String);
        // Azure lists every parameter; one it reports at `system-default` was set by nobody, as an absent one in IaC.
        const atDefault = scalarText(getPath(resource.properties, 'source'))?.toLowerCase() === 'system-default';
        server.parameters.set(name.toLowerCase(), atDefault && isKnown(read) ? byDefault(read.value, read.at) : read);
        server.parameterResources.set(name.toLowerCase(), child(resource));
      } else if (server) {
        // `for_each = var.server_parameters` with no value here: any parameter may be set by it.
        const why = resource.name.kind === 'unknown' ? resource.name.reason : 'it has no name';
        server.unknownParameters ??= notKnown(`configuration ${resource.address} sets a parameter whose name is not known (${why})`, resource.at);
      }
    } else if (isType(resource, TYPES.firewallRule)) {
      owner(resource.parent)?.firewallRules.push({
        ...child(resource),
        startIpAddress: setting(getPath(resource.properties, 'startIpAddress'), 'the start address is not known', resource.at, String),
        endIpAddress: setting(getPath(resource.properties, 'endIpAddress'), 'the end address is not known', resource.at, String),
      });
    } else if (isType(resource, TYPES.administrator)) {
      owner(resource.parent)?.administrators.push(child(resource));
    } else if (isType(resource, TYPES.threatProtection)) {
      owner(resource.parent)?.threatProtection.push({
        ...child(resource),
        state: setting(getPath(resource.properties, 'state'), 'the state is not known', resource.at, String),
      });
    } else if (isType(resource, TYPES.diagnosticSetting)) {
      owner(resource.parent, false)?.diagnosticSettings.push({ ...child(resource), sendsAuditLogs: sendsAuditLogs(resource) });
    } else if (isType(resource, TYPES.privateEndpoint)) {
      for (const target of privateLinkTargets(resource)) owner(target, false)?.privateEndpoints.push(child(resource));
    }
  }

  const plans = resources
    .filter((resource) => isType(resource, TYPES.pricing) && scalarText(resource.name)?.toLowerCase() === 'opensourcerelationaldatabases')
    .map((resource) => ({
      ...child(resource),
      deployment: resource.deployment,
      tier: setting(getPath(resource.properties, 'pricingTier'), 'the tier is not known', resource.at, String),
    }));
  const keys = resources.filter((resource) => isType(resource, TYPES.key));
  for (const [resource, server] of servers) {
    server.defenderPlans.push(...plans.filter((plan) => plan.deployment === resource.deployment));
    const ownKeys = keys.filter((key) => key.deployment === resource.deployment);
    server.primaryKey = customerManagedKey(getPath(resource.properties, 'dataEncryption', 'primaryKeyURI'), ownKeys);
    server.geoBackupKey = customerManagedKey(getPath(resource.properties, 'dataEncryption', 'geoBackupKeyURI'), ownKeys);
  }
  const singles = resources.filter((resource) => isType(resource, TYPES.singleServer));
  return [
    ...servers.values(),
    ...elsewhere.values(),
    ...[...singles, ...orphanSingleServerChildren(resources, singles)].map((resource) => ({ ...toServer(resource), kind: 'single' as const })),
  ];
}

/**
 * Children of retired single servers (`azurerm_postgresql_firewall_rule`, `servers/configurations`)
 * whose server is not in the scan: a PR that edits one still edits a retired server, so the child
 * stands for it.
 */
function orphanSingleServerChildren(resources: ArmResource[], singles: ArmResource[]): ArmResource[] {
  const names = new Set(singles.map((server) => nameKey(server.name)?.toLowerCase()));
  const addresses = new Set(singles.map((server) => addressKey(server.deployment, server.address)));
  const seen = new Set<string>();
  const orphans = resources.filter((resource) => {
    if (!resource.type.toLowerCase().startsWith(`${TYPES.singleServer}/`) || !resource.parent) return false;
    const parent = resource.parent;
    if (parent.kind === 'unknown' && parent.ref && addresses.has(addressKey(resource.deployment, parent.ref.address))) return false;
    const name = nameKey(parent)?.replace(/^.*\/servers\//i, '').toLowerCase();
    if (name && names.has(name)) return false;
    const key = `${resource.deployment}\u0000${parentKey(parent)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return orphans.map((resource) => {
    const parent = resource.parent!;
    const name = scalarText(parent)?.replace(/^.*\/servers\//i, '');
    return { ...resource, type: TYPES.singleServer, name: name ? { kind: 'scalar', value: name, at: parent.at } : parent };
  });
}

function namesFlexibleServer(target: Value): boolean {
  if (target.kind === 'unknown' && target.ref) return /(^|\.)azurerm_postgresql_flexible_server\./.test(target.ref.address);
  return /\/flexibleServers\//i.test(nameKey(target) ?? '');
}

/** What identifies a parent that is not in the scan: its ID or name, its reference, or the reason it is unknown. */
function parentKey(target: Value): string {
  if (target.kind === 'unknown') return target.ref?.address ?? target.symbol ?? target.reason;
  return (nameKey(target) ?? JSON.stringify(toPlain(target))).toLowerCase();
}

/** The name of a server known only by what a child says of it: the last segment of its ID, or its name. */
function serverName(target: Value, child: ArmResource): Value {
  const text = scalarText(target);
  const fromId = text && /\/flexibleServers\/([^/]+)/i.exec(text)?.[1];
  if (fromId) return { kind: 'scalar', value: fromId, at: target.at };
  if (text) return target;
  if (target.kind === 'unknown' && (target.symbol || target.ref)) return target.ref ? { ...target, symbol: target.ref.address } : target;
  return { kind: 'unknown', reason: target.kind === 'unknown' ? target.reason : 'not known', at: target.at, symbol: `the server of ${child.address}` };
}

function addressKey(deployment: string, address: string): string {
  return `${deployment}\u0000${address}`;
}

/** Finds a server by reference (`azurerm_postgresql_flexible_server.main.id`), resource ID or name. */
class ServerIndex {
  private readonly byAddress = new Map<string, ArmResource>();
  private readonly byName = new Map<string, ArmResource>();

  private readonly aliases = new Map<ArmResource, ArmResource>();

  constructor(servers: ArmResource[]) {
    const declared = servers.filter((server) => !server.existing);
    for (const server of [...servers.filter((server) => server.existing), ...declared]) {
      // An address is unique only within its deployment: every Terraform root may have `….db`.
      this.byAddress.set(addressKey(server.deployment, server.address), server);
      // `x.main` also finds `x.main[0]`: plan configurations refer to resources without instance keys.
      const unindexed = addressKey(server.deployment, server.address.replace(/\[[^\]]*\]$/, ''));
      if (!this.byAddress.has(unindexed)) this.byAddress.set(unindexed, server);
      const name = nameKey(server.name)?.toLowerCase();
      if (name) {
        this.byName.set(name, server);
        this.byName.set(addressKey(server.deployment, name), server);
      }
    }
    for (const server of servers.filter((candidate) => candidate.existing)) {
      const name = nameKey(server.name)?.toLowerCase();
      const target = name === undefined ? undefined : this.byName.get(name);
      if (target && !target.existing) this.aliases.set(server, target);
    }
  }

  isAlias(server: ArmResource): boolean {
    return this.aliases.has(server);
  }

  /** Finds the server a value points at, from a resource of `deployment` (references are local to it). */
  find(target: Value | undefined, deployment: string): ArmResource | undefined {
    const found = this.lookup(target, deployment);
    return found && (this.aliases.get(found) ?? found);
  }

  private lookup(target: Value | undefined, deployment: string): ArmResource | undefined {
    if (target?.kind === 'unknown' && target.ref) return this.byAddress.get(addressKey(deployment, target.ref.address));
    const text = nameKey(target);
    if (!text) return undefined;
    const name = (/\/flexibleServers\/([^/]+)/i.exec(text)?.[1] ?? text).toLowerCase();
    // A server of the child's own deployment first: the same name in a Terraform root and a Bicep template are two servers.
    return this.byName.get(addressKey(deployment, name)) ?? this.byName.get(name);
  }
}

function toServer(resource: ArmResource): PostgresServer {
  const at = resource.at;
  const props = resource.properties;
  const read = <T>(path: string[], fallback: Setting<T>, convert: (raw: unknown) => T): Setting<T> =>
    resource.existing
      ? notKnown('the server is declared elsewhere', at)
      : setting(getPath(props, ...path), `${path.join('.')} is not known`, at, convert, fallback);
  const delegatedSubnet: Setting<boolean> = resource.existing
    ? notKnown('the server is declared elsewhere', at)
    : subnetSetting(getPath(props, 'network', 'delegatedSubnetResourceId'), at);
  const password = getPath(props, 'administratorLoginPassword');
  const name = displayName(resource.name) ?? resource.address;
  return {
    kind: 'flexible',
    name,
    address: resource.address,
    format: resource.format,
    at,
    declaredAt: resource.declaredAt,
    declaredElsewhere: resource.existing ?? false,
    version: read(['version'], notKnown('the version is not set', at), String),
    tier: resource.existing
      ? notKnown('the server is declared elsewhere', at)
      : setting(getPath(resource.sku, 'tier'), 'the tier is not known', at, String, notKnown('the tier is not set', at)),
    createMode: read(['createMode'], byDefault('Default', at), String),
    // A server with a delegated subnet has no public endpoint; otherwise Azure and azurerm default to public.
    publicNetworkAccess: read(
      ['network', 'publicNetworkAccess'],
      isKnown(delegatedSubnet) ? byDefault(delegatedSubnet.value ? 'Disabled' : 'Enabled', at) : delegatedSubnet,
      String,
    ),
    delegatedSubnet,
    activeDirectoryAuth: read(['authConfig', 'activeDirectoryAuth'], byDefault('Disabled', at), String),
    passwordAuth: read(['authConfig', 'passwordAuth'], byDefault('Enabled', at), String),
    administratorPassword: resource.existing ? notKnown('the server is declared elsewhere', at) : password && passwordSource(password),
    backupRetentionDays: read(['backup', 'backupRetentionDays'], byDefault(7, at), Number),
    geoRedundantBackup: read(['backup', 'geoRedundantBackup'], byDefault('Disabled', at), String),
    highAvailabilityMode: read(['highAvailability', 'mode'], byDefault('Disabled', at), String),
    dataEncryptionType: read(['dataEncryption', 'type'], byDefault('SystemManaged', at), String),
    customMaintenanceWindow: read(['maintenanceWindow', 'customWindow'], byDefault(false, at), (raw) => String(raw).toLowerCase() === 'enabled'),
    parameters: new Map(),
    parameterResources: new Map(),
    firewallRules: [],
    administrators: [],
    privateEndpoints: [],
    diagnosticSettings: [],
    threatProtection: [],
    defenderPlans: [],
  };
}

/**
 * Whether the server joins a delegated subnet. A reference to a subnet declared elsewhere in the IaC, or an ID
 * interpolated from one, is set even though its text is known only after apply; a value that may be null (an unknown
 * condition) is not known.
 */
function subnetSetting(value: Value | undefined, at: Location): Setting<boolean> {
  if (!value) return byDefault(false, at);
  if (value.kind === 'unknown') {
    return value.ref || value.present ? explicit(true, value.at) : notKnown(`whether a delegated subnet is set is not known (${value.reason})`, value.at);
  }
  return explicit(!(value.kind === 'scalar' && (value.value === null || value.value === '')), value.at);
}

/** Reads a value into a setting: absent → fallback, unknown → unknown, known → converted. */
function setting<T>(
  value: Value | undefined,
  reason: string,
  at: Location,
  convert: (raw: unknown) => T,
  fallback: Setting<T> = notKnown(reason, at),
): Setting<T> {
  if (!value) return fallback;
  if (value.kind === 'unknown') return notKnown(value.reason, value.at);
  if (value.kind !== 'scalar' || value.value === null) return notKnown(reason, value.at);
  return explicit(convert(value.value), value.at);
}

function passwordSource(value: Value): Setting<'literal' | 'secret'> {
  // A value the scan could compute was written in the repository; a command-line value was not.
  if (value.kind === 'scalar' && typeof value.value === 'string' && !value.external) return explicit('literal', value.at);
  return explicit('secret', value.at);
}

function child(resource: ArmResource): Child {
  return { address: resource.address, name: displayName(resource.name) ?? resource.address, at: resource.at, declaredAt: resource.declaredAt };
}

/** A name for messages: the name, or the expression it comes from (`[parameters('serverName')]`). */
function displayName(name: Value): string | undefined {
  if (name.kind === 'unknown' && name.symbol) return name.symbol.replace(/\{\{[^#}]*#([^}]*)\}\}/g, '[$1]');
  return scalarText(name);
}

// pgaudit writes to the PostgreSQLLogs category, which the `audit` and `allLogs` groups include.
const AUDIT_GROUPS = new Set(['audit', 'alllogs']);
const AUDIT_CATEGORIES = new Set(['postgresqllogs']);

function sendsAuditLogs(resource: ArmResource): Setting<boolean> {
  const logs = getPath(resource.properties, 'logs');
  const workspace = getPath(resource.properties, 'workspaceId');
  if (!logs) return explicit(false, resource.at);
  if (logs.kind === 'unknown') return notKnown('the log categories are not known', logs.at);
  if (logs.kind !== 'array') return explicit(false, resource.at);
  let unknownGroup: Location | undefined;
  for (const log of logs.items) {
    if (log.kind === 'unknown') {
      unknownGroup ??= log.at;
      continue;
    }
    const group = getPath(log, 'categoryGroup');
    const category = getPath(log, 'category');
    const enabled = getPath(log, 'enabled');
    if (enabled?.kind === 'scalar' && (enabled.value === false || enabled.value === 'false')) continue;
    if (enabled?.kind === 'unknown' || group?.kind === 'unknown' || category?.kind === 'unknown') unknownGroup ??= log.at;
    else if (AUDIT_GROUPS.has(scalarText(group)?.toLowerCase() ?? '') || AUDIT_CATEGORIES.has(scalarText(category)?.toLowerCase() ?? '')) {
      return workspace ? explicit(true, (group ?? category)?.at ?? resource.at) : explicit(false, resource.at);
    }
  }
  return unknownGroup ? notKnown('the log category group is not known', unknownGroup) : explicit(false, resource.at);
}

function privateLinkTargets(resource: ArmResource): Value[] {
  const connections = [
    getPath(resource.properties, 'privateLinkServiceConnections'),
    getPath(resource.properties, 'manualPrivateLinkServiceConnections'),
  ];
  return connections.flatMap((list) =>
    list?.kind !== 'array'
      ? []
      : list.items.flatMap((connection) => {
          const groups = getPath(connection, 'properties', 'groupIds');
          const target = getPath(connection, 'properties', 'privateLinkServiceId');
          const names = groups?.kind === 'array' ? groups.items.map((item) => scalarText(item)?.toLowerCase()) : [];
          return target && names.includes('postgresqlserver') ? [target] : [];
        }),
  );
}

const KEY_VERSION = /\/keys\/[^/]+\/[0-9a-f]{32}\/?$/i;
const VERSIONLESS_ATTRIBUTES = new Set(['versionless_id', 'keyuri', 'resource_versionless_id']);

/** `properties.keyUri` → `keyuri`: the attribute that decides whether a key reference carries a version. */
function lastSegment(attribute: string): string {
  return attribute.split('.').at(-1)!.toLowerCase();
}

function customerManagedKey(uri: Value | undefined, keys: ArmResource[]): CustomerManagedKey | undefined {
  if (!uri) return undefined;
  let version: Setting<'versioned' | 'versionless'>;
  if (uri.kind === 'scalar' && typeof uri.value === 'string') {
    version = explicit(KEY_VERSION.test(uri.value) ? 'versioned' : 'versionless', uri.at);
  } else if (uri.kind === 'unknown' && uri.ref) {
    version = explicit(VERSIONLESS_ATTRIBUTES.has(lastSegment(uri.ref.attribute)) ? 'versionless' : 'versioned', uri.at);
  } else {
    version = notKnown('the key URI is not known', uri.at);
  }
  const ref = uri.kind === 'unknown' ? uri.ref : undefined;
  // By declaration (Terraform, Bicep, symbolic ARM), or by the resource ID an ARM reference() names.
  const key =
    ref &&
    keys.find(
      (candidate) =>
        !candidate.existing &&
        (candidate.address === ref.address || ref.address.toLowerCase().endsWith(`/keys/${nameKey(candidate.name)?.toLowerCase()}`)),
    );
  return {
    uri: version,
    ...(key && { key: { ...child(key), hasRotationPolicy: getPath(key.properties, 'rotationPolicy') !== undefined } }),
  };
}

/** Overlays a patch (azapi_update_resource) on a server's properties, the patch winning. */
function merge(base: Value, patch: Value): Value {
  if (base.kind !== 'object' || patch.kind !== 'object') return patch;
  const entries = new Map(base.entries);
  for (const [key, value] of patch.entries) {
    const current = entries.get(key);
    entries.set(key, current ? merge(current, value) : value);
  }
  return { ...base, entries };
}
