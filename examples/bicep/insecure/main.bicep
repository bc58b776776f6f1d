// The same estate as examples/terraform/insecure, in Bicep: every rule fires here.

@secure()
param adminPassword string = 'Sup3r-Secret!' // a literal default: committed to Git

param workspaceId string

resource legacyApp 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: 'legacy-app-db'
  location: 'westeurope'
  sku: {
    name: 'Standard_D2s_v3'
    tier: 'GeneralPurpose'
  }
  properties: {
    version: '12'
    administratorLogin: 'pgadmin'
    administratorLoginPassword: adminPassword
    authConfig: {
      activeDirectoryAuth: 'Enabled'
      passwordAuth: 'Enabled'
    }
    backup: {
      backupRetentionDays: 7
      geoRedundantBackup: 'Enabled'
    }
    highAvailability: {
      mode: 'SameZone'
    }
    dataEncryption: {
      type: 'AzureKeyVault'
      primaryKeyURI: legacyKey.properties.keyUriWithVersion
    }
  }

  resource everyone 'firewallRules' = {
    name: 'everyone'
    properties: {
      startIpAddress: '0.0.0.0'
      endIpAddress: '255.255.255.255'
    }
  }

  resource azure 'firewallRules' = {
    name: 'AllowAllWindowsAzureIps'
    properties: {
      startIpAddress: '0.0.0.0'
      endIpAddress: '0.0.0.0'
    }
  }

  resource partner 'firewallRules' = {
    name: 'partner-network'
    properties: {
      startIpAddress: '198.100.0.0'
      endIpAddress: '198.100.3.255'
    }
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-02-01' existing = {
  name: 'kv-legacy'
}

resource legacyKey 'Microsoft.KeyVault/vaults/keys@2023-02-01' = {
  parent: vault
  name: 'legacy-cmk'
  properties: {
    kty: 'RSA'
    keySize: 2048
  }
}

var relaxed = {
  require_secure_transport: 'off'
  ssl_min_protocol_version: 'TLSv1.1'
  log_connections: 'off'
  'connection_throttle.enable': 'off'
  password_encryption: 'md5'
}

resource relaxedParameters 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = [
  for item in items(relaxed): {
    parent: legacyApp
    name: item.key
    properties: {
      value: item.value
      source: 'user-override'
    }
  }
]

resource metricsOnly 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'metrics-only'
  scope: legacyApp
  properties: {
    workspaceId: workspaceId
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

resource retired 'Microsoft.DBforPostgreSQL/servers@2017-12-01' = {
  name: 'retired-single-server'
  location: 'westeurope'
  properties: {
    version: '11'
    createMode: 'Default'
    administratorLogin: 'pgadmin'
    administratorLoginPassword: adminPassword
  }
}

// Everything left to the platform defaults: public access, password-only sign-in, service-managed keys.
resource reporting 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: 'reporting-db'
  location: 'westeurope'
  sku: {
    name: 'Standard_B1ms'
    tier: 'Burstable'
  }
  properties: {
    version: '16'
  }
}
