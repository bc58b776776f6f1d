# A configuration that breaks the baseline in every way pgbaseline checks: each rule fires here.

variable "admin_password" {
  type    = string
  default = "Sup3r-Secret!" # a literal default: committed to Git
}

resource "azurerm_postgresql_flexible_server" "legacy_app" {
  name                   = "legacy-app-db"
  resource_group_name    = "rg-legacy"
  location               = "westeurope"
  version                = "12"
  sku_name               = "GP_Standard_D2s_v3"
  administrator_login    = "pgadmin"
  administrator_password = var.admin_password
  backup_retention_days  = 7

  authentication {
    active_directory_auth_enabled = true
    password_auth_enabled         = true
  }

  high_availability {
    mode = "SameZone"
  }

  customer_managed_key {
    key_vault_key_id = azurerm_key_vault_key.legacy.id
  }

  geo_redundant_backup_enabled = true
}

resource "azurerm_key_vault_key" "legacy" {
  name         = "legacy-cmk"
  key_vault_id = azurerm_key_vault.main.id
  key_type     = "RSA"
  key_size     = 2048
  key_opts     = ["wrapKey", "unwrapKey"]
}

resource "azurerm_postgresql_flexible_server_firewall_rule" "everyone" {
  name             = "everyone"
  server_id        = azurerm_postgresql_flexible_server.legacy_app.id
  start_ip_address = "0.0.0.0"
  end_ip_address   = "255.255.255.255"
}

resource "azurerm_postgresql_flexible_server_firewall_rule" "azure" {
  name             = "AllowAllWindowsAzureIps"
  server_id        = azurerm_postgresql_flexible_server.legacy_app.id
  start_ip_address = "0.0.0.0"
  end_ip_address   = "0.0.0.0"
}

resource "azurerm_postgresql_flexible_server_firewall_rule" "partner" {
  name             = "partner-network"
  server_id        = azurerm_postgresql_flexible_server.legacy_app.id
  start_ip_address = "198.100.0.0"
  end_ip_address   = "198.100.3.255"
}

locals {
  relaxed = {
    require_secure_transport     = "off"
    ssl_min_protocol_version     = "TLSv1.1"
    log_connections              = "off"
    "connection_throttle.enable" = "off"
    password_encryption          = "md5"
  }
}

resource "azurerm_postgresql_flexible_server_configuration" "relaxed" {
  for_each  = local.relaxed
  name      = each.key
  server_id = azurerm_postgresql_flexible_server.legacy_app.id
  value     = each.value
}

resource "azurerm_monitor_diagnostic_setting" "metrics_only" {
  name                       = "metrics-only"
  target_resource_id         = azurerm_postgresql_flexible_server.legacy_app.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id

  enabled_metric {
    category = "AllMetrics"
  }
}

resource "azurerm_postgresql_server" "retired" {
  name                    = "retired-single-server"
  location                = "westeurope"
  resource_group_name     = "rg-legacy"
  sku_name                = "GP_Gen5_2"
  version                 = "11"
  ssl_enforcement_enabled = true
}

# Everything left to the platform defaults: public access, password-only sign-in, service-managed keys.
resource "azurerm_postgresql_flexible_server" "reporting" {
  name                = "reporting-db"
  resource_group_name = "rg-legacy"
  location            = "westeurope"
  version             = "16"
  sku_name            = "B_Standard_B1ms"
}
