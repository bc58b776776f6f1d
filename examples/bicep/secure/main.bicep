// A flexible server that meets every rule of the baseline, in Bicep: pgbaseline reports nothing here.

param tenantId string = tenant().tenantId
param dbaGroupObjectId string
param endpointSubnetId string
param securityWorkspaceId string
param identityId string
param geoIdentityId string

resource orders 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: 'orders-db'
  location: 'westeurope'
  sku: {
    name: 'Standard_D4ds_v5'
    tier: 'GeneralPurpose'
  }
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
      '${geoIdentityId}': {}
    }
  }
  properties: {
    version: '17'
    network: {
      publicNetworkAccess: 'Disabled'
    }
    authConfig: {
      activeDirectoryAuth: 'Enabled'
      passwordAuth: 'Disabled'
      tenantId: tenantId
    }
    backup: {
      backupRetentionDays: 14
      geoRedundantBackup: 'Enabled'
    }
    highAvailability: {
      mode: 'ZoneRedundant'
      standbyAvailabilityZone: '2'
    }
    dataEncryption: {
      type: 'AzureKeyVault'
      primaryKeyURI: ordersKey.properties.keyUri
      primaryUserAssignedIdentityId: identityId
      geoBackupKeyURI: ordersGeoKey.properties.keyUri
      geoBackupUserAssignedIdentityId: geoIdentityId
    }
    maintenanceWindow: {
      customWindow: 'Enabled'
      dayOfWeek: 0
      startHour: 2
      startMinute: 0
    }
  }
}

resource dba 'Microsoft.DBforPostgreSQL/flexibleServers/administrators@2024-08-01' = {
  parent: orders
  name: dbaGroupObjectId
  properties: {
    principalName: 'dba-group'
    principalType: 'Group'
    tenantId: tenantId
  }
}

var serverParameters = {
  ssl_min_protocol_version: 'TLSv1.3'
  shared_preload_libraries: 'pg_cron,pgaudit'
  'pgaudit.log': 'ddl,role'
  'azure.extensions': 'ANON,PGAUDIT,PG_CRON'
}

@batchSize(1)
resource parameters 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = [
  for item in items(serverParameters): {
    parent: orders
    name: item.key
    properties: {
      value: item.value
      source: 'user-override'
    }
  }
]

resource threatProtection 'Microsoft.DBforPostgreSQL/flexibleServers/advancedThreatProtectionSettings@2024-08-01' = {
  parent: orders
  name: 'Default'
  properties: {
    state: 'Enabled'
  }
}

resource endpoint 'Microsoft.Network/privateEndpoints@2023-11-01' = {
  name: 'pe-orders-db'
  location: 'westeurope'
  properties: {
    subnet: {
      id: endpointSubnetId
    }
    privateLinkServiceConnections: [
      {
        name: 'orders-db'
        properties: {
          privateLinkServiceId: orders.id
          groupIds: ['postgresqlServer']
        }
      }
    ]
  }
}

resource audit 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'audit-to-log-analytics'
  scope: orders
  properties: {
    workspaceId: securityWorkspaceId
    logs: [
      {
        categoryGroup: 'audit'
        enabled: true
      }
    ]
  }
}

resource primaryVault 'Microsoft.KeyVault/vaults@2023-02-01' existing = {
  name: 'kv-orders'
}

resource pairedVault 'Microsoft.KeyVault/vaults@2023-02-01' existing = {
  name: 'kv-orders-paired'
}

var rotation = {
  lifetimeActions: [
    {
      trigger: { timeBeforeExpiry: 'P30D' }
      action: { type: 'rotate' }
    }
  ]
  attributes: { expiryTime: 'P180D' }
}

resource ordersKey 'Microsoft.KeyVault/vaults/keys@2023-02-01' = {
  parent: primaryVault
  name: 'orders-db-cmk'
  properties: {
    kty: 'RSA'
    keySize: 3072
    rotationPolicy: rotation
  }
}

resource ordersGeoKey 'Microsoft.KeyVault/vaults/keys@2023-02-01' = {
  parent: pairedVault
  name: 'orders-db-geo-cmk'
  properties: {
    kty: 'RSA'
    keySize: 3072
    rotationPolicy: rotation
  }
}
