import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveHttps, type FakeAnswer, type LocalServer } from './serve-https.js';

export const SUBSCRIPTION = '00000000-0000-0000-0000-0000000000a1';
const PG = 'providers/Microsoft.DBforPostgreSQL/flexibleServers';
export const ORDERS_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-orders/${PG}/orders-db`;
export const FORBIDDEN_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-secret/${PG}/secret-db`;
export const MISSING_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-orders/${PG}/gone-db`;
/** A template spec version holding the compiled Azure Verified Module for PostgreSQL. */
export const TEMPLATE_SPEC_PATH = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-specs/providers/Microsoft.Resources/templateSpecs/postgres/versions/1.0`;
const AVM_TEMPLATE = join(import.meta.dirname, '../corpus/real-world/Azure__bicep-registry-modules/avm/res/db-for-postgre-sql/flexible-server/main.json');
export const REPORTS_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-orders/${PG}/reports-db`;

/** A self-signed certificate for 127.0.0.1, made by the test: the SDK sends bearer tokens over TLS only. */
export function makeCertificate(): { key: string; cert: string; certFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pgbaseline-tls-'));
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
  ], { stdio: 'ignore' });
  return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8'), certFile: join(dir, 'cert.pem') };
}

const server = (name: string, properties: Record<string, unknown>) => ({
  id: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-orders/${PG}/${name}`,
  name,
  type: 'Microsoft.DBforPostgreSQL/flexibleServers',
  location: 'westeurope',
  sku: { name: 'Standard_D2s_v3', tier: 'GeneralPurpose' },
  properties,
});

/**
 * A local Azure: the Entra token endpoint (and the Actions ID-token endpoint for OIDC) plus
 * Resource Manager for flexible servers. Answers like Azure: paging with nextLink, a 429 with
 * Retry-After once, 403 and 404 for some servers. Records every request.
 */
export class FakeAzure {
  readonly requests: { method: string; path: string; authorization?: string }[] = [];
  private server?: LocalServer;
  private throttled = false;
  base = '';

  constructor(private readonly tls: { key: string; cert: string }) {}

  async start(): Promise<string> {
    this.server = await serveHttps(this.tls, ({ method, url, authorization }) => {
      this.requests.push({ method, path: url.pathname, authorization });
      return this.answer(method, url);
    });
    this.base = `https://${this.server.host}`;
    return this.base;
  }

  async stop(): Promise<void> {
    await this.server?.close();
  }

  private answer(method: string, url: URL): FakeAnswer {
    const path = url.pathname;
    if (path.endsWith('/.well-known/openid-configuration')) {
      const tenant = path.split('/')[1];
      return [200, { token_endpoint: `${this.base}/${tenant}/oauth2/v2.0/token`, issuer: `${this.base}/${tenant}/v2.0`, authorization_endpoint: `${this.base}/${tenant}/oauth2/v2.0/authorize`, jwks_uri: `${this.base}/keys` }];
    }
    if (path.endsWith('/oauth2/v2.0/token')) return [200, { token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600, access_token: 'fake-arm-token' }];
    if (path === '/actions/id-token') return [200, { value: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJyZXBvOm9jdG8vYXBwOnB1bGxfcmVxdWVzdCJ9.' }];
    if (method !== 'GET') return [405, { error: { code: 'MethodNotAllowed', message: 'pgbaseline must only read' } }];

    if (path === `/subscriptions/${SUBSCRIPTION}/${PG}` || path === `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-orders/${PG}`) {
      // Two pages, as Azure pages long lists.
      if (url.searchParams.get('page') === '2') return [200, { value: [server('reports-db', { version: '16', network: { publicNetworkAccess: 'Disabled' } })] }];
      return [200, { value: [server('orders-db', {})], nextLink: `${this.base}${path}?api-version=2025-08-01&page=2` }];
    }
    if (path.startsWith(FORBIDDEN_ID)) return [403, { error: { code: 'AuthorizationFailed', message: 'The client does not have authorization' } }];
    if (path.startsWith(MISSING_ID)) return [404, { error: { code: 'ResourceNotFound', message: 'not found' } }];
    if (path === TEMPLATE_SPEC_PATH) return [200, { id: path, name: '1.0', properties: { mainTemplate: JSON.parse(readFileSync(AVM_TEMPLATE, 'utf8')) } }];
    if (path.includes('/providers/Microsoft.Security/pricings/')) return [200, { name: 'OpenSourceRelationalDatabases', properties: { pricingTier: 'Free' } }];

    for (const id of [ORDERS_ID, REPORTS_ID]) {
      if (!path.startsWith(id)) continue;
      const rest = path.slice(id.length);
      const orders = id === ORDERS_ID;
      switch (rest) {
        case '':
          return [200, orders
            ? server('orders-db', { version: '16', network: { publicNetworkAccess: 'Enabled' }, authConfig: { activeDirectoryAuth: 'Enabled', passwordAuth: 'Disabled' }, backup: { backupRetentionDays: 14, geoRedundantBackup: 'Enabled' }, highAvailability: { mode: 'ZoneRedundant' } })
            : server('reports-db', { version: '16', network: { publicNetworkAccess: 'Disabled' } })];
        case '/configurations':
          if (orders && !this.throttled) {
            this.throttled = true;
            return [429, { error: { code: 'TooManyRequests', message: 'slow down' } }, { 'retry-after': '1' }];
          }
          if (url.searchParams.get('page') === '2') {
            // Azure's own default for log_checkpoints is off on some versions: at system-default it is nobody's choice.
            return [200, { value: [{ name: 'ssl_min_protocol_version', properties: { value: 'TLSv1.2', source: 'system-default' } }, { name: 'log_checkpoints', properties: { value: 'off', source: 'system-default' } }] }];
          }
          return [200, { value: [{ name: 'require_secure_transport', properties: { value: 'on', source: 'system-default' } }], nextLink: `${this.base}${path}?api-version=2025-08-01&page=2` }];
        case '/firewallRules':
          return [200, { value: orders ? [{ name: 'portal-added', properties: { startIpAddress: '0.0.0.0', endIpAddress: '255.255.255.255' } }] : [] }];
        case '/advancedThreatProtectionSettings':
          return [200, { value: [{ name: 'Default', properties: { state: orders ? 'Enabled' : 'Disabled' } }] }];
        case '/administrators':
        case '/privateEndpointConnections':
        case '/providers/Microsoft.Insights/diagnosticSettings':
          return [200, { value: [] }];
      }
    }
    return [404, { error: { code: 'NotFound', message: `No route for ${path}` } }];
  }
}
