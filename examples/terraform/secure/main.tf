# A flexible server that meets every rule of the baseline: pgbaseline reports nothing here.

variable "tenant_id" {
  type = string
}

variable "dba_group_object_id" {
  type = string
}

resource "azurerm_postgresql_flexible_server" "orders" {
  name                          = "orders-db"
  resource_group_name           = azurerm_resource_group.db.name
  location                      = azurerm_resource_group.db.location
  version                       = "17"
  sku_name                      = "GP_Standard_D4ds_v5"
  public_network_access_enabled = false
  backup_retention_days         = 14
  geo_redundant_backup_enabled  = true
  zone                          = "1"

  authentication {
    active_directory_auth_enabled = true
    password_auth_enabled         = false
    tenant_id                     = var.tenant_id
  }

  high_availability {
    mode                      = "ZoneRedundant"
    standby_availability_zone = "2"
  }

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.db.id, azurerm_user_assigned_identity.db_geo.id]
  }

  customer_managed_key {
    key_vault_key_id                     = azurerm_key_vault_key.db.versionless_id
    primary_user_assigned_identity_id    = azurerm_user_assigned_identity.db.id
    geo_backup_key_vault_key_id          = azurerm_key_vault_key.db_geo.versionless_id
    geo_backup_user_assigned_identity_id = azurerm_user_assigned_identity.db_geo.id
  }

  maintenance_window {
    day_of_week  = 0
    start_hour   = 2
    start_minute = 0
  }
}

resource "azurerm_postgresql_flexible_server_active_directory_administrator" "dba" {
  server_name         = azurerm_postgresql_flexible_server.orders.name
  resource_group_name = azurerm_resource_group.db.name
  tenant_id           = var.tenant_id
  object_id           = var.dba_group_object_id
  principal_name      = "dba-group"
  principal_type      = "Group"
}

locals {
  server_parameters = {
    "ssl_min_protocol_version" = "TLSv1.3"
    "shared_preload_libraries" = "pg_cron,pgaudit"
    "pgaudit.log"              = "ddl,role"
    "azure.extensions"         = "ANON,PGAUDIT,PG_CRON"
  }
}

resource "azurerm_postgresql_flexible_server_configuration" "parameters" {
  for_each  = local.server_parameters
  name      = each.key
  server_id = azurerm_postgresql_flexible_server.orders.id
  value     = each.value
}

resource "azurerm_private_endpoint" "orders" {
  name                = "pe-orders-db"
  location            = azurerm_resource_group.db.location
  resource_group_name = azurerm_resource_group.db.name
  subnet_id           = azurerm_subnet.endpoints.id

  private_service_connection {
    name                           = "orders-db"
    private_connection_resource_id = azurerm_postgresql_flexible_server.orders.id
    subresource_names              = ["postgresqlServer"]
    is_manual_connection           = false
  }
}

resource "azurerm_monitor_diagnostic_setting" "orders" {
  name                       = "audit-to-log-analytics"
  target_resource_id         = azurerm_postgresql_flexible_server.orders.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.security.id

  enabled_log {
    category_group = "audit"
  }
}

resource "azurerm_security_center_subscription_pricing" "oss_databases" {
  tier          = "Standard"
  resource_type = "OpenSourceRelationalDatabases"
}

resource "azurerm_key_vault_key" "db" {
  name         = "orders-db-cmk"
  key_vault_id = azurerm_key_vault.primary.id
  key_type     = "RSA"
  key_size     = 3072
  key_opts     = ["wrapKey", "unwrapKey"]

  rotation_policy {
    automatic {
      time_before_expiry = "P30D"
    }
    expire_after = "P180D"
  }
}

resource "azurerm_key_vault_key" "db_geo" {
  name         = "orders-db-geo-cmk"
  key_vault_id = azurerm_key_vault.paired.id
  key_type     = "RSA"
  key_size     = 3072
  key_opts     = ["wrapKey", "unwrapKey"]

  rotation_policy {
    automatic {
      time_before_expiry = "P30D"
    }
    expire_after = "P180D"
  }
}
