// Writes a synthetic IaC monorepo for the benchmark: Terraform modules, Bicep and ARM files with
// servers, their children and unrelated noise. Deterministic for a seed, so runs compare.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Deterministic pseudo-random numbers (mulberry32): the same seed gives the same tree or test case. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOISE_TF = (index: number) => `
resource "azurerm_storage_account" "noise_${index}" {
  name                     = "stnoise${index}"
  resource_group_name      = var.resource_group
  location                 = var.location
  account_tier             = "Standard"
  account_replication_type = "GRS"
  min_tls_version          = "TLS1_2"
  tags                     = merge(local.tags, { index = "${index}" })

  blob_properties {
    versioning_enabled = true
    delete_retention_policy {
      days = 14
    }
  }
}
`;

function terraform(next: () => number, index: number): string {
  const publicAccess = next() > 0.5;
  const parts = [
    `variable "resource_group" {\n  type    = string\n  default = "rg-app-${index}"\n}\n\nvariable "location" {\n  type    = string\n  default = "westeurope"\n}\n\nlocals {\n  tags = { team = "team-${index % 17}", env = "${next() > 0.5 ? 'prod' : 'dev'}" }\n}\n`,
    `resource "azurerm_postgresql_flexible_server" "db" {\n  name                          = "pg-${index}"\n  resource_group_name           = var.resource_group\n  location                      = var.location\n  version                       = "${[13, 14, 15, 16, 17][Math.floor(next() * 5)]}"\n  sku_name                      = "GP_Standard_D2s_v3"\n  public_network_access_enabled = ${publicAccess}\n  backup_retention_days         = ${7 + Math.floor(next() * 28)}\n  geo_redundant_backup_enabled  = ${next() > 0.5}\n\n  authentication {\n    active_directory_auth_enabled = true\n    password_auth_enabled         = ${next() > 0.5}\n  }\n}\n`,
    `resource "azurerm_postgresql_flexible_server_configuration" "tls" {\n  name      = "ssl_min_protocol_version"\n  server_id = azurerm_postgresql_flexible_server.db.id\n  value     = "TLSv1.${2 + Math.floor(next() * 2)}"\n}\n`,
    `resource "azurerm_postgresql_flexible_server_firewall_rule" "office" {\n  name             = "office"\n  server_id        = azurerm_postgresql_flexible_server.db.id\n  start_ip_address = "203.0.113.${Math.floor(next() * 200)}"\n  end_ip_address   = "203.0.113.250"\n}\n`,
  ];
  for (let noise = 0; noise < 24; noise++) parts.push(NOISE_TF(noise));
  return parts.join('\n');
}

function bicep(next: () => number, index: number): string {
  const noise = Array.from({ length: 24 }, (_, n) => `resource storage${n} 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n  name: 'stnoise${index}x${n}'\n  location: location\n  sku: {\n    name: 'Standard_GRS'\n  }\n  kind: 'StorageV2'\n  properties: {\n    minimumTlsVersion: 'TLS1_2'\n    supportsHttpsTrafficOnly: true\n    allowBlobPublicAccess: false\n  }\n  tags: union(tags, { index: '${n}' })\n}\n`);
  return `param location string = resourceGroup().location\nparam tags object = { team: 'team-${index % 17}' }\n\nresource server 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {\n  name: 'pg-bicep-${index}'\n  location: location\n  sku: {\n    name: 'Standard_D2s_v3'\n    tier: 'GeneralPurpose'\n  }\n  properties: {\n    version: '16'\n    network: {\n      publicNetworkAccess: '${next() > 0.5 ? 'Enabled' : 'Disabled'}'\n    }\n    backup: {\n      backupRetentionDays: ${7 + Math.floor(next() * 28)}\n    }\n  }\n\n  resource tls 'configurations' = {\n    name: 'ssl_min_protocol_version'\n    properties: {\n      value: 'TLSv1.3'\n    }\n  }\n}\n\n${noise.join('\n')}`;
}

function arm(next: () => number, index: number): string {
  const noise = Array.from({ length: 20 }, (_, n) => ({
    type: 'Microsoft.Storage/storageAccounts',
    apiVersion: '2023-01-01',
    name: `[concat('stnoise', '${index}x${n}')]`,
    location: "[parameters('location')]",
    sku: { name: 'Standard_GRS' },
    kind: 'StorageV2',
    properties: { minimumTlsVersion: 'TLS1_2', supportsHttpsTrafficOnly: true },
  }));
  const template = {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: { location: { type: 'string', defaultValue: 'westeurope' }, serverName: { type: 'string', defaultValue: `pg-arm-${index}` } },
    resources: [
      {
        type: 'Microsoft.DBforPostgreSQL/flexibleServers',
        apiVersion: '2024-08-01',
        name: "[parameters('serverName')]",
        location: "[parameters('location')]",
        properties: { version: '16', network: { publicNetworkAccess: next() > 0.5 ? 'Enabled' : 'Disabled' } },
        resources: [{ type: 'firewallRules', apiVersion: '2024-08-01', name: 'office', properties: { startIpAddress: '203.0.113.1', endIpAddress: '203.0.113.9' } }],
      },
      ...noise,
    ],
  };
  return `${JSON.stringify(template, null, 2)}\n`;
}

/** Writes `files` files under `dir` (wiped first): about 60 % Terraform, 25 % Bicep, 15 % ARM. */
export function generateMonorepo(dir: string, files: number, seed = 42): void {
  rmSync(dir, { recursive: true, force: true });
  const next = random(seed);
  for (let index = 0; index < files; index++) {
    const kind = index % 20 < 12 ? 'tf' : index % 20 < 17 ? 'bicep' : 'json';
    const folder = join(dir, `team-${index % 17}`, `${kind}-${Math.floor(index / 20)}`);
    mkdirSync(folder, { recursive: true });
    const text = kind === 'tf' ? terraform(next, index) : kind === 'bicep' ? bicep(next, index) : arm(next, index);
    writeFileSync(join(folder, kind === 'tf' ? 'main.tf' : kind === 'bicep' ? 'main.bicep' : 'azuredeploy.json'), text);
  }
}
