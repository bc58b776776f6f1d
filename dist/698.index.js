export const id = 698;
export const ids = [698];
export const modules = {

/***/ 9698:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  FH: () => (/* reexport */ PostgreSQLManagementFlexibleServerClient)
});

// UNUSED EXPORTS: KnownAzureManagedDiskPerformanceTier, KnownBackupType, KnownCancel, KnownCheckNameAvailabilityReason, KnownConfigurationDataType, KnownCreateMode, KnownCreateModeForPatch, KnownCreatedByType, KnownDataEncryptionType, KnownEncryptionKeyStatus, KnownExecutionStatus, KnownFailoverMode, KnownFastProvisioningSupport, KnownFeatureStatus, KnownGeographicallyRedundantBackup, KnownGeographicallyRedundantBackupSupport, KnownHighAvailabilityMode, KnownHighAvailabilityState, KnownIdentityType, KnownLocationRestricted, KnownLogicalReplicationOnSourceServer, KnownMicrosoftEntraAuth, KnownMigrateRolesAndPermissions, KnownMigrationDatabaseState, KnownMigrationDetailsLevel, KnownMigrationListFilter, KnownMigrationMode, KnownMigrationNameAvailabilityReason, KnownMigrationOption, KnownMigrationState, KnownMigrationSubstate, KnownOnlineStorageResizeSupport, KnownOperationOrigin, KnownOverwriteDatabasesOnTargetServer, KnownPasswordBasedAuth, KnownPostgresMajorVersion, KnownPrincipalType, KnownPrivateEndpointConnectionProvisioningState, KnownPrivateEndpointServiceConnectionStatus, KnownReadReplicaPromoteMode, KnownReadReplicaPromoteOption, KnownRecommendationTypeEnum, KnownRecommendationTypeParameterEnum, KnownReplicationRole, KnownReplicationState, KnownServerPublicNetworkAccessState, KnownServerState, KnownSkuTier, KnownSourceType, KnownSslMode, KnownStartDataMigration, KnownStorageAutoGrow, KnownStorageAutoGrowthSupport, KnownStorageType, KnownThreatProtectionName, KnownTriggerCutover, KnownTuningOptionParameterEnum, KnownValidationState, KnownVirtualEndpointType, KnownZoneRedundantHighAvailabilityAndGeographicallyRedundantBackupSupport, KnownZoneRedundantHighAvailabilitySupport, getContinuationToken

// NAMESPACE OBJECT: ./node_modules/@azure/arm-postgresql-flexible/dist/esm/models/mappers.js
var mappers_namespaceObject = {};
__webpack_require__.r(mappers_namespaceObject);
__webpack_require__.d(mappers_namespaceObject, {
  AdminCredentials: () => (AdminCredentials),
  AdminCredentialsForPatch: () => (AdminCredentialsForPatch),
  AdministratorMicrosoftEntra: () => (AdministratorMicrosoftEntra),
  AdministratorMicrosoftEntraAdd: () => (AdministratorMicrosoftEntraAdd),
  AdministratorMicrosoftEntraList: () => (AdministratorMicrosoftEntraList),
  AdministratorsMicrosoftEntraCreateOrUpdateHeaders: () => (AdministratorsMicrosoftEntraCreateOrUpdateHeaders),
  AdministratorsMicrosoftEntraDeleteHeaders: () => (AdministratorsMicrosoftEntraDeleteHeaders),
  AdvancedThreatProtectionSettingsList: () => (AdvancedThreatProtectionSettingsList),
  AdvancedThreatProtectionSettingsModel: () => (AdvancedThreatProtectionSettingsModel),
  AuthConfig: () => (AuthConfig),
  AuthConfigForPatch: () => (AuthConfigForPatch),
  Backup: () => (Backup),
  BackupAutomaticAndOnDemand: () => (BackupAutomaticAndOnDemand),
  BackupAutomaticAndOnDemandList: () => (BackupAutomaticAndOnDemandList),
  BackupForPatch: () => (BackupForPatch),
  BackupRequestBase: () => (BackupRequestBase),
  BackupSettings: () => (BackupSettings),
  BackupStoreDetails: () => (BackupStoreDetails),
  BackupsAutomaticAndOnDemandCreateHeaders: () => (BackupsAutomaticAndOnDemandCreateHeaders),
  BackupsAutomaticAndOnDemandDeleteHeaders: () => (BackupsAutomaticAndOnDemandDeleteHeaders),
  BackupsLongTermRetentionCheckPrerequisitesExceptionHeaders: () => (BackupsLongTermRetentionCheckPrerequisitesExceptionHeaders),
  BackupsLongTermRetentionCheckPrerequisitesHeaders: () => (BackupsLongTermRetentionCheckPrerequisitesHeaders),
  BackupsLongTermRetentionOperation: () => (BackupsLongTermRetentionOperation),
  BackupsLongTermRetentionRequest: () => (BackupsLongTermRetentionRequest),
  BackupsLongTermRetentionResponse: () => (BackupsLongTermRetentionResponse),
  BackupsLongTermRetentionStartExceptionHeaders: () => (BackupsLongTermRetentionStartExceptionHeaders),
  BackupsLongTermRetentionStartHeaders: () => (BackupsLongTermRetentionStartHeaders),
  Capability: () => (Capability),
  CapabilityBase: () => (CapabilityBase),
  CapabilityList: () => (CapabilityList),
  CapturedLog: () => (CapturedLog),
  CapturedLogList: () => (CapturedLogList),
  CheckNameAvailabilityRequest: () => (CheckNameAvailabilityRequest),
  CheckNameAvailabilityResponse: () => (CheckNameAvailabilityResponse),
  Cluster: () => (Cluster),
  Configuration: () => (Configuration),
  ConfigurationForUpdate: () => (ConfigurationForUpdate),
  ConfigurationList: () => (ConfigurationList),
  ConfigurationsPutHeaders: () => (ConfigurationsPutHeaders),
  ConfigurationsUpdateHeaders: () => (ConfigurationsUpdateHeaders),
  DataEncryption: () => (DataEncryption),
  Database: () => (Database),
  DatabaseList: () => (DatabaseList),
  DatabaseMigrationState: () => (DatabaseMigrationState),
  DatabasesCreateHeaders: () => (DatabasesCreateHeaders),
  DatabasesDeleteHeaders: () => (DatabasesDeleteHeaders),
  DbLevelValidationStatus: () => (DbLevelValidationStatus),
  DbServerMetadata: () => (DbServerMetadata),
  DelegatedSubnetUsage: () => (DelegatedSubnetUsage),
  ErrorAdditionalInfo: () => (ErrorAdditionalInfo),
  ErrorDetail: () => (ErrorDetail),
  ErrorResponse: () => (ErrorResponse),
  FastProvisioningEditionCapability: () => (FastProvisioningEditionCapability),
  FirewallRule: () => (FirewallRule),
  FirewallRuleList: () => (FirewallRuleList),
  FirewallRulesCreateOrUpdateHeaders: () => (FirewallRulesCreateOrUpdateHeaders),
  FirewallRulesDeleteHeaders: () => (FirewallRulesDeleteHeaders),
  HighAvailability: () => (HighAvailability),
  HighAvailabilityForPatch: () => (HighAvailabilityForPatch),
  ImpactRecord: () => (ImpactRecord),
  LtrPreBackupRequest: () => (LtrPreBackupRequest),
  LtrPreBackupResponse: () => (LtrPreBackupResponse),
  LtrServerBackupOperationList: () => (LtrServerBackupOperationList),
  MaintenanceWindow: () => (MaintenanceWindow),
  MaintenanceWindowForPatch: () => (MaintenanceWindowForPatch),
  Migration: () => (Migration),
  MigrationList: () => (MigrationList),
  MigrationNameAvailability: () => (MigrationNameAvailability),
  MigrationResourceForPatch: () => (MigrationResourceForPatch),
  MigrationSecretParameters: () => (MigrationSecretParameters),
  MigrationSecretParametersForPatch: () => (MigrationSecretParametersForPatch),
  MigrationStatus: () => (MigrationStatus),
  MigrationSubstateDetails: () => (MigrationSubstateDetails),
  NameAvailabilityModel: () => (NameAvailabilityModel),
  NameProperty: () => (NameProperty),
  Network: () => (Network),
  ObjectRecommendation: () => (ObjectRecommendation),
  ObjectRecommendationDetails: () => (ObjectRecommendationDetails),
  ObjectRecommendationList: () => (ObjectRecommendationList),
  ObjectRecommendationPropertiesAnalyzedWorkload: () => (ObjectRecommendationPropertiesAnalyzedWorkload),
  ObjectRecommendationPropertiesImplementationDetails: () => (ObjectRecommendationPropertiesImplementationDetails),
  Operation: () => (Operation),
  OperationDisplay: () => (OperationDisplay),
  OperationList: () => (OperationList),
  PrivateEndpoint: () => (PrivateEndpoint),
  PrivateEndpointConnection: () => (PrivateEndpointConnection),
  PrivateEndpointConnectionList: () => (PrivateEndpointConnectionList),
  PrivateEndpointConnectionsDeleteHeaders: () => (PrivateEndpointConnectionsDeleteHeaders),
  PrivateEndpointConnectionsUpdateHeaders: () => (PrivateEndpointConnectionsUpdateHeaders),
  PrivateLinkResource: () => (PrivateLinkResource),
  PrivateLinkResourceList: () => (PrivateLinkResourceList),
  PrivateLinkServiceConnectionState: () => (PrivateLinkServiceConnectionState),
  ProxyResource: () => (ProxyResource),
  QuotaUsage: () => (QuotaUsage),
  QuotaUsageList: () => (QuotaUsageList),
  Replica: () => (Replica),
  Resource: () => (Resource),
  RestartParameter: () => (RestartParameter),
  Server: () => (Server),
  ServerEditionCapability: () => (ServerEditionCapability),
  ServerForPatch: () => (ServerForPatch),
  ServerList: () => (ServerList),
  ServerSku: () => (ServerSku),
  ServerSkuCapability: () => (ServerSkuCapability),
  ServerThreatProtectionSettingsCreateOrUpdateHeaders: () => (ServerThreatProtectionSettingsCreateOrUpdateHeaders),
  ServerVersionCapability: () => (ServerVersionCapability),
  ServersCreateOrUpdateHeaders: () => (ServersCreateOrUpdateHeaders),
  ServersDeleteHeaders: () => (ServersDeleteHeaders),
  ServersRestartHeaders: () => (ServersRestartHeaders),
  ServersStartHeaders: () => (ServersStartHeaders),
  ServersStopHeaders: () => (ServersStopHeaders),
  ServersUpdateHeaders: () => (ServersUpdateHeaders),
  Sku: () => (Sku),
  SkuForPatch: () => (SkuForPatch),
  Storage: () => (Storage),
  StorageEditionCapability: () => (StorageEditionCapability),
  StorageMbCapability: () => (StorageMbCapability),
  StorageTierCapability: () => (StorageTierCapability),
  SupportedFeature: () => (SupportedFeature),
  SystemData: () => (SystemData),
  TrackedResource: () => (TrackedResource),
  TuningOptions: () => (TuningOptions),
  TuningOptionsList: () => (TuningOptionsList),
  UserAssignedIdentity: () => (UserAssignedIdentity),
  UserIdentity: () => (UserIdentity),
  ValidationDetails: () => (ValidationDetails),
  ValidationMessage: () => (ValidationMessage),
  ValidationSummaryItem: () => (ValidationSummaryItem),
  VirtualEndpoint: () => (VirtualEndpoint),
  VirtualEndpointResourceForPatch: () => (VirtualEndpointResourceForPatch),
  VirtualEndpointsCreateHeaders: () => (VirtualEndpointsCreateHeaders),
  VirtualEndpointsDeleteHeaders: () => (VirtualEndpointsDeleteHeaders),
  VirtualEndpointsList: () => (VirtualEndpointsList),
  VirtualEndpointsUpdateHeaders: () => (VirtualEndpointsUpdateHeaders),
  VirtualNetworkSubnetUsageModel: () => (VirtualNetworkSubnetUsageModel),
  VirtualNetworkSubnetUsageParameter: () => (VirtualNetworkSubnetUsageParameter)
});

;// CONCATENATED MODULE: ./node_modules/@azure/arm-postgresql-flexible/dist/esm/pagingHelper.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
const pageMap = new WeakMap();
/**
 * Given the last `.value` produced by the `byPage` iterator,
 * returns a continuation token that can be used to begin paging from
 * that point later.
 * @param page An object from accessing `value` on the IteratorResult from a `byPage` iterator.
 * @returns The continuation token that can be passed into byPage() during future calls.
 */
function getContinuationToken(page) {
    if (typeof page !== "object" || page === null) {
        return undefined;
    }
    return pageMap.get(page)?.continuationToken;
}
function setContinuationToken(page, continuationToken) {
    if (typeof page !== "object" || page === null || !continuationToken) {
        return;
    }
    const pageInfo = pageMap.get(page) ?? {};
    pageInfo.continuationToken = continuationToken;
    pageMap.set(page, pageInfo);
}
//# sourceMappingURL=pagingHelper.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-postgresql-flexible/dist/esm/models/index.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
/** Known values of {@link PrincipalType} that the service accepts. */
var KnownPrincipalType;
(function (KnownPrincipalType) {
    /** The principal type is not known or not specified. */
    KnownPrincipalType["Unknown"] = "Unknown";
    /** A Microsoft Entra user. */
    KnownPrincipalType["User"] = "User";
    /** A Microsoft Entra group. */
    KnownPrincipalType["Group"] = "Group";
    /** A Microsoft Entra service principal, typically representing an application or service identity */
    KnownPrincipalType["ServicePrincipal"] = "ServicePrincipal";
})(KnownPrincipalType || (KnownPrincipalType = {}));
/** Known values of {@link CreatedByType} that the service accepts. */
var KnownCreatedByType;
(function (KnownCreatedByType) {
    /** User */
    KnownCreatedByType["User"] = "User";
    /** Application */
    KnownCreatedByType["Application"] = "Application";
    /** ManagedIdentity */
    KnownCreatedByType["ManagedIdentity"] = "ManagedIdentity";
    /** Key */
    KnownCreatedByType["Key"] = "Key";
})(KnownCreatedByType || (KnownCreatedByType = {}));
/** Known values of {@link ThreatProtectionName} that the service accepts. */
var KnownThreatProtectionName;
(function (KnownThreatProtectionName) {
    /** Default advanced threat protection settings. */
    KnownThreatProtectionName["Default"] = "Default";
})(KnownThreatProtectionName || (KnownThreatProtectionName = {}));
/** Known values of {@link BackupType} that the service accepts. */
var KnownBackupType;
(function (KnownBackupType) {
    /** A full backup taken automatically by the service. These backups are retained for a period of time as defined by the backup retention policy, and they cannot be deleted by the customer. */
    KnownBackupType["Full"] = "Full";
    /** A full backup triggered by the customer. These backups are retained for a period of time as defined by the backup retention policy, and they can also be deleted by the customer. */
    KnownBackupType["CustomerOnDemand"] = "Customer On-Demand";
})(KnownBackupType || (KnownBackupType = {}));
/** Known values of {@link HighAvailabilityMode} that the service accepts. */
var KnownHighAvailabilityMode;
(function (KnownHighAvailabilityMode) {
    /** High availability is enabled for the server, with standby server in a different availability zone than that of the primary. */
    KnownHighAvailabilityMode["ZoneRedundant"] = "ZoneRedundant";
    /** High availability is enabled for the server, with standby server in the same availability zone as the primary. */
    KnownHighAvailabilityMode["SameZone"] = "SameZone";
})(KnownHighAvailabilityMode || (KnownHighAvailabilityMode = {}));
/** Known values of {@link FeatureStatus} that the service accepts. */
var KnownFeatureStatus;
(function (KnownFeatureStatus) {
    /** Feature is enabled. */
    KnownFeatureStatus["Enabled"] = "Enabled";
    /** Feature is disabled. */
    KnownFeatureStatus["Disabled"] = "Disabled";
})(KnownFeatureStatus || (KnownFeatureStatus = {}));
/** Known values of {@link FastProvisioningSupport} that the service accepts. */
var KnownFastProvisioningSupport;
(function (KnownFastProvisioningSupport) {
    /** Fast provisioning is supported. */
    KnownFastProvisioningSupport["Enabled"] = "Enabled";
    /** Fast provisioning is not supported. */
    KnownFastProvisioningSupport["Disabled"] = "Disabled";
})(KnownFastProvisioningSupport || (KnownFastProvisioningSupport = {}));
/** Known values of {@link GeographicallyRedundantBackupSupport} that the service accepts. */
var KnownGeographicallyRedundantBackupSupport;
(function (KnownGeographicallyRedundantBackupSupport) {
    /** Geographically redundant backups are supported. */
    KnownGeographicallyRedundantBackupSupport["Enabled"] = "Enabled";
    /** Geographically redundant backups are not supported. */
    KnownGeographicallyRedundantBackupSupport["Disabled"] = "Disabled";
})(KnownGeographicallyRedundantBackupSupport || (KnownGeographicallyRedundantBackupSupport = {}));
/** Known values of {@link ZoneRedundantHighAvailabilitySupport} that the service accepts. */
var KnownZoneRedundantHighAvailabilitySupport;
(function (KnownZoneRedundantHighAvailabilitySupport) {
    /** High availability with zone redundancy is supported. */
    KnownZoneRedundantHighAvailabilitySupport["Enabled"] = "Enabled";
    /** High availability with zone redundancy is not supported. */
    KnownZoneRedundantHighAvailabilitySupport["Disabled"] = "Disabled";
})(KnownZoneRedundantHighAvailabilitySupport || (KnownZoneRedundantHighAvailabilitySupport = {}));
/** Known values of {@link ZoneRedundantHighAvailabilityAndGeographicallyRedundantBackupSupport} that the service accepts. */
var KnownZoneRedundantHighAvailabilityAndGeographicallyRedundantBackupSupport;
(function (KnownZoneRedundantHighAvailabilityAndGeographicallyRedundantBackupSupport) {
    /** High availability with zone redundancy is supported in conjunction with geographically redundant backups. */
    KnownZoneRedundantHighAvailabilityAndGeographicallyRedundantBackupSupport["Enabled"] = "Enabled";
    /** High availability with zone redundancy is not supported in conjunction with geographically redundant backups. */
    KnownZoneRedundantHighAvailabilityAndGeographicallyRedundantBackupSupport["Disabled"] = "Disabled";
})(KnownZoneRedundantHighAvailabilityAndGeographicallyRedundantBackupSupport || (KnownZoneRedundantHighAvailabilityAndGeographicallyRedundantBackupSupport = {}));
/** Known values of {@link StorageAutoGrowthSupport} that the service accepts. */
var KnownStorageAutoGrowthSupport;
(function (KnownStorageAutoGrowthSupport) {
    /** Storage autogrow is supported. */
    KnownStorageAutoGrowthSupport["Enabled"] = "Enabled";
    /** Storage autogrow is not supported. */
    KnownStorageAutoGrowthSupport["Disabled"] = "Disabled";
})(KnownStorageAutoGrowthSupport || (KnownStorageAutoGrowthSupport = {}));
/** Known values of {@link OnlineStorageResizeSupport} that the service accepts. */
var KnownOnlineStorageResizeSupport;
(function (KnownOnlineStorageResizeSupport) {
    /** Resizing the storage without interrupting the operation of the database engine is supported. */
    KnownOnlineStorageResizeSupport["Enabled"] = "Enabled";
    /** Resizing the storage without interrupting the operation of the database engine is not supported. */
    KnownOnlineStorageResizeSupport["Disabled"] = "Disabled";
})(KnownOnlineStorageResizeSupport || (KnownOnlineStorageResizeSupport = {}));
/** Known values of {@link LocationRestricted} that the service accepts. */
var KnownLocationRestricted;
(function (KnownLocationRestricted) {
    /** Location is restricted. */
    KnownLocationRestricted["Enabled"] = "Enabled";
    /** Location is not restricted. */
    KnownLocationRestricted["Disabled"] = "Disabled";
})(KnownLocationRestricted || (KnownLocationRestricted = {}));
/** Known values of {@link ConfigurationDataType} that the service accepts. */
var KnownConfigurationDataType;
(function (KnownConfigurationDataType) {
    /** A boolean value. */
    KnownConfigurationDataType["Boolean"] = "Boolean";
    /** A numeric value. */
    KnownConfigurationDataType["Numeric"] = "Numeric";
    /** An integer value. */
    KnownConfigurationDataType["Integer"] = "Integer";
    /** An enumeration value. */
    KnownConfigurationDataType["Enumeration"] = "Enumeration";
    /** A string value. */
    KnownConfigurationDataType["String"] = "String";
    /** A set of values. */
    KnownConfigurationDataType["Set"] = "Set";
})(KnownConfigurationDataType || (KnownConfigurationDataType = {}));
/** Known values of {@link ExecutionStatus} that the service accepts. */
var KnownExecutionStatus;
(function (KnownExecutionStatus) {
    /** The operation is currently running. */
    KnownExecutionStatus["Running"] = "Running";
    /** The operation was cancelled. */
    KnownExecutionStatus["Cancelled"] = "Cancelled";
    /** The operation failed. */
    KnownExecutionStatus["Failed"] = "Failed";
    /** The operation succeeded. */
    KnownExecutionStatus["Succeeded"] = "Succeeded";
})(KnownExecutionStatus || (KnownExecutionStatus = {}));
/** Known values of {@link MigrationState} that the service accepts. */
var KnownMigrationState;
(function (KnownMigrationState) {
    /** Migration is in progress. */
    KnownMigrationState["InProgress"] = "InProgress";
    /** Migration is waiting for user action. */
    KnownMigrationState["WaitingForUserAction"] = "WaitingForUserAction";
    /** Migration has been canceled. */
    KnownMigrationState["Canceled"] = "Canceled";
    /** Migration has failed. */
    KnownMigrationState["Failed"] = "Failed";
    /** Migration has succeeded. */
    KnownMigrationState["Succeeded"] = "Succeeded";
    /** Validation for migration has failed. */
    KnownMigrationState["ValidationFailed"] = "ValidationFailed";
    /** Migration is cleaning up resources. */
    KnownMigrationState["CleaningUp"] = "CleaningUp";
})(KnownMigrationState || (KnownMigrationState = {}));
/** Known values of {@link MigrationSubstate} that the service accepts. */
var KnownMigrationSubstate;
(function (KnownMigrationSubstate) {
    /** Performing pre-requisite steps for migration. */
    KnownMigrationSubstate["PerformingPreRequisiteSteps"] = "PerformingPreRequisiteSteps";
    /** Waiting for logical replication setup request on source database. */
    KnownMigrationSubstate["WaitingForLogicalReplicationSetupRequestOnSourceDB"] = "WaitingForLogicalReplicationSetupRequestOnSourceDB";
    /** Waiting for databases to migrate specification. */
    KnownMigrationSubstate["WaitingForDBsToMigrateSpecification"] = "WaitingForDBsToMigrateSpecification";
    /** Waiting for target database overwrite confirmation. */
    KnownMigrationSubstate["WaitingForTargetDBOverwriteConfirmation"] = "WaitingForTargetDBOverwriteConfirmation";
    /** Waiting for data migration scheduling. */
    KnownMigrationSubstate["WaitingForDataMigrationScheduling"] = "WaitingForDataMigrationScheduling";
    /** Waiting for data migration window. */
    KnownMigrationSubstate["WaitingForDataMigrationWindow"] = "WaitingForDataMigrationWindow";
    /** Migrating data. */
    KnownMigrationSubstate["MigratingData"] = "MigratingData";
    /** Waiting for cutover trigger. */
    KnownMigrationSubstate["WaitingForCutoverTrigger"] = "WaitingForCutoverTrigger";
    /** Completing migration. */
    KnownMigrationSubstate["CompletingMigration"] = "CompletingMigration";
    /** Migration completed. */
    KnownMigrationSubstate["Completed"] = "Completed";
    /** Canceling requested database migrations. */
    KnownMigrationSubstate["CancelingRequestedDBMigrations"] = "CancelingRequestedDBMigrations";
    /** Validation in progress. */
    KnownMigrationSubstate["ValidationInProgress"] = "ValidationInProgress";
})(KnownMigrationSubstate || (KnownMigrationSubstate = {}));
/** Known values of {@link MigrationDatabaseState} that the service accepts. */
var KnownMigrationDatabaseState;
(function (KnownMigrationDatabaseState) {
    /** Migration is in progress for the database. */
    KnownMigrationDatabaseState["InProgress"] = "InProgress";
    /** Migration is waiting for cutover trigger for the database. */
    KnownMigrationDatabaseState["WaitingForCutoverTrigger"] = "WaitingForCutoverTrigger";
    /** Migration has failed for the database. */
    KnownMigrationDatabaseState["Failed"] = "Failed";
    /** Migration has been canceled for the database. */
    KnownMigrationDatabaseState["Canceled"] = "Canceled";
    /** Migration has succeeded for the database. */
    KnownMigrationDatabaseState["Succeeded"] = "Succeeded";
    /** Migration is canceling for the database. */
    KnownMigrationDatabaseState["Canceling"] = "Canceling";
})(KnownMigrationDatabaseState || (KnownMigrationDatabaseState = {}));
/** Known values of {@link ValidationState} that the service accepts. */
var KnownValidationState;
(function (KnownValidationState) {
    /** Validation has failed. */
    KnownValidationState["Failed"] = "Failed";
    /** Validation has succeeded. */
    KnownValidationState["Succeeded"] = "Succeeded";
    /** Validation has succeeded with warnings. */
    KnownValidationState["Warning"] = "Warning";
})(KnownValidationState || (KnownValidationState = {}));
/** Known values of {@link MigrationMode} that the service accepts. */
var KnownMigrationMode;
(function (KnownMigrationMode) {
    /** Offline migration mode. */
    KnownMigrationMode["Offline"] = "Offline";
    /** Online migration mode. */
    KnownMigrationMode["Online"] = "Online";
})(KnownMigrationMode || (KnownMigrationMode = {}));
/** Known values of {@link MigrationOption} that the service accepts. */
var KnownMigrationOption;
(function (KnownMigrationOption) {
    /** Validate the migration without performing it. */
    KnownMigrationOption["Validate"] = "Validate";
    /** Perform the migration. */
    KnownMigrationOption["Migrate"] = "Migrate";
    /** Validate and perform the migration. */
    KnownMigrationOption["ValidateAndMigrate"] = "ValidateAndMigrate";
})(KnownMigrationOption || (KnownMigrationOption = {}));
/** Known values of {@link SourceType} that the service accepts. */
var KnownSourceType;
(function (KnownSourceType) {
    /** On-premises PostgreSQL server. */
    KnownSourceType["OnPremises"] = "OnPremises";
    /** Amazon Web Services PostgreSQL server. */
    KnownSourceType["AWS"] = "AWS";
    /** Google Cloud Platform PostgreSQL server. */
    KnownSourceType["GCP"] = "GCP";
    /** Azure Virtual Machine PostgreSQL server. */
    KnownSourceType["AzureVM"] = "AzureVM";
    /** Azure Database for PostgreSQL single server. */
    KnownSourceType["PostgreSQLSingleServer"] = "PostgreSQLSingleServer";
    /** Amazon RDS for PostgreSQL. */
    KnownSourceType["AWSRDS"] = "AWS_RDS";
    /** Amazon Aurora for PostgreSQL. */
    KnownSourceType["AWSAurora"] = "AWS_AURORA";
    /** Amazon EC2 for PostgreSQL. */
    KnownSourceType["AWSEC2"] = "AWS_EC2";
    /** Google Cloud SQL for PostgreSQL. */
    KnownSourceType["GCPCloudSQL"] = "GCP_CloudSQL";
    /** Google Cloud AlloyDB for PostgreSQL. */
    KnownSourceType["GCPAlloyDB"] = "GCP_AlloyDB";
    /** Google Compute Engine for PostgreSQL. */
    KnownSourceType["GCPCompute"] = "GCP_Compute";
    /** EnterpriseDB PostgreSQL server. */
    KnownSourceType["EDB"] = "EDB";
    /** EnterpriseDB Oracle Server. */
    KnownSourceType["EDBOracleServer"] = "EDB_Oracle_Server";
    /** EnterpriseDB PostgreSQL server. */
    KnownSourceType["EDBPostgreSQL"] = "EDB_PostgreSQL";
    /** Azure Database for PostgreSQL flexible server. */
    KnownSourceType["PostgreSQLFlexibleServer"] = "PostgreSQLFlexibleServer";
    /** .NET Cosmos DB for PostgreSQL */
    KnownSourceType["PostgreSQLCosmosDB"] = "PostgreSQLCosmosDB";
    /** Huawei RDS for PostgreSQL */
    KnownSourceType["HuaweiRDS"] = "Huawei_RDS";
    /** Huawei Compute for PostgreSQL */
    KnownSourceType["HuaweiCompute"] = "Huawei_Compute";
    /** Heroku PostgreSQL */
    KnownSourceType["HerokuPostgreSQL"] = "Heroku_PostgreSQL";
    /** Crunchy PostgreSQL */
    KnownSourceType["CrunchyPostgreSQL"] = "Crunchy_PostgreSQL";
    /** ApsaraDB RDS for PostgreSQL */
    KnownSourceType["ApsaraDBRDS"] = "ApsaraDB_RDS";
    /** Digital Ocean Droplets for PostgreSQL */
    KnownSourceType["DigitalOceanDroplets"] = "Digital_Ocean_Droplets";
    /** Digital Ocean PostgreSQL */
    KnownSourceType["DigitalOceanPostgreSQL"] = "Digital_Ocean_PostgreSQL";
    /** Supabase PostgreSQL */
    KnownSourceType["SupabasePostgreSQL"] = "Supabase_PostgreSQL";
})(KnownSourceType || (KnownSourceType = {}));
/** Known values of {@link SslMode} that the service accepts. */
var KnownSslMode;
(function (KnownSslMode) {
    /** Prefer SSL connection. If the server does not support SSL, the connection will be established without SSL. */
    KnownSslMode["Prefer"] = "Prefer";
    /** Require SSL connection. If the server does not support SSL, the connection will fail. */
    KnownSslMode["Require"] = "Require";
    /** Require SSL connection and verify the server certificate against the CA certificate. */
    KnownSslMode["VerifyCA"] = "VerifyCA";
    /** Require SSL connection, verify the server certificate against the CA certificate, and verify that the server hostname matches the certificate. */
    KnownSslMode["VerifyFull"] = "VerifyFull";
})(KnownSslMode || (KnownSslMode = {}));
/** Known values of {@link SkuTier} that the service accepts. */
var KnownSkuTier;
(function (KnownSkuTier) {
    /** Burstable */
    KnownSkuTier["Burstable"] = "Burstable";
    /** GeneralPurpose */
    KnownSkuTier["GeneralPurpose"] = "GeneralPurpose";
    /** MemoryOptimized */
    KnownSkuTier["MemoryOptimized"] = "MemoryOptimized";
})(KnownSkuTier || (KnownSkuTier = {}));
/** Known values of {@link LogicalReplicationOnSourceServer} that the service accepts. */
var KnownLogicalReplicationOnSourceServer;
(function (KnownLogicalReplicationOnSourceServer) {
    /** Logical replication will be set up on the source server. */
    KnownLogicalReplicationOnSourceServer["True"] = "True";
    /** Logical replication will not be set up on the source server. */
    KnownLogicalReplicationOnSourceServer["False"] = "False";
})(KnownLogicalReplicationOnSourceServer || (KnownLogicalReplicationOnSourceServer = {}));
/** Known values of {@link OverwriteDatabasesOnTargetServer} that the service accepts. */
var KnownOverwriteDatabasesOnTargetServer;
(function (KnownOverwriteDatabasesOnTargetServer) {
    /** Databases on the target server can be overwritten when already present. */
    KnownOverwriteDatabasesOnTargetServer["True"] = "True";
    /** Databases on the target server cannot be overwritten when already present. */
    KnownOverwriteDatabasesOnTargetServer["False"] = "False";
})(KnownOverwriteDatabasesOnTargetServer || (KnownOverwriteDatabasesOnTargetServer = {}));
/** Known values of {@link MigrateRolesAndPermissions} that the service accepts. */
var KnownMigrateRolesAndPermissions;
(function (KnownMigrateRolesAndPermissions) {
    /** Roles and permissions will be migrated. */
    KnownMigrateRolesAndPermissions["True"] = "True";
    /** Roles and permissions will not be migrated. */
    KnownMigrateRolesAndPermissions["False"] = "False";
})(KnownMigrateRolesAndPermissions || (KnownMigrateRolesAndPermissions = {}));
/** Known values of {@link StartDataMigration} that the service accepts. */
var KnownStartDataMigration;
(function (KnownStartDataMigration) {
    /** Data migration must start right away. */
    KnownStartDataMigration["True"] = "True";
    /** Data migration must not start right away. */
    KnownStartDataMigration["False"] = "False";
})(KnownStartDataMigration || (KnownStartDataMigration = {}));
/** Known values of {@link TriggerCutover} that the service accepts. */
var KnownTriggerCutover;
(function (KnownTriggerCutover) {
    /** Cutover must be triggered for the entire migration. */
    KnownTriggerCutover["True"] = "True";
    /** Cutover must not be triggered for the entire migration. */
    KnownTriggerCutover["False"] = "False";
})(KnownTriggerCutover || (KnownTriggerCutover = {}));
/** Known values of {@link Cancel} that the service accepts. */
var KnownCancel;
(function (KnownCancel) {
    /** Cancel must be triggered for the entire migration. */
    KnownCancel["True"] = "True";
    /** Cancel must not be triggered for the entire migration. */
    KnownCancel["False"] = "False";
})(KnownCancel || (KnownCancel = {}));
/** Known values of {@link MigrationListFilter} that the service accepts. */
var KnownMigrationListFilter;
(function (KnownMigrationListFilter) {
    /** Only active (in-progress) migrations. */
    KnownMigrationListFilter["Active"] = "Active";
    /** All migrations. */
    KnownMigrationListFilter["All"] = "All";
})(KnownMigrationListFilter || (KnownMigrationListFilter = {}));
/** Known values of {@link MigrationNameAvailabilityReason} that the service accepts. */
var KnownMigrationNameAvailabilityReason;
(function (KnownMigrationNameAvailabilityReason) {
    /** Migration name is invalid. */
    KnownMigrationNameAvailabilityReason["Invalid"] = "Invalid";
    /** Migration name already exists. */
    KnownMigrationNameAvailabilityReason["AlreadyExists"] = "AlreadyExists";
})(KnownMigrationNameAvailabilityReason || (KnownMigrationNameAvailabilityReason = {}));
/** Known values of {@link CheckNameAvailabilityReason} that the service accepts. */
var KnownCheckNameAvailabilityReason;
(function (KnownCheckNameAvailabilityReason) {
    /** Invalid */
    KnownCheckNameAvailabilityReason["Invalid"] = "Invalid";
    /** AlreadyExists */
    KnownCheckNameAvailabilityReason["AlreadyExists"] = "AlreadyExists";
})(KnownCheckNameAvailabilityReason || (KnownCheckNameAvailabilityReason = {}));
/** Known values of {@link OperationOrigin} that the service accepts. */
var KnownOperationOrigin;
(function (KnownOperationOrigin) {
    /** The origin is not specified. */
    KnownOperationOrigin["NotSpecified"] = "NotSpecified";
    /** The operation is initiated by a user. */
    KnownOperationOrigin["User"] = "user";
    /** The operation is initiated by the system. */
    KnownOperationOrigin["System"] = "system";
})(KnownOperationOrigin || (KnownOperationOrigin = {}));
/** Known values of {@link PrivateEndpointServiceConnectionStatus} that the service accepts. */
var KnownPrivateEndpointServiceConnectionStatus;
(function (KnownPrivateEndpointServiceConnectionStatus) {
    /** Pending */
    KnownPrivateEndpointServiceConnectionStatus["Pending"] = "Pending";
    /** Approved */
    KnownPrivateEndpointServiceConnectionStatus["Approved"] = "Approved";
    /** Rejected */
    KnownPrivateEndpointServiceConnectionStatus["Rejected"] = "Rejected";
})(KnownPrivateEndpointServiceConnectionStatus || (KnownPrivateEndpointServiceConnectionStatus = {}));
/** Known values of {@link PrivateEndpointConnectionProvisioningState} that the service accepts. */
var KnownPrivateEndpointConnectionProvisioningState;
(function (KnownPrivateEndpointConnectionProvisioningState) {
    /** Succeeded */
    KnownPrivateEndpointConnectionProvisioningState["Succeeded"] = "Succeeded";
    /** Creating */
    KnownPrivateEndpointConnectionProvisioningState["Creating"] = "Creating";
    /** Deleting */
    KnownPrivateEndpointConnectionProvisioningState["Deleting"] = "Deleting";
    /** Failed */
    KnownPrivateEndpointConnectionProvisioningState["Failed"] = "Failed";
})(KnownPrivateEndpointConnectionProvisioningState || (KnownPrivateEndpointConnectionProvisioningState = {}));
/** Known values of {@link IdentityType} that the service accepts. */
var KnownIdentityType;
(function (KnownIdentityType) {
    /** No managed identity is assigned to the server. */
    KnownIdentityType["None"] = "None";
    /** One or more managed identities provided by the user are assigned to the server. */
    KnownIdentityType["UserAssigned"] = "UserAssigned";
    /** Azure automatically creates and manages the identity associated to the lifecycle of the server. */
    KnownIdentityType["SystemAssigned"] = "SystemAssigned";
    /** Both system-assigned and user-assigned identities are assigned to the server. */
    KnownIdentityType["SystemAssignedUserAssigned"] = "SystemAssigned,UserAssigned";
})(KnownIdentityType || (KnownIdentityType = {}));
/** Known values of {@link PostgresMajorVersion} that the service accepts. */
var KnownPostgresMajorVersion;
(function (KnownPostgresMajorVersion) {
    /** PostgreSQL 18. */
    KnownPostgresMajorVersion["Eighteen"] = "18";
    /** PostgreSQL 17. */
    KnownPostgresMajorVersion["Seventeen"] = "17";
    /** PostgreSQL 16. */
    KnownPostgresMajorVersion["Sixteen"] = "16";
    /** PostgreSQL 15. */
    KnownPostgresMajorVersion["Fifteen"] = "15";
    /** PostgreSQL 14. */
    KnownPostgresMajorVersion["Fourteen"] = "14";
    /** PostgreSQL 13. */
    KnownPostgresMajorVersion["Thirteen"] = "13";
    /** PostgreSQL 12. */
    KnownPostgresMajorVersion["Twelve"] = "12";
    /** PostgreSQL 11. */
    KnownPostgresMajorVersion["Eleven"] = "11";
})(KnownPostgresMajorVersion || (KnownPostgresMajorVersion = {}));
/** Known values of {@link ServerState} that the service accepts. */
var KnownServerState;
(function (KnownServerState) {
    /** Server is healthy and not undergoing any operations at the management or control plane level. This doesn't mean that the server is fully operational at the data plane level. */
    KnownServerState["Ready"] = "Ready";
    /** Server is being deleted. */
    KnownServerState["Dropping"] = "Dropping";
    /** Server is disabled. Typical reasons include: the subscription on which the server is deployed is explicitly disabled or canceled by the administrator, the spending limit has been reached, or the bill is past due. May also happen when the server is being moved to another resource group or subscription. */
    KnownServerState["Disabled"] = "Disabled";
    /** PostgreSQL database engine is being restarted. */
    KnownServerState["Starting"] = "Starting";
    /** Compute resources associated with the server are being stopped and deallocated. If the server has high availability enabled, the compute resources of the standby server are also stopped and deallocated. */
    KnownServerState["Stopping"] = "Stopping";
    /** Compute resources associated with the server are being stopped and deallocated. */
    KnownServerState["Stopped"] = "Stopped";
    /** Server is undergoing some changes which may or may not impact the availability of the PostgreSQL database engine. For example, the compute resources of the server are being scaled up or down, which may cause temporary unavailability of the database engine. Or, for example, a firewall rule is being added or removed, which doesn't cause any unavailability of the database engine. */
    KnownServerState["Updating"] = "Updating";
    /** PostgreSQL database engine is being restarted. */
    KnownServerState["Restarting"] = "Restarting";
    /** Server isn't accessible, because the key provided to encrypt and decrypt the data is in invalid state. */
    KnownServerState["Inaccessible"] = "Inaccessible";
    /** Server is in the process of being created. */
    KnownServerState["Provisioning"] = "Provisioning";
})(KnownServerState || (KnownServerState = {}));
/** Known values of {@link StorageAutoGrow} that the service accepts. */
var KnownStorageAutoGrow;
(function (KnownStorageAutoGrow) {
    /** Server should automatically grow storage size when available space is nearing zero and conditions allow for automatically growing storage size. */
    KnownStorageAutoGrow["Enabled"] = "Enabled";
    /** Server should not automatically grow storage size when available space is nearing zero. */
    KnownStorageAutoGrow["Disabled"] = "Disabled";
})(KnownStorageAutoGrow || (KnownStorageAutoGrow = {}));
/** Known values of {@link AzureManagedDiskPerformanceTier} that the service accepts. */
var KnownAzureManagedDiskPerformanceTier;
(function (KnownAzureManagedDiskPerformanceTier) {
    /** Entry-level SSD for minimal IOPS, ideal for light development or testing workloads. */
    KnownAzureManagedDiskPerformanceTier["P1"] = "P1";
    /** Slightly higher IOPS for small-scale applications needing consistent low latency. */
    KnownAzureManagedDiskPerformanceTier["P2"] = "P2";
    /** Balanced performance for basic production workloads with moderate throughput. */
    KnownAzureManagedDiskPerformanceTier["P3"] = "P3";
    /** Enhanced IOPS for growing apps with predictable performance needs. */
    KnownAzureManagedDiskPerformanceTier["P4"] = "P4";
    /** Mid-tier SSD for steady workloads requiring reliable throughput and latency. */
    KnownAzureManagedDiskPerformanceTier["P6"] = "P6";
    /** Popular choice for general-purpose production workloads with scalable performance. */
    KnownAzureManagedDiskPerformanceTier["P10"] = "P10";
    /** High IOPS tier for demanding apps with frequent read\/write operations. */
    KnownAzureManagedDiskPerformanceTier["P15"] = "P15";
    /** Entry point for high-performance Solid State Disks (SSDs), suitable for small-scale I\/O-intensive workloads. */
    KnownAzureManagedDiskPerformanceTier["P20"] = "P20";
    /** Balanced tier for moderate throughput and latency-sensitive applications. */
    KnownAzureManagedDiskPerformanceTier["P30"] = "P30";
    /** Enhanced performance for growing production workloads with consistent IOPS demands. */
    KnownAzureManagedDiskPerformanceTier["P40"] = "P40";
    /** Optimized for enterprise-grade applications needing sustained high throughput. */
    KnownAzureManagedDiskPerformanceTier["P50"] = "P50";
    /** High-capacity tier for large databases and analytics workloads with elevated IOPS. */
    KnownAzureManagedDiskPerformanceTier["P60"] = "P60";
    /** Designed for mission-critical systems requiring ultra-low latency and high concurrency. */
    KnownAzureManagedDiskPerformanceTier["P70"] = "P70";
    /** Top-tier SSD for maximum IOPS and throughput, ideal for the most demanding workloads. */
    KnownAzureManagedDiskPerformanceTier["P80"] = "P80";
})(KnownAzureManagedDiskPerformanceTier || (KnownAzureManagedDiskPerformanceTier = {}));
/** Known values of {@link StorageType} that the service accepts. */
var KnownStorageType;
(function (KnownStorageType) {
    /** Standard Solid State Disk (SSD) backed storage offering consistent performance for general purpose workloads. */
    KnownStorageType["PremiumLRS"] = "Premium_LRS";
    /** Next generation Solid State Disk (SSD) storage with improved scalability and performance for demanding enterprise workloads. */
    KnownStorageType["PremiumV2LRS"] = "PremiumV2_LRS";
    /** High-end Solid State Disk (SSD) storage designed for extreme IOPS and latency-sensitive applications. */
    KnownStorageType["UltraSSDLRS"] = "UltraSSD_LRS";
})(KnownStorageType || (KnownStorageType = {}));
/** Known values of {@link MicrosoftEntraAuth} that the service accepts. */
var KnownMicrosoftEntraAuth;
(function (KnownMicrosoftEntraAuth) {
    /** Server supports Microsoft Entra authentication. */
    KnownMicrosoftEntraAuth["Enabled"] = "Enabled";
    /** Server doesn't support Microsoft Entra authentication. */
    KnownMicrosoftEntraAuth["Disabled"] = "Disabled";
})(KnownMicrosoftEntraAuth || (KnownMicrosoftEntraAuth = {}));
/** Known values of {@link PasswordBasedAuth} that the service accepts. */
var KnownPasswordBasedAuth;
(function (KnownPasswordBasedAuth) {
    /** Server supports password based authentication. */
    KnownPasswordBasedAuth["Enabled"] = "Enabled";
    /** Server doesn't support password based authentication. */
    KnownPasswordBasedAuth["Disabled"] = "Disabled";
})(KnownPasswordBasedAuth || (KnownPasswordBasedAuth = {}));
/** Known values of {@link DataEncryptionType} that the service accepts. */
var KnownDataEncryptionType;
(function (KnownDataEncryptionType) {
    /** Encryption managed by Azure using platform managed keys for simplicity and compliance. */
    KnownDataEncryptionType["SystemManaged"] = "SystemManaged";
    /** Encryption using customer managed keys stored in Azure Key Vault for enhanced control and security. */
    KnownDataEncryptionType["AzureKeyVault"] = "AzureKeyVault";
})(KnownDataEncryptionType || (KnownDataEncryptionType = {}));
/** Known values of {@link EncryptionKeyStatus} that the service accepts. */
var KnownEncryptionKeyStatus;
(function (KnownEncryptionKeyStatus) {
    /** Key is valid and can be used for encryption. */
    KnownEncryptionKeyStatus["Valid"] = "Valid";
    /** Key is invalid and cannot be used for encryption. Possible causes include key deletion, permission changes, key being disabled, key type not supported, or current date being outside of validity period associated to the key. */
    KnownEncryptionKeyStatus["Invalid"] = "Invalid";
})(KnownEncryptionKeyStatus || (KnownEncryptionKeyStatus = {}));
/** Known values of {@link GeographicallyRedundantBackup} that the service accepts. */
var KnownGeographicallyRedundantBackup;
(function (KnownGeographicallyRedundantBackup) {
    /** Server is configured to create geographically redundant backups. */
    KnownGeographicallyRedundantBackup["Enabled"] = "Enabled";
    /** Server is not configured to create geographically redundant backups. */
    KnownGeographicallyRedundantBackup["Disabled"] = "Disabled";
})(KnownGeographicallyRedundantBackup || (KnownGeographicallyRedundantBackup = {}));
/** Known values of {@link ServerPublicNetworkAccessState} that the service accepts. */
var KnownServerPublicNetworkAccessState;
(function (KnownServerPublicNetworkAccessState) {
    /** Public network access is enabled. This allows the server to be accessed from the public internet, provided the necessary firewall rule that allows incoming traffic originating from the connecting client is in place. This is compatible with the use of private endpoints to connect to this server. */
    KnownServerPublicNetworkAccessState["Enabled"] = "Enabled";
    /** Public network access is disabled. This means the server cannot be accessed from the public internet, but only via private endpoints. */
    KnownServerPublicNetworkAccessState["Disabled"] = "Disabled";
})(KnownServerPublicNetworkAccessState || (KnownServerPublicNetworkAccessState = {}));
/** Known values of {@link HighAvailabilityState} that the service accepts. */
var KnownHighAvailabilityState;
(function (KnownHighAvailabilityState) {
    /** High availability is not enabled for the server. */
    KnownHighAvailabilityState["NotEnabled"] = "NotEnabled";
    /** Standby server is being created. */
    KnownHighAvailabilityState["CreatingStandby"] = "CreatingStandby";
    /** Data is being replicated to the standby server. */
    KnownHighAvailabilityState["ReplicatingData"] = "ReplicatingData";
    /** Failover operation to the standby server is in progress. */
    KnownHighAvailabilityState["FailingOver"] = "FailingOver";
    /** Standby server is healthy and ready to take over in case of a failover. */
    KnownHighAvailabilityState["Healthy"] = "Healthy";
    /** Standby server is being removed. */
    KnownHighAvailabilityState["RemovingStandby"] = "RemovingStandby";
})(KnownHighAvailabilityState || (KnownHighAvailabilityState = {}));
/** Known values of {@link ReplicationRole} that the service accepts. */
var KnownReplicationRole;
(function (KnownReplicationRole) {
    /** No replication role assigned; the server operates independently. */
    KnownReplicationRole["None"] = "None";
    /** Acts as the source server for replication to one or more replicas. */
    KnownReplicationRole["Primary"] = "Primary";
    /** Receives data asynchronously from a primary server within the same region. */
    KnownReplicationRole["AsyncReplica"] = "AsyncReplica";
    /** Receives data asynchronously from a primary server in a different region for geographical redundancy. */
    KnownReplicationRole["GeoAsyncReplica"] = "GeoAsyncReplica";
})(KnownReplicationRole || (KnownReplicationRole = {}));
/** Known values of {@link ReplicationState} that the service accepts. */
var KnownReplicationState;
(function (KnownReplicationState) {
    /** Read replica is fully synchronized and actively replicating data from the primary server. */
    KnownReplicationState["Active"] = "Active";
    /** Read replica is behind the primary server and is currently catching up with pending changes. */
    KnownReplicationState["Catchup"] = "Catchup";
    /** Read replica is being created and is in process of getting initialized. */
    KnownReplicationState["Provisioning"] = "Provisioning";
    /** Read replica is undergoing some changes it can be changing compute size of promoting it to primary server. */
    KnownReplicationState["Updating"] = "Updating";
    /** Replication has failed or been interrupted. */
    KnownReplicationState["Broken"] = "Broken";
    /** Read replica is being reconfigured, possibly due to changes in source or settings. */
    KnownReplicationState["Reconfiguring"] = "Reconfiguring";
})(KnownReplicationState || (KnownReplicationState = {}));
/** Known values of {@link ReadReplicaPromoteMode} that the service accepts. */
var KnownReadReplicaPromoteMode;
(function (KnownReadReplicaPromoteMode) {
    /** Read replica will become an independent server. */
    KnownReadReplicaPromoteMode["Standalone"] = "Standalone";
    /** Read replica will swap roles with primary server. */
    KnownReadReplicaPromoteMode["Switchover"] = "Switchover";
})(KnownReadReplicaPromoteMode || (KnownReadReplicaPromoteMode = {}));
/** Known values of {@link ReadReplicaPromoteOption} that the service accepts. */
var KnownReadReplicaPromoteOption;
(function (KnownReadReplicaPromoteOption) {
    /** The operation will wait for data in the read replica to be fully synchronized with its source server, before it initiates the operation. */
    KnownReadReplicaPromoteOption["Planned"] = "Planned";
    /** The operation will not wait for data in the read replica to be synchronized with its source server, before it initiates the operation. */
    KnownReadReplicaPromoteOption["Forced"] = "Forced";
})(KnownReadReplicaPromoteOption || (KnownReadReplicaPromoteOption = {}));
/** Known values of {@link CreateMode} that the service accepts. */
var KnownCreateMode;
(function (KnownCreateMode) {
    /** If the operation is triggered on a non-existing server, it's equivalent to 'Create'. If the operation is triggered on an existing server, it's equivalent to 'Update'. */
    KnownCreateMode["Default"] = "Default";
    /** Operation creates a new server. */
    KnownCreateMode["Create"] = "Create";
    /** Operation updates an existing server. */
    KnownCreateMode["Update"] = "Update";
    /** Operation restores an existing backup of an existing server. This operation creates a new server, and then restores on it the backup of an existing server at a specific point in time. */
    KnownCreateMode["PointInTimeRestore"] = "PointInTimeRestore";
    /** Operation restores an existing backup of an existing server, on the paired region of the existing server. This operation creates a new server on the paired region of the existing server, and then restores on it the backup of an existing server at a specific point in time, in a different region. This operation is only supported on existing servers that were created with geographically redundant backups enabled. */
    KnownCreateMode["GeoRestore"] = "GeoRestore";
    /** Operation creates a replica of an existing server. This operation creates a new server, restores a base backup of the existing server (referred to as primary), and configures physical replication to asynchronously stream all changes which are recorded in the transaction log of the primary. */
    KnownCreateMode["Replica"] = "Replica";
    /** Operation creates a new server, initialized with the backup of a server that was recently deleted. */
    KnownCreateMode["ReviveDropped"] = "ReviveDropped";
})(KnownCreateMode || (KnownCreateMode = {}));
/** Known values of {@link CreateModeForPatch} that the service accepts. */
var KnownCreateModeForPatch;
(function (KnownCreateModeForPatch) {
    /** It's equivalent to 'Update'. */
    KnownCreateModeForPatch["Default"] = "Default";
    /** Operation updates an existing server. */
    KnownCreateModeForPatch["Update"] = "Update";
})(KnownCreateModeForPatch || (KnownCreateModeForPatch = {}));
/** Known values of {@link FailoverMode} that the service accepts. */
var KnownFailoverMode;
(function (KnownFailoverMode) {
    /** Triggers a failover from primary to standby without killing the primary database process first. This is a graceful failover that attempts to preserve data consistency. */
    KnownFailoverMode["PlannedFailover"] = "PlannedFailover";
    /** Kills the primary database process first, then triggers the failover. This is more aggressive and used when the primary is unresponsive or in an unhealthy state. */
    KnownFailoverMode["ForcedFailover"] = "ForcedFailover";
    /** Similar to 'PlannedFailover' but prefers a switch over operation where roles are swapped between primary and standby. */
    KnownFailoverMode["PlannedSwitchover"] = "PlannedSwitchover";
    /** Kills the primary database process and then triggers a switch over with role swapping. */
    KnownFailoverMode["ForcedSwitchover"] = "ForcedSwitchover";
})(KnownFailoverMode || (KnownFailoverMode = {}));
/** Known values of {@link TuningOptionParameterEnum} that the service accepts. */
var KnownTuningOptionParameterEnum;
(function (KnownTuningOptionParameterEnum) {
    /** Index */
    KnownTuningOptionParameterEnum["Index"] = "index";
    /** Table */
    KnownTuningOptionParameterEnum["Table"] = "table";
})(KnownTuningOptionParameterEnum || (KnownTuningOptionParameterEnum = {}));
/** Known values of {@link RecommendationTypeParameterEnum} that the service accepts. */
var KnownRecommendationTypeParameterEnum;
(function (KnownRecommendationTypeParameterEnum) {
    /** CreateIndex */
    KnownRecommendationTypeParameterEnum["CreateIndex"] = "CreateIndex";
    /** DropIndex */
    KnownRecommendationTypeParameterEnum["DropIndex"] = "DropIndex";
    /** ReIndex */
    KnownRecommendationTypeParameterEnum["ReIndex"] = "ReIndex";
    /** AnalyzeTable */
    KnownRecommendationTypeParameterEnum["AnalyzeTable"] = "AnalyzeTable";
})(KnownRecommendationTypeParameterEnum || (KnownRecommendationTypeParameterEnum = {}));
/** Known values of {@link RecommendationTypeEnum} that the service accepts. */
var KnownRecommendationTypeEnum;
(function (KnownRecommendationTypeEnum) {
    /** CreateIndex */
    KnownRecommendationTypeEnum["CreateIndex"] = "CreateIndex";
    /** DropIndex */
    KnownRecommendationTypeEnum["DropIndex"] = "DropIndex";
    /** ReIndex */
    KnownRecommendationTypeEnum["ReIndex"] = "ReIndex";
    /** AnalyzeTable */
    KnownRecommendationTypeEnum["AnalyzeTable"] = "AnalyzeTable";
})(KnownRecommendationTypeEnum || (KnownRecommendationTypeEnum = {}));
/** Known values of {@link VirtualEndpointType} that the service accepts. */
var KnownVirtualEndpointType;
(function (KnownVirtualEndpointType) {
    /** Read-write endpoint. */
    KnownVirtualEndpointType["ReadWrite"] = "ReadWrite";
})(KnownVirtualEndpointType || (KnownVirtualEndpointType = {}));
/** Known values of {@link MigrationDetailsLevel} that the service accepts. */
var KnownMigrationDetailsLevel;
(function (KnownMigrationDetailsLevel) {
    /** Default level of details. */
    KnownMigrationDetailsLevel["Default"] = "Default";
    /** Summary level of details. */
    KnownMigrationDetailsLevel["Summary"] = "Summary";
    /** Full level of details. */
    KnownMigrationDetailsLevel["Full"] = "Full";
})(KnownMigrationDetailsLevel || (KnownMigrationDetailsLevel = {}));
//# sourceMappingURL=index.js.map
// EXTERNAL MODULE: ./node_modules/@azure/core-client/dist/esm/index.js + 16 modules
var esm = __webpack_require__(5738);
// EXTERNAL MODULE: ./node_modules/@azure/core-rest-pipeline/dist/esm/index.js + 81 modules
var dist_esm = __webpack_require__(4792);
;// CONCATENATED MODULE: ./node_modules/@azure/arm-postgresql-flexible/dist/esm/models/mappers.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
const AdministratorMicrosoftEntraAdd = {
    type: {
        name: "Composite",
        className: "AdministratorMicrosoftEntraAdd",
        modelProperties: {
            principalType: {
                serializedName: "properties.principalType",
                type: {
                    name: "String",
                },
            },
            principalName: {
                serializedName: "properties.principalName",
                type: {
                    name: "String",
                },
            },
            tenantId: {
                serializedName: "properties.tenantId",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const Resource = {
    type: {
        name: "Composite",
        className: "Resource",
        modelProperties: {
            id: {
                serializedName: "id",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            name: {
                serializedName: "name",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            type: {
                serializedName: "type",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            systemData: {
                serializedName: "systemData",
                type: {
                    name: "Composite",
                    className: "SystemData",
                },
            },
        },
    },
};
const SystemData = {
    type: {
        name: "Composite",
        className: "SystemData",
        modelProperties: {
            createdBy: {
                serializedName: "createdBy",
                type: {
                    name: "String",
                },
            },
            createdByType: {
                serializedName: "createdByType",
                type: {
                    name: "String",
                },
            },
            createdAt: {
                serializedName: "createdAt",
                type: {
                    name: "DateTime",
                },
            },
            lastModifiedBy: {
                serializedName: "lastModifiedBy",
                type: {
                    name: "String",
                },
            },
            lastModifiedByType: {
                serializedName: "lastModifiedByType",
                type: {
                    name: "String",
                },
            },
            lastModifiedAt: {
                serializedName: "lastModifiedAt",
                type: {
                    name: "DateTime",
                },
            },
        },
    },
};
const ErrorResponse = {
    type: {
        name: "Composite",
        className: "ErrorResponse",
        modelProperties: {
            error: {
                serializedName: "error",
                type: {
                    name: "Composite",
                    className: "ErrorDetail",
                },
            },
        },
    },
};
const ErrorDetail = {
    type: {
        name: "Composite",
        className: "ErrorDetail",
        modelProperties: {
            code: {
                serializedName: "code",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            message: {
                serializedName: "message",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            target: {
                serializedName: "target",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            details: {
                serializedName: "details",
                readOnly: true,
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "Composite",
                            className: "ErrorDetail",
                        },
                    },
                },
            },
            additionalInfo: {
                serializedName: "additionalInfo",
                readOnly: true,
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "Composite",
                            className: "ErrorAdditionalInfo",
                        },
                    },
                },
            },
        },
    },
};
const ErrorAdditionalInfo = {
    type: {
        name: "Composite",
        className: "ErrorAdditionalInfo",
        modelProperties: {
            type: {
                serializedName: "type",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            info: {
                serializedName: "info",
                readOnly: true,
                type: {
                    name: "Dictionary",
                    value: { type: { name: "any" } },
                },
            },
        },
    },
};
const AdministratorMicrosoftEntraList = {
    type: {
        name: "Composite",
        className: "AdministratorMicrosoftEntraList",
        modelProperties: {
            value: {
                serializedName: "value",
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "Composite",
                            className: "AdministratorMicrosoftEntra",
                        },
                    },
                },
            },
            nextLink: {
                serializedName: "nextLink",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const AdvancedThreatProtectionSettingsList = {
    type: {
        name: "Composite",
        className: "AdvancedThreatProtectionSettingsList",
        modelProperties: {
            value: {
                serializedName: "value",
                readOnly: true,
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "Composite",
                            className: "AdvancedThreatProtectionSettingsModel",
                        },
                    },
                },
            },
            nextLink: {
                serializedName: "nextLink",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const BackupAutomaticAndOnDemandList = {
    type: {
        name: "Composite",
        className: "BackupAutomaticAndOnDemandList",
        modelProperties: {
            value: {
                serializedName: "value",
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "Composite",
                            className: "BackupAutomaticAndOnDemand",
                        },
                    },
                },
            },
            nextLink: {
                serializedName: "nextLink",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const CapabilityList = {
    type: {
        name: "Composite",
        className: "CapabilityList",
        modelProperties: {
            value: {
                serializedName: "value",
                readOnly: true,
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "Composite",
                            className: "Capability",
                        },
                    },
                },
            },
            nextLink: {
                serializedName: "nextLink",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const CapabilityBase = {
    type: {
        name: "Composite",
        className: "CapabilityBase",
        modelProperties: {
            status: {
                serializedName: "status",
                readOnly: true,
                type: {
                    name: "Enum",
                    allowedValues: ["Visible", "Available", "Default", "Disabled"],
                },
            },
            reason: {
                serializedName: "reason",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
        },
    },
};
const SupportedFeature = {
    type: {
        name: "Composite",
        className: "SupportedFeature",
        modelProperties: {
            name: {
                serializedName: "name",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            status: {
                serializedName: "status",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
        },
    },
};
const CapturedLogList = {
    type: {
        name: "Composite",
        className: "CapturedLogList",
        modelProperties: {
            value: {
                serializedName: "value",
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "Composite",
                            className: "CapturedLog",
                        },
                    },
                },
            },
            nextLink: {
                serializedName: "nextLink",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const ConfigurationList = {
    type: {
        name: "Composite",
        className: "ConfigurationList",
        modelProperties: {
            value: {
                serializedName: "value",
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "Composite",
                            className: "Configuration",
                        },
                    },
                },
            },
            nextLink: {
                serializedName: "nextLink",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const ConfigurationForUpdate = {
    type: {
        name: "Composite",
        className: "ConfigurationForUpdate",
        modelProperties: {
            value: {
                serializedName: "properties.value",
                type: {
                    name: "String",
                },
            },
            description: {
                serializedName: "properties.description",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            defaultValue: {
                serializedName: "properties.defaultValue",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            dataType: {
                serializedName: "properties.dataType",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            allowedValues: {
                serializedName: "properties.allowedValues",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            source: {
                serializedName: "properties.source",
                type: {
                    name: "String",
                },
            },
            isDynamicConfig: {
                serializedName: "properties.isDynamicConfig",
                readOnly: true,
                type: {
                    name: "Boolean",
                },
            },
            isReadOnly: {
                serializedName: "properties.isReadOnly",
                readOnly: true,
                type: {
                    name: "Boolean",
                },
            },
            isConfigPendingRestart: {
                serializedName: "properties.isConfigPendingRestart",
                readOnly: true,
                type: {
                    name: "Boolean",
                },
            },
            unit: {
                serializedName: "properties.unit",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            documentationLink: {
                serializedName: "properties.documentationLink",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
        },
    },
};
const DatabaseList = {
    type: {
        name: "Composite",
        className: "DatabaseList",
        modelProperties: {
            value: {
                serializedName: "value",
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "Composite",
                            className: "Database",
                        },
                    },
                },
            },
            nextLink: {
                serializedName: "nextLink",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const FirewallRuleList = {
    type: {
        name: "Composite",
        className: "FirewallRuleList",
        modelProperties: {
            value: {
                serializedName: "value",
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "Composite",
                            className: "FirewallRule",
                        },
                    },
                },
            },
            nextLink: {
                serializedName: "nextLink",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const BackupRequestBase = {
    type: {
        name: "Composite",
        className: "BackupRequestBase",
        modelProperties: {
            backupSettings: {
                serializedName: "backupSettings",
                type: {
                    name: "Composite",
                    className: "BackupSettings",
                },
            },
        },
    },
};
const BackupSettings = {
    type: {
        name: "Composite",
        className: "BackupSettings",
        modelProperties: {
            backupName: {
                serializedName: "backupName",
                required: true,
                type: {
                    name: "String",
                },
            },
        },
    },
};
const LtrPreBackupResponse = {
    type: {
        name: "Composite",
        className: "LtrPreBackupResponse",
        modelProperties: {
            numberOfContainers: {
                serializedName: "properties.numberOfContainers",
                required: true,
                type: {
                    name: "Number",
                },
            },
        },
    },
};
const BackupStoreDetails = {
    type: {
        name: "Composite",
        className: "BackupStoreDetails",
        modelProperties: {
            sasUriList: {
                serializedName: "sasUriList",
                required: true,
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "String",
                        },
                    },
                },
            },
        },
    },
};
const BackupsLongTermRetentionResponse = {
    type: {
        name: "Composite",
        className: "BackupsLongTermRetentionResponse",
        modelProperties: {
            datasourceSizeInBytes: {
                serializedName: "properties.datasourceSizeInBytes",
                type: {
                    name: "Number",
                },
            },
            dataTransferredInBytes: {
                serializedName: "properties.dataTransferredInBytes",
                type: {
                    name: "Number",
                },
            },
            backupName: {
                serializedName: "properties.backupName",
                type: {
                    name: "String",
                },
            },
            backupMetadata: {
                serializedName: "properties.backupMetadata",
                type: {
                    name: "String",
                },
            },
            status: {
                serializedName: "properties.status",
                type: {
                    name: "String",
                },
            },
            startTime: {
                serializedName: "properties.startTime",
                type: {
                    name: "DateTime",
                },
            },
            endTime: {
                serializedName: "properties.endTime",
                type: {
                    name: "DateTime",
                },
            },
            percentComplete: {
                constraints: {
                    InclusiveMaximum: 100,
                    InclusiveMinimum: 0,
                },
                serializedName: "properties.percentComplete",
                type: {
                    name: "Number",
                },
            },
            errorCode: {
                serializedName: "properties.errorCode",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            errorMessage: {
                serializedName: "properties.errorMessage",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
        },
    },
};
const LtrServerBackupOperationList = {
    type: {
        name: "Composite",
        className: "LtrServerBackupOperationList",
        modelProperties: {
            value: {
                serializedName: "value",
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "Composite",
                            className: "BackupsLongTermRetentionOperation",
                        },
                    },
                },
            },
            nextLink: {
                serializedName: "nextLink",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const MigrationStatus = {
    type: {
        name: "Composite",
        className: "MigrationStatus",
        modelProperties: {
            state: {
                serializedName: "state",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            error: {
                serializedName: "error",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            currentSubStateDetails: {
                serializedName: "currentSubStateDetails",
                type: {
                    name: "Composite",
                    className: "MigrationSubstateDetails",
                },
            },
        },
    },
};
const MigrationSubstateDetails = {
    type: {
        name: "Composite",
        className: "MigrationSubstateDetails",
        modelProperties: {
            currentSubState: {
                serializedName: "currentSubState",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            dbDetails: {
                serializedName: "dbDetails",
                type: {
                    name: "Dictionary",
                    value: {
                        type: { name: "Composite", className: "DatabaseMigrationState" },
                    },
                },
            },
            validationDetails: {
                serializedName: "validationDetails",
                type: {
                    name: "Composite",
                    className: "ValidationDetails",
                },
            },
        },
    },
};
const DatabaseMigrationState = {
    type: {
        name: "Composite",
        className: "DatabaseMigrationState",
        modelProperties: {
            databaseName: {
                serializedName: "databaseName",
                type: {
                    name: "String",
                },
            },
            migrationState: {
                serializedName: "migrationState",
                type: {
                    name: "String",
                },
            },
            migrationOperation: {
                serializedName: "migrationOperation",
                type: {
                    name: "String",
                },
            },
            startedOn: {
                serializedName: "startedOn",
                type: {
                    name: "DateTime",
                },
            },
            endedOn: {
                serializedName: "endedOn",
                type: {
                    name: "DateTime",
                },
            },
            fullLoadQueuedTables: {
                serializedName: "fullLoadQueuedTables",
                type: {
                    name: "Number",
                },
            },
            fullLoadErroredTables: {
                serializedName: "fullLoadErroredTables",
                type: {
                    name: "Number",
                },
            },
            fullLoadLoadingTables: {
                serializedName: "fullLoadLoadingTables",
                type: {
                    name: "Number",
                },
            },
            fullLoadCompletedTables: {
                serializedName: "fullLoadCompletedTables",
                type: {
                    name: "Number",
                },
            },
            cdcUpdateCounter: {
                serializedName: "cdcUpdateCounter",
                type: {
                    name: "Number",
                },
            },
            cdcDeleteCounter: {
                serializedName: "cdcDeleteCounter",
                type: {
                    name: "Number",
                },
            },
            cdcInsertCounter: {
                serializedName: "cdcInsertCounter",
                type: {
                    name: "Number",
                },
            },
            appliedChanges: {
                serializedName: "appliedChanges",
                type: {
                    name: "Number",
                },
            },
            incomingChanges: {
                serializedName: "incomingChanges",
                type: {
                    name: "Number",
                },
            },
            latency: {
                serializedName: "latency",
                type: {
                    name: "Number",
                },
            },
            message: {
                serializedName: "message",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const ValidationDetails = {
    type: {
        name: "Composite",
        className: "ValidationDetails",
        modelProperties: {
            status: {
                serializedName: "status",
                type: {
                    name: "String",
                },
            },
            validationStartTimeInUtc: {
                serializedName: "validationStartTimeInUtc",
                type: {
                    name: "DateTime",
                },
            },
            validationEndTimeInUtc: {
                serializedName: "validationEndTimeInUtc",
                type: {
                    name: "DateTime",
                },
            },
            serverLevelValidationDetails: {
                serializedName: "serverLevelValidationDetails",
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "Composite",
                            className: "ValidationSummaryItem",
                        },
                    },
                },
            },
            dbLevelValidationDetails: {
                serializedName: "dbLevelValidationDetails",
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "Composite",
                            className: "DbLevelValidationStatus",
                        },
                    },
                },
            },
        },
    },
};
const ValidationSummaryItem = {
    type: {
        name: "Composite",
        className: "ValidationSummaryItem",
        modelProperties: {
            type: {
                serializedName: "type",
                type: {
                    name: "String",
                },
            },
            state: {
                serializedName: "state",
                type: {
                    name: "String",
                },
            },
            messages: {
                serializedName: "messages",
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "Composite",
                            className: "ValidationMessage",
                        },
                    },
                },
            },
        },
    },
};
const ValidationMessage = {
    type: {
        name: "Composite",
        className: "ValidationMessage",
        modelProperties: {
            state: {
                serializedName: "state",
                type: {
                    name: "String",
                },
            },
            message: {
                serializedName: "message",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const DbLevelValidationStatus = {
    type: {
        name: "Composite",
        className: "DbLevelValidationStatus",
        modelProperties: {
            databaseName: {
                serializedName: "databaseName",
                type: {
                    name: "String",
                },
            },
            startedOn: {
                serializedName: "startedOn",
                type: {
                    name: "DateTime",
                },
            },
            endedOn: {
                serializedName: "endedOn",
                type: {
                    name: "DateTime",
                },
            },
            summary: {
                serializedName: "summary",
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "Composite",
                            className: "ValidationSummaryItem",
                        },
                    },
                },
            },
        },
    },
};
const DbServerMetadata = {
    type: {
        name: "Composite",
        className: "DbServerMetadata",
        modelProperties: {
            location: {
                serializedName: "location",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            version: {
                serializedName: "version",
                type: {
                    name: "String",
                },
            },
            storageMb: {
                serializedName: "storageMb",
                type: {
                    name: "Number",
                },
            },
            sku: {
                serializedName: "sku",
                type: {
                    name: "Composite",
                    className: "ServerSku",
                },
            },
        },
    },
};
const ServerSku = {
    type: {
        name: "Composite",
        className: "ServerSku",
        modelProperties: {
            name: {
                serializedName: "name",
                type: {
                    name: "String",
                },
            },
            tier: {
                serializedName: "tier",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const MigrationSecretParameters = {
    type: {
        name: "Composite",
        className: "MigrationSecretParameters",
        modelProperties: {
            adminCredentials: {
                serializedName: "adminCredentials",
                type: {
                    name: "Composite",
                    className: "AdminCredentials",
                },
            },
            sourceServerUsername: {
                serializedName: "sourceServerUsername",
                type: {
                    name: "String",
                },
            },
            targetServerUsername: {
                serializedName: "targetServerUsername",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const AdminCredentials = {
    type: {
        name: "Composite",
        className: "AdminCredentials",
        modelProperties: {
            sourceServerPassword: {
                serializedName: "sourceServerPassword",
                required: true,
                type: {
                    name: "String",
                },
            },
            targetServerPassword: {
                serializedName: "targetServerPassword",
                required: true,
                type: {
                    name: "String",
                },
            },
        },
    },
};
const MigrationResourceForPatch = {
    type: {
        name: "Composite",
        className: "MigrationResourceForPatch",
        modelProperties: {
            tags: {
                serializedName: "tags",
                type: {
                    name: "Dictionary",
                    value: { type: { name: "String" } },
                },
            },
            sourceDbServerResourceId: {
                serializedName: "properties.sourceDbServerResourceId",
                type: {
                    name: "String",
                },
            },
            sourceDbServerFullyQualifiedDomainName: {
                serializedName: "properties.sourceDbServerFullyQualifiedDomainName",
                type: {
                    name: "String",
                },
            },
            targetDbServerFullyQualifiedDomainName: {
                serializedName: "properties.targetDbServerFullyQualifiedDomainName",
                type: {
                    name: "String",
                },
            },
            secretParameters: {
                serializedName: "properties.secretParameters",
                type: {
                    name: "Composite",
                    className: "MigrationSecretParametersForPatch",
                },
            },
            dbsToMigrate: {
                constraints: {
                    MaxItems: 50,
                },
                serializedName: "properties.dbsToMigrate",
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "String",
                        },
                    },
                },
            },
            setupLogicalReplicationOnSourceDbIfNeeded: {
                serializedName: "properties.setupLogicalReplicationOnSourceDbIfNeeded",
                type: {
                    name: "String",
                },
            },
            overwriteDbsInTarget: {
                serializedName: "properties.overwriteDbsInTarget",
                type: {
                    name: "String",
                },
            },
            migrationWindowStartTimeInUtc: {
                serializedName: "properties.migrationWindowStartTimeInUtc",
                type: {
                    name: "DateTime",
                },
            },
            migrateRoles: {
                serializedName: "properties.migrateRoles",
                type: {
                    name: "String",
                },
            },
            startDataMigration: {
                serializedName: "properties.startDataMigration",
                type: {
                    name: "String",
                },
            },
            triggerCutover: {
                serializedName: "properties.triggerCutover",
                type: {
                    name: "String",
                },
            },
            dbsToTriggerCutoverOn: {
                serializedName: "properties.dbsToTriggerCutoverOn",
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "String",
                        },
                    },
                },
            },
            cancel: {
                serializedName: "properties.cancel",
                type: {
                    name: "String",
                },
            },
            dbsToCancelMigrationOn: {
                serializedName: "properties.dbsToCancelMigrationOn",
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "String",
                        },
                    },
                },
            },
            migrationMode: {
                serializedName: "properties.migrationMode",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const MigrationSecretParametersForPatch = {
    type: {
        name: "Composite",
        className: "MigrationSecretParametersForPatch",
        modelProperties: {
            adminCredentials: {
                serializedName: "adminCredentials",
                type: {
                    name: "Composite",
                    className: "AdminCredentialsForPatch",
                },
            },
            sourceServerUsername: {
                serializedName: "sourceServerUsername",
                type: {
                    name: "String",
                },
            },
            targetServerUsername: {
                serializedName: "targetServerUsername",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const AdminCredentialsForPatch = {
    type: {
        name: "Composite",
        className: "AdminCredentialsForPatch",
        modelProperties: {
            sourceServerPassword: {
                serializedName: "sourceServerPassword",
                type: {
                    name: "String",
                },
            },
            targetServerPassword: {
                serializedName: "targetServerPassword",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const MigrationList = {
    type: {
        name: "Composite",
        className: "MigrationList",
        modelProperties: {
            value: {
                serializedName: "value",
                readOnly: true,
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "Composite",
                            className: "Migration",
                        },
                    },
                },
            },
            nextLink: {
                serializedName: "nextLink",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const MigrationNameAvailability = {
    type: {
        name: "Composite",
        className: "MigrationNameAvailability",
        modelProperties: {
            name: {
                serializedName: "name",
                required: true,
                type: {
                    name: "String",
                },
            },
            type: {
                serializedName: "type",
                required: true,
                type: {
                    name: "String",
                },
            },
            nameAvailable: {
                serializedName: "nameAvailable",
                readOnly: true,
                type: {
                    name: "Boolean",
                },
            },
            reason: {
                serializedName: "reason",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            message: {
                serializedName: "message",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
        },
    },
};
const CheckNameAvailabilityRequest = {
    type: {
        name: "Composite",
        className: "CheckNameAvailabilityRequest",
        modelProperties: {
            name: {
                serializedName: "name",
                type: {
                    name: "String",
                },
            },
            type: {
                serializedName: "type",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const CheckNameAvailabilityResponse = {
    type: {
        name: "Composite",
        className: "CheckNameAvailabilityResponse",
        modelProperties: {
            nameAvailable: {
                serializedName: "nameAvailable",
                type: {
                    name: "Boolean",
                },
            },
            reason: {
                serializedName: "reason",
                type: {
                    name: "String",
                },
            },
            message: {
                serializedName: "message",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const OperationList = {
    type: {
        name: "Composite",
        className: "OperationList",
        modelProperties: {
            value: {
                serializedName: "value",
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "Composite",
                            className: "Operation",
                        },
                    },
                },
            },
            nextLink: {
                serializedName: "nextLink",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const Operation = {
    type: {
        name: "Composite",
        className: "Operation",
        modelProperties: {
            name: {
                serializedName: "name",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            display: {
                serializedName: "display",
                type: {
                    name: "Composite",
                    className: "OperationDisplay",
                },
            },
            isDataAction: {
                serializedName: "isDataAction",
                type: {
                    name: "Boolean",
                },
            },
            origin: {
                serializedName: "origin",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            properties: {
                serializedName: "properties",
                readOnly: true,
                type: {
                    name: "Dictionary",
                    value: {
                        type: { name: "Dictionary", value: { type: { name: "any" } } },
                    },
                },
            },
        },
    },
};
const OperationDisplay = {
    type: {
        name: "Composite",
        className: "OperationDisplay",
        modelProperties: {
            provider: {
                serializedName: "provider",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            resource: {
                serializedName: "resource",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            operation: {
                serializedName: "operation",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            description: {
                serializedName: "description",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
        },
    },
};
const PrivateEndpoint = {
    type: {
        name: "Composite",
        className: "PrivateEndpoint",
        modelProperties: {
            id: {
                serializedName: "id",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
        },
    },
};
const PrivateLinkServiceConnectionState = {
    type: {
        name: "Composite",
        className: "PrivateLinkServiceConnectionState",
        modelProperties: {
            status: {
                serializedName: "status",
                type: {
                    name: "String",
                },
            },
            description: {
                serializedName: "description",
                type: {
                    name: "String",
                },
            },
            actionsRequired: {
                serializedName: "actionsRequired",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const PrivateEndpointConnectionList = {
    type: {
        name: "Composite",
        className: "PrivateEndpointConnectionList",
        modelProperties: {
            value: {
                serializedName: "value",
                readOnly: true,
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "Composite",
                            className: "PrivateEndpointConnection",
                        },
                    },
                },
            },
            nextLink: {
                serializedName: "nextLink",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const PrivateLinkResourceList = {
    type: {
        name: "Composite",
        className: "PrivateLinkResourceList",
        modelProperties: {
            value: {
                serializedName: "value",
                readOnly: true,
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "Composite",
                            className: "PrivateLinkResource",
                        },
                    },
                },
            },
            nextLink: {
                serializedName: "nextLink",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const QuotaUsageList = {
    type: {
        name: "Composite",
        className: "QuotaUsageList",
        modelProperties: {
            value: {
                serializedName: "value",
                readOnly: true,
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "Composite",
                            className: "QuotaUsage",
                        },
                    },
                },
            },
            nextLink: {
                serializedName: "nextLink",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const QuotaUsage = {
    type: {
        name: "Composite",
        className: "QuotaUsage",
        modelProperties: {
            name: {
                serializedName: "name",
                type: {
                    name: "Composite",
                    className: "NameProperty",
                },
            },
            limit: {
                serializedName: "limit",
                type: {
                    name: "Number",
                },
            },
            unit: {
                defaultValue: "Count",
                serializedName: "unit",
                type: {
                    name: "String",
                },
            },
            currentValue: {
                serializedName: "currentValue",
                type: {
                    name: "Number",
                },
            },
            id: {
                serializedName: "id",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const NameProperty = {
    type: {
        name: "Composite",
        className: "NameProperty",
        modelProperties: {
            value: {
                serializedName: "value",
                type: {
                    name: "String",
                },
            },
            localizedValue: {
                serializedName: "localizedValue",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const ServerList = {
    type: {
        name: "Composite",
        className: "ServerList",
        modelProperties: {
            value: {
                serializedName: "value",
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "Composite",
                            className: "Server",
                        },
                    },
                },
            },
            nextLink: {
                serializedName: "nextLink",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const Sku = {
    type: {
        name: "Composite",
        className: "Sku",
        modelProperties: {
            name: {
                serializedName: "name",
                required: true,
                type: {
                    name: "String",
                },
            },
            tier: {
                serializedName: "tier",
                required: true,
                type: {
                    name: "String",
                },
            },
        },
    },
};
const UserAssignedIdentity = {
    type: {
        name: "Composite",
        className: "UserAssignedIdentity",
        modelProperties: {
            userAssignedIdentities: {
                serializedName: "userAssignedIdentities",
                type: {
                    name: "Dictionary",
                    value: { type: { name: "Composite", className: "UserIdentity" } },
                },
            },
            principalId: {
                serializedName: "principalId",
                type: {
                    name: "String",
                },
            },
            type: {
                serializedName: "type",
                required: true,
                type: {
                    name: "String",
                },
            },
            tenantId: {
                serializedName: "tenantId",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
        },
    },
};
const UserIdentity = {
    type: {
        name: "Composite",
        className: "UserIdentity",
        modelProperties: {
            principalId: {
                serializedName: "principalId",
                type: {
                    name: "String",
                },
            },
            clientId: {
                serializedName: "clientId",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const Storage = {
    type: {
        name: "Composite",
        className: "Storage",
        modelProperties: {
            storageSizeGB: {
                serializedName: "storageSizeGB",
                type: {
                    name: "Number",
                },
            },
            autoGrow: {
                serializedName: "autoGrow",
                type: {
                    name: "String",
                },
            },
            tier: {
                serializedName: "tier",
                type: {
                    name: "String",
                },
            },
            iops: {
                serializedName: "iops",
                type: {
                    name: "Number",
                },
            },
            throughput: {
                serializedName: "throughput",
                type: {
                    name: "Number",
                },
            },
            type: {
                serializedName: "type",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const AuthConfig = {
    type: {
        name: "Composite",
        className: "AuthConfig",
        modelProperties: {
            activeDirectoryAuth: {
                serializedName: "activeDirectoryAuth",
                type: {
                    name: "String",
                },
            },
            passwordAuth: {
                serializedName: "passwordAuth",
                type: {
                    name: "String",
                },
            },
            tenantId: {
                defaultValue: "",
                serializedName: "tenantId",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const DataEncryption = {
    type: {
        name: "Composite",
        className: "DataEncryption",
        modelProperties: {
            primaryKeyURI: {
                serializedName: "primaryKeyURI",
                type: {
                    name: "String",
                },
            },
            primaryUserAssignedIdentityId: {
                serializedName: "primaryUserAssignedIdentityId",
                type: {
                    name: "String",
                },
            },
            geoBackupKeyURI: {
                serializedName: "geoBackupKeyURI",
                type: {
                    name: "String",
                },
            },
            geoBackupUserAssignedIdentityId: {
                serializedName: "geoBackupUserAssignedIdentityId",
                type: {
                    name: "String",
                },
            },
            type: {
                serializedName: "type",
                type: {
                    name: "String",
                },
            },
            primaryEncryptionKeyStatus: {
                serializedName: "primaryEncryptionKeyStatus",
                type: {
                    name: "String",
                },
            },
            geoBackupEncryptionKeyStatus: {
                serializedName: "geoBackupEncryptionKeyStatus",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const Backup = {
    type: {
        name: "Composite",
        className: "Backup",
        modelProperties: {
            backupRetentionDays: {
                defaultValue: 7,
                serializedName: "backupRetentionDays",
                type: {
                    name: "Number",
                },
            },
            geoRedundantBackup: {
                serializedName: "geoRedundantBackup",
                type: {
                    name: "String",
                },
            },
            earliestRestoreDate: {
                serializedName: "earliestRestoreDate",
                readOnly: true,
                type: {
                    name: "DateTime",
                },
            },
        },
    },
};
const Network = {
    type: {
        name: "Composite",
        className: "Network",
        modelProperties: {
            publicNetworkAccess: {
                serializedName: "publicNetworkAccess",
                type: {
                    name: "String",
                },
            },
            delegatedSubnetResourceId: {
                serializedName: "delegatedSubnetResourceId",
                type: {
                    name: "String",
                },
            },
            privateDnsZoneArmResourceId: {
                serializedName: "privateDnsZoneArmResourceId",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const HighAvailability = {
    type: {
        name: "Composite",
        className: "HighAvailability",
        modelProperties: {
            mode: {
                serializedName: "mode",
                type: {
                    name: "String",
                },
            },
            state: {
                serializedName: "state",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            standbyAvailabilityZone: {
                defaultValue: "",
                serializedName: "standbyAvailabilityZone",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const MaintenanceWindow = {
    type: {
        name: "Composite",
        className: "MaintenanceWindow",
        modelProperties: {
            customWindow: {
                defaultValue: "Disabled",
                serializedName: "customWindow",
                type: {
                    name: "String",
                },
            },
            startHour: {
                defaultValue: 0,
                serializedName: "startHour",
                type: {
                    name: "Number",
                },
            },
            startMinute: {
                defaultValue: 0,
                serializedName: "startMinute",
                type: {
                    name: "Number",
                },
            },
            dayOfWeek: {
                defaultValue: 0,
                serializedName: "dayOfWeek",
                type: {
                    name: "Number",
                },
            },
        },
    },
};
const Replica = {
    type: {
        name: "Composite",
        className: "Replica",
        modelProperties: {
            role: {
                serializedName: "role",
                type: {
                    name: "String",
                },
            },
            capacity: {
                serializedName: "capacity",
                readOnly: true,
                type: {
                    name: "Number",
                },
            },
            replicationState: {
                serializedName: "replicationState",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            promoteMode: {
                serializedName: "promoteMode",
                type: {
                    name: "String",
                },
            },
            promoteOption: {
                serializedName: "promoteOption",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const Cluster = {
    type: {
        name: "Composite",
        className: "Cluster",
        modelProperties: {
            clusterSize: {
                defaultValue: 0,
                serializedName: "clusterSize",
                type: {
                    name: "Number",
                },
            },
            defaultDatabaseName: {
                serializedName: "defaultDatabaseName",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const ServerForPatch = {
    type: {
        name: "Composite",
        className: "ServerForPatch",
        modelProperties: {
            sku: {
                serializedName: "sku",
                type: {
                    name: "Composite",
                    className: "SkuForPatch",
                },
            },
            identity: {
                serializedName: "identity",
                type: {
                    name: "Composite",
                    className: "UserAssignedIdentity",
                },
            },
            tags: {
                serializedName: "tags",
                type: {
                    name: "Dictionary",
                    value: { type: { name: "String" } },
                },
            },
            administratorLogin: {
                serializedName: "properties.administratorLogin",
                type: {
                    name: "String",
                },
            },
            administratorLoginPassword: {
                serializedName: "properties.administratorLoginPassword",
                type: {
                    name: "String",
                },
            },
            version: {
                serializedName: "properties.version",
                type: {
                    name: "String",
                },
            },
            storage: {
                serializedName: "properties.storage",
                type: {
                    name: "Composite",
                    className: "Storage",
                },
            },
            backup: {
                serializedName: "properties.backup",
                type: {
                    name: "Composite",
                    className: "BackupForPatch",
                },
            },
            highAvailability: {
                serializedName: "properties.highAvailability",
                type: {
                    name: "Composite",
                    className: "HighAvailabilityForPatch",
                },
            },
            maintenanceWindow: {
                serializedName: "properties.maintenanceWindow",
                type: {
                    name: "Composite",
                    className: "MaintenanceWindowForPatch",
                },
            },
            authConfig: {
                serializedName: "properties.authConfig",
                type: {
                    name: "Composite",
                    className: "AuthConfigForPatch",
                },
            },
            dataEncryption: {
                serializedName: "properties.dataEncryption",
                type: {
                    name: "Composite",
                    className: "DataEncryption",
                },
            },
            availabilityZone: {
                defaultValue: "",
                serializedName: "properties.availabilityZone",
                type: {
                    name: "String",
                },
            },
            createMode: {
                serializedName: "properties.createMode",
                type: {
                    name: "String",
                },
            },
            replicationRole: {
                serializedName: "properties.replicationRole",
                type: {
                    name: "String",
                },
            },
            replica: {
                serializedName: "properties.replica",
                type: {
                    name: "Composite",
                    className: "Replica",
                },
            },
            network: {
                serializedName: "properties.network",
                type: {
                    name: "Composite",
                    className: "Network",
                },
            },
            cluster: {
                serializedName: "properties.cluster",
                type: {
                    name: "Composite",
                    className: "Cluster",
                },
            },
        },
    },
};
const SkuForPatch = {
    type: {
        name: "Composite",
        className: "SkuForPatch",
        modelProperties: {
            name: {
                serializedName: "name",
                type: {
                    name: "String",
                },
            },
            tier: {
                serializedName: "tier",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const BackupForPatch = {
    type: {
        name: "Composite",
        className: "BackupForPatch",
        modelProperties: {
            backupRetentionDays: {
                serializedName: "backupRetentionDays",
                type: {
                    name: "Number",
                },
            },
            geoRedundantBackup: {
                serializedName: "geoRedundantBackup",
                type: {
                    name: "String",
                },
            },
            earliestRestoreDate: {
                serializedName: "earliestRestoreDate",
                readOnly: true,
                type: {
                    name: "DateTime",
                },
            },
        },
    },
};
const HighAvailabilityForPatch = {
    type: {
        name: "Composite",
        className: "HighAvailabilityForPatch",
        modelProperties: {
            mode: {
                serializedName: "mode",
                type: {
                    name: "String",
                },
            },
            state: {
                serializedName: "state",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            standbyAvailabilityZone: {
                defaultValue: "",
                serializedName: "standbyAvailabilityZone",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const MaintenanceWindowForPatch = {
    type: {
        name: "Composite",
        className: "MaintenanceWindowForPatch",
        modelProperties: {
            customWindow: {
                serializedName: "customWindow",
                type: {
                    name: "String",
                },
            },
            startHour: {
                serializedName: "startHour",
                type: {
                    name: "Number",
                },
            },
            startMinute: {
                serializedName: "startMinute",
                type: {
                    name: "Number",
                },
            },
            dayOfWeek: {
                serializedName: "dayOfWeek",
                type: {
                    name: "Number",
                },
            },
        },
    },
};
const AuthConfigForPatch = {
    type: {
        name: "Composite",
        className: "AuthConfigForPatch",
        modelProperties: {
            activeDirectoryAuth: {
                serializedName: "activeDirectoryAuth",
                type: {
                    name: "String",
                },
            },
            passwordAuth: {
                serializedName: "passwordAuth",
                type: {
                    name: "String",
                },
            },
            tenantId: {
                serializedName: "tenantId",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const RestartParameter = {
    type: {
        name: "Composite",
        className: "RestartParameter",
        modelProperties: {
            restartWithFailover: {
                serializedName: "restartWithFailover",
                type: {
                    name: "Boolean",
                },
            },
            failoverMode: {
                serializedName: "failoverMode",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const ObjectRecommendationList = {
    type: {
        name: "Composite",
        className: "ObjectRecommendationList",
        modelProperties: {
            value: {
                serializedName: "value",
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "Composite",
                            className: "ObjectRecommendation",
                        },
                    },
                },
            },
            nextLink: {
                serializedName: "nextLink",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const ObjectRecommendationPropertiesImplementationDetails = {
    type: {
        name: "Composite",
        className: "ObjectRecommendationPropertiesImplementationDetails",
        modelProperties: {
            method: {
                serializedName: "method",
                type: {
                    name: "String",
                },
            },
            script: {
                serializedName: "script",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const ObjectRecommendationPropertiesAnalyzedWorkload = {
    type: {
        name: "Composite",
        className: "ObjectRecommendationPropertiesAnalyzedWorkload",
        modelProperties: {
            startTime: {
                serializedName: "startTime",
                type: {
                    name: "DateTime",
                },
            },
            endTime: {
                serializedName: "endTime",
                type: {
                    name: "DateTime",
                },
            },
            queryCount: {
                serializedName: "queryCount",
                type: {
                    name: "Number",
                },
            },
        },
    },
};
const ImpactRecord = {
    type: {
        name: "Composite",
        className: "ImpactRecord",
        modelProperties: {
            dimensionName: {
                serializedName: "dimensionName",
                type: {
                    name: "String",
                },
            },
            unit: {
                serializedName: "unit",
                type: {
                    name: "String",
                },
            },
            queryId: {
                serializedName: "queryId",
                type: {
                    name: "Number",
                },
            },
            absoluteValue: {
                serializedName: "absoluteValue",
                type: {
                    name: "Number",
                },
            },
        },
    },
};
const ObjectRecommendationDetails = {
    type: {
        name: "Composite",
        className: "ObjectRecommendationDetails",
        modelProperties: {
            databaseName: {
                serializedName: "databaseName",
                type: {
                    name: "String",
                },
            },
            schema: {
                serializedName: "schema",
                type: {
                    name: "String",
                },
            },
            table: {
                serializedName: "table",
                type: {
                    name: "String",
                },
            },
            indexType: {
                serializedName: "indexType",
                type: {
                    name: "String",
                },
            },
            indexName: {
                serializedName: "indexName",
                type: {
                    name: "String",
                },
            },
            indexColumns: {
                serializedName: "indexColumns",
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "String",
                        },
                    },
                },
            },
            includedColumns: {
                serializedName: "includedColumns",
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "String",
                        },
                    },
                },
            },
        },
    },
};
const TuningOptionsList = {
    type: {
        name: "Composite",
        className: "TuningOptionsList",
        modelProperties: {
            value: {
                serializedName: "value",
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "Composite",
                            className: "TuningOptions",
                        },
                    },
                },
            },
            nextLink: {
                serializedName: "nextLink",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const VirtualEndpointResourceForPatch = {
    type: {
        name: "Composite",
        className: "VirtualEndpointResourceForPatch",
        modelProperties: {
            endpointType: {
                serializedName: "properties.endpointType",
                type: {
                    name: "String",
                },
            },
            members: {
                serializedName: "properties.members",
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "String",
                        },
                    },
                },
            },
            virtualEndpoints: {
                serializedName: "properties.virtualEndpoints",
                readOnly: true,
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "String",
                        },
                    },
                },
            },
        },
    },
};
const VirtualEndpointsList = {
    type: {
        name: "Composite",
        className: "VirtualEndpointsList",
        modelProperties: {
            value: {
                serializedName: "value",
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "Composite",
                            className: "VirtualEndpoint",
                        },
                    },
                },
            },
            nextLink: {
                serializedName: "nextLink",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const VirtualNetworkSubnetUsageParameter = {
    type: {
        name: "Composite",
        className: "VirtualNetworkSubnetUsageParameter",
        modelProperties: {
            virtualNetworkArmResourceId: {
                serializedName: "virtualNetworkArmResourceId",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const VirtualNetworkSubnetUsageModel = {
    type: {
        name: "Composite",
        className: "VirtualNetworkSubnetUsageModel",
        modelProperties: {
            delegatedSubnetsUsage: {
                serializedName: "delegatedSubnetsUsage",
                readOnly: true,
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "Composite",
                            className: "DelegatedSubnetUsage",
                        },
                    },
                },
            },
            location: {
                serializedName: "location",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            subscriptionId: {
                serializedName: "subscriptionId",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
        },
    },
};
const DelegatedSubnetUsage = {
    type: {
        name: "Composite",
        className: "DelegatedSubnetUsage",
        modelProperties: {
            subnetName: {
                serializedName: "subnetName",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            usage: {
                serializedName: "usage",
                readOnly: true,
                type: {
                    name: "Number",
                },
            },
        },
    },
};
const ProxyResource = {
    type: {
        name: "Composite",
        className: "ProxyResource",
        modelProperties: {
            ...Resource.type.modelProperties,
        },
    },
};
const TrackedResource = {
    type: {
        name: "Composite",
        className: "TrackedResource",
        modelProperties: {
            ...Resource.type.modelProperties,
            tags: {
                serializedName: "tags",
                type: {
                    name: "Dictionary",
                    value: { type: { name: "String" } },
                },
            },
            location: {
                serializedName: "location",
                required: true,
                type: {
                    name: "String",
                },
            },
        },
    },
};
const PrivateEndpointConnection = {
    type: {
        name: "Composite",
        className: "PrivateEndpointConnection",
        modelProperties: {
            ...Resource.type.modelProperties,
            groupIds: {
                serializedName: "properties.groupIds",
                readOnly: true,
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "String",
                        },
                    },
                },
            },
            privateEndpoint: {
                serializedName: "properties.privateEndpoint",
                type: {
                    name: "Composite",
                    className: "PrivateEndpoint",
                },
            },
            privateLinkServiceConnectionState: {
                serializedName: "properties.privateLinkServiceConnectionState",
                type: {
                    name: "Composite",
                    className: "PrivateLinkServiceConnectionState",
                },
            },
            provisioningState: {
                serializedName: "properties.provisioningState",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
        },
    },
};
const PrivateLinkResource = {
    type: {
        name: "Composite",
        className: "PrivateLinkResource",
        modelProperties: {
            ...Resource.type.modelProperties,
            groupId: {
                serializedName: "properties.groupId",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            requiredMembers: {
                serializedName: "properties.requiredMembers",
                readOnly: true,
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "String",
                        },
                    },
                },
            },
            requiredZoneNames: {
                serializedName: "properties.requiredZoneNames",
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "String",
                        },
                    },
                },
            },
        },
    },
};
const VirtualEndpoint = {
    type: {
        name: "Composite",
        className: "VirtualEndpoint",
        modelProperties: {
            ...VirtualEndpointResourceForPatch.type.modelProperties,
            ...Resource.type.modelProperties,
        },
    },
};
const StorageTierCapability = {
    type: {
        name: "Composite",
        className: "StorageTierCapability",
        modelProperties: {
            ...CapabilityBase.type.modelProperties,
            name: {
                serializedName: "name",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            iops: {
                serializedName: "iops",
                readOnly: true,
                type: {
                    name: "Number",
                },
            },
        },
    },
};
const StorageMbCapability = {
    type: {
        name: "Composite",
        className: "StorageMbCapability",
        modelProperties: {
            ...CapabilityBase.type.modelProperties,
            supportedIops: {
                serializedName: "supportedIops",
                readOnly: true,
                type: {
                    name: "Number",
                },
            },
            supportedMaximumIops: {
                serializedName: "supportedMaximumIops",
                readOnly: true,
                type: {
                    name: "Number",
                },
            },
            storageSizeMb: {
                serializedName: "storageSizeMb",
                readOnly: true,
                type: {
                    name: "Number",
                },
            },
            maximumStorageSizeMb: {
                serializedName: "maximumStorageSizeMb",
                readOnly: true,
                type: {
                    name: "Number",
                },
            },
            supportedThroughput: {
                serializedName: "supportedThroughput",
                readOnly: true,
                type: {
                    name: "Number",
                },
            },
            supportedMaximumThroughput: {
                serializedName: "supportedMaximumThroughput",
                readOnly: true,
                type: {
                    name: "Number",
                },
            },
            defaultIopsTier: {
                serializedName: "defaultIopsTier",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            supportedIopsTiers: {
                serializedName: "supportedIopsTiers",
                readOnly: true,
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "Composite",
                            className: "StorageTierCapability",
                        },
                    },
                },
            },
        },
    },
};
const StorageEditionCapability = {
    type: {
        name: "Composite",
        className: "StorageEditionCapability",
        modelProperties: {
            ...CapabilityBase.type.modelProperties,
            name: {
                serializedName: "name",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            defaultStorageSizeMb: {
                serializedName: "defaultStorageSizeMb",
                readOnly: true,
                type: {
                    name: "Number",
                },
            },
            supportedStorageMb: {
                serializedName: "supportedStorageMb",
                readOnly: true,
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "Composite",
                            className: "StorageMbCapability",
                        },
                    },
                },
            },
        },
    },
};
const ServerSkuCapability = {
    type: {
        name: "Composite",
        className: "ServerSkuCapability",
        modelProperties: {
            ...CapabilityBase.type.modelProperties,
            name: {
                serializedName: "name",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            vCores: {
                serializedName: "vCores",
                readOnly: true,
                type: {
                    name: "Number",
                },
            },
            supportedIops: {
                serializedName: "supportedIops",
                readOnly: true,
                type: {
                    name: "Number",
                },
            },
            supportedMemoryPerVcoreMb: {
                serializedName: "supportedMemoryPerVcoreMb",
                readOnly: true,
                type: {
                    name: "Number",
                },
            },
            supportedZones: {
                serializedName: "supportedZones",
                readOnly: true,
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "String",
                        },
                    },
                },
            },
            supportedHaMode: {
                serializedName: "supportedHaMode",
                readOnly: true,
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "String",
                        },
                    },
                },
            },
            supportedFeatures: {
                serializedName: "supportedFeatures",
                readOnly: true,
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "Composite",
                            className: "SupportedFeature",
                        },
                    },
                },
            },
            securityProfile: {
                serializedName: "securityProfile",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
        },
    },
};
const ServerEditionCapability = {
    type: {
        name: "Composite",
        className: "ServerEditionCapability",
        modelProperties: {
            ...CapabilityBase.type.modelProperties,
            name: {
                serializedName: "name",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            defaultSkuName: {
                serializedName: "defaultSkuName",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            supportedStorageEditions: {
                serializedName: "supportedStorageEditions",
                readOnly: true,
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "Composite",
                            className: "StorageEditionCapability",
                        },
                    },
                },
            },
            supportedServerSkus: {
                serializedName: "supportedServerSkus",
                readOnly: true,
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "Composite",
                            className: "ServerSkuCapability",
                        },
                    },
                },
            },
        },
    },
};
const ServerVersionCapability = {
    type: {
        name: "Composite",
        className: "ServerVersionCapability",
        modelProperties: {
            ...CapabilityBase.type.modelProperties,
            name: {
                serializedName: "name",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            supportedVersionsToUpgrade: {
                serializedName: "supportedVersionsToUpgrade",
                readOnly: true,
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "String",
                        },
                    },
                },
            },
            supportedFeatures: {
                serializedName: "supportedFeatures",
                readOnly: true,
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "Composite",
                            className: "SupportedFeature",
                        },
                    },
                },
            },
        },
    },
};
const FastProvisioningEditionCapability = {
    type: {
        name: "Composite",
        className: "FastProvisioningEditionCapability",
        modelProperties: {
            ...CapabilityBase.type.modelProperties,
            supportedTier: {
                serializedName: "supportedTier",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            supportedSku: {
                serializedName: "supportedSku",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            supportedStorageGb: {
                serializedName: "supportedStorageGb",
                readOnly: true,
                type: {
                    name: "Number",
                },
            },
            supportedServerVersions: {
                serializedName: "supportedServerVersions",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            serverCount: {
                serializedName: "serverCount",
                readOnly: true,
                type: {
                    name: "Number",
                },
            },
        },
    },
};
const Capability = {
    type: {
        name: "Composite",
        className: "Capability",
        modelProperties: {
            ...CapabilityBase.type.modelProperties,
            name: {
                serializedName: "name",
                type: {
                    name: "String",
                },
            },
            supportedServerEditions: {
                serializedName: "supportedServerEditions",
                readOnly: true,
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "Composite",
                            className: "ServerEditionCapability",
                        },
                    },
                },
            },
            supportedServerVersions: {
                serializedName: "supportedServerVersions",
                readOnly: true,
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "Composite",
                            className: "ServerVersionCapability",
                        },
                    },
                },
            },
            supportedFeatures: {
                serializedName: "supportedFeatures",
                readOnly: true,
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "Composite",
                            className: "SupportedFeature",
                        },
                    },
                },
            },
            fastProvisioningSupported: {
                serializedName: "fastProvisioningSupported",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            supportedFastProvisioningEditions: {
                serializedName: "supportedFastProvisioningEditions",
                readOnly: true,
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "Composite",
                            className: "FastProvisioningEditionCapability",
                        },
                    },
                },
            },
            geoBackupSupported: {
                serializedName: "geoBackupSupported",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            zoneRedundantHaSupported: {
                serializedName: "zoneRedundantHaSupported",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            zoneRedundantHaAndGeoBackupSupported: {
                serializedName: "zoneRedundantHaAndGeoBackupSupported",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            storageAutoGrowthSupported: {
                serializedName: "storageAutoGrowthSupported",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            onlineResizeSupported: {
                serializedName: "onlineResizeSupported",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            restricted: {
                serializedName: "restricted",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
        },
    },
};
const LtrPreBackupRequest = {
    type: {
        name: "Composite",
        className: "LtrPreBackupRequest",
        modelProperties: {
            ...BackupRequestBase.type.modelProperties,
        },
    },
};
const BackupsLongTermRetentionRequest = {
    type: {
        name: "Composite",
        className: "BackupsLongTermRetentionRequest",
        modelProperties: {
            ...BackupRequestBase.type.modelProperties,
            targetDetails: {
                serializedName: "targetDetails",
                type: {
                    name: "Composite",
                    className: "BackupStoreDetails",
                },
            },
        },
    },
};
const NameAvailabilityModel = {
    type: {
        name: "Composite",
        className: "NameAvailabilityModel",
        modelProperties: {
            ...CheckNameAvailabilityResponse.type.modelProperties,
            name: {
                serializedName: "name",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            type: {
                serializedName: "type",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
        },
    },
};
const AdministratorMicrosoftEntra = {
    type: {
        name: "Composite",
        className: "AdministratorMicrosoftEntra",
        modelProperties: {
            ...ProxyResource.type.modelProperties,
            principalType: {
                serializedName: "properties.principalType",
                type: {
                    name: "String",
                },
            },
            principalName: {
                serializedName: "properties.principalName",
                type: {
                    name: "String",
                },
            },
            objectId: {
                serializedName: "properties.objectId",
                type: {
                    name: "String",
                },
            },
            tenantId: {
                serializedName: "properties.tenantId",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const AdvancedThreatProtectionSettingsModel = {
    type: {
        name: "Composite",
        className: "AdvancedThreatProtectionSettingsModel",
        modelProperties: {
            ...ProxyResource.type.modelProperties,
            state: {
                serializedName: "properties.state",
                type: {
                    name: "Enum",
                    allowedValues: ["Enabled", "Disabled"],
                },
            },
            creationTime: {
                serializedName: "properties.creationTime",
                readOnly: true,
                type: {
                    name: "DateTime",
                },
            },
        },
    },
};
const BackupAutomaticAndOnDemand = {
    type: {
        name: "Composite",
        className: "BackupAutomaticAndOnDemand",
        modelProperties: {
            ...ProxyResource.type.modelProperties,
            backupType: {
                serializedName: "properties.backupType",
                type: {
                    name: "String",
                },
            },
            completedTime: {
                serializedName: "properties.completedTime",
                type: {
                    name: "DateTime",
                },
            },
            source: {
                serializedName: "properties.source",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const CapturedLog = {
    type: {
        name: "Composite",
        className: "CapturedLog",
        modelProperties: {
            ...ProxyResource.type.modelProperties,
            createdTime: {
                serializedName: "properties.createdTime",
                type: {
                    name: "DateTime",
                },
            },
            lastModifiedTime: {
                serializedName: "properties.lastModifiedTime",
                type: {
                    name: "DateTime",
                },
            },
            sizeInKb: {
                serializedName: "properties.sizeInKb",
                type: {
                    name: "Number",
                },
            },
            typePropertiesType: {
                serializedName: "properties.type",
                type: {
                    name: "String",
                },
            },
            url: {
                serializedName: "properties.url",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const Configuration = {
    type: {
        name: "Composite",
        className: "Configuration",
        modelProperties: {
            ...ProxyResource.type.modelProperties,
            value: {
                serializedName: "properties.value",
                type: {
                    name: "String",
                },
            },
            description: {
                serializedName: "properties.description",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            defaultValue: {
                serializedName: "properties.defaultValue",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            dataType: {
                serializedName: "properties.dataType",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            allowedValues: {
                serializedName: "properties.allowedValues",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            source: {
                serializedName: "properties.source",
                type: {
                    name: "String",
                },
            },
            isDynamicConfig: {
                serializedName: "properties.isDynamicConfig",
                readOnly: true,
                type: {
                    name: "Boolean",
                },
            },
            isReadOnly: {
                serializedName: "properties.isReadOnly",
                readOnly: true,
                type: {
                    name: "Boolean",
                },
            },
            isConfigPendingRestart: {
                serializedName: "properties.isConfigPendingRestart",
                readOnly: true,
                type: {
                    name: "Boolean",
                },
            },
            unit: {
                serializedName: "properties.unit",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            documentationLink: {
                serializedName: "properties.documentationLink",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
        },
    },
};
const Database = {
    type: {
        name: "Composite",
        className: "Database",
        modelProperties: {
            ...ProxyResource.type.modelProperties,
            charset: {
                constraints: {
                    Pattern: new RegExp("^[a-zA-Z]+\\w*$"),
                },
                serializedName: "properties.charset",
                type: {
                    name: "String",
                },
            },
            collation: {
                constraints: {
                    Pattern: new RegExp("^[a-zA-Z\\-]+([. ]|\\w)*$"),
                },
                serializedName: "properties.collation",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const FirewallRule = {
    type: {
        name: "Composite",
        className: "FirewallRule",
        modelProperties: {
            ...ProxyResource.type.modelProperties,
            startIpAddress: {
                constraints: {
                    Pattern: new RegExp("^(([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])\\.){3}([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])$"),
                },
                serializedName: "properties.startIpAddress",
                required: true,
                type: {
                    name: "String",
                },
            },
            endIpAddress: {
                constraints: {
                    Pattern: new RegExp("^(([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])\\.){3}([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])$"),
                },
                serializedName: "properties.endIpAddress",
                required: true,
                type: {
                    name: "String",
                },
            },
        },
    },
};
const BackupsLongTermRetentionOperation = {
    type: {
        name: "Composite",
        className: "BackupsLongTermRetentionOperation",
        modelProperties: {
            ...ProxyResource.type.modelProperties,
            datasourceSizeInBytes: {
                serializedName: "properties.datasourceSizeInBytes",
                type: {
                    name: "Number",
                },
            },
            dataTransferredInBytes: {
                serializedName: "properties.dataTransferredInBytes",
                type: {
                    name: "Number",
                },
            },
            backupName: {
                serializedName: "properties.backupName",
                type: {
                    name: "String",
                },
            },
            backupMetadata: {
                serializedName: "properties.backupMetadata",
                type: {
                    name: "String",
                },
            },
            status: {
                serializedName: "properties.status",
                type: {
                    name: "String",
                },
            },
            startTime: {
                serializedName: "properties.startTime",
                type: {
                    name: "DateTime",
                },
            },
            endTime: {
                serializedName: "properties.endTime",
                type: {
                    name: "DateTime",
                },
            },
            percentComplete: {
                constraints: {
                    InclusiveMaximum: 100,
                    InclusiveMinimum: 0,
                },
                serializedName: "properties.percentComplete",
                type: {
                    name: "Number",
                },
            },
            errorCode: {
                serializedName: "properties.errorCode",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            errorMessage: {
                serializedName: "properties.errorMessage",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
        },
    },
};
const TuningOptions = {
    type: {
        name: "Composite",
        className: "TuningOptions",
        modelProperties: {
            ...ProxyResource.type.modelProperties,
        },
    },
};
const ObjectRecommendation = {
    type: {
        name: "Composite",
        className: "ObjectRecommendation",
        modelProperties: {
            ...ProxyResource.type.modelProperties,
            kind: {
                serializedName: "kind",
                type: {
                    name: "String",
                },
            },
            initialRecommendedTime: {
                serializedName: "properties.initialRecommendedTime",
                type: {
                    name: "DateTime",
                },
            },
            lastRecommendedTime: {
                serializedName: "properties.lastRecommendedTime",
                type: {
                    name: "DateTime",
                },
            },
            timesRecommended: {
                serializedName: "properties.timesRecommended",
                type: {
                    name: "Number",
                },
            },
            improvedQueryIds: {
                serializedName: "properties.improvedQueryIds",
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "Number",
                        },
                    },
                },
            },
            recommendationReason: {
                serializedName: "properties.recommendationReason",
                type: {
                    name: "String",
                },
            },
            currentState: {
                serializedName: "properties.currentState",
                type: {
                    name: "String",
                },
            },
            recommendationType: {
                serializedName: "properties.recommendationType",
                type: {
                    name: "String",
                },
            },
            implementationDetails: {
                serializedName: "properties.implementationDetails",
                type: {
                    name: "Composite",
                    className: "ObjectRecommendationPropertiesImplementationDetails",
                },
            },
            analyzedWorkload: {
                serializedName: "properties.analyzedWorkload",
                type: {
                    name: "Composite",
                    className: "ObjectRecommendationPropertiesAnalyzedWorkload",
                },
            },
            estimatedImpact: {
                serializedName: "properties.estimatedImpact",
                readOnly: true,
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "Composite",
                            className: "ImpactRecord",
                        },
                    },
                },
            },
            details: {
                serializedName: "properties.details",
                type: {
                    name: "Composite",
                    className: "ObjectRecommendationDetails",
                },
            },
        },
    },
};
const Migration = {
    type: {
        name: "Composite",
        className: "Migration",
        modelProperties: {
            ...TrackedResource.type.modelProperties,
            migrationId: {
                serializedName: "properties.migrationId",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            currentStatus: {
                serializedName: "properties.currentStatus",
                type: {
                    name: "Composite",
                    className: "MigrationStatus",
                },
            },
            migrationInstanceResourceId: {
                serializedName: "properties.migrationInstanceResourceId",
                type: {
                    name: "String",
                },
            },
            migrationMode: {
                serializedName: "properties.migrationMode",
                type: {
                    name: "String",
                },
            },
            migrationOption: {
                serializedName: "properties.migrationOption",
                type: {
                    name: "String",
                },
            },
            sourceType: {
                serializedName: "properties.sourceType",
                type: {
                    name: "String",
                },
            },
            sslMode: {
                serializedName: "properties.sslMode",
                type: {
                    name: "String",
                },
            },
            sourceDbServerMetadata: {
                serializedName: "properties.sourceDbServerMetadata",
                type: {
                    name: "Composite",
                    className: "DbServerMetadata",
                },
            },
            targetDbServerMetadata: {
                serializedName: "properties.targetDbServerMetadata",
                type: {
                    name: "Composite",
                    className: "DbServerMetadata",
                },
            },
            sourceDbServerResourceId: {
                serializedName: "properties.sourceDbServerResourceId",
                type: {
                    name: "String",
                },
            },
            sourceDbServerFullyQualifiedDomainName: {
                serializedName: "properties.sourceDbServerFullyQualifiedDomainName",
                type: {
                    name: "String",
                },
            },
            targetDbServerResourceId: {
                serializedName: "properties.targetDbServerResourceId",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            targetDbServerFullyQualifiedDomainName: {
                serializedName: "properties.targetDbServerFullyQualifiedDomainName",
                type: {
                    name: "String",
                },
            },
            secretParameters: {
                serializedName: "properties.secretParameters",
                type: {
                    name: "Composite",
                    className: "MigrationSecretParameters",
                },
            },
            dbsToMigrate: {
                constraints: {
                    MaxItems: 50,
                },
                serializedName: "properties.dbsToMigrate",
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "String",
                        },
                    },
                },
            },
            setupLogicalReplicationOnSourceDbIfNeeded: {
                serializedName: "properties.setupLogicalReplicationOnSourceDbIfNeeded",
                type: {
                    name: "String",
                },
            },
            overwriteDbsInTarget: {
                serializedName: "properties.overwriteDbsInTarget",
                type: {
                    name: "String",
                },
            },
            migrationWindowStartTimeInUtc: {
                serializedName: "properties.migrationWindowStartTimeInUtc",
                type: {
                    name: "DateTime",
                },
            },
            migrationWindowEndTimeInUtc: {
                serializedName: "properties.migrationWindowEndTimeInUtc",
                type: {
                    name: "DateTime",
                },
            },
            migrateRoles: {
                serializedName: "properties.migrateRoles",
                type: {
                    name: "String",
                },
            },
            startDataMigration: {
                serializedName: "properties.startDataMigration",
                type: {
                    name: "String",
                },
            },
            triggerCutover: {
                serializedName: "properties.triggerCutover",
                type: {
                    name: "String",
                },
            },
            dbsToTriggerCutoverOn: {
                serializedName: "properties.dbsToTriggerCutoverOn",
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "String",
                        },
                    },
                },
            },
            cancel: {
                serializedName: "properties.cancel",
                type: {
                    name: "String",
                },
            },
            dbsToCancelMigrationOn: {
                serializedName: "properties.dbsToCancelMigrationOn",
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "String",
                        },
                    },
                },
            },
        },
    },
};
const Server = {
    type: {
        name: "Composite",
        className: "Server",
        modelProperties: {
            ...TrackedResource.type.modelProperties,
            sku: {
                serializedName: "sku",
                type: {
                    name: "Composite",
                    className: "Sku",
                },
            },
            identity: {
                serializedName: "identity",
                type: {
                    name: "Composite",
                    className: "UserAssignedIdentity",
                },
            },
            administratorLogin: {
                serializedName: "properties.administratorLogin",
                type: {
                    name: "String",
                },
            },
            administratorLoginPassword: {
                serializedName: "properties.administratorLoginPassword",
                type: {
                    name: "String",
                },
            },
            version: {
                serializedName: "properties.version",
                type: {
                    name: "String",
                },
            },
            minorVersion: {
                serializedName: "properties.minorVersion",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            state: {
                serializedName: "properties.state",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            fullyQualifiedDomainName: {
                serializedName: "properties.fullyQualifiedDomainName",
                readOnly: true,
                type: {
                    name: "String",
                },
            },
            storage: {
                serializedName: "properties.storage",
                type: {
                    name: "Composite",
                    className: "Storage",
                },
            },
            authConfig: {
                serializedName: "properties.authConfig",
                type: {
                    name: "Composite",
                    className: "AuthConfig",
                },
            },
            dataEncryption: {
                serializedName: "properties.dataEncryption",
                type: {
                    name: "Composite",
                    className: "DataEncryption",
                },
            },
            backup: {
                serializedName: "properties.backup",
                type: {
                    name: "Composite",
                    className: "Backup",
                },
            },
            network: {
                serializedName: "properties.network",
                type: {
                    name: "Composite",
                    className: "Network",
                },
            },
            highAvailability: {
                serializedName: "properties.highAvailability",
                type: {
                    name: "Composite",
                    className: "HighAvailability",
                },
            },
            maintenanceWindow: {
                serializedName: "properties.maintenanceWindow",
                type: {
                    name: "Composite",
                    className: "MaintenanceWindow",
                },
            },
            sourceServerResourceId: {
                serializedName: "properties.sourceServerResourceId",
                type: {
                    name: "String",
                },
            },
            pointInTimeUTC: {
                serializedName: "properties.pointInTimeUTC",
                type: {
                    name: "DateTime",
                },
            },
            availabilityZone: {
                defaultValue: "",
                serializedName: "properties.availabilityZone",
                type: {
                    name: "String",
                },
            },
            replicationRole: {
                serializedName: "properties.replicationRole",
                type: {
                    name: "String",
                },
            },
            replicaCapacity: {
                serializedName: "properties.replicaCapacity",
                readOnly: true,
                type: {
                    name: "Number",
                },
            },
            replica: {
                serializedName: "properties.replica",
                type: {
                    name: "Composite",
                    className: "Replica",
                },
            },
            createMode: {
                serializedName: "properties.createMode",
                type: {
                    name: "String",
                },
            },
            privateEndpointConnections: {
                serializedName: "properties.privateEndpointConnections",
                readOnly: true,
                type: {
                    name: "Sequence",
                    element: {
                        type: {
                            name: "Composite",
                            className: "PrivateEndpointConnection",
                        },
                    },
                },
            },
            cluster: {
                serializedName: "properties.cluster",
                type: {
                    name: "Composite",
                    className: "Cluster",
                },
            },
        },
    },
};
const AdministratorsMicrosoftEntraCreateOrUpdateHeaders = {
    type: {
        name: "Composite",
        className: "AdministratorsMicrosoftEntraCreateOrUpdateHeaders",
        modelProperties: {
            location: {
                serializedName: "location",
                type: {
                    name: "String",
                },
            },
            azureAsyncOperation: {
                serializedName: "azure-asyncoperation",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const AdministratorsMicrosoftEntraDeleteHeaders = {
    type: {
        name: "Composite",
        className: "AdministratorsMicrosoftEntraDeleteHeaders",
        modelProperties: {
            location: {
                serializedName: "location",
                type: {
                    name: "String",
                },
            },
            azureAsyncOperation: {
                serializedName: "azure-asyncoperation",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const ServerThreatProtectionSettingsCreateOrUpdateHeaders = {
    type: {
        name: "Composite",
        className: "ServerThreatProtectionSettingsCreateOrUpdateHeaders",
        modelProperties: {
            location: {
                serializedName: "location",
                type: {
                    name: "String",
                },
            },
            azureAsyncOperation: {
                serializedName: "azure-asyncoperation",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const BackupsAutomaticAndOnDemandCreateHeaders = {
    type: {
        name: "Composite",
        className: "BackupsAutomaticAndOnDemandCreateHeaders",
        modelProperties: {
            location: {
                serializedName: "location",
                type: {
                    name: "String",
                },
            },
            azureAsyncOperation: {
                serializedName: "azure-asyncoperation",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const BackupsAutomaticAndOnDemandDeleteHeaders = {
    type: {
        name: "Composite",
        className: "BackupsAutomaticAndOnDemandDeleteHeaders",
        modelProperties: {
            location: {
                serializedName: "location",
                type: {
                    name: "String",
                },
            },
            azureAsyncOperation: {
                serializedName: "azure-asyncoperation",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const ConfigurationsUpdateHeaders = {
    type: {
        name: "Composite",
        className: "ConfigurationsUpdateHeaders",
        modelProperties: {
            location: {
                serializedName: "location",
                type: {
                    name: "String",
                },
            },
            azureAsyncOperation: {
                serializedName: "azure-asyncoperation",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const ConfigurationsPutHeaders = {
    type: {
        name: "Composite",
        className: "ConfigurationsPutHeaders",
        modelProperties: {
            location: {
                serializedName: "location",
                type: {
                    name: "String",
                },
            },
            azureAsyncOperation: {
                serializedName: "azure-asyncoperation",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const DatabasesCreateHeaders = {
    type: {
        name: "Composite",
        className: "DatabasesCreateHeaders",
        modelProperties: {
            location: {
                serializedName: "location",
                type: {
                    name: "String",
                },
            },
            azureAsyncOperation: {
                serializedName: "azure-asyncoperation",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const DatabasesDeleteHeaders = {
    type: {
        name: "Composite",
        className: "DatabasesDeleteHeaders",
        modelProperties: {
            location: {
                serializedName: "location",
                type: {
                    name: "String",
                },
            },
            azureAsyncOperation: {
                serializedName: "azure-asyncoperation",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const FirewallRulesCreateOrUpdateHeaders = {
    type: {
        name: "Composite",
        className: "FirewallRulesCreateOrUpdateHeaders",
        modelProperties: {
            location: {
                serializedName: "location",
                type: {
                    name: "String",
                },
            },
            azureAsyncOperation: {
                serializedName: "azure-asyncoperation",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const FirewallRulesDeleteHeaders = {
    type: {
        name: "Composite",
        className: "FirewallRulesDeleteHeaders",
        modelProperties: {
            location: {
                serializedName: "location",
                type: {
                    name: "String",
                },
            },
            azureAsyncOperation: {
                serializedName: "azure-asyncoperation",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const BackupsLongTermRetentionCheckPrerequisitesHeaders = {
    type: {
        name: "Composite",
        className: "BackupsLongTermRetentionCheckPrerequisitesHeaders",
        modelProperties: {
            xMsRequestId: {
                serializedName: "x-ms-request-id",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const BackupsLongTermRetentionCheckPrerequisitesExceptionHeaders = {
    type: {
        name: "Composite",
        className: "BackupsLongTermRetentionCheckPrerequisitesExceptionHeaders",
        modelProperties: {
            xMsErrorCode: {
                serializedName: "x-ms-error-code",
                type: {
                    name: "String",
                },
            },
            xMsRequestId: {
                serializedName: "x-ms-request-id",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const BackupsLongTermRetentionStartHeaders = {
    type: {
        name: "Composite",
        className: "BackupsLongTermRetentionStartHeaders",
        modelProperties: {
            xMsRequestId: {
                serializedName: "x-ms-request-id",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const BackupsLongTermRetentionStartExceptionHeaders = {
    type: {
        name: "Composite",
        className: "BackupsLongTermRetentionStartExceptionHeaders",
        modelProperties: {
            xMsErrorCode: {
                serializedName: "x-ms-error-code",
                type: {
                    name: "String",
                },
            },
            xMsRequestId: {
                serializedName: "x-ms-request-id",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const PrivateEndpointConnectionsUpdateHeaders = {
    type: {
        name: "Composite",
        className: "PrivateEndpointConnectionsUpdateHeaders",
        modelProperties: {
            location: {
                serializedName: "location",
                type: {
                    name: "String",
                },
            },
            azureAsyncOperation: {
                serializedName: "azure-asyncoperation",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const PrivateEndpointConnectionsDeleteHeaders = {
    type: {
        name: "Composite",
        className: "PrivateEndpointConnectionsDeleteHeaders",
        modelProperties: {
            location: {
                serializedName: "location",
                type: {
                    name: "String",
                },
            },
            azureAsyncOperation: {
                serializedName: "azure-asyncoperation",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const ServersCreateOrUpdateHeaders = {
    type: {
        name: "Composite",
        className: "ServersCreateOrUpdateHeaders",
        modelProperties: {
            location: {
                serializedName: "location",
                type: {
                    name: "String",
                },
            },
            azureAsyncOperation: {
                serializedName: "azure-asyncoperation",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const ServersUpdateHeaders = {
    type: {
        name: "Composite",
        className: "ServersUpdateHeaders",
        modelProperties: {
            location: {
                serializedName: "location",
                type: {
                    name: "String",
                },
            },
            azureAsyncOperation: {
                serializedName: "azure-asyncoperation",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const ServersDeleteHeaders = {
    type: {
        name: "Composite",
        className: "ServersDeleteHeaders",
        modelProperties: {
            location: {
                serializedName: "location",
                type: {
                    name: "String",
                },
            },
            azureAsyncOperation: {
                serializedName: "azure-asyncoperation",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const ServersRestartHeaders = {
    type: {
        name: "Composite",
        className: "ServersRestartHeaders",
        modelProperties: {
            location: {
                serializedName: "location",
                type: {
                    name: "String",
                },
            },
            azureAsyncOperation: {
                serializedName: "azure-asyncoperation",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const ServersStartHeaders = {
    type: {
        name: "Composite",
        className: "ServersStartHeaders",
        modelProperties: {
            location: {
                serializedName: "location",
                type: {
                    name: "String",
                },
            },
            azureAsyncOperation: {
                serializedName: "azure-asyncoperation",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const ServersStopHeaders = {
    type: {
        name: "Composite",
        className: "ServersStopHeaders",
        modelProperties: {
            location: {
                serializedName: "location",
                type: {
                    name: "String",
                },
            },
            azureAsyncOperation: {
                serializedName: "azure-asyncoperation",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const VirtualEndpointsCreateHeaders = {
    type: {
        name: "Composite",
        className: "VirtualEndpointsCreateHeaders",
        modelProperties: {
            location: {
                serializedName: "location",
                type: {
                    name: "String",
                },
            },
            azureAsyncOperation: {
                serializedName: "azure-asyncoperation",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const VirtualEndpointsUpdateHeaders = {
    type: {
        name: "Composite",
        className: "VirtualEndpointsUpdateHeaders",
        modelProperties: {
            location: {
                serializedName: "location",
                type: {
                    name: "String",
                },
            },
            azureAsyncOperation: {
                serializedName: "azure-asyncoperation",
                type: {
                    name: "String",
                },
            },
        },
    },
};
const VirtualEndpointsDeleteHeaders = {
    type: {
        name: "Composite",
        className: "VirtualEndpointsDeleteHeaders",
        modelProperties: {
            location: {
                serializedName: "location",
                type: {
                    name: "String",
                },
            },
            azureAsyncOperation: {
                serializedName: "azure-asyncoperation",
                type: {
                    name: "String",
                },
            },
        },
    },
};
//# sourceMappingURL=mappers.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-postgresql-flexible/dist/esm/models/parameters.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.

const contentType = {
    parameterPath: ["options", "contentType"],
    mapper: {
        defaultValue: "application/json",
        isConstant: true,
        serializedName: "Content-Type",
        type: {
            name: "String",
        },
    },
};
const parameters = {
    parameterPath: "parameters",
    mapper: AdministratorMicrosoftEntraAdd,
};
const accept = {
    parameterPath: "accept",
    mapper: {
        defaultValue: "application/json",
        isConstant: true,
        serializedName: "Accept",
        type: {
            name: "String",
        },
    },
};
const $host = {
    parameterPath: "$host",
    mapper: {
        serializedName: "$host",
        required: true,
        type: {
            name: "String",
        },
    },
    skipEncoding: true,
};
const subscriptionId = {
    parameterPath: "subscriptionId",
    mapper: {
        serializedName: "subscriptionId",
        required: true,
        type: {
            name: "Uuid",
        },
    },
};
const resourceGroupName = {
    parameterPath: "resourceGroupName",
    mapper: {
        constraints: {
            MaxLength: 90,
            MinLength: 1,
        },
        serializedName: "resourceGroupName",
        required: true,
        type: {
            name: "String",
        },
    },
};
const serverName = {
    parameterPath: "serverName",
    mapper: {
        constraints: {
            Pattern: new RegExp("^[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*"),
            MaxLength: 63,
            MinLength: 3,
        },
        serializedName: "serverName",
        required: true,
        type: {
            name: "String",
        },
    },
};
const objectId = {
    parameterPath: "objectId",
    mapper: {
        serializedName: "objectId",
        required: true,
        type: {
            name: "String",
        },
    },
};
const apiVersion = {
    parameterPath: "apiVersion",
    mapper: {
        defaultValue: "2025-08-01",
        isConstant: true,
        serializedName: "api-version",
        type: {
            name: "String",
        },
    },
};
const nextLink = {
    parameterPath: "nextLink",
    mapper: {
        serializedName: "nextLink",
        required: true,
        type: {
            name: "String",
        },
    },
    skipEncoding: true,
};
const threatProtectionName = {
    parameterPath: "threatProtectionName",
    mapper: {
        serializedName: "threatProtectionName",
        required: true,
        type: {
            name: "String",
        },
    },
};
const parameters1 = {
    parameterPath: "parameters",
    mapper: AdvancedThreatProtectionSettingsModel,
};
const backupName = {
    parameterPath: "backupName",
    mapper: {
        constraints: {
            Pattern: new RegExp("^[-\\w\\._]+$"),
            MaxLength: 128,
            MinLength: 1,
        },
        serializedName: "backupName",
        required: true,
        type: {
            name: "String",
        },
    },
};
const locationName = {
    parameterPath: "locationName",
    mapper: {
        constraints: {
            Pattern: new RegExp("^[-\\w\\._]+$"),
            MinLength: 1,
        },
        serializedName: "locationName",
        required: true,
        type: {
            name: "String",
        },
    },
};
const configurationName = {
    parameterPath: "configurationName",
    mapper: {
        constraints: {
            Pattern: new RegExp("^[-\\w\\._]+$"),
            MaxLength: 256,
            MinLength: 1,
        },
        serializedName: "configurationName",
        required: true,
        type: {
            name: "String",
        },
    },
};
const parameters2 = {
    parameterPath: "parameters",
    mapper: ConfigurationForUpdate,
};
const parameters3 = {
    parameterPath: "parameters",
    mapper: Database,
};
const databaseName = {
    parameterPath: "databaseName",
    mapper: {
        constraints: {
            Pattern: new RegExp("^[a-zA-Z_][\\w\\-]{0,62}$"),
            MaxLength: 63,
            MinLength: 1,
        },
        serializedName: "databaseName",
        required: true,
        type: {
            name: "String",
        },
    },
};
const parameters4 = {
    parameterPath: "parameters",
    mapper: FirewallRule,
};
const firewallRuleName = {
    parameterPath: "firewallRuleName",
    mapper: {
        constraints: {
            Pattern: new RegExp("^[a-zA-Z0-9][-_a-zA-Z0-9]{0,79}(?<!-)$"),
            MaxLength: 80,
            MinLength: 1,
        },
        serializedName: "firewallRuleName",
        required: true,
        type: {
            name: "String",
        },
    },
};
const parameters5 = {
    parameterPath: "parameters",
    mapper: LtrPreBackupRequest,
};
const parameters6 = {
    parameterPath: "parameters",
    mapper: BackupsLongTermRetentionRequest,
};
const backupName1 = {
    parameterPath: "backupName",
    mapper: {
        constraints: {
            Pattern: new RegExp("^[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*"),
        },
        serializedName: "backupName",
        required: true,
        type: {
            name: "String",
        },
    },
};
const parameters7 = {
    parameterPath: "parameters",
    mapper: Migration,
};
const migrationName = {
    parameterPath: "migrationName",
    mapper: {
        constraints: {
            Pattern: new RegExp("^[a-z][a-z0-9]*$"),
        },
        serializedName: "migrationName",
        required: true,
        type: {
            name: "String",
        },
    },
};
const parameters8 = {
    parameterPath: "parameters",
    mapper: MigrationResourceForPatch,
};
const migrationListFilter = {
    parameterPath: ["options", "migrationListFilter"],
    mapper: {
        serializedName: "migrationListFilter",
        type: {
            name: "String",
        },
    },
};
const parameters9 = {
    parameterPath: "parameters",
    mapper: MigrationNameAvailability,
};
const parameters10 = {
    parameterPath: "parameters",
    mapper: CheckNameAvailabilityRequest,
};
const privateEndpointConnectionName = {
    parameterPath: "privateEndpointConnectionName",
    mapper: {
        constraints: {
            Pattern: new RegExp("^[a-zA-Z][a-zA-Z0-9-]*\\.[a-fA-F0-9\\-]+$"),
        },
        serializedName: "privateEndpointConnectionName",
        required: true,
        type: {
            name: "String",
        },
    },
};
const parameters11 = {
    parameterPath: "parameters",
    mapper: PrivateEndpointConnection,
};
const groupName = {
    parameterPath: "groupName",
    mapper: {
        constraints: {
            Pattern: new RegExp("^.*$"),
        },
        serializedName: "groupName",
        required: true,
        type: {
            name: "String",
        },
    },
};
const parameters12 = {
    parameterPath: "parameters",
    mapper: Server,
};
const parameters13 = {
    parameterPath: "parameters",
    mapper: ServerForPatch,
};
const parameters14 = {
    parameterPath: ["options", "parameters"],
    mapper: RestartParameter,
};
const tuningOption = {
    parameterPath: "tuningOption",
    mapper: {
        serializedName: "tuningOption",
        required: true,
        type: {
            name: "String",
        },
    },
};
const recommendationType = {
    parameterPath: ["options", "recommendationType"],
    mapper: {
        serializedName: "recommendationType",
        type: {
            name: "String",
        },
    },
};
const parameters15 = {
    parameterPath: "parameters",
    mapper: VirtualEndpoint,
};
const virtualEndpointName = {
    parameterPath: "virtualEndpointName",
    mapper: {
        constraints: {
            Pattern: new RegExp("^[A-Za-z0-9][A-Za-z0-9-]{0,62}(?<!-)$"),
            MaxLength: 63,
            MinLength: 3,
        },
        serializedName: "virtualEndpointName",
        required: true,
        type: {
            name: "String",
        },
    },
};
const parameters16 = {
    parameterPath: "parameters",
    mapper: VirtualEndpointResourceForPatch,
};
const parameters17 = {
    parameterPath: "parameters",
    mapper: VirtualNetworkSubnetUsageParameter,
};
//# sourceMappingURL=parameters.js.map
// EXTERNAL MODULE: ./node_modules/@azure/logger/dist/esm/index.js + 1 modules
var logger_dist_esm = __webpack_require__(7567);
;// CONCATENATED MODULE: ./node_modules/@azure/core-lro/dist/esm/logger.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT license.

/**
 * The `@azure/logger` configuration for this package.
 * @internal
 */
const logger = (0,logger_dist_esm/* createClientLogger */.KV)("core-lro");
//# sourceMappingURL=logger.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/core-lro/dist/esm/poller/constants.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT license.
/**
 * The default time interval to wait before sending the next polling request.
 */
const POLL_INTERVAL_IN_MS = 2000;
/**
 * The closed set of terminal states.
 */
const terminalStates = ["succeeded", "canceled", "failed"];
//# sourceMappingURL=constants.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/core-lro/dist/esm/poller/operation.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT license.


/**
 * Deserializes the state
 */
function deserializeState(serializedState) {
    try {
        return JSON.parse(serializedState).state;
    }
    catch (e) {
        throw new Error(`Unable to deserialize input state: ${serializedState}`);
    }
}
function setStateError(inputs) {
    const { state, stateProxy, isOperationError } = inputs;
    return (error) => {
        if (isOperationError(error)) {
            stateProxy.setError(state, error);
            stateProxy.setFailed(state);
        }
        throw error;
    };
}
function appendReadableErrorMessage(currentMessage, innerMessage) {
    let message = currentMessage;
    if (message.slice(-1) !== ".") {
        message = message + ".";
    }
    return message + " " + innerMessage;
}
function simplifyError(err) {
    let message = err.message;
    let code = err.code;
    let curErr = err;
    while (curErr.innererror) {
        curErr = curErr.innererror;
        code = curErr.code;
        message = appendReadableErrorMessage(message, curErr.message);
    }
    return {
        code,
        message,
    };
}
function processOperationStatus(result) {
    const { state, stateProxy, status, isDone, processResult, getError, response, setErrorAsResult } = result;
    switch (status) {
        case "succeeded": {
            stateProxy.setSucceeded(state);
            break;
        }
        case "failed": {
            const err = getError === null || getError === void 0 ? void 0 : getError(response);
            let postfix = "";
            if (err) {
                const { code, message } = simplifyError(err);
                postfix = `. ${code}. ${message}`;
            }
            const errStr = `The long-running operation has failed${postfix}`;
            stateProxy.setError(state, new Error(errStr));
            stateProxy.setFailed(state);
            logger.warning(errStr);
            break;
        }
        case "canceled": {
            stateProxy.setCanceled(state);
            break;
        }
    }
    if ((isDone === null || isDone === void 0 ? void 0 : isDone(response, state)) ||
        (isDone === undefined &&
            ["succeeded", "canceled"].concat(setErrorAsResult ? [] : ["failed"]).includes(status))) {
        stateProxy.setResult(state, buildResult({
            response,
            state,
            processResult,
        }));
    }
}
function buildResult(inputs) {
    const { processResult, response, state } = inputs;
    return processResult ? processResult(response, state) : response;
}
/**
 * Initiates the long-running operation.
 */
async function initOperation(inputs) {
    const { init, stateProxy, processResult, getOperationStatus, withOperationLocation, setErrorAsResult, } = inputs;
    const { operationLocation, resourceLocation, metadata, response } = await init();
    if (operationLocation)
        withOperationLocation === null || withOperationLocation === void 0 ? void 0 : withOperationLocation(operationLocation, false);
    const config = {
        metadata,
        operationLocation,
        resourceLocation,
    };
    logger.verbose(`LRO: Operation description:`, config);
    const state = stateProxy.initState(config);
    const status = getOperationStatus({ response, state, operationLocation });
    processOperationStatus({ state, status, stateProxy, response, setErrorAsResult, processResult });
    return state;
}
async function pollOperationHelper(inputs) {
    const { poll, state, stateProxy, operationLocation, getOperationStatus, getResourceLocation, isOperationError, options, } = inputs;
    const response = await poll(operationLocation, options).catch(setStateError({
        state,
        stateProxy,
        isOperationError,
    }));
    const status = getOperationStatus(response, state);
    logger.verbose(`LRO: Status:\n\tPolling from: ${state.config.operationLocation}\n\tOperation status: ${status}\n\tPolling status: ${terminalStates.includes(status) ? "Stopped" : "Running"}`);
    if (status === "succeeded") {
        const resourceLocation = getResourceLocation(response, state);
        if (resourceLocation !== undefined) {
            return {
                response: await poll(resourceLocation).catch(setStateError({ state, stateProxy, isOperationError })),
                status,
            };
        }
    }
    return { response, status };
}
/** Polls the long-running operation. */
async function pollOperation(inputs) {
    const { poll, state, stateProxy, options, getOperationStatus, getResourceLocation, getOperationLocation, isOperationError, withOperationLocation, getPollingInterval, processResult, getError, updateState, setDelay, isDone, setErrorAsResult, } = inputs;
    const { operationLocation } = state.config;
    if (operationLocation !== undefined) {
        const { response, status } = await pollOperationHelper({
            poll,
            getOperationStatus,
            state,
            stateProxy,
            operationLocation,
            getResourceLocation,
            isOperationError,
            options,
        });
        processOperationStatus({
            status,
            response,
            state,
            stateProxy,
            isDone,
            processResult,
            getError,
            setErrorAsResult,
        });
        if (!terminalStates.includes(status)) {
            const intervalInMs = getPollingInterval === null || getPollingInterval === void 0 ? void 0 : getPollingInterval(response);
            if (intervalInMs)
                setDelay(intervalInMs);
            const location = getOperationLocation === null || getOperationLocation === void 0 ? void 0 : getOperationLocation(response, state);
            if (location !== undefined) {
                const isUpdated = operationLocation !== location;
                state.config.operationLocation = location;
                withOperationLocation === null || withOperationLocation === void 0 ? void 0 : withOperationLocation(location, isUpdated);
            }
            else
                withOperationLocation === null || withOperationLocation === void 0 ? void 0 : withOperationLocation(operationLocation, false);
        }
        updateState === null || updateState === void 0 ? void 0 : updateState(state, response);
    }
}
//# sourceMappingURL=operation.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/core-lro/dist/esm/http/operation.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT license.


function getOperationLocationPollingUrl(inputs) {
    const { azureAsyncOperation, operationLocation } = inputs;
    return operationLocation !== null && operationLocation !== void 0 ? operationLocation : azureAsyncOperation;
}
function getLocationHeader(rawResponse) {
    return rawResponse.headers["location"];
}
function getOperationLocationHeader(rawResponse) {
    return rawResponse.headers["operation-location"];
}
function getAzureAsyncOperationHeader(rawResponse) {
    return rawResponse.headers["azure-asyncoperation"];
}
function findResourceLocation(inputs) {
    var _a;
    const { location, requestMethod, requestPath, resourceLocationConfig } = inputs;
    switch (requestMethod) {
        case "PUT": {
            return requestPath;
        }
        case "DELETE": {
            return undefined;
        }
        case "PATCH": {
            return (_a = getDefault()) !== null && _a !== void 0 ? _a : requestPath;
        }
        default: {
            return getDefault();
        }
    }
    function getDefault() {
        switch (resourceLocationConfig) {
            case "azure-async-operation": {
                return undefined;
            }
            case "original-uri": {
                return requestPath;
            }
            case "location":
            default: {
                return location;
            }
        }
    }
}
function inferLroMode(inputs) {
    const { rawResponse, requestMethod, requestPath, resourceLocationConfig } = inputs;
    const operationLocation = getOperationLocationHeader(rawResponse);
    const azureAsyncOperation = getAzureAsyncOperationHeader(rawResponse);
    const pollingUrl = getOperationLocationPollingUrl({ operationLocation, azureAsyncOperation });
    const location = getLocationHeader(rawResponse);
    const normalizedRequestMethod = requestMethod === null || requestMethod === void 0 ? void 0 : requestMethod.toLocaleUpperCase();
    if (pollingUrl !== undefined) {
        return {
            mode: "OperationLocation",
            operationLocation: pollingUrl,
            resourceLocation: findResourceLocation({
                requestMethod: normalizedRequestMethod,
                location,
                requestPath,
                resourceLocationConfig,
            }),
        };
    }
    else if (location !== undefined) {
        return {
            mode: "ResourceLocation",
            operationLocation: location,
        };
    }
    else if (normalizedRequestMethod === "PUT" && requestPath) {
        return {
            mode: "Body",
            operationLocation: requestPath,
        };
    }
    else {
        return undefined;
    }
}
function transformStatus(inputs) {
    const { status, statusCode } = inputs;
    if (typeof status !== "string" && status !== undefined) {
        throw new Error(`Polling was unsuccessful. Expected status to have a string value or no value but it has instead: ${status}. This doesn't necessarily indicate the operation has failed. Check your Azure subscription or resource status for more information.`);
    }
    switch (status === null || status === void 0 ? void 0 : status.toLocaleLowerCase()) {
        case undefined:
            return toOperationStatus(statusCode);
        case "succeeded":
            return "succeeded";
        case "failed":
            return "failed";
        case "running":
        case "accepted":
        case "started":
        case "canceling":
        case "cancelling":
            return "running";
        case "canceled":
        case "cancelled":
            return "canceled";
        default: {
            logger.verbose(`LRO: unrecognized operation status: ${status}`);
            return status;
        }
    }
}
function getStatus(rawResponse) {
    var _a;
    const { status } = (_a = rawResponse.body) !== null && _a !== void 0 ? _a : {};
    return transformStatus({ status, statusCode: rawResponse.statusCode });
}
function getProvisioningState(rawResponse) {
    var _a, _b;
    const { properties, provisioningState } = (_a = rawResponse.body) !== null && _a !== void 0 ? _a : {};
    const status = (_b = properties === null || properties === void 0 ? void 0 : properties.provisioningState) !== null && _b !== void 0 ? _b : provisioningState;
    return transformStatus({ status, statusCode: rawResponse.statusCode });
}
function toOperationStatus(statusCode) {
    if (statusCode === 202) {
        return "running";
    }
    else if (statusCode < 300) {
        return "succeeded";
    }
    else {
        return "failed";
    }
}
function parseRetryAfter({ rawResponse }) {
    const retryAfter = rawResponse.headers["retry-after"];
    if (retryAfter !== undefined) {
        // Retry-After header value is either in HTTP date format, or in seconds
        const retryAfterInSeconds = parseInt(retryAfter);
        return isNaN(retryAfterInSeconds)
            ? calculatePollingIntervalFromDate(new Date(retryAfter))
            : retryAfterInSeconds * 1000;
    }
    return undefined;
}
function getErrorFromResponse(response) {
    const error = accessBodyProperty(response, "error");
    if (!error) {
        logger.warning(`The long-running operation failed but there is no error property in the response's body`);
        return;
    }
    if (!error.code || !error.message) {
        logger.warning(`The long-running operation failed but the error property in the response's body doesn't contain code or message`);
        return;
    }
    return error;
}
function calculatePollingIntervalFromDate(retryAfterDate) {
    const timeNow = Math.floor(new Date().getTime());
    const retryAfterTime = retryAfterDate.getTime();
    if (timeNow < retryAfterTime) {
        return retryAfterTime - timeNow;
    }
    return undefined;
}
function getStatusFromInitialResponse(inputs) {
    const { response, state, operationLocation } = inputs;
    function helper() {
        var _a;
        const mode = (_a = state.config.metadata) === null || _a === void 0 ? void 0 : _a["mode"];
        switch (mode) {
            case undefined:
                return toOperationStatus(response.rawResponse.statusCode);
            case "Body":
                return getOperationStatus(response, state);
            default:
                return "running";
        }
    }
    const status = helper();
    return status === "running" && operationLocation === undefined ? "succeeded" : status;
}
/**
 * Initiates the long-running operation.
 */
async function initHttpOperation(inputs) {
    const { stateProxy, resourceLocationConfig, processResult, lro, setErrorAsResult } = inputs;
    return initOperation({
        init: async () => {
            const response = await lro.sendInitialRequest();
            const config = inferLroMode({
                rawResponse: response.rawResponse,
                requestPath: lro.requestPath,
                requestMethod: lro.requestMethod,
                resourceLocationConfig,
            });
            return Object.assign({ response, operationLocation: config === null || config === void 0 ? void 0 : config.operationLocation, resourceLocation: config === null || config === void 0 ? void 0 : config.resourceLocation }, ((config === null || config === void 0 ? void 0 : config.mode) ? { metadata: { mode: config.mode } } : {}));
        },
        stateProxy,
        processResult: processResult
            ? ({ flatResponse }, state) => processResult(flatResponse, state)
            : ({ flatResponse }) => flatResponse,
        getOperationStatus: getStatusFromInitialResponse,
        setErrorAsResult,
    });
}
function getOperationLocation({ rawResponse }, state) {
    var _a;
    const mode = (_a = state.config.metadata) === null || _a === void 0 ? void 0 : _a["mode"];
    switch (mode) {
        case "OperationLocation": {
            return getOperationLocationPollingUrl({
                operationLocation: getOperationLocationHeader(rawResponse),
                azureAsyncOperation: getAzureAsyncOperationHeader(rawResponse),
            });
        }
        case "ResourceLocation": {
            return getLocationHeader(rawResponse);
        }
        case "Body":
        default: {
            return undefined;
        }
    }
}
function getOperationStatus({ rawResponse }, state) {
    var _a;
    const mode = (_a = state.config.metadata) === null || _a === void 0 ? void 0 : _a["mode"];
    switch (mode) {
        case "OperationLocation": {
            return getStatus(rawResponse);
        }
        case "ResourceLocation": {
            return toOperationStatus(rawResponse.statusCode);
        }
        case "Body": {
            return getProvisioningState(rawResponse);
        }
        default:
            throw new Error(`Internal error: Unexpected operation mode: ${mode}`);
    }
}
function accessBodyProperty({ flatResponse, rawResponse }, prop) {
    var _a, _b;
    return (_a = flatResponse === null || flatResponse === void 0 ? void 0 : flatResponse[prop]) !== null && _a !== void 0 ? _a : (_b = rawResponse.body) === null || _b === void 0 ? void 0 : _b[prop];
}
function getResourceLocation(res, state) {
    const loc = accessBodyProperty(res, "resourceLocation");
    if (loc && typeof loc === "string") {
        state.config.resourceLocation = loc;
    }
    return state.config.resourceLocation;
}
function isOperationError(e) {
    return e.name === "RestError";
}
/** Polls the long-running operation. */
async function pollHttpOperation(inputs) {
    const { lro, stateProxy, options, processResult, updateState, setDelay, state, setErrorAsResult, } = inputs;
    return pollOperation({
        state,
        stateProxy,
        setDelay,
        processResult: processResult
            ? ({ flatResponse }, inputState) => processResult(flatResponse, inputState)
            : ({ flatResponse }) => flatResponse,
        getError: getErrorFromResponse,
        updateState,
        getPollingInterval: parseRetryAfter,
        getOperationLocation,
        getOperationStatus,
        isOperationError,
        getResourceLocation,
        options,
        /**
         * The expansion here is intentional because `lro` could be an object that
         * references an inner this, so we need to preserve a reference to it.
         */
        poll: async (location, inputOptions) => lro.sendPollRequest(location, inputOptions),
        setErrorAsResult,
    });
}
//# sourceMappingURL=operation.js.map
// EXTERNAL MODULE: ./node_modules/@azure/core-util/dist/esm/index.js + 3 modules
var core_util_dist_esm = __webpack_require__(6966);
;// CONCATENATED MODULE: ./node_modules/@azure/core-lro/dist/esm/poller/poller.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT license.



const createStateProxy = () => ({
    /**
     * The state at this point is created to be of type OperationState<TResult>.
     * It will be updated later to be of type TState when the
     * customer-provided callback, `updateState`, is called during polling.
     */
    initState: (config) => ({ status: "running", config }),
    setCanceled: (state) => (state.status = "canceled"),
    setError: (state, error) => (state.error = error),
    setResult: (state, result) => (state.result = result),
    setRunning: (state) => (state.status = "running"),
    setSucceeded: (state) => (state.status = "succeeded"),
    setFailed: (state) => (state.status = "failed"),
    getError: (state) => state.error,
    getResult: (state) => state.result,
    isCanceled: (state) => state.status === "canceled",
    isFailed: (state) => state.status === "failed",
    isRunning: (state) => state.status === "running",
    isSucceeded: (state) => state.status === "succeeded",
});
/**
 * Returns a poller factory.
 */
function buildCreatePoller(inputs) {
    const { getOperationLocation, getStatusFromInitialResponse, getStatusFromPollResponse, isOperationError, getResourceLocation, getPollingInterval, getError, resolveOnUnsuccessful, } = inputs;
    return async ({ init, poll }, options) => {
        const { processResult, updateState, withOperationLocation: withOperationLocationCallback, intervalInMs = POLL_INTERVAL_IN_MS, restoreFrom, } = options || {};
        const stateProxy = createStateProxy();
        const withOperationLocation = withOperationLocationCallback
            ? (() => {
                let called = false;
                return (operationLocation, isUpdated) => {
                    if (isUpdated)
                        withOperationLocationCallback(operationLocation);
                    else if (!called)
                        withOperationLocationCallback(operationLocation);
                    called = true;
                };
            })()
            : undefined;
        const state = restoreFrom
            ? deserializeState(restoreFrom)
            : await initOperation({
                init,
                stateProxy,
                processResult,
                getOperationStatus: getStatusFromInitialResponse,
                withOperationLocation,
                setErrorAsResult: !resolveOnUnsuccessful,
            });
        let resultPromise;
        const abortController = new AbortController();
        const handlers = new Map();
        const handleProgressEvents = async () => handlers.forEach((h) => h(state));
        const cancelErrMsg = "Operation was canceled";
        let currentPollIntervalInMs = intervalInMs;
        const poller = {
            getOperationState: () => state,
            getResult: () => state.result,
            isDone: () => ["succeeded", "failed", "canceled"].includes(state.status),
            isStopped: () => resultPromise === undefined,
            stopPolling: () => {
                abortController.abort();
            },
            toString: () => JSON.stringify({
                state,
            }),
            onProgress: (callback) => {
                const s = Symbol();
                handlers.set(s, callback);
                return () => handlers.delete(s);
            },
            pollUntilDone: (pollOptions) => (resultPromise !== null && resultPromise !== void 0 ? resultPromise : (resultPromise = (async () => {
                const { abortSignal: inputAbortSignal } = pollOptions || {};
                // In the future we can use AbortSignal.any() instead
                function abortListener() {
                    abortController.abort();
                }
                const abortSignal = abortController.signal;
                if (inputAbortSignal === null || inputAbortSignal === void 0 ? void 0 : inputAbortSignal.aborted) {
                    abortController.abort();
                }
                else if (!abortSignal.aborted) {
                    inputAbortSignal === null || inputAbortSignal === void 0 ? void 0 : inputAbortSignal.addEventListener("abort", abortListener, { once: true });
                }
                try {
                    if (!poller.isDone()) {
                        await poller.poll({ abortSignal });
                        while (!poller.isDone()) {
                            await (0,core_util_dist_esm/* delay */.cb)(currentPollIntervalInMs, { abortSignal });
                            await poller.poll({ abortSignal });
                        }
                    }
                }
                finally {
                    inputAbortSignal === null || inputAbortSignal === void 0 ? void 0 : inputAbortSignal.removeEventListener("abort", abortListener);
                }
                if (resolveOnUnsuccessful) {
                    return poller.getResult();
                }
                else {
                    switch (state.status) {
                        case "succeeded":
                            return poller.getResult();
                        case "canceled":
                            throw new Error(cancelErrMsg);
                        case "failed":
                            throw state.error;
                        case "notStarted":
                        case "running":
                            throw new Error(`Polling completed without succeeding or failing`);
                    }
                }
            })().finally(() => {
                resultPromise = undefined;
            }))),
            async poll(pollOptions) {
                if (resolveOnUnsuccessful) {
                    if (poller.isDone())
                        return;
                }
                else {
                    switch (state.status) {
                        case "succeeded":
                            return;
                        case "canceled":
                            throw new Error(cancelErrMsg);
                        case "failed":
                            throw state.error;
                    }
                }
                await pollOperation({
                    poll,
                    state,
                    stateProxy,
                    getOperationLocation,
                    isOperationError,
                    withOperationLocation,
                    getPollingInterval,
                    getOperationStatus: getStatusFromPollResponse,
                    getResourceLocation,
                    processResult,
                    getError,
                    updateState,
                    options: pollOptions,
                    setDelay: (pollIntervalInMs) => {
                        currentPollIntervalInMs = pollIntervalInMs;
                    },
                    setErrorAsResult: !resolveOnUnsuccessful,
                });
                await handleProgressEvents();
                if (!resolveOnUnsuccessful) {
                    switch (state.status) {
                        case "canceled":
                            throw new Error(cancelErrMsg);
                        case "failed":
                            throw state.error;
                    }
                }
            },
        };
        return poller;
    };
}
//# sourceMappingURL=poller.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/core-lro/dist/esm/http/poller.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT license.


/**
 * Creates a poller that can be used to poll a long-running operation.
 * @param lro - Description of the long-running operation
 * @param options - options to configure the poller
 * @returns an initialized poller
 */
async function createHttpPoller(lro, options) {
    const { resourceLocationConfig, intervalInMs, processResult, restoreFrom, updateState, withOperationLocation, resolveOnUnsuccessful = false, } = options || {};
    return buildCreatePoller({
        getStatusFromInitialResponse: getStatusFromInitialResponse,
        getStatusFromPollResponse: getOperationStatus,
        isOperationError: isOperationError,
        getOperationLocation: getOperationLocation,
        getResourceLocation: getResourceLocation,
        getPollingInterval: parseRetryAfter,
        getError: getErrorFromResponse,
        resolveOnUnsuccessful,
    })({
        init: async () => {
            const response = await lro.sendInitialRequest();
            const config = inferLroMode({
                rawResponse: response.rawResponse,
                requestPath: lro.requestPath,
                requestMethod: lro.requestMethod,
                resourceLocationConfig,
            });
            return Object.assign({ response, operationLocation: config === null || config === void 0 ? void 0 : config.operationLocation, resourceLocation: config === null || config === void 0 ? void 0 : config.resourceLocation }, ((config === null || config === void 0 ? void 0 : config.mode) ? { metadata: { mode: config.mode } } : {}));
        },
        poll: lro.sendPollRequest,
    }, {
        intervalInMs,
        withOperationLocation,
        restoreFrom,
        updateState,
        processResult: processResult
            ? ({ flatResponse }, state) => processResult(flatResponse, state)
            : ({ flatResponse }) => flatResponse,
    });
}
//# sourceMappingURL=poller.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/core-lro/dist/esm/legacy/lroEngine/operation.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT license.


const operation_createStateProxy = () => ({
    initState: (config) => ({ config, isStarted: true }),
    setCanceled: (state) => (state.isCancelled = true),
    setError: (state, error) => (state.error = error),
    setResult: (state, result) => (state.result = result),
    setRunning: (state) => (state.isStarted = true),
    setSucceeded: (state) => (state.isCompleted = true),
    setFailed: () => {
        /** empty body */
    },
    getError: (state) => state.error,
    getResult: (state) => state.result,
    isCanceled: (state) => !!state.isCancelled,
    isFailed: (state) => !!state.error,
    isRunning: (state) => !!state.isStarted,
    isSucceeded: (state) => Boolean(state.isCompleted && !state.isCancelled && !state.error),
});
class GenericPollOperation {
    constructor(state, lro, setErrorAsResult, lroResourceLocationConfig, processResult, updateState, isDone) {
        this.state = state;
        this.lro = lro;
        this.setErrorAsResult = setErrorAsResult;
        this.lroResourceLocationConfig = lroResourceLocationConfig;
        this.processResult = processResult;
        this.updateState = updateState;
        this.isDone = isDone;
    }
    setPollerConfig(pollerConfig) {
        this.pollerConfig = pollerConfig;
    }
    async update(options) {
        var _a;
        const stateProxy = operation_createStateProxy();
        if (!this.state.isStarted) {
            this.state = Object.assign(Object.assign({}, this.state), (await initHttpOperation({
                lro: this.lro,
                stateProxy,
                resourceLocationConfig: this.lroResourceLocationConfig,
                processResult: this.processResult,
                setErrorAsResult: this.setErrorAsResult,
            })));
        }
        const updateState = this.updateState;
        const isDone = this.isDone;
        if (!this.state.isCompleted && this.state.error === undefined) {
            await pollHttpOperation({
                lro: this.lro,
                state: this.state,
                stateProxy,
                processResult: this.processResult,
                updateState: updateState
                    ? (state, { rawResponse }) => updateState(state, rawResponse)
                    : undefined,
                isDone: isDone
                    ? ({ flatResponse }, state) => isDone(flatResponse, state)
                    : undefined,
                options,
                setDelay: (intervalInMs) => {
                    this.pollerConfig.intervalInMs = intervalInMs;
                },
                setErrorAsResult: this.setErrorAsResult,
            });
        }
        (_a = options === null || options === void 0 ? void 0 : options.fireProgress) === null || _a === void 0 ? void 0 : _a.call(options, this.state);
        return this;
    }
    async cancel() {
        logger.error("`cancelOperation` is deprecated because it wasn't implemented");
        return this;
    }
    /**
     * Serializes the Poller operation.
     */
    toString() {
        return JSON.stringify({
            state: this.state,
        });
    }
}
//# sourceMappingURL=operation.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/core-lro/dist/esm/legacy/poller.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT license.
/**
 * When a poller is manually stopped through the `stopPolling` method,
 * the poller will be rejected with an instance of the PollerStoppedError.
 */
class PollerStoppedError extends Error {
    constructor(message) {
        super(message);
        this.name = "PollerStoppedError";
        Object.setPrototypeOf(this, PollerStoppedError.prototype);
    }
}
/**
 * When the operation is cancelled, the poller will be rejected with an instance
 * of the PollerCancelledError.
 */
class PollerCancelledError extends Error {
    constructor(message) {
        super(message);
        this.name = "PollerCancelledError";
        Object.setPrototypeOf(this, PollerCancelledError.prototype);
    }
}
/**
 * A class that represents the definition of a program that polls through consecutive requests
 * until it reaches a state of completion.
 *
 * A poller can be executed manually, by polling request by request by calling to the `poll()` method repeatedly, until its operation is completed.
 * It also provides a way to wait until the operation completes, by calling `pollUntilDone()` and waiting until the operation finishes.
 * Pollers can also request the cancellation of the ongoing process to whom is providing the underlying long running operation.
 *
 * ```ts
 * const poller = new MyPoller();
 *
 * // Polling just once:
 * await poller.poll();
 *
 * // We can try to cancel the request here, by calling:
 * //
 * //     await poller.cancelOperation();
 * //
 *
 * // Getting the final result:
 * const result = await poller.pollUntilDone();
 * ```
 *
 * The Poller is defined by two types, a type representing the state of the poller, which
 * must include a basic set of properties from `PollOperationState<TResult>`,
 * and a return type defined by `TResult`, which can be anything.
 *
 * The Poller class implements the `PollerLike` interface, which allows poller implementations to avoid having
 * to export the Poller's class directly, and instead only export the already instantiated poller with the PollerLike type.
 *
 * ```ts
 * class Client {
 *   public async makePoller: PollerLike<MyOperationState, MyResult> {
 *     const poller = new MyPoller({});
 *     // It might be preferred to return the poller after the first request is made,
 *     // so that some information can be obtained right away.
 *     await poller.poll();
 *     return poller;
 *   }
 * }
 *
 * const poller: PollerLike<MyOperationState, MyResult> = myClient.makePoller();
 * ```
 *
 * A poller can be created through its constructor, then it can be polled until it's completed.
 * At any point in time, the state of the poller can be obtained without delay through the getOperationState method.
 * At any point in time, the intermediate forms of the result type can be requested without delay.
 * Once the underlying operation is marked as completed, the poller will stop and the final value will be returned.
 *
 * ```ts
 * const poller = myClient.makePoller();
 * const state: MyOperationState = poller.getOperationState();
 *
 * // The intermediate result can be obtained at any time.
 * const result: MyResult | undefined = poller.getResult();
 *
 * // The final result can only be obtained after the poller finishes.
 * const result: MyResult = await poller.pollUntilDone();
 * ```
 *
 */
// eslint-disable-next-line no-use-before-define
class Poller {
    /**
     * A poller needs to be initialized by passing in at least the basic properties of the `PollOperation<TState, TResult>`.
     *
     * When writing an implementation of a Poller, this implementation needs to deal with the initialization
     * of any custom state beyond the basic definition of the poller. The basic poller assumes that the poller's
     * operation has already been defined, at least its basic properties. The code below shows how to approach
     * the definition of the constructor of a new custom poller.
     *
     * ```ts
     * export class MyPoller extends Poller<MyOperationState, string> {
     *   constructor({
     *     // Anything you might need outside of the basics
     *   }) {
     *     let state: MyOperationState = {
     *       privateProperty: private,
     *       publicProperty: public,
     *     };
     *
     *     const operation = {
     *       state,
     *       update,
     *       cancel,
     *       toString
     *     }
     *
     *     // Sending the operation to the parent's constructor.
     *     super(operation);
     *
     *     // You can assign more local properties here.
     *   }
     * }
     * ```
     *
     * Inside of this constructor, a new promise is created. This will be used to
     * tell the user when the poller finishes (see `pollUntilDone()`). The promise's
     * resolve and reject methods are also used internally to control when to resolve
     * or reject anyone waiting for the poller to finish.
     *
     * The constructor of a custom implementation of a poller is where any serialized version of
     * a previous poller's operation should be deserialized into the operation sent to the
     * base constructor. For example:
     *
     * ```ts
     * export class MyPoller extends Poller<MyOperationState, string> {
     *   constructor(
     *     baseOperation: string | undefined
     *   ) {
     *     let state: MyOperationState = {};
     *     if (baseOperation) {
     *       state = {
     *         ...JSON.parse(baseOperation).state,
     *         ...state
     *       };
     *     }
     *     const operation = {
     *       state,
     *       // ...
     *     }
     *     super(operation);
     *   }
     * }
     * ```
     *
     * @param operation - Must contain the basic properties of `PollOperation<State, TResult>`.
     */
    constructor(operation) {
        /** controls whether to throw an error if the operation failed or was canceled. */
        this.resolveOnUnsuccessful = false;
        this.stopped = true;
        this.pollProgressCallbacks = [];
        this.operation = operation;
        this.promise = new Promise((resolve, reject) => {
            this.resolve = resolve;
            this.reject = reject;
        });
        // This prevents the UnhandledPromiseRejectionWarning in node.js from being thrown.
        // The above warning would get thrown if `poller.poll` is called, it returns an error,
        // and pullUntilDone did not have a .catch or await try/catch on it's return value.
        this.promise.catch(() => {
            /* intentionally blank */
        });
    }
    /**
     * Starts a loop that will break only if the poller is done
     * or if the poller is stopped.
     */
    async startPolling(pollOptions = {}) {
        if (this.stopped) {
            this.stopped = false;
        }
        while (!this.isStopped() && !this.isDone()) {
            await this.poll(pollOptions);
            await this.delay();
        }
    }
    /**
     * pollOnce does one polling, by calling to the update method of the underlying
     * poll operation to make any relevant change effective.
     *
     * It only optionally receives an object with an abortSignal property, from \@azure/abort-controller's AbortSignalLike.
     *
     * @param options - Optional properties passed to the operation's update method.
     */
    async pollOnce(options = {}) {
        if (!this.isDone()) {
            this.operation = await this.operation.update({
                abortSignal: options.abortSignal,
                fireProgress: this.fireProgress.bind(this),
            });
        }
        this.processUpdatedState();
    }
    /**
     * fireProgress calls the functions passed in via onProgress the method of the poller.
     *
     * It loops over all of the callbacks received from onProgress, and executes them, sending them
     * the current operation state.
     *
     * @param state - The current operation state.
     */
    fireProgress(state) {
        for (const callback of this.pollProgressCallbacks) {
            callback(state);
        }
    }
    /**
     * Invokes the underlying operation's cancel method.
     */
    async cancelOnce(options = {}) {
        this.operation = await this.operation.cancel(options);
    }
    /**
     * Returns a promise that will resolve once a single polling request finishes.
     * It does this by calling the update method of the Poller's operation.
     *
     * It only optionally receives an object with an abortSignal property, from \@azure/abort-controller's AbortSignalLike.
     *
     * @param options - Optional properties passed to the operation's update method.
     */
    poll(options = {}) {
        if (!this.pollOncePromise) {
            this.pollOncePromise = this.pollOnce(options);
            const clearPollOncePromise = () => {
                this.pollOncePromise = undefined;
            };
            this.pollOncePromise.then(clearPollOncePromise, clearPollOncePromise).catch(this.reject);
        }
        return this.pollOncePromise;
    }
    processUpdatedState() {
        if (this.operation.state.error) {
            this.stopped = true;
            if (!this.resolveOnUnsuccessful) {
                this.reject(this.operation.state.error);
                throw this.operation.state.error;
            }
        }
        if (this.operation.state.isCancelled) {
            this.stopped = true;
            if (!this.resolveOnUnsuccessful) {
                const error = new PollerCancelledError("Operation was canceled");
                this.reject(error);
                throw error;
            }
        }
        if (this.isDone() && this.resolve) {
            // If the poller has finished polling, this means we now have a result.
            // However, it can be the case that TResult is instantiated to void, so
            // we are not expecting a result anyway. To assert that we might not
            // have a result eventually after finishing polling, we cast the result
            // to TResult.
            this.resolve(this.getResult());
        }
    }
    /**
     * Returns a promise that will resolve once the underlying operation is completed.
     */
    async pollUntilDone(pollOptions = {}) {
        if (this.stopped) {
            this.startPolling(pollOptions).catch(this.reject);
        }
        // This is needed because the state could have been updated by
        // `cancelOperation`, e.g. the operation is canceled or an error occurred.
        this.processUpdatedState();
        return this.promise;
    }
    /**
     * Invokes the provided callback after each polling is completed,
     * sending the current state of the poller's operation.
     *
     * It returns a method that can be used to stop receiving updates on the given callback function.
     */
    onProgress(callback) {
        this.pollProgressCallbacks.push(callback);
        return () => {
            this.pollProgressCallbacks = this.pollProgressCallbacks.filter((c) => c !== callback);
        };
    }
    /**
     * Returns true if the poller has finished polling.
     */
    isDone() {
        const state = this.operation.state;
        return Boolean(state.isCompleted || state.isCancelled || state.error);
    }
    /**
     * Stops the poller from continuing to poll.
     */
    stopPolling() {
        if (!this.stopped) {
            this.stopped = true;
            if (this.reject) {
                this.reject(new PollerStoppedError("This poller is already stopped"));
            }
        }
    }
    /**
     * Returns true if the poller is stopped.
     */
    isStopped() {
        return this.stopped;
    }
    /**
     * Attempts to cancel the underlying operation.
     *
     * It only optionally receives an object with an abortSignal property, from \@azure/abort-controller's AbortSignalLike.
     *
     * If it's called again before it finishes, it will throw an error.
     *
     * @param options - Optional properties passed to the operation's update method.
     */
    cancelOperation(options = {}) {
        if (!this.cancelPromise) {
            this.cancelPromise = this.cancelOnce(options);
        }
        else if (options.abortSignal) {
            throw new Error("A cancel request is currently pending");
        }
        return this.cancelPromise;
    }
    /**
     * Returns the state of the operation.
     *
     * Even though TState will be the same type inside any of the methods of any extension of the Poller class,
     * implementations of the pollers can customize what's shared with the public by writing their own
     * version of the `getOperationState` method, and by defining two types, one representing the internal state of the poller
     * and a public type representing a safe to share subset of the properties of the internal state.
     * Their definition of getOperationState can then return their public type.
     *
     * Example:
     *
     * ```ts
     * // Let's say we have our poller's operation state defined as:
     * interface MyOperationState extends PollOperationState<ResultType> {
     *   privateProperty?: string;
     *   publicProperty?: string;
     * }
     *
     * // To allow us to have a true separation of public and private state, we have to define another interface:
     * interface PublicState extends PollOperationState<ResultType> {
     *   publicProperty?: string;
     * }
     *
     * // Then, we define our Poller as follows:
     * export class MyPoller extends Poller<MyOperationState, ResultType> {
     *   // ... More content is needed here ...
     *
     *   public getOperationState(): PublicState {
     *     const state: PublicState = this.operation.state;
     *     return {
     *       // Properties from PollOperationState<TResult>
     *       isStarted: state.isStarted,
     *       isCompleted: state.isCompleted,
     *       isCancelled: state.isCancelled,
     *       error: state.error,
     *       result: state.result,
     *
     *       // The only other property needed by PublicState.
     *       publicProperty: state.publicProperty
     *     }
     *   }
     * }
     * ```
     *
     * You can see this in the tests of this repository, go to the file:
     * `../test/utils/testPoller.ts`
     * and look for the getOperationState implementation.
     */
    getOperationState() {
        return this.operation.state;
    }
    /**
     * Returns the result value of the operation,
     * regardless of the state of the poller.
     * It can return undefined or an incomplete form of the final TResult value
     * depending on the implementation.
     */
    getResult() {
        const state = this.operation.state;
        return state.result;
    }
    /**
     * Returns a serialized version of the poller's operation
     * by invoking the operation's toString method.
     */
    toString() {
        return this.operation.toString();
    }
}
//# sourceMappingURL=poller.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/core-lro/dist/esm/legacy/lroEngine/lroEngine.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT license.




/**
 * The LRO Engine, a class that performs polling.
 */
class LroEngine extends Poller {
    constructor(lro, options) {
        const { intervalInMs = POLL_INTERVAL_IN_MS, resumeFrom, resolveOnUnsuccessful = false, isDone, lroResourceLocationConfig, processResult, updateState, } = options || {};
        const state = resumeFrom
            ? deserializeState(resumeFrom)
            : {};
        const operation = new GenericPollOperation(state, lro, !resolveOnUnsuccessful, lroResourceLocationConfig, processResult, updateState, isDone);
        super(operation);
        this.resolveOnUnsuccessful = resolveOnUnsuccessful;
        this.config = { intervalInMs: intervalInMs };
        operation.setPollerConfig(this.config);
    }
    /**
     * The method used by the poller to wait before attempting to update its operation.
     */
    delay() {
        return new Promise((resolve) => setTimeout(() => resolve(), this.config.intervalInMs));
    }
}
//# sourceMappingURL=lroEngine.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/core-lro/dist/esm/legacy/lroEngine/index.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT license.

//# sourceMappingURL=index.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/core-lro/dist/esm/index.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT license.

/**
 * This can be uncommented to expose the protocol-agnostic poller
 */
// export {
//   BuildCreatePollerOptions,
//   Operation,
//   CreatePollerOptions,
//   OperationConfig,
//   RestorableOperationState,
// } from "./poller/models";
// export { buildCreatePoller } from "./poller/poller";
/** legacy */



//# sourceMappingURL=index.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-postgresql-flexible/dist/esm/lroImpl.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
function createLroSpec(inputs) {
    const { args, spec, sendOperationFn } = inputs;
    return {
        requestMethod: spec.httpMethod,
        requestPath: spec.path,
        sendInitialRequest: () => sendOperationFn(args, spec),
        sendPollRequest: (path, options) => {
            const { requestBody, ...restSpec } = spec;
            return sendOperationFn(args, {
                ...restSpec,
                httpMethod: "GET",
                path,
                abortSignal: options?.abortSignal,
            });
        },
    };
}
//# sourceMappingURL=lroImpl.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-postgresql-flexible/dist/esm/operations/administratorsMicrosoftEntra.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.






/// <reference lib="esnext.asynciterable" />
/** Class containing AdministratorsMicrosoftEntra operations. */
class AdministratorsMicrosoftEntraImpl {
    client;
    /**
     * Initialize a new instance of the class AdministratorsMicrosoftEntra class.
     * @param client Reference to the service client
     */
    constructor(client) {
        this.client = client;
    }
    /**
     * List all server administrators associated to a Microsoft Entra principal.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param options The options parameters.
     */
    listByServer(resourceGroupName, serverName, options) {
        const iter = this.listByServerPagingAll(resourceGroupName, serverName, options);
        return {
            next() {
                return iter.next();
            },
            [Symbol.asyncIterator]() {
                return this;
            },
            byPage: (settings) => {
                if (settings?.maxPageSize) {
                    throw new Error("maxPageSize is not supported by this operation.");
                }
                return this.listByServerPagingPage(resourceGroupName, serverName, options, settings);
            },
        };
    }
    async *listByServerPagingPage(resourceGroupName, serverName, options, settings) {
        let result;
        let continuationToken = settings?.continuationToken;
        if (!continuationToken) {
            result = await this._listByServer(resourceGroupName, serverName, options);
            const page = result.value || [];
            continuationToken = result.nextLink;
            setContinuationToken(page, continuationToken);
            yield page;
        }
        while (continuationToken) {
            result = await this._listByServerNext(resourceGroupName, serverName, continuationToken, options);
            continuationToken = result.nextLink;
            const page = result.value || [];
            setContinuationToken(page, continuationToken);
            yield page;
        }
    }
    async *listByServerPagingAll(resourceGroupName, serverName, options) {
        for await (const page of this.listByServerPagingPage(resourceGroupName, serverName, options)) {
            yield* page;
        }
    }
    /**
     * Creates a new server administrator associated to a Microsoft Entra principal.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param objectId Object identifier of the Microsoft Entra principal.
     * @param parameters Required parameters for adding a server administrator associated to a Microsoft
     *                   Entra principal.
     * @param options The options parameters.
     */
    async beginCreateOrUpdate(resourceGroupName, serverName, objectId, parameters, options) {
        const directSendOperation = async (args, spec) => {
            return this.client.sendOperationRequest(args, spec);
        };
        const sendOperationFn = async (args, spec) => {
            let currentRawResponse = undefined;
            const providedCallback = args.options?.onResponse;
            const callback = (rawResponse, flatResponse) => {
                currentRawResponse = rawResponse;
                providedCallback?.(rawResponse, flatResponse);
            };
            const updatedArgs = {
                ...args,
                options: {
                    ...args.options,
                    onResponse: callback,
                },
            };
            const flatResponse = await directSendOperation(updatedArgs, spec);
            return {
                flatResponse,
                rawResponse: {
                    statusCode: currentRawResponse.status,
                    body: currentRawResponse.parsedBody,
                    headers: currentRawResponse.headers.toJSON(),
                },
            };
        };
        const lro = createLroSpec({
            sendOperationFn,
            args: { resourceGroupName, serverName, objectId, parameters, options },
            spec: createOrUpdateOperationSpec,
        });
        const poller = await createHttpPoller(lro, {
            restoreFrom: options?.resumeFrom,
            intervalInMs: options?.updateIntervalInMs,
            resourceLocationConfig: "azure-async-operation",
        });
        await poller.poll();
        return poller;
    }
    /**
     * Creates a new server administrator associated to a Microsoft Entra principal.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param objectId Object identifier of the Microsoft Entra principal.
     * @param parameters Required parameters for adding a server administrator associated to a Microsoft
     *                   Entra principal.
     * @param options The options parameters.
     */
    async beginCreateOrUpdateAndWait(resourceGroupName, serverName, objectId, parameters, options) {
        const poller = await this.beginCreateOrUpdate(resourceGroupName, serverName, objectId, parameters, options);
        return poller.pollUntilDone();
    }
    /**
     * Deletes an existing server administrator associated to a Microsoft Entra principal.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param objectId Object identifier of the Microsoft Entra principal.
     * @param options The options parameters.
     */
    async beginDelete(resourceGroupName, serverName, objectId, options) {
        const directSendOperation = async (args, spec) => {
            return this.client.sendOperationRequest(args, spec);
        };
        const sendOperationFn = async (args, spec) => {
            let currentRawResponse = undefined;
            const providedCallback = args.options?.onResponse;
            const callback = (rawResponse, flatResponse) => {
                currentRawResponse = rawResponse;
                providedCallback?.(rawResponse, flatResponse);
            };
            const updatedArgs = {
                ...args,
                options: {
                    ...args.options,
                    onResponse: callback,
                },
            };
            const flatResponse = await directSendOperation(updatedArgs, spec);
            return {
                flatResponse,
                rawResponse: {
                    statusCode: currentRawResponse.status,
                    body: currentRawResponse.parsedBody,
                    headers: currentRawResponse.headers.toJSON(),
                },
            };
        };
        const lro = createLroSpec({
            sendOperationFn,
            args: { resourceGroupName, serverName, objectId, options },
            spec: deleteOperationSpec,
        });
        const poller = await createHttpPoller(lro, {
            restoreFrom: options?.resumeFrom,
            intervalInMs: options?.updateIntervalInMs,
            resourceLocationConfig: "location",
        });
        await poller.poll();
        return poller;
    }
    /**
     * Deletes an existing server administrator associated to a Microsoft Entra principal.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param objectId Object identifier of the Microsoft Entra principal.
     * @param options The options parameters.
     */
    async beginDeleteAndWait(resourceGroupName, serverName, objectId, options) {
        const poller = await this.beginDelete(resourceGroupName, serverName, objectId, options);
        return poller.pollUntilDone();
    }
    /**
     * Gets information about a server administrator associated to a Microsoft Entra principal.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param objectId Object identifier of the Microsoft Entra principal.
     * @param options The options parameters.
     */
    get(resourceGroupName, serverName, objectId, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, objectId, options }, getOperationSpec);
    }
    /**
     * List all server administrators associated to a Microsoft Entra principal.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param options The options parameters.
     */
    _listByServer(resourceGroupName, serverName, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, options }, listByServerOperationSpec);
    }
    /**
     * ListByServerNext
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param nextLink The nextLink from the previous successful call to the ListByServer method.
     * @param options The options parameters.
     */
    _listByServerNext(resourceGroupName, serverName, nextLink, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, nextLink, options }, listByServerNextOperationSpec);
    }
}
// Operation Specifications
const serializer = esm/* createSerializer */.rl(mappers_namespaceObject, /* isXml */ false);
const createOrUpdateOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/administrators/{objectId}",
    httpMethod: "PUT",
    responses: {
        200: {
            bodyMapper: AdministratorMicrosoftEntra,
        },
        201: {
            bodyMapper: AdministratorMicrosoftEntra,
        },
        202: {
            bodyMapper: AdministratorMicrosoftEntra,
        },
        204: {
            bodyMapper: AdministratorMicrosoftEntra,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    requestBody: parameters,
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        objectId,
    ],
    headerParameters: [contentType, accept],
    mediaType: "json",
    serializer,
};
const deleteOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/administrators/{objectId}",
    httpMethod: "DELETE",
    responses: {
        200: {
            headersMapper: AdministratorsMicrosoftEntraDeleteHeaders,
        },
        201: {
            headersMapper: AdministratorsMicrosoftEntraDeleteHeaders,
        },
        202: {
            headersMapper: AdministratorsMicrosoftEntraDeleteHeaders,
        },
        204: {
            headersMapper: AdministratorsMicrosoftEntraDeleteHeaders,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        objectId,
    ],
    headerParameters: [accept],
    serializer,
};
const getOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/administrators/{objectId}",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: AdministratorMicrosoftEntra,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        objectId,
    ],
    headerParameters: [accept],
    serializer,
};
const listByServerOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/administrators",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: AdministratorMicrosoftEntraList,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
    ],
    headerParameters: [accept],
    serializer,
};
const listByServerNextOperationSpec = {
    path: "{nextLink}",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: AdministratorMicrosoftEntraList,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        nextLink,
    ],
    headerParameters: [accept],
    serializer,
};
//# sourceMappingURL=administratorsMicrosoftEntra.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-postgresql-flexible/dist/esm/operations/advancedThreatProtectionSettings.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.




/// <reference lib="esnext.asynciterable" />
/** Class containing AdvancedThreatProtectionSettings operations. */
class AdvancedThreatProtectionSettingsImpl {
    client;
    /**
     * Initialize a new instance of the class AdvancedThreatProtectionSettings class.
     * @param client Reference to the service client
     */
    constructor(client) {
        this.client = client;
    }
    /**
     * Lists state of advanced threat protection settings for a server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param options The options parameters.
     */
    listByServer(resourceGroupName, serverName, options) {
        const iter = this.listByServerPagingAll(resourceGroupName, serverName, options);
        return {
            next() {
                return iter.next();
            },
            [Symbol.asyncIterator]() {
                return this;
            },
            byPage: (settings) => {
                if (settings?.maxPageSize) {
                    throw new Error("maxPageSize is not supported by this operation.");
                }
                return this.listByServerPagingPage(resourceGroupName, serverName, options, settings);
            },
        };
    }
    async *listByServerPagingPage(resourceGroupName, serverName, options, settings) {
        let result;
        let continuationToken = settings?.continuationToken;
        if (!continuationToken) {
            result = await this._listByServer(resourceGroupName, serverName, options);
            const page = result.value || [];
            continuationToken = result.nextLink;
            setContinuationToken(page, continuationToken);
            yield page;
        }
        while (continuationToken) {
            result = await this._listByServerNext(resourceGroupName, serverName, continuationToken, options);
            continuationToken = result.nextLink;
            const page = result.value || [];
            setContinuationToken(page, continuationToken);
            yield page;
        }
    }
    async *listByServerPagingAll(resourceGroupName, serverName, options) {
        for await (const page of this.listByServerPagingPage(resourceGroupName, serverName, options)) {
            yield* page;
        }
    }
    /**
     * Lists state of advanced threat protection settings for a server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param options The options parameters.
     */
    _listByServer(resourceGroupName, serverName, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, options }, advancedThreatProtectionSettings_listByServerOperationSpec);
    }
    /**
     * Gets state of advanced threat protection settings for a server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param threatProtectionName Name of the advanced threat protection settings.
     * @param options The options parameters.
     */
    get(resourceGroupName, serverName, threatProtectionName, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, threatProtectionName, options }, advancedThreatProtectionSettings_getOperationSpec);
    }
    /**
     * ListByServerNext
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param nextLink The nextLink from the previous successful call to the ListByServer method.
     * @param options The options parameters.
     */
    _listByServerNext(resourceGroupName, serverName, nextLink, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, nextLink, options }, advancedThreatProtectionSettings_listByServerNextOperationSpec);
    }
}
// Operation Specifications
const advancedThreatProtectionSettings_serializer = esm/* createSerializer */.rl(mappers_namespaceObject, /* isXml */ false);
const advancedThreatProtectionSettings_listByServerOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/advancedThreatProtectionSettings",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: AdvancedThreatProtectionSettingsList,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
    ],
    headerParameters: [accept],
    serializer: advancedThreatProtectionSettings_serializer,
};
const advancedThreatProtectionSettings_getOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/advancedThreatProtectionSettings/{threatProtectionName}",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: AdvancedThreatProtectionSettingsModel,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        threatProtectionName,
    ],
    headerParameters: [accept],
    serializer: advancedThreatProtectionSettings_serializer,
};
const advancedThreatProtectionSettings_listByServerNextOperationSpec = {
    path: "{nextLink}",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: AdvancedThreatProtectionSettingsList,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        nextLink,
    ],
    headerParameters: [accept],
    serializer: advancedThreatProtectionSettings_serializer,
};
//# sourceMappingURL=advancedThreatProtectionSettings.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-postgresql-flexible/dist/esm/operations/serverThreatProtectionSettings.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.





/** Class containing ServerThreatProtectionSettings operations. */
class ServerThreatProtectionSettingsImpl {
    client;
    /**
     * Initialize a new instance of the class ServerThreatProtectionSettings class.
     * @param client Reference to the service client
     */
    constructor(client) {
        this.client = client;
    }
    /**
     * Creates or updates a server's Advanced Threat Protection settings.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param threatProtectionName Name of the advanced threat protection settings.
     * @param parameters The Advanced Threat Protection state for the server.
     * @param options The options parameters.
     */
    async beginCreateOrUpdate(resourceGroupName, serverName, threatProtectionName, parameters, options) {
        const directSendOperation = async (args, spec) => {
            return this.client.sendOperationRequest(args, spec);
        };
        const sendOperationFn = async (args, spec) => {
            let currentRawResponse = undefined;
            const providedCallback = args.options?.onResponse;
            const callback = (rawResponse, flatResponse) => {
                currentRawResponse = rawResponse;
                providedCallback?.(rawResponse, flatResponse);
            };
            const updatedArgs = {
                ...args,
                options: {
                    ...args.options,
                    onResponse: callback,
                },
            };
            const flatResponse = await directSendOperation(updatedArgs, spec);
            return {
                flatResponse,
                rawResponse: {
                    statusCode: currentRawResponse.status,
                    body: currentRawResponse.parsedBody,
                    headers: currentRawResponse.headers.toJSON(),
                },
            };
        };
        const lro = createLroSpec({
            sendOperationFn,
            args: {
                resourceGroupName,
                serverName,
                threatProtectionName,
                parameters,
                options,
            },
            spec: serverThreatProtectionSettings_createOrUpdateOperationSpec,
        });
        const poller = await createHttpPoller(lro, {
            restoreFrom: options?.resumeFrom,
            intervalInMs: options?.updateIntervalInMs,
            resourceLocationConfig: "azure-async-operation",
        });
        await poller.poll();
        return poller;
    }
    /**
     * Creates or updates a server's Advanced Threat Protection settings.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param threatProtectionName Name of the advanced threat protection settings.
     * @param parameters The Advanced Threat Protection state for the server.
     * @param options The options parameters.
     */
    async beginCreateOrUpdateAndWait(resourceGroupName, serverName, threatProtectionName, parameters, options) {
        const poller = await this.beginCreateOrUpdate(resourceGroupName, serverName, threatProtectionName, parameters, options);
        return poller.pollUntilDone();
    }
}
// Operation Specifications
const serverThreatProtectionSettings_serializer = esm/* createSerializer */.rl(mappers_namespaceObject, /* isXml */ false);
const serverThreatProtectionSettings_createOrUpdateOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/advancedThreatProtectionSettings/{threatProtectionName}",
    httpMethod: "PUT",
    responses: {
        200: {
            bodyMapper: AdvancedThreatProtectionSettingsModel,
        },
        201: {
            bodyMapper: AdvancedThreatProtectionSettingsModel,
        },
        202: {
            bodyMapper: AdvancedThreatProtectionSettingsModel,
        },
        204: {
            bodyMapper: AdvancedThreatProtectionSettingsModel,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    requestBody: parameters1,
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        threatProtectionName,
    ],
    headerParameters: [contentType, accept],
    mediaType: "json",
    serializer: serverThreatProtectionSettings_serializer,
};
//# sourceMappingURL=serverThreatProtectionSettings.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-postgresql-flexible/dist/esm/operations/backupsAutomaticAndOnDemand.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.






/// <reference lib="esnext.asynciterable" />
/** Class containing BackupsAutomaticAndOnDemand operations. */
class BackupsAutomaticAndOnDemandImpl {
    client;
    /**
     * Initialize a new instance of the class BackupsAutomaticAndOnDemand class.
     * @param client Reference to the service client
     */
    constructor(client) {
        this.client = client;
    }
    /**
     * Lists all available backups of a server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param options The options parameters.
     */
    listByServer(resourceGroupName, serverName, options) {
        const iter = this.listByServerPagingAll(resourceGroupName, serverName, options);
        return {
            next() {
                return iter.next();
            },
            [Symbol.asyncIterator]() {
                return this;
            },
            byPage: (settings) => {
                if (settings?.maxPageSize) {
                    throw new Error("maxPageSize is not supported by this operation.");
                }
                return this.listByServerPagingPage(resourceGroupName, serverName, options, settings);
            },
        };
    }
    async *listByServerPagingPage(resourceGroupName, serverName, options, settings) {
        let result;
        let continuationToken = settings?.continuationToken;
        if (!continuationToken) {
            result = await this._listByServer(resourceGroupName, serverName, options);
            const page = result.value || [];
            continuationToken = result.nextLink;
            setContinuationToken(page, continuationToken);
            yield page;
        }
        while (continuationToken) {
            result = await this._listByServerNext(resourceGroupName, serverName, continuationToken, options);
            continuationToken = result.nextLink;
            const page = result.value || [];
            setContinuationToken(page, continuationToken);
            yield page;
        }
    }
    async *listByServerPagingAll(resourceGroupName, serverName, options) {
        for await (const page of this.listByServerPagingPage(resourceGroupName, serverName, options)) {
            yield* page;
        }
    }
    /**
     * Creates an on demand backup of a server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param backupName Name of the backup.
     * @param options The options parameters.
     */
    async beginCreate(resourceGroupName, serverName, backupName, options) {
        const directSendOperation = async (args, spec) => {
            return this.client.sendOperationRequest(args, spec);
        };
        const sendOperationFn = async (args, spec) => {
            let currentRawResponse = undefined;
            const providedCallback = args.options?.onResponse;
            const callback = (rawResponse, flatResponse) => {
                currentRawResponse = rawResponse;
                providedCallback?.(rawResponse, flatResponse);
            };
            const updatedArgs = {
                ...args,
                options: {
                    ...args.options,
                    onResponse: callback,
                },
            };
            const flatResponse = await directSendOperation(updatedArgs, spec);
            return {
                flatResponse,
                rawResponse: {
                    statusCode: currentRawResponse.status,
                    body: currentRawResponse.parsedBody,
                    headers: currentRawResponse.headers.toJSON(),
                },
            };
        };
        const lro = createLroSpec({
            sendOperationFn,
            args: { resourceGroupName, serverName, backupName, options },
            spec: createOperationSpec,
        });
        const poller = await createHttpPoller(lro, {
            restoreFrom: options?.resumeFrom,
            intervalInMs: options?.updateIntervalInMs,
            resourceLocationConfig: "azure-async-operation",
        });
        await poller.poll();
        return poller;
    }
    /**
     * Creates an on demand backup of a server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param backupName Name of the backup.
     * @param options The options parameters.
     */
    async beginCreateAndWait(resourceGroupName, serverName, backupName, options) {
        const poller = await this.beginCreate(resourceGroupName, serverName, backupName, options);
        return poller.pollUntilDone();
    }
    /**
     * Deletes a specific backup, given its name.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param backupName Name of the backup.
     * @param options The options parameters.
     */
    async beginDelete(resourceGroupName, serverName, backupName, options) {
        const directSendOperation = async (args, spec) => {
            return this.client.sendOperationRequest(args, spec);
        };
        const sendOperationFn = async (args, spec) => {
            let currentRawResponse = undefined;
            const providedCallback = args.options?.onResponse;
            const callback = (rawResponse, flatResponse) => {
                currentRawResponse = rawResponse;
                providedCallback?.(rawResponse, flatResponse);
            };
            const updatedArgs = {
                ...args,
                options: {
                    ...args.options,
                    onResponse: callback,
                },
            };
            const flatResponse = await directSendOperation(updatedArgs, spec);
            return {
                flatResponse,
                rawResponse: {
                    statusCode: currentRawResponse.status,
                    body: currentRawResponse.parsedBody,
                    headers: currentRawResponse.headers.toJSON(),
                },
            };
        };
        const lro = createLroSpec({
            sendOperationFn,
            args: { resourceGroupName, serverName, backupName, options },
            spec: backupsAutomaticAndOnDemand_deleteOperationSpec,
        });
        const poller = await createHttpPoller(lro, {
            restoreFrom: options?.resumeFrom,
            intervalInMs: options?.updateIntervalInMs,
            resourceLocationConfig: "location",
        });
        await poller.poll();
        return poller;
    }
    /**
     * Deletes a specific backup, given its name.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param backupName Name of the backup.
     * @param options The options parameters.
     */
    async beginDeleteAndWait(resourceGroupName, serverName, backupName, options) {
        const poller = await this.beginDelete(resourceGroupName, serverName, backupName, options);
        return poller.pollUntilDone();
    }
    /**
     * Gets information of an on demand backup, given its name.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param backupName Name of the backup.
     * @param options The options parameters.
     */
    get(resourceGroupName, serverName, backupName, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, backupName, options }, backupsAutomaticAndOnDemand_getOperationSpec);
    }
    /**
     * Lists all available backups of a server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param options The options parameters.
     */
    _listByServer(resourceGroupName, serverName, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, options }, backupsAutomaticAndOnDemand_listByServerOperationSpec);
    }
    /**
     * ListByServerNext
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param nextLink The nextLink from the previous successful call to the ListByServer method.
     * @param options The options parameters.
     */
    _listByServerNext(resourceGroupName, serverName, nextLink, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, nextLink, options }, backupsAutomaticAndOnDemand_listByServerNextOperationSpec);
    }
}
// Operation Specifications
const backupsAutomaticAndOnDemand_serializer = esm/* createSerializer */.rl(mappers_namespaceObject, /* isXml */ false);
const createOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/backups/{backupName}",
    httpMethod: "PUT",
    responses: {
        200: {
            bodyMapper: BackupAutomaticAndOnDemand,
        },
        201: {
            bodyMapper: BackupAutomaticAndOnDemand,
        },
        202: {
            bodyMapper: BackupAutomaticAndOnDemand,
        },
        204: {
            bodyMapper: BackupAutomaticAndOnDemand,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        backupName,
    ],
    headerParameters: [accept],
    serializer: backupsAutomaticAndOnDemand_serializer,
};
const backupsAutomaticAndOnDemand_deleteOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/backups/{backupName}",
    httpMethod: "DELETE",
    responses: {
        200: {
            headersMapper: BackupsAutomaticAndOnDemandDeleteHeaders,
        },
        201: {
            headersMapper: BackupsAutomaticAndOnDemandDeleteHeaders,
        },
        202: {
            headersMapper: BackupsAutomaticAndOnDemandDeleteHeaders,
        },
        204: {
            headersMapper: BackupsAutomaticAndOnDemandDeleteHeaders,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        backupName,
    ],
    headerParameters: [accept],
    serializer: backupsAutomaticAndOnDemand_serializer,
};
const backupsAutomaticAndOnDemand_getOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/backups/{backupName}",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: BackupAutomaticAndOnDemand,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        backupName,
    ],
    headerParameters: [accept],
    serializer: backupsAutomaticAndOnDemand_serializer,
};
const backupsAutomaticAndOnDemand_listByServerOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/backups",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: BackupAutomaticAndOnDemandList,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
    ],
    headerParameters: [accept],
    serializer: backupsAutomaticAndOnDemand_serializer,
};
const backupsAutomaticAndOnDemand_listByServerNextOperationSpec = {
    path: "{nextLink}",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: BackupAutomaticAndOnDemandList,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        nextLink,
    ],
    headerParameters: [accept],
    serializer: backupsAutomaticAndOnDemand_serializer,
};
//# sourceMappingURL=backupsAutomaticAndOnDemand.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-postgresql-flexible/dist/esm/operations/capabilitiesByLocation.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.




/// <reference lib="esnext.asynciterable" />
/** Class containing CapabilitiesByLocation operations. */
class CapabilitiesByLocationImpl {
    client;
    /**
     * Initialize a new instance of the class CapabilitiesByLocation class.
     * @param client Reference to the service client
     */
    constructor(client) {
        this.client = client;
    }
    /**
     * Lists the capabilities available in a given location for a specific subscription.
     * @param locationName The name of the location.
     * @param options The options parameters.
     */
    list(locationName, options) {
        const iter = this.listPagingAll(locationName, options);
        return {
            next() {
                return iter.next();
            },
            [Symbol.asyncIterator]() {
                return this;
            },
            byPage: (settings) => {
                if (settings?.maxPageSize) {
                    throw new Error("maxPageSize is not supported by this operation.");
                }
                return this.listPagingPage(locationName, options, settings);
            },
        };
    }
    async *listPagingPage(locationName, options, settings) {
        let result;
        let continuationToken = settings?.continuationToken;
        if (!continuationToken) {
            result = await this._list(locationName, options);
            const page = result.value || [];
            continuationToken = result.nextLink;
            setContinuationToken(page, continuationToken);
            yield page;
        }
        while (continuationToken) {
            result = await this._listNext(locationName, continuationToken, options);
            continuationToken = result.nextLink;
            const page = result.value || [];
            setContinuationToken(page, continuationToken);
            yield page;
        }
    }
    async *listPagingAll(locationName, options) {
        for await (const page of this.listPagingPage(locationName, options)) {
            yield* page;
        }
    }
    /**
     * Lists the capabilities available in a given location for a specific subscription.
     * @param locationName The name of the location.
     * @param options The options parameters.
     */
    _list(locationName, options) {
        return this.client.sendOperationRequest({ locationName, options }, listOperationSpec);
    }
    /**
     * ListNext
     * @param locationName The name of the location.
     * @param nextLink The nextLink from the previous successful call to the List method.
     * @param options The options parameters.
     */
    _listNext(locationName, nextLink, options) {
        return this.client.sendOperationRequest({ locationName, nextLink, options }, listNextOperationSpec);
    }
}
// Operation Specifications
const capabilitiesByLocation_serializer = esm/* createSerializer */.rl(mappers_namespaceObject, /* isXml */ false);
const listOperationSpec = {
    path: "/subscriptions/{subscriptionId}/providers/Microsoft.DBforPostgreSQL/locations/{locationName}/capabilities",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: CapabilityList,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [$host, subscriptionId, locationName],
    headerParameters: [accept],
    serializer: capabilitiesByLocation_serializer,
};
const listNextOperationSpec = {
    path: "{nextLink}",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: CapabilityList,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    urlParameters: [
        $host,
        subscriptionId,
        nextLink,
        locationName,
    ],
    headerParameters: [accept],
    serializer: capabilitiesByLocation_serializer,
};
//# sourceMappingURL=capabilitiesByLocation.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-postgresql-flexible/dist/esm/operations/capabilitiesByServer.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.




/// <reference lib="esnext.asynciterable" />
/** Class containing CapabilitiesByServer operations. */
class CapabilitiesByServerImpl {
    client;
    /**
     * Initialize a new instance of the class CapabilitiesByServer class.
     * @param client Reference to the service client
     */
    constructor(client) {
        this.client = client;
    }
    /**
     * Lists the capabilities available for a given server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param options The options parameters.
     */
    list(resourceGroupName, serverName, options) {
        const iter = this.listPagingAll(resourceGroupName, serverName, options);
        return {
            next() {
                return iter.next();
            },
            [Symbol.asyncIterator]() {
                return this;
            },
            byPage: (settings) => {
                if (settings?.maxPageSize) {
                    throw new Error("maxPageSize is not supported by this operation.");
                }
                return this.listPagingPage(resourceGroupName, serverName, options, settings);
            },
        };
    }
    async *listPagingPage(resourceGroupName, serverName, options, settings) {
        let result;
        let continuationToken = settings?.continuationToken;
        if (!continuationToken) {
            result = await this._list(resourceGroupName, serverName, options);
            const page = result.value || [];
            continuationToken = result.nextLink;
            setContinuationToken(page, continuationToken);
            yield page;
        }
        while (continuationToken) {
            result = await this._listNext(resourceGroupName, serverName, continuationToken, options);
            continuationToken = result.nextLink;
            const page = result.value || [];
            setContinuationToken(page, continuationToken);
            yield page;
        }
    }
    async *listPagingAll(resourceGroupName, serverName, options) {
        for await (const page of this.listPagingPage(resourceGroupName, serverName, options)) {
            yield* page;
        }
    }
    /**
     * Lists the capabilities available for a given server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param options The options parameters.
     */
    _list(resourceGroupName, serverName, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, options }, capabilitiesByServer_listOperationSpec);
    }
    /**
     * ListNext
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param nextLink The nextLink from the previous successful call to the List method.
     * @param options The options parameters.
     */
    _listNext(resourceGroupName, serverName, nextLink, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, nextLink, options }, capabilitiesByServer_listNextOperationSpec);
    }
}
// Operation Specifications
const capabilitiesByServer_serializer = esm/* createSerializer */.rl(mappers_namespaceObject, /* isXml */ false);
const capabilitiesByServer_listOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/capabilities",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: CapabilityList,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
    ],
    headerParameters: [accept],
    serializer: capabilitiesByServer_serializer,
};
const capabilitiesByServer_listNextOperationSpec = {
    path: "{nextLink}",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: CapabilityList,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        nextLink,
    ],
    headerParameters: [accept],
    serializer: capabilitiesByServer_serializer,
};
//# sourceMappingURL=capabilitiesByServer.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-postgresql-flexible/dist/esm/operations/capturedLogs.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.




/// <reference lib="esnext.asynciterable" />
/** Class containing CapturedLogs operations. */
class CapturedLogsImpl {
    client;
    /**
     * Initialize a new instance of the class CapturedLogs class.
     * @param client Reference to the service client
     */
    constructor(client) {
        this.client = client;
    }
    /**
     * Lists all captured logs for download in a server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param options The options parameters.
     */
    listByServer(resourceGroupName, serverName, options) {
        const iter = this.listByServerPagingAll(resourceGroupName, serverName, options);
        return {
            next() {
                return iter.next();
            },
            [Symbol.asyncIterator]() {
                return this;
            },
            byPage: (settings) => {
                if (settings?.maxPageSize) {
                    throw new Error("maxPageSize is not supported by this operation.");
                }
                return this.listByServerPagingPage(resourceGroupName, serverName, options, settings);
            },
        };
    }
    async *listByServerPagingPage(resourceGroupName, serverName, options, settings) {
        let result;
        let continuationToken = settings?.continuationToken;
        if (!continuationToken) {
            result = await this._listByServer(resourceGroupName, serverName, options);
            const page = result.value || [];
            continuationToken = result.nextLink;
            setContinuationToken(page, continuationToken);
            yield page;
        }
        while (continuationToken) {
            result = await this._listByServerNext(resourceGroupName, serverName, continuationToken, options);
            continuationToken = result.nextLink;
            const page = result.value || [];
            setContinuationToken(page, continuationToken);
            yield page;
        }
    }
    async *listByServerPagingAll(resourceGroupName, serverName, options) {
        for await (const page of this.listByServerPagingPage(resourceGroupName, serverName, options)) {
            yield* page;
        }
    }
    /**
     * Lists all captured logs for download in a server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param options The options parameters.
     */
    _listByServer(resourceGroupName, serverName, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, options }, capturedLogs_listByServerOperationSpec);
    }
    /**
     * ListByServerNext
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param nextLink The nextLink from the previous successful call to the ListByServer method.
     * @param options The options parameters.
     */
    _listByServerNext(resourceGroupName, serverName, nextLink, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, nextLink, options }, capturedLogs_listByServerNextOperationSpec);
    }
}
// Operation Specifications
const capturedLogs_serializer = esm/* createSerializer */.rl(mappers_namespaceObject, /* isXml */ false);
const capturedLogs_listByServerOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/logFiles",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: CapturedLogList,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
    ],
    headerParameters: [accept],
    serializer: capturedLogs_serializer,
};
const capturedLogs_listByServerNextOperationSpec = {
    path: "{nextLink}",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: CapturedLogList,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        nextLink,
    ],
    headerParameters: [accept],
    serializer: capturedLogs_serializer,
};
//# sourceMappingURL=capturedLogs.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-postgresql-flexible/dist/esm/operations/configurations.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.






/// <reference lib="esnext.asynciterable" />
/** Class containing Configurations operations. */
class ConfigurationsImpl {
    client;
    /**
     * Initialize a new instance of the class Configurations class.
     * @param client Reference to the service client
     */
    constructor(client) {
        this.client = client;
    }
    /**
     * Lists all configurations (also known as server parameters) of a server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param options The options parameters.
     */
    listByServer(resourceGroupName, serverName, options) {
        const iter = this.listByServerPagingAll(resourceGroupName, serverName, options);
        return {
            next() {
                return iter.next();
            },
            [Symbol.asyncIterator]() {
                return this;
            },
            byPage: (settings) => {
                if (settings?.maxPageSize) {
                    throw new Error("maxPageSize is not supported by this operation.");
                }
                return this.listByServerPagingPage(resourceGroupName, serverName, options, settings);
            },
        };
    }
    async *listByServerPagingPage(resourceGroupName, serverName, options, settings) {
        let result;
        let continuationToken = settings?.continuationToken;
        if (!continuationToken) {
            result = await this._listByServer(resourceGroupName, serverName, options);
            const page = result.value || [];
            continuationToken = result.nextLink;
            setContinuationToken(page, continuationToken);
            yield page;
        }
        while (continuationToken) {
            result = await this._listByServerNext(resourceGroupName, serverName, continuationToken, options);
            continuationToken = result.nextLink;
            const page = result.value || [];
            setContinuationToken(page, continuationToken);
            yield page;
        }
    }
    async *listByServerPagingAll(resourceGroupName, serverName, options) {
        for await (const page of this.listByServerPagingPage(resourceGroupName, serverName, options)) {
            yield* page;
        }
    }
    /**
     * Lists all configurations (also known as server parameters) of a server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param options The options parameters.
     */
    _listByServer(resourceGroupName, serverName, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, options }, configurations_listByServerOperationSpec);
    }
    /**
     * Gets information about a specific configuration (also known as server parameter) of a server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param configurationName Name of the configuration (also known as server parameter).
     * @param options The options parameters.
     */
    get(resourceGroupName, serverName, configurationName, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, configurationName, options }, configurations_getOperationSpec);
    }
    /**
     * Updates the value assigned to a specific modifiable configuration (also known as server parameter)
     * of a server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param configurationName Name of the configuration (also known as server parameter).
     * @param parameters Parameters required to update the value of a specific modifiable configuration
     *                   (also known as server parameter).
     * @param options The options parameters.
     */
    async beginUpdate(resourceGroupName, serverName, configurationName, parameters, options) {
        const directSendOperation = async (args, spec) => {
            return this.client.sendOperationRequest(args, spec);
        };
        const sendOperationFn = async (args, spec) => {
            let currentRawResponse = undefined;
            const providedCallback = args.options?.onResponse;
            const callback = (rawResponse, flatResponse) => {
                currentRawResponse = rawResponse;
                providedCallback?.(rawResponse, flatResponse);
            };
            const updatedArgs = {
                ...args,
                options: {
                    ...args.options,
                    onResponse: callback,
                },
            };
            const flatResponse = await directSendOperation(updatedArgs, spec);
            return {
                flatResponse,
                rawResponse: {
                    statusCode: currentRawResponse.status,
                    body: currentRawResponse.parsedBody,
                    headers: currentRawResponse.headers.toJSON(),
                },
            };
        };
        const lro = createLroSpec({
            sendOperationFn,
            args: {
                resourceGroupName,
                serverName,
                configurationName,
                parameters,
                options,
            },
            spec: updateOperationSpec,
        });
        const poller = await createHttpPoller(lro, {
            restoreFrom: options?.resumeFrom,
            intervalInMs: options?.updateIntervalInMs,
            resourceLocationConfig: "azure-async-operation",
        });
        await poller.poll();
        return poller;
    }
    /**
     * Updates the value assigned to a specific modifiable configuration (also known as server parameter)
     * of a server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param configurationName Name of the configuration (also known as server parameter).
     * @param parameters Parameters required to update the value of a specific modifiable configuration
     *                   (also known as server parameter).
     * @param options The options parameters.
     */
    async beginUpdateAndWait(resourceGroupName, serverName, configurationName, parameters, options) {
        const poller = await this.beginUpdate(resourceGroupName, serverName, configurationName, parameters, options);
        return poller.pollUntilDone();
    }
    /**
     * Updates, using Put verb, the value assigned to a specific modifiable configuration (also known as
     * server parameter) of a server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param configurationName Name of the configuration (also known as server parameter).
     * @param parameters Parameters required to update the value of a specific modifiable configuration
     *                   (also known as server parameter).
     * @param options The options parameters.
     */
    async beginPut(resourceGroupName, serverName, configurationName, parameters, options) {
        const directSendOperation = async (args, spec) => {
            return this.client.sendOperationRequest(args, spec);
        };
        const sendOperationFn = async (args, spec) => {
            let currentRawResponse = undefined;
            const providedCallback = args.options?.onResponse;
            const callback = (rawResponse, flatResponse) => {
                currentRawResponse = rawResponse;
                providedCallback?.(rawResponse, flatResponse);
            };
            const updatedArgs = {
                ...args,
                options: {
                    ...args.options,
                    onResponse: callback,
                },
            };
            const flatResponse = await directSendOperation(updatedArgs, spec);
            return {
                flatResponse,
                rawResponse: {
                    statusCode: currentRawResponse.status,
                    body: currentRawResponse.parsedBody,
                    headers: currentRawResponse.headers.toJSON(),
                },
            };
        };
        const lro = createLroSpec({
            sendOperationFn,
            args: {
                resourceGroupName,
                serverName,
                configurationName,
                parameters,
                options,
            },
            spec: putOperationSpec,
        });
        const poller = await createHttpPoller(lro, {
            restoreFrom: options?.resumeFrom,
            intervalInMs: options?.updateIntervalInMs,
            resourceLocationConfig: "azure-async-operation",
        });
        await poller.poll();
        return poller;
    }
    /**
     * Updates, using Put verb, the value assigned to a specific modifiable configuration (also known as
     * server parameter) of a server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param configurationName Name of the configuration (also known as server parameter).
     * @param parameters Parameters required to update the value of a specific modifiable configuration
     *                   (also known as server parameter).
     * @param options The options parameters.
     */
    async beginPutAndWait(resourceGroupName, serverName, configurationName, parameters, options) {
        const poller = await this.beginPut(resourceGroupName, serverName, configurationName, parameters, options);
        return poller.pollUntilDone();
    }
    /**
     * ListByServerNext
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param nextLink The nextLink from the previous successful call to the ListByServer method.
     * @param options The options parameters.
     */
    _listByServerNext(resourceGroupName, serverName, nextLink, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, nextLink, options }, configurations_listByServerNextOperationSpec);
    }
}
// Operation Specifications
const configurations_serializer = esm/* createSerializer */.rl(mappers_namespaceObject, /* isXml */ false);
const configurations_listByServerOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/configurations",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: ConfigurationList,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
    ],
    headerParameters: [accept],
    serializer: configurations_serializer,
};
const configurations_getOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/configurations/{configurationName}",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: Configuration,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        configurationName,
    ],
    headerParameters: [accept],
    serializer: configurations_serializer,
};
const updateOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/configurations/{configurationName}",
    httpMethod: "PATCH",
    responses: {
        200: {
            bodyMapper: Configuration,
        },
        201: {
            bodyMapper: Configuration,
        },
        202: {
            bodyMapper: Configuration,
        },
        204: {
            bodyMapper: Configuration,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    requestBody: parameters2,
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        configurationName,
    ],
    headerParameters: [contentType, accept],
    mediaType: "json",
    serializer: configurations_serializer,
};
const putOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/configurations/{configurationName}",
    httpMethod: "PUT",
    responses: {
        200: {
            bodyMapper: Configuration,
        },
        201: {
            bodyMapper: Configuration,
        },
        202: {
            bodyMapper: Configuration,
        },
        204: {
            bodyMapper: Configuration,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    requestBody: parameters2,
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        configurationName,
    ],
    headerParameters: [contentType, accept],
    mediaType: "json",
    serializer: configurations_serializer,
};
const configurations_listByServerNextOperationSpec = {
    path: "{nextLink}",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: ConfigurationList,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        nextLink,
    ],
    headerParameters: [accept],
    serializer: configurations_serializer,
};
//# sourceMappingURL=configurations.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-postgresql-flexible/dist/esm/operations/databases.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.






/// <reference lib="esnext.asynciterable" />
/** Class containing Databases operations. */
class DatabasesImpl {
    client;
    /**
     * Initialize a new instance of the class Databases class.
     * @param client Reference to the service client
     */
    constructor(client) {
        this.client = client;
    }
    /**
     * Lists all databases in a server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param options The options parameters.
     */
    listByServer(resourceGroupName, serverName, options) {
        const iter = this.listByServerPagingAll(resourceGroupName, serverName, options);
        return {
            next() {
                return iter.next();
            },
            [Symbol.asyncIterator]() {
                return this;
            },
            byPage: (settings) => {
                if (settings?.maxPageSize) {
                    throw new Error("maxPageSize is not supported by this operation.");
                }
                return this.listByServerPagingPage(resourceGroupName, serverName, options, settings);
            },
        };
    }
    async *listByServerPagingPage(resourceGroupName, serverName, options, settings) {
        let result;
        let continuationToken = settings?.continuationToken;
        if (!continuationToken) {
            result = await this._listByServer(resourceGroupName, serverName, options);
            const page = result.value || [];
            continuationToken = result.nextLink;
            setContinuationToken(page, continuationToken);
            yield page;
        }
        while (continuationToken) {
            result = await this._listByServerNext(resourceGroupName, serverName, continuationToken, options);
            continuationToken = result.nextLink;
            const page = result.value || [];
            setContinuationToken(page, continuationToken);
            yield page;
        }
    }
    async *listByServerPagingAll(resourceGroupName, serverName, options) {
        for await (const page of this.listByServerPagingPage(resourceGroupName, serverName, options)) {
            yield* page;
        }
    }
    /**
     * Creates a new database.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param databaseName Name of the database (case-sensitive). Exact database names can be retrieved by
     *                     getting the list of all existing databases in a server.
     * @param parameters Parameters required to create a new database.
     * @param options The options parameters.
     */
    async beginCreate(resourceGroupName, serverName, databaseName, parameters, options) {
        const directSendOperation = async (args, spec) => {
            return this.client.sendOperationRequest(args, spec);
        };
        const sendOperationFn = async (args, spec) => {
            let currentRawResponse = undefined;
            const providedCallback = args.options?.onResponse;
            const callback = (rawResponse, flatResponse) => {
                currentRawResponse = rawResponse;
                providedCallback?.(rawResponse, flatResponse);
            };
            const updatedArgs = {
                ...args,
                options: {
                    ...args.options,
                    onResponse: callback,
                },
            };
            const flatResponse = await directSendOperation(updatedArgs, spec);
            return {
                flatResponse,
                rawResponse: {
                    statusCode: currentRawResponse.status,
                    body: currentRawResponse.parsedBody,
                    headers: currentRawResponse.headers.toJSON(),
                },
            };
        };
        const lro = createLroSpec({
            sendOperationFn,
            args: {
                resourceGroupName,
                serverName,
                databaseName,
                parameters,
                options,
            },
            spec: databases_createOperationSpec,
        });
        const poller = await createHttpPoller(lro, {
            restoreFrom: options?.resumeFrom,
            intervalInMs: options?.updateIntervalInMs,
            resourceLocationConfig: "azure-async-operation",
        });
        await poller.poll();
        return poller;
    }
    /**
     * Creates a new database.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param databaseName Name of the database (case-sensitive). Exact database names can be retrieved by
     *                     getting the list of all existing databases in a server.
     * @param parameters Parameters required to create a new database.
     * @param options The options parameters.
     */
    async beginCreateAndWait(resourceGroupName, serverName, databaseName, parameters, options) {
        const poller = await this.beginCreate(resourceGroupName, serverName, databaseName, parameters, options);
        return poller.pollUntilDone();
    }
    /**
     * Deletes an existing database.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param databaseName Name of the database (case-sensitive). Exact database names can be retrieved by
     *                     getting the list of all existing databases in a server.
     * @param options The options parameters.
     */
    async beginDelete(resourceGroupName, serverName, databaseName, options) {
        const directSendOperation = async (args, spec) => {
            return this.client.sendOperationRequest(args, spec);
        };
        const sendOperationFn = async (args, spec) => {
            let currentRawResponse = undefined;
            const providedCallback = args.options?.onResponse;
            const callback = (rawResponse, flatResponse) => {
                currentRawResponse = rawResponse;
                providedCallback?.(rawResponse, flatResponse);
            };
            const updatedArgs = {
                ...args,
                options: {
                    ...args.options,
                    onResponse: callback,
                },
            };
            const flatResponse = await directSendOperation(updatedArgs, spec);
            return {
                flatResponse,
                rawResponse: {
                    statusCode: currentRawResponse.status,
                    body: currentRawResponse.parsedBody,
                    headers: currentRawResponse.headers.toJSON(),
                },
            };
        };
        const lro = createLroSpec({
            sendOperationFn,
            args: { resourceGroupName, serverName, databaseName, options },
            spec: databases_deleteOperationSpec,
        });
        const poller = await createHttpPoller(lro, {
            restoreFrom: options?.resumeFrom,
            intervalInMs: options?.updateIntervalInMs,
            resourceLocationConfig: "location",
        });
        await poller.poll();
        return poller;
    }
    /**
     * Deletes an existing database.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param databaseName Name of the database (case-sensitive). Exact database names can be retrieved by
     *                     getting the list of all existing databases in a server.
     * @param options The options parameters.
     */
    async beginDeleteAndWait(resourceGroupName, serverName, databaseName, options) {
        const poller = await this.beginDelete(resourceGroupName, serverName, databaseName, options);
        return poller.pollUntilDone();
    }
    /**
     * Gets information about an existing database.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param databaseName Name of the database (case-sensitive). Exact database names can be retrieved by
     *                     getting the list of all existing databases in a server.
     * @param options The options parameters.
     */
    get(resourceGroupName, serverName, databaseName, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, databaseName, options }, databases_getOperationSpec);
    }
    /**
     * Lists all databases in a server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param options The options parameters.
     */
    _listByServer(resourceGroupName, serverName, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, options }, databases_listByServerOperationSpec);
    }
    /**
     * ListByServerNext
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param nextLink The nextLink from the previous successful call to the ListByServer method.
     * @param options The options parameters.
     */
    _listByServerNext(resourceGroupName, serverName, nextLink, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, nextLink, options }, databases_listByServerNextOperationSpec);
    }
}
// Operation Specifications
const databases_serializer = esm/* createSerializer */.rl(mappers_namespaceObject, /* isXml */ false);
const databases_createOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/databases/{databaseName}",
    httpMethod: "PUT",
    responses: {
        200: {
            bodyMapper: Database,
        },
        201: {
            bodyMapper: Database,
        },
        202: {
            bodyMapper: Database,
        },
        204: {
            bodyMapper: Database,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    requestBody: parameters3,
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        databaseName,
    ],
    headerParameters: [contentType, accept],
    mediaType: "json",
    serializer: databases_serializer,
};
const databases_deleteOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/databases/{databaseName}",
    httpMethod: "DELETE",
    responses: {
        200: {
            headersMapper: DatabasesDeleteHeaders,
        },
        201: {
            headersMapper: DatabasesDeleteHeaders,
        },
        202: {
            headersMapper: DatabasesDeleteHeaders,
        },
        204: {
            headersMapper: DatabasesDeleteHeaders,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        databaseName,
    ],
    headerParameters: [accept],
    serializer: databases_serializer,
};
const databases_getOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/databases/{databaseName}",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: Database,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        databaseName,
    ],
    headerParameters: [accept],
    serializer: databases_serializer,
};
const databases_listByServerOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/databases",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: DatabaseList,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
    ],
    headerParameters: [accept],
    serializer: databases_serializer,
};
const databases_listByServerNextOperationSpec = {
    path: "{nextLink}",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: DatabaseList,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        nextLink,
    ],
    headerParameters: [accept],
    serializer: databases_serializer,
};
//# sourceMappingURL=databases.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-postgresql-flexible/dist/esm/operations/firewallRules.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.






/// <reference lib="esnext.asynciterable" />
/** Class containing FirewallRules operations. */
class FirewallRulesImpl {
    client;
    /**
     * Initialize a new instance of the class FirewallRules class.
     * @param client Reference to the service client
     */
    constructor(client) {
        this.client = client;
    }
    /**
     * Lists information about all firewall rules in a server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param options The options parameters.
     */
    listByServer(resourceGroupName, serverName, options) {
        const iter = this.listByServerPagingAll(resourceGroupName, serverName, options);
        return {
            next() {
                return iter.next();
            },
            [Symbol.asyncIterator]() {
                return this;
            },
            byPage: (settings) => {
                if (settings?.maxPageSize) {
                    throw new Error("maxPageSize is not supported by this operation.");
                }
                return this.listByServerPagingPage(resourceGroupName, serverName, options, settings);
            },
        };
    }
    async *listByServerPagingPage(resourceGroupName, serverName, options, settings) {
        let result;
        let continuationToken = settings?.continuationToken;
        if (!continuationToken) {
            result = await this._listByServer(resourceGroupName, serverName, options);
            const page = result.value || [];
            continuationToken = result.nextLink;
            setContinuationToken(page, continuationToken);
            yield page;
        }
        while (continuationToken) {
            result = await this._listByServerNext(resourceGroupName, serverName, continuationToken, options);
            continuationToken = result.nextLink;
            const page = result.value || [];
            setContinuationToken(page, continuationToken);
            yield page;
        }
    }
    async *listByServerPagingAll(resourceGroupName, serverName, options) {
        for await (const page of this.listByServerPagingPage(resourceGroupName, serverName, options)) {
            yield* page;
        }
    }
    /**
     * Creates a new firewall rule or updates an existing firewall rule.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param firewallRuleName Name of the firewall rule.
     * @param parameters Parameters required for creating or updating a firewall rule.
     * @param options The options parameters.
     */
    async beginCreateOrUpdate(resourceGroupName, serverName, firewallRuleName, parameters, options) {
        const directSendOperation = async (args, spec) => {
            return this.client.sendOperationRequest(args, spec);
        };
        const sendOperationFn = async (args, spec) => {
            let currentRawResponse = undefined;
            const providedCallback = args.options?.onResponse;
            const callback = (rawResponse, flatResponse) => {
                currentRawResponse = rawResponse;
                providedCallback?.(rawResponse, flatResponse);
            };
            const updatedArgs = {
                ...args,
                options: {
                    ...args.options,
                    onResponse: callback,
                },
            };
            const flatResponse = await directSendOperation(updatedArgs, spec);
            return {
                flatResponse,
                rawResponse: {
                    statusCode: currentRawResponse.status,
                    body: currentRawResponse.parsedBody,
                    headers: currentRawResponse.headers.toJSON(),
                },
            };
        };
        const lro = createLroSpec({
            sendOperationFn,
            args: {
                resourceGroupName,
                serverName,
                firewallRuleName,
                parameters,
                options,
            },
            spec: firewallRules_createOrUpdateOperationSpec,
        });
        const poller = await createHttpPoller(lro, {
            restoreFrom: options?.resumeFrom,
            intervalInMs: options?.updateIntervalInMs,
            resourceLocationConfig: "azure-async-operation",
        });
        await poller.poll();
        return poller;
    }
    /**
     * Creates a new firewall rule or updates an existing firewall rule.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param firewallRuleName Name of the firewall rule.
     * @param parameters Parameters required for creating or updating a firewall rule.
     * @param options The options parameters.
     */
    async beginCreateOrUpdateAndWait(resourceGroupName, serverName, firewallRuleName, parameters, options) {
        const poller = await this.beginCreateOrUpdate(resourceGroupName, serverName, firewallRuleName, parameters, options);
        return poller.pollUntilDone();
    }
    /**
     * Deletes an existing firewall rule.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param firewallRuleName Name of the firewall rule.
     * @param options The options parameters.
     */
    async beginDelete(resourceGroupName, serverName, firewallRuleName, options) {
        const directSendOperation = async (args, spec) => {
            return this.client.sendOperationRequest(args, spec);
        };
        const sendOperationFn = async (args, spec) => {
            let currentRawResponse = undefined;
            const providedCallback = args.options?.onResponse;
            const callback = (rawResponse, flatResponse) => {
                currentRawResponse = rawResponse;
                providedCallback?.(rawResponse, flatResponse);
            };
            const updatedArgs = {
                ...args,
                options: {
                    ...args.options,
                    onResponse: callback,
                },
            };
            const flatResponse = await directSendOperation(updatedArgs, spec);
            return {
                flatResponse,
                rawResponse: {
                    statusCode: currentRawResponse.status,
                    body: currentRawResponse.parsedBody,
                    headers: currentRawResponse.headers.toJSON(),
                },
            };
        };
        const lro = createLroSpec({
            sendOperationFn,
            args: { resourceGroupName, serverName, firewallRuleName, options },
            spec: firewallRules_deleteOperationSpec,
        });
        const poller = await createHttpPoller(lro, {
            restoreFrom: options?.resumeFrom,
            intervalInMs: options?.updateIntervalInMs,
            resourceLocationConfig: "location",
        });
        await poller.poll();
        return poller;
    }
    /**
     * Deletes an existing firewall rule.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param firewallRuleName Name of the firewall rule.
     * @param options The options parameters.
     */
    async beginDeleteAndWait(resourceGroupName, serverName, firewallRuleName, options) {
        const poller = await this.beginDelete(resourceGroupName, serverName, firewallRuleName, options);
        return poller.pollUntilDone();
    }
    /**
     * Gets information about a firewall rule in a server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param firewallRuleName Name of the firewall rule.
     * @param options The options parameters.
     */
    get(resourceGroupName, serverName, firewallRuleName, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, firewallRuleName, options }, firewallRules_getOperationSpec);
    }
    /**
     * Lists information about all firewall rules in a server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param options The options parameters.
     */
    _listByServer(resourceGroupName, serverName, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, options }, firewallRules_listByServerOperationSpec);
    }
    /**
     * ListByServerNext
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param nextLink The nextLink from the previous successful call to the ListByServer method.
     * @param options The options parameters.
     */
    _listByServerNext(resourceGroupName, serverName, nextLink, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, nextLink, options }, firewallRules_listByServerNextOperationSpec);
    }
}
// Operation Specifications
const firewallRules_serializer = esm/* createSerializer */.rl(mappers_namespaceObject, /* isXml */ false);
const firewallRules_createOrUpdateOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/firewallRules/{firewallRuleName}",
    httpMethod: "PUT",
    responses: {
        200: {
            bodyMapper: FirewallRule,
        },
        201: {
            bodyMapper: FirewallRule,
        },
        202: {
            bodyMapper: FirewallRule,
        },
        204: {
            bodyMapper: FirewallRule,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    requestBody: parameters4,
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        firewallRuleName,
    ],
    headerParameters: [contentType, accept],
    mediaType: "json",
    serializer: firewallRules_serializer,
};
const firewallRules_deleteOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/firewallRules/{firewallRuleName}",
    httpMethod: "DELETE",
    responses: {
        200: {
            headersMapper: FirewallRulesDeleteHeaders,
        },
        201: {
            headersMapper: FirewallRulesDeleteHeaders,
        },
        202: {
            headersMapper: FirewallRulesDeleteHeaders,
        },
        204: {
            headersMapper: FirewallRulesDeleteHeaders,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        firewallRuleName,
    ],
    headerParameters: [accept],
    serializer: firewallRules_serializer,
};
const firewallRules_getOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/firewallRules/{firewallRuleName}",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: FirewallRule,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        firewallRuleName,
    ],
    headerParameters: [accept],
    serializer: firewallRules_serializer,
};
const firewallRules_listByServerOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/firewallRules",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: FirewallRuleList,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
    ],
    headerParameters: [accept],
    serializer: firewallRules_serializer,
};
const firewallRules_listByServerNextOperationSpec = {
    path: "{nextLink}",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: FirewallRuleList,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        nextLink,
    ],
    headerParameters: [accept],
    serializer: firewallRules_serializer,
};
//# sourceMappingURL=firewallRules.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-postgresql-flexible/dist/esm/operations/backupsLongTermRetention.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.






/// <reference lib="esnext.asynciterable" />
/** Class containing BackupsLongTermRetention operations. */
class BackupsLongTermRetentionImpl {
    client;
    /**
     * Initialize a new instance of the class BackupsLongTermRetention class.
     * @param client Reference to the service client
     */
    constructor(client) {
        this.client = client;
    }
    /**
     * Lists the results of the long term retention backup operations for a server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param options The options parameters.
     */
    listByServer(resourceGroupName, serverName, options) {
        const iter = this.listByServerPagingAll(resourceGroupName, serverName, options);
        return {
            next() {
                return iter.next();
            },
            [Symbol.asyncIterator]() {
                return this;
            },
            byPage: (settings) => {
                if (settings?.maxPageSize) {
                    throw new Error("maxPageSize is not supported by this operation.");
                }
                return this.listByServerPagingPage(resourceGroupName, serverName, options, settings);
            },
        };
    }
    async *listByServerPagingPage(resourceGroupName, serverName, options, settings) {
        let result;
        let continuationToken = settings?.continuationToken;
        if (!continuationToken) {
            result = await this._listByServer(resourceGroupName, serverName, options);
            const page = result.value || [];
            continuationToken = result.nextLink;
            setContinuationToken(page, continuationToken);
            yield page;
        }
        while (continuationToken) {
            result = await this._listByServerNext(resourceGroupName, serverName, continuationToken, options);
            continuationToken = result.nextLink;
            const page = result.value || [];
            setContinuationToken(page, continuationToken);
            yield page;
        }
    }
    async *listByServerPagingAll(resourceGroupName, serverName, options) {
        for await (const page of this.listByServerPagingPage(resourceGroupName, serverName, options)) {
            yield* page;
        }
    }
    /**
     * Performs all checks required for a long term retention backup operation to succeed.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param parameters Request body for operation
     * @param options The options parameters.
     */
    checkPrerequisites(resourceGroupName, serverName, parameters, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, parameters, options }, checkPrerequisitesOperationSpec);
    }
    /**
     * Initiates a long term retention backup.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param parameters Request body for operation
     * @param options The options parameters.
     */
    async beginStart(resourceGroupName, serverName, parameters, options) {
        const directSendOperation = async (args, spec) => {
            return this.client.sendOperationRequest(args, spec);
        };
        const sendOperationFn = async (args, spec) => {
            let currentRawResponse = undefined;
            const providedCallback = args.options?.onResponse;
            const callback = (rawResponse, flatResponse) => {
                currentRawResponse = rawResponse;
                providedCallback?.(rawResponse, flatResponse);
            };
            const updatedArgs = {
                ...args,
                options: {
                    ...args.options,
                    onResponse: callback,
                },
            };
            const flatResponse = await directSendOperation(updatedArgs, spec);
            return {
                flatResponse,
                rawResponse: {
                    statusCode: currentRawResponse.status,
                    body: currentRawResponse.parsedBody,
                    headers: currentRawResponse.headers.toJSON(),
                },
            };
        };
        const lro = createLroSpec({
            sendOperationFn,
            args: { resourceGroupName, serverName, parameters, options },
            spec: startOperationSpec,
        });
        const poller = await createHttpPoller(lro, {
            restoreFrom: options?.resumeFrom,
            intervalInMs: options?.updateIntervalInMs,
            resourceLocationConfig: "location",
        });
        await poller.poll();
        return poller;
    }
    /**
     * Initiates a long term retention backup.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param parameters Request body for operation
     * @param options The options parameters.
     */
    async beginStartAndWait(resourceGroupName, serverName, parameters, options) {
        const poller = await this.beginStart(resourceGroupName, serverName, parameters, options);
        return poller.pollUntilDone();
    }
    /**
     * Gets the results of a long retention backup operation for a server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param backupName The name of the backup.
     * @param options The options parameters.
     */
    get(resourceGroupName, serverName, backupName, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, backupName, options }, backupsLongTermRetention_getOperationSpec);
    }
    /**
     * Lists the results of the long term retention backup operations for a server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param options The options parameters.
     */
    _listByServer(resourceGroupName, serverName, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, options }, backupsLongTermRetention_listByServerOperationSpec);
    }
    /**
     * ListByServerNext
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param nextLink The nextLink from the previous successful call to the ListByServer method.
     * @param options The options parameters.
     */
    _listByServerNext(resourceGroupName, serverName, nextLink, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, nextLink, options }, backupsLongTermRetention_listByServerNextOperationSpec);
    }
}
// Operation Specifications
const backupsLongTermRetention_serializer = esm/* createSerializer */.rl(mappers_namespaceObject, /* isXml */ false);
const checkPrerequisitesOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/ltrPreBackup",
    httpMethod: "POST",
    responses: {
        200: {
            bodyMapper: LtrPreBackupResponse,
            headersMapper: BackupsLongTermRetentionCheckPrerequisitesHeaders,
        },
        default: {
            bodyMapper: ErrorResponse,
            headersMapper: BackupsLongTermRetentionCheckPrerequisitesExceptionHeaders,
        },
    },
    requestBody: parameters5,
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
    ],
    headerParameters: [contentType, accept],
    mediaType: "json",
    serializer: backupsLongTermRetention_serializer,
};
const startOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/startLtrBackup",
    httpMethod: "POST",
    responses: {
        200: {
            bodyMapper: BackupsLongTermRetentionResponse,
            headersMapper: BackupsLongTermRetentionStartHeaders,
        },
        201: {
            bodyMapper: BackupsLongTermRetentionResponse,
            headersMapper: BackupsLongTermRetentionStartHeaders,
        },
        202: {
            bodyMapper: BackupsLongTermRetentionResponse,
            headersMapper: BackupsLongTermRetentionStartHeaders,
        },
        204: {
            bodyMapper: BackupsLongTermRetentionResponse,
            headersMapper: BackupsLongTermRetentionStartHeaders,
        },
        default: {
            bodyMapper: ErrorResponse,
            headersMapper: BackupsLongTermRetentionStartExceptionHeaders,
        },
    },
    requestBody: parameters6,
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
    ],
    headerParameters: [contentType, accept],
    mediaType: "json",
    serializer: backupsLongTermRetention_serializer,
};
const backupsLongTermRetention_getOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/ltrBackupOperations/{backupName}",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: BackupsLongTermRetentionOperation,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        backupName1,
    ],
    headerParameters: [accept],
    serializer: backupsLongTermRetention_serializer,
};
const backupsLongTermRetention_listByServerOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/ltrBackupOperations",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: LtrServerBackupOperationList,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
    ],
    headerParameters: [accept],
    serializer: backupsLongTermRetention_serializer,
};
const backupsLongTermRetention_listByServerNextOperationSpec = {
    path: "{nextLink}",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: LtrServerBackupOperationList,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        nextLink,
    ],
    headerParameters: [accept],
    serializer: backupsLongTermRetention_serializer,
};
//# sourceMappingURL=backupsLongTermRetention.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-postgresql-flexible/dist/esm/operations/migrations.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.




/// <reference lib="esnext.asynciterable" />
/** Class containing Migrations operations. */
class MigrationsImpl {
    client;
    /**
     * Initialize a new instance of the class Migrations class.
     * @param client Reference to the service client
     */
    constructor(client) {
        this.client = client;
    }
    /**
     * Lists all migrations of a target flexible server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param options The options parameters.
     */
    listByTargetServer(resourceGroupName, serverName, options) {
        const iter = this.listByTargetServerPagingAll(resourceGroupName, serverName, options);
        return {
            next() {
                return iter.next();
            },
            [Symbol.asyncIterator]() {
                return this;
            },
            byPage: (settings) => {
                if (settings?.maxPageSize) {
                    throw new Error("maxPageSize is not supported by this operation.");
                }
                return this.listByTargetServerPagingPage(resourceGroupName, serverName, options, settings);
            },
        };
    }
    async *listByTargetServerPagingPage(resourceGroupName, serverName, options, settings) {
        let result;
        let continuationToken = settings?.continuationToken;
        if (!continuationToken) {
            result = await this._listByTargetServer(resourceGroupName, serverName, options);
            const page = result.value || [];
            continuationToken = result.nextLink;
            setContinuationToken(page, continuationToken);
            yield page;
        }
        while (continuationToken) {
            result = await this._listByTargetServerNext(resourceGroupName, serverName, continuationToken, options);
            continuationToken = result.nextLink;
            const page = result.value || [];
            setContinuationToken(page, continuationToken);
            yield page;
        }
    }
    async *listByTargetServerPagingAll(resourceGroupName, serverName, options) {
        for await (const page of this.listByTargetServerPagingPage(resourceGroupName, serverName, options)) {
            yield* page;
        }
    }
    /**
     * Creates a new migration.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param migrationName Name of migration.
     * @param parameters Parameters required for creating a migration.
     * @param options The options parameters.
     */
    create(resourceGroupName, serverName, migrationName, parameters, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, migrationName, parameters, options }, migrations_createOperationSpec);
    }
    /**
     * Gets information about a migration.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param migrationName Name of migration.
     * @param options The options parameters.
     */
    get(resourceGroupName, serverName, migrationName, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, migrationName, options }, migrations_getOperationSpec);
    }
    /**
     * Updates an existing migration. The request body can contain one to many of the mutable properties
     * present in the migration definition. Certain property updates initiate migration state transitions.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param migrationName Name of migration.
     * @param parameters Parameters required to update an existing migration.
     * @param options The options parameters.
     */
    update(resourceGroupName, serverName, migrationName, parameters, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, migrationName, parameters, options }, migrations_updateOperationSpec);
    }
    /**
     * Cancels an active migration.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param migrationName Name of migration.
     * @param options The options parameters.
     */
    cancel(resourceGroupName, serverName, migrationName, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, migrationName, options }, cancelOperationSpec);
    }
    /**
     * Lists all migrations of a target flexible server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param options The options parameters.
     */
    _listByTargetServer(resourceGroupName, serverName, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, options }, listByTargetServerOperationSpec);
    }
    /**
     * Checks if a proposed migration name is valid and available.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param parameters Parameters required to check if a migration name is valid and available.
     * @param options The options parameters.
     */
    checkNameAvailability(resourceGroupName, serverName, parameters, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, parameters, options }, checkNameAvailabilityOperationSpec);
    }
    /**
     * ListByTargetServerNext
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param nextLink The nextLink from the previous successful call to the ListByTargetServer method.
     * @param options The options parameters.
     */
    _listByTargetServerNext(resourceGroupName, serverName, nextLink, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, nextLink, options }, listByTargetServerNextOperationSpec);
    }
}
// Operation Specifications
const migrations_serializer = esm/* createSerializer */.rl(mappers_namespaceObject, /* isXml */ false);
const migrations_createOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/migrations/{migrationName}",
    httpMethod: "PUT",
    responses: {
        200: {
            bodyMapper: Migration,
        },
        201: {
            bodyMapper: Migration,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    requestBody: parameters7,
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        migrationName,
    ],
    headerParameters: [contentType, accept],
    mediaType: "json",
    serializer: migrations_serializer,
};
const migrations_getOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/migrations/{migrationName}",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: Migration,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        migrationName,
    ],
    headerParameters: [accept],
    serializer: migrations_serializer,
};
const migrations_updateOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/migrations/{migrationName}",
    httpMethod: "PATCH",
    responses: {
        200: {
            bodyMapper: Migration,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    requestBody: parameters8,
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        migrationName,
    ],
    headerParameters: [contentType, accept],
    mediaType: "json",
    serializer: migrations_serializer,
};
const cancelOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/migrations/{migrationName}",
    httpMethod: "DELETE",
    responses: {
        200: {
            bodyMapper: Migration,
        },
        204: {},
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        migrationName,
    ],
    headerParameters: [accept],
    serializer: migrations_serializer,
};
const listByTargetServerOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/migrations",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: MigrationList,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion, migrationListFilter],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
    ],
    headerParameters: [accept],
    serializer: migrations_serializer,
};
const checkNameAvailabilityOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/checkMigrationNameAvailability",
    httpMethod: "POST",
    responses: {
        200: {
            bodyMapper: MigrationNameAvailability,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    requestBody: parameters9,
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
    ],
    headerParameters: [contentType, accept],
    mediaType: "json",
    serializer: migrations_serializer,
};
const listByTargetServerNextOperationSpec = {
    path: "{nextLink}",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: MigrationList,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        nextLink,
    ],
    headerParameters: [accept],
    serializer: migrations_serializer,
};
//# sourceMappingURL=migrations.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-postgresql-flexible/dist/esm/operations/nameAvailability.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.



/** Class containing NameAvailability operations. */
class NameAvailabilityImpl {
    client;
    /**
     * Initialize a new instance of the class NameAvailability class.
     * @param client Reference to the service client
     */
    constructor(client) {
        this.client = client;
    }
    /**
     * Checks the validity and availability of the given name, to assign it to a new server or to use it as
     * the base name of a new pair of virtual endpoints.
     * @param parameters Parameters required to check if a given name is valid and available to assign it
     *                   to a new server or to use it as the base name of a new pair of virtual endpoints.
     * @param options The options parameters.
     */
    checkGlobally(parameters, options) {
        return this.client.sendOperationRequest({ parameters, options }, checkGloballyOperationSpec);
    }
    /**
     * Check the availability of name for resource
     * @param locationName The name of the location.
     * @param parameters Parameters required to check if a given name is valid and available to assign it
     *                   to a new server or to use it as the base name of a new pair of virtual endpoints.
     * @param options The options parameters.
     */
    checkWithLocation(locationName, parameters, options) {
        return this.client.sendOperationRequest({ locationName, parameters, options }, checkWithLocationOperationSpec);
    }
}
// Operation Specifications
const nameAvailability_serializer = esm/* createSerializer */.rl(mappers_namespaceObject, /* isXml */ false);
const checkGloballyOperationSpec = {
    path: "/subscriptions/{subscriptionId}/providers/Microsoft.DBforPostgreSQL/checkNameAvailability",
    httpMethod: "POST",
    responses: {
        200: {
            bodyMapper: NameAvailabilityModel,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    requestBody: parameters10,
    queryParameters: [apiVersion],
    urlParameters: [$host, subscriptionId],
    headerParameters: [contentType, accept],
    mediaType: "json",
    serializer: nameAvailability_serializer,
};
const checkWithLocationOperationSpec = {
    path: "/subscriptions/{subscriptionId}/providers/Microsoft.DBforPostgreSQL/locations/{locationName}/checkNameAvailability",
    httpMethod: "POST",
    responses: {
        200: {
            bodyMapper: NameAvailabilityModel,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    requestBody: parameters10,
    queryParameters: [apiVersion],
    urlParameters: [$host, subscriptionId, locationName],
    headerParameters: [contentType, accept],
    mediaType: "json",
    serializer: nameAvailability_serializer,
};
//# sourceMappingURL=nameAvailability.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-postgresql-flexible/dist/esm/operations/operations.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.




/// <reference lib="esnext.asynciterable" />
/** Class containing Operations operations. */
class OperationsImpl {
    client;
    /**
     * Initialize a new instance of the class Operations class.
     * @param client Reference to the service client
     */
    constructor(client) {
        this.client = client;
    }
    /**
     * Lists all available REST API operations.
     * @param options The options parameters.
     */
    list(options) {
        const iter = this.listPagingAll(options);
        return {
            next() {
                return iter.next();
            },
            [Symbol.asyncIterator]() {
                return this;
            },
            byPage: (settings) => {
                if (settings?.maxPageSize) {
                    throw new Error("maxPageSize is not supported by this operation.");
                }
                return this.listPagingPage(options, settings);
            },
        };
    }
    async *listPagingPage(options, settings) {
        let result;
        let continuationToken = settings?.continuationToken;
        if (!continuationToken) {
            result = await this._list(options);
            const page = result.value || [];
            continuationToken = result.nextLink;
            setContinuationToken(page, continuationToken);
            yield page;
        }
        while (continuationToken) {
            result = await this._listNext(continuationToken, options);
            continuationToken = result.nextLink;
            const page = result.value || [];
            setContinuationToken(page, continuationToken);
            yield page;
        }
    }
    async *listPagingAll(options) {
        for await (const page of this.listPagingPage(options)) {
            yield* page;
        }
    }
    /**
     * Lists all available REST API operations.
     * @param options The options parameters.
     */
    _list(options) {
        return this.client.sendOperationRequest({ options }, operations_listOperationSpec);
    }
    /**
     * ListNext
     * @param nextLink The nextLink from the previous successful call to the List method.
     * @param options The options parameters.
     */
    _listNext(nextLink, options) {
        return this.client.sendOperationRequest({ nextLink, options }, operations_listNextOperationSpec);
    }
}
// Operation Specifications
const operations_serializer = esm/* createSerializer */.rl(mappers_namespaceObject, /* isXml */ false);
const operations_listOperationSpec = {
    path: "/providers/Microsoft.DBforPostgreSQL/operations",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: OperationList,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [$host],
    headerParameters: [accept],
    serializer: operations_serializer,
};
const operations_listNextOperationSpec = {
    path: "{nextLink}",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: OperationList,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    urlParameters: [$host, nextLink],
    headerParameters: [accept],
    serializer: operations_serializer,
};
//# sourceMappingURL=operations.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-postgresql-flexible/dist/esm/operations/privateDnsZoneSuffix.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.



/** Class containing PrivateDnsZoneSuffix operations. */
class PrivateDnsZoneSuffixImpl {
    client;
    /**
     * Initialize a new instance of the class PrivateDnsZoneSuffix class.
     * @param client Reference to the service client
     */
    constructor(client) {
        this.client = client;
    }
    /**
     * Gets the private DNS zone suffix.
     * @param options The options parameters.
     */
    get(options) {
        return this.client.sendOperationRequest({ options }, privateDnsZoneSuffix_getOperationSpec);
    }
}
// Operation Specifications
const privateDnsZoneSuffix_serializer = esm/* createSerializer */.rl(mappers_namespaceObject, /* isXml */ false);
const privateDnsZoneSuffix_getOperationSpec = {
    path: "/providers/Microsoft.DBforPostgreSQL/getPrivateDnsZoneSuffix",
    httpMethod: "POST",
    responses: {
        200: {
            bodyMapper: { type: { name: "String" } },
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [$host],
    headerParameters: [accept],
    serializer: privateDnsZoneSuffix_serializer,
};
//# sourceMappingURL=privateDnsZoneSuffix.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-postgresql-flexible/dist/esm/operations/privateEndpointConnections.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.






/// <reference lib="esnext.asynciterable" />
/** Class containing PrivateEndpointConnections operations. */
class PrivateEndpointConnectionsImpl {
    client;
    /**
     * Initialize a new instance of the class PrivateEndpointConnections class.
     * @param client Reference to the service client
     */
    constructor(client) {
        this.client = client;
    }
    /**
     * Lists all private endpoint connections on a server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param options The options parameters.
     */
    listByServer(resourceGroupName, serverName, options) {
        const iter = this.listByServerPagingAll(resourceGroupName, serverName, options);
        return {
            next() {
                return iter.next();
            },
            [Symbol.asyncIterator]() {
                return this;
            },
            byPage: (settings) => {
                if (settings?.maxPageSize) {
                    throw new Error("maxPageSize is not supported by this operation.");
                }
                return this.listByServerPagingPage(resourceGroupName, serverName, options, settings);
            },
        };
    }
    async *listByServerPagingPage(resourceGroupName, serverName, options, settings) {
        let result;
        let continuationToken = settings?.continuationToken;
        if (!continuationToken) {
            result = await this._listByServer(resourceGroupName, serverName, options);
            const page = result.value || [];
            continuationToken = result.nextLink;
            setContinuationToken(page, continuationToken);
            yield page;
        }
        while (continuationToken) {
            result = await this._listByServerNext(resourceGroupName, serverName, continuationToken, options);
            continuationToken = result.nextLink;
            const page = result.value || [];
            setContinuationToken(page, continuationToken);
            yield page;
        }
    }
    async *listByServerPagingAll(resourceGroupName, serverName, options) {
        for await (const page of this.listByServerPagingPage(resourceGroupName, serverName, options)) {
            yield* page;
        }
    }
    /**
     * Gets a private endpoint connection.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param privateEndpointConnectionName The name of the private endpoint connection.
     * @param options The options parameters.
     */
    get(resourceGroupName, serverName, privateEndpointConnectionName, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, privateEndpointConnectionName, options }, privateEndpointConnections_getOperationSpec);
    }
    /**
     * Approves or rejects a private endpoint connection.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param privateEndpointConnectionName The name of the private endpoint connection.
     * @param parameters Parameters required to update a private endpoint connection.
     * @param options The options parameters.
     */
    async beginUpdate(resourceGroupName, serverName, privateEndpointConnectionName, parameters, options) {
        const directSendOperation = async (args, spec) => {
            return this.client.sendOperationRequest(args, spec);
        };
        const sendOperationFn = async (args, spec) => {
            let currentRawResponse = undefined;
            const providedCallback = args.options?.onResponse;
            const callback = (rawResponse, flatResponse) => {
                currentRawResponse = rawResponse;
                providedCallback?.(rawResponse, flatResponse);
            };
            const updatedArgs = {
                ...args,
                options: {
                    ...args.options,
                    onResponse: callback,
                },
            };
            const flatResponse = await directSendOperation(updatedArgs, spec);
            return {
                flatResponse,
                rawResponse: {
                    statusCode: currentRawResponse.status,
                    body: currentRawResponse.parsedBody,
                    headers: currentRawResponse.headers.toJSON(),
                },
            };
        };
        const lro = createLroSpec({
            sendOperationFn,
            args: {
                resourceGroupName,
                serverName,
                privateEndpointConnectionName,
                parameters,
                options,
            },
            spec: privateEndpointConnections_updateOperationSpec,
        });
        const poller = await createHttpPoller(lro, {
            restoreFrom: options?.resumeFrom,
            intervalInMs: options?.updateIntervalInMs,
            resourceLocationConfig: "azure-async-operation",
        });
        await poller.poll();
        return poller;
    }
    /**
     * Approves or rejects a private endpoint connection.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param privateEndpointConnectionName The name of the private endpoint connection.
     * @param parameters Parameters required to update a private endpoint connection.
     * @param options The options parameters.
     */
    async beginUpdateAndWait(resourceGroupName, serverName, privateEndpointConnectionName, parameters, options) {
        const poller = await this.beginUpdate(resourceGroupName, serverName, privateEndpointConnectionName, parameters, options);
        return poller.pollUntilDone();
    }
    /**
     * Deletes a private endpoint connection.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param privateEndpointConnectionName The name of the private endpoint connection.
     * @param options The options parameters.
     */
    async beginDelete(resourceGroupName, serverName, privateEndpointConnectionName, options) {
        const directSendOperation = async (args, spec) => {
            return this.client.sendOperationRequest(args, spec);
        };
        const sendOperationFn = async (args, spec) => {
            let currentRawResponse = undefined;
            const providedCallback = args.options?.onResponse;
            const callback = (rawResponse, flatResponse) => {
                currentRawResponse = rawResponse;
                providedCallback?.(rawResponse, flatResponse);
            };
            const updatedArgs = {
                ...args,
                options: {
                    ...args.options,
                    onResponse: callback,
                },
            };
            const flatResponse = await directSendOperation(updatedArgs, spec);
            return {
                flatResponse,
                rawResponse: {
                    statusCode: currentRawResponse.status,
                    body: currentRawResponse.parsedBody,
                    headers: currentRawResponse.headers.toJSON(),
                },
            };
        };
        const lro = createLroSpec({
            sendOperationFn,
            args: {
                resourceGroupName,
                serverName,
                privateEndpointConnectionName,
                options,
            },
            spec: privateEndpointConnections_deleteOperationSpec,
        });
        const poller = await createHttpPoller(lro, {
            restoreFrom: options?.resumeFrom,
            intervalInMs: options?.updateIntervalInMs,
            resourceLocationConfig: "location",
        });
        await poller.poll();
        return poller;
    }
    /**
     * Deletes a private endpoint connection.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param privateEndpointConnectionName The name of the private endpoint connection.
     * @param options The options parameters.
     */
    async beginDeleteAndWait(resourceGroupName, serverName, privateEndpointConnectionName, options) {
        const poller = await this.beginDelete(resourceGroupName, serverName, privateEndpointConnectionName, options);
        return poller.pollUntilDone();
    }
    /**
     * Lists all private endpoint connections on a server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param options The options parameters.
     */
    _listByServer(resourceGroupName, serverName, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, options }, privateEndpointConnections_listByServerOperationSpec);
    }
    /**
     * ListByServerNext
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param nextLink The nextLink from the previous successful call to the ListByServer method.
     * @param options The options parameters.
     */
    _listByServerNext(resourceGroupName, serverName, nextLink, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, nextLink, options }, privateEndpointConnections_listByServerNextOperationSpec);
    }
}
// Operation Specifications
const privateEndpointConnections_serializer = esm/* createSerializer */.rl(mappers_namespaceObject, /* isXml */ false);
const privateEndpointConnections_getOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/privateEndpointConnections/{privateEndpointConnectionName}",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: PrivateEndpointConnection,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        privateEndpointConnectionName,
    ],
    headerParameters: [accept],
    serializer: privateEndpointConnections_serializer,
};
const privateEndpointConnections_updateOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/privateEndpointConnections/{privateEndpointConnectionName}",
    httpMethod: "PUT",
    responses: {
        200: {
            bodyMapper: PrivateEndpointConnection,
        },
        201: {
            bodyMapper: PrivateEndpointConnection,
        },
        202: {
            bodyMapper: PrivateEndpointConnection,
        },
        204: {
            bodyMapper: PrivateEndpointConnection,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    requestBody: parameters11,
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        privateEndpointConnectionName,
    ],
    headerParameters: [contentType, accept],
    mediaType: "json",
    serializer: privateEndpointConnections_serializer,
};
const privateEndpointConnections_deleteOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/privateEndpointConnections/{privateEndpointConnectionName}",
    httpMethod: "DELETE",
    responses: {
        200: {
            headersMapper: PrivateEndpointConnectionsDeleteHeaders,
        },
        201: {
            headersMapper: PrivateEndpointConnectionsDeleteHeaders,
        },
        202: {
            headersMapper: PrivateEndpointConnectionsDeleteHeaders,
        },
        204: {
            headersMapper: PrivateEndpointConnectionsDeleteHeaders,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        privateEndpointConnectionName,
    ],
    headerParameters: [accept],
    serializer: privateEndpointConnections_serializer,
};
const privateEndpointConnections_listByServerOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/privateEndpointConnections",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: PrivateEndpointConnectionList,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
    ],
    headerParameters: [accept],
    serializer: privateEndpointConnections_serializer,
};
const privateEndpointConnections_listByServerNextOperationSpec = {
    path: "{nextLink}",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: PrivateEndpointConnectionList,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        nextLink,
    ],
    headerParameters: [accept],
    serializer: privateEndpointConnections_serializer,
};
//# sourceMappingURL=privateEndpointConnections.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-postgresql-flexible/dist/esm/operations/privateLinkResources.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.




/// <reference lib="esnext.asynciterable" />
/** Class containing PrivateLinkResources operations. */
class PrivateLinkResourcesImpl {
    client;
    /**
     * Initialize a new instance of the class PrivateLinkResources class.
     * @param client Reference to the service client
     */
    constructor(client) {
        this.client = client;
    }
    /**
     * Gets the private link resources for PostgreSQL server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param options The options parameters.
     */
    listByServer(resourceGroupName, serverName, options) {
        const iter = this.listByServerPagingAll(resourceGroupName, serverName, options);
        return {
            next() {
                return iter.next();
            },
            [Symbol.asyncIterator]() {
                return this;
            },
            byPage: (settings) => {
                if (settings?.maxPageSize) {
                    throw new Error("maxPageSize is not supported by this operation.");
                }
                return this.listByServerPagingPage(resourceGroupName, serverName, options, settings);
            },
        };
    }
    async *listByServerPagingPage(resourceGroupName, serverName, options, settings) {
        let result;
        let continuationToken = settings?.continuationToken;
        if (!continuationToken) {
            result = await this._listByServer(resourceGroupName, serverName, options);
            const page = result.value || [];
            continuationToken = result.nextLink;
            setContinuationToken(page, continuationToken);
            yield page;
        }
        while (continuationToken) {
            result = await this._listByServerNext(resourceGroupName, serverName, continuationToken, options);
            continuationToken = result.nextLink;
            const page = result.value || [];
            setContinuationToken(page, continuationToken);
            yield page;
        }
    }
    async *listByServerPagingAll(resourceGroupName, serverName, options) {
        for await (const page of this.listByServerPagingPage(resourceGroupName, serverName, options)) {
            yield* page;
        }
    }
    /**
     * Gets the private link resources for PostgreSQL server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param options The options parameters.
     */
    _listByServer(resourceGroupName, serverName, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, options }, privateLinkResources_listByServerOperationSpec);
    }
    /**
     * Gets a private link resource for PostgreSQL server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param groupName The name of the private link resource.
     * @param options The options parameters.
     */
    get(resourceGroupName, serverName, groupName, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, groupName, options }, privateLinkResources_getOperationSpec);
    }
    /**
     * ListByServerNext
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param nextLink The nextLink from the previous successful call to the ListByServer method.
     * @param options The options parameters.
     */
    _listByServerNext(resourceGroupName, serverName, nextLink, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, nextLink, options }, privateLinkResources_listByServerNextOperationSpec);
    }
}
// Operation Specifications
const privateLinkResources_serializer = esm/* createSerializer */.rl(mappers_namespaceObject, /* isXml */ false);
const privateLinkResources_listByServerOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/privateLinkResources",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: PrivateLinkResourceList,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
    ],
    headerParameters: [accept],
    serializer: privateLinkResources_serializer,
};
const privateLinkResources_getOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/privateLinkResources/{groupName}",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: PrivateLinkResource,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        groupName,
    ],
    headerParameters: [accept],
    serializer: privateLinkResources_serializer,
};
const privateLinkResources_listByServerNextOperationSpec = {
    path: "{nextLink}",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: PrivateLinkResourceList,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        nextLink,
    ],
    headerParameters: [accept],
    serializer: privateLinkResources_serializer,
};
//# sourceMappingURL=privateLinkResources.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-postgresql-flexible/dist/esm/operations/quotaUsages.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.




/// <reference lib="esnext.asynciterable" />
/** Class containing QuotaUsages operations. */
class QuotaUsagesImpl {
    client;
    /**
     * Initialize a new instance of the class QuotaUsages class.
     * @param client Reference to the service client
     */
    constructor(client) {
        this.client = client;
    }
    /**
     * Get quota usages at specified location in a given subscription.
     * @param locationName The name of the location.
     * @param options The options parameters.
     */
    list(locationName, options) {
        const iter = this.listPagingAll(locationName, options);
        return {
            next() {
                return iter.next();
            },
            [Symbol.asyncIterator]() {
                return this;
            },
            byPage: (settings) => {
                if (settings?.maxPageSize) {
                    throw new Error("maxPageSize is not supported by this operation.");
                }
                return this.listPagingPage(locationName, options, settings);
            },
        };
    }
    async *listPagingPage(locationName, options, settings) {
        let result;
        let continuationToken = settings?.continuationToken;
        if (!continuationToken) {
            result = await this._list(locationName, options);
            const page = result.value || [];
            continuationToken = result.nextLink;
            setContinuationToken(page, continuationToken);
            yield page;
        }
        while (continuationToken) {
            result = await this._listNext(locationName, continuationToken, options);
            continuationToken = result.nextLink;
            const page = result.value || [];
            setContinuationToken(page, continuationToken);
            yield page;
        }
    }
    async *listPagingAll(locationName, options) {
        for await (const page of this.listPagingPage(locationName, options)) {
            yield* page;
        }
    }
    /**
     * Get quota usages at specified location in a given subscription.
     * @param locationName The name of the location.
     * @param options The options parameters.
     */
    _list(locationName, options) {
        return this.client.sendOperationRequest({ locationName, options }, quotaUsages_listOperationSpec);
    }
    /**
     * ListNext
     * @param locationName The name of the location.
     * @param nextLink The nextLink from the previous successful call to the List method.
     * @param options The options parameters.
     */
    _listNext(locationName, nextLink, options) {
        return this.client.sendOperationRequest({ locationName, nextLink, options }, quotaUsages_listNextOperationSpec);
    }
}
// Operation Specifications
const quotaUsages_serializer = esm/* createSerializer */.rl(mappers_namespaceObject, /* isXml */ false);
const quotaUsages_listOperationSpec = {
    path: "/subscriptions/{subscriptionId}/providers/Microsoft.DBforPostgreSQL/locations/{locationName}/resourceType/flexibleServers/usages",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: QuotaUsageList,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [$host, subscriptionId, locationName],
    headerParameters: [accept],
    serializer: quotaUsages_serializer,
};
const quotaUsages_listNextOperationSpec = {
    path: "{nextLink}",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: QuotaUsageList,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    urlParameters: [
        $host,
        subscriptionId,
        nextLink,
        locationName,
    ],
    headerParameters: [accept],
    serializer: quotaUsages_serializer,
};
//# sourceMappingURL=quotaUsages.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-postgresql-flexible/dist/esm/operations/replicas.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.



/// <reference lib="esnext.asynciterable" />
/** Class containing Replicas operations. */
class ReplicasImpl {
    client;
    /**
     * Initialize a new instance of the class Replicas class.
     * @param client Reference to the service client
     */
    constructor(client) {
        this.client = client;
    }
    /**
     * Lists all read replicas of a server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param options The options parameters.
     */
    listByServer(resourceGroupName, serverName, options) {
        const iter = this.listByServerPagingAll(resourceGroupName, serverName, options);
        return {
            next() {
                return iter.next();
            },
            [Symbol.asyncIterator]() {
                return this;
            },
            byPage: (settings) => {
                if (settings?.maxPageSize) {
                    throw new Error("maxPageSize is not supported by this operation.");
                }
                return this.listByServerPagingPage(resourceGroupName, serverName, options, settings);
            },
        };
    }
    async *listByServerPagingPage(resourceGroupName, serverName, options, _settings) {
        let result;
        result = await this._listByServer(resourceGroupName, serverName, options);
        yield result.value || [];
    }
    async *listByServerPagingAll(resourceGroupName, serverName, options) {
        for await (const page of this.listByServerPagingPage(resourceGroupName, serverName, options)) {
            yield* page;
        }
    }
    /**
     * Lists all read replicas of a server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param options The options parameters.
     */
    _listByServer(resourceGroupName, serverName, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, options }, replicas_listByServerOperationSpec);
    }
}
// Operation Specifications
const replicas_serializer = esm/* createSerializer */.rl(mappers_namespaceObject, /* isXml */ false);
const replicas_listByServerOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/replicas",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: ServerList,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
    ],
    headerParameters: [accept],
    serializer: replicas_serializer,
};
//# sourceMappingURL=replicas.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-postgresql-flexible/dist/esm/operations/servers.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.






/// <reference lib="esnext.asynciterable" />
/** Class containing Servers operations. */
class ServersImpl {
    client;
    /**
     * Initialize a new instance of the class Servers class.
     * @param client Reference to the service client
     */
    constructor(client) {
        this.client = client;
    }
    /**
     * Lists all servers in a resource group.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param options The options parameters.
     */
    listByResourceGroup(resourceGroupName, options) {
        const iter = this.listByResourceGroupPagingAll(resourceGroupName, options);
        return {
            next() {
                return iter.next();
            },
            [Symbol.asyncIterator]() {
                return this;
            },
            byPage: (settings) => {
                if (settings?.maxPageSize) {
                    throw new Error("maxPageSize is not supported by this operation.");
                }
                return this.listByResourceGroupPagingPage(resourceGroupName, options, settings);
            },
        };
    }
    async *listByResourceGroupPagingPage(resourceGroupName, options, settings) {
        let result;
        let continuationToken = settings?.continuationToken;
        if (!continuationToken) {
            result = await this._listByResourceGroup(resourceGroupName, options);
            const page = result.value || [];
            continuationToken = result.nextLink;
            setContinuationToken(page, continuationToken);
            yield page;
        }
        while (continuationToken) {
            result = await this._listByResourceGroupNext(resourceGroupName, continuationToken, options);
            continuationToken = result.nextLink;
            const page = result.value || [];
            setContinuationToken(page, continuationToken);
            yield page;
        }
    }
    async *listByResourceGroupPagingAll(resourceGroupName, options) {
        for await (const page of this.listByResourceGroupPagingPage(resourceGroupName, options)) {
            yield* page;
        }
    }
    /**
     * Lists all servers in a subscription.
     * @param options The options parameters.
     */
    listBySubscription(options) {
        const iter = this.listBySubscriptionPagingAll(options);
        return {
            next() {
                return iter.next();
            },
            [Symbol.asyncIterator]() {
                return this;
            },
            byPage: (settings) => {
                if (settings?.maxPageSize) {
                    throw new Error("maxPageSize is not supported by this operation.");
                }
                return this.listBySubscriptionPagingPage(options, settings);
            },
        };
    }
    async *listBySubscriptionPagingPage(options, settings) {
        let result;
        let continuationToken = settings?.continuationToken;
        if (!continuationToken) {
            result = await this._listBySubscription(options);
            const page = result.value || [];
            continuationToken = result.nextLink;
            setContinuationToken(page, continuationToken);
            yield page;
        }
        while (continuationToken) {
            result = await this._listBySubscriptionNext(continuationToken, options);
            continuationToken = result.nextLink;
            const page = result.value || [];
            setContinuationToken(page, continuationToken);
            yield page;
        }
    }
    async *listBySubscriptionPagingAll(options) {
        for await (const page of this.listBySubscriptionPagingPage(options)) {
            yield* page;
        }
    }
    /**
     * Creates a new server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param parameters Parameters required to create a new server or to update an existing server.
     * @param options The options parameters.
     */
    async beginCreateOrUpdate(resourceGroupName, serverName, parameters, options) {
        const directSendOperation = async (args, spec) => {
            return this.client.sendOperationRequest(args, spec);
        };
        const sendOperationFn = async (args, spec) => {
            let currentRawResponse = undefined;
            const providedCallback = args.options?.onResponse;
            const callback = (rawResponse, flatResponse) => {
                currentRawResponse = rawResponse;
                providedCallback?.(rawResponse, flatResponse);
            };
            const updatedArgs = {
                ...args,
                options: {
                    ...args.options,
                    onResponse: callback,
                },
            };
            const flatResponse = await directSendOperation(updatedArgs, spec);
            return {
                flatResponse,
                rawResponse: {
                    statusCode: currentRawResponse.status,
                    body: currentRawResponse.parsedBody,
                    headers: currentRawResponse.headers.toJSON(),
                },
            };
        };
        const lro = createLroSpec({
            sendOperationFn,
            args: { resourceGroupName, serverName, parameters, options },
            spec: servers_createOrUpdateOperationSpec,
        });
        const poller = await createHttpPoller(lro, {
            restoreFrom: options?.resumeFrom,
            intervalInMs: options?.updateIntervalInMs,
            resourceLocationConfig: "azure-async-operation",
        });
        await poller.poll();
        return poller;
    }
    /**
     * Creates a new server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param parameters Parameters required to create a new server or to update an existing server.
     * @param options The options parameters.
     */
    async beginCreateOrUpdateAndWait(resourceGroupName, serverName, parameters, options) {
        const poller = await this.beginCreateOrUpdate(resourceGroupName, serverName, parameters, options);
        return poller.pollUntilDone();
    }
    /**
     * Updates an existing server. The request body can contain one or multiple of the properties present
     * in the normal server definition.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param parameters Parameters required to update a server.
     * @param options The options parameters.
     */
    async beginUpdate(resourceGroupName, serverName, parameters, options) {
        const directSendOperation = async (args, spec) => {
            return this.client.sendOperationRequest(args, spec);
        };
        const sendOperationFn = async (args, spec) => {
            let currentRawResponse = undefined;
            const providedCallback = args.options?.onResponse;
            const callback = (rawResponse, flatResponse) => {
                currentRawResponse = rawResponse;
                providedCallback?.(rawResponse, flatResponse);
            };
            const updatedArgs = {
                ...args,
                options: {
                    ...args.options,
                    onResponse: callback,
                },
            };
            const flatResponse = await directSendOperation(updatedArgs, spec);
            return {
                flatResponse,
                rawResponse: {
                    statusCode: currentRawResponse.status,
                    body: currentRawResponse.parsedBody,
                    headers: currentRawResponse.headers.toJSON(),
                },
            };
        };
        const lro = createLroSpec({
            sendOperationFn,
            args: { resourceGroupName, serverName, parameters, options },
            spec: servers_updateOperationSpec,
        });
        const poller = await createHttpPoller(lro, {
            restoreFrom: options?.resumeFrom,
            intervalInMs: options?.updateIntervalInMs,
            resourceLocationConfig: "azure-async-operation",
        });
        await poller.poll();
        return poller;
    }
    /**
     * Updates an existing server. The request body can contain one or multiple of the properties present
     * in the normal server definition.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param parameters Parameters required to update a server.
     * @param options The options parameters.
     */
    async beginUpdateAndWait(resourceGroupName, serverName, parameters, options) {
        const poller = await this.beginUpdate(resourceGroupName, serverName, parameters, options);
        return poller.pollUntilDone();
    }
    /**
     * Deletes or drops an existing server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param options The options parameters.
     */
    async beginDelete(resourceGroupName, serverName, options) {
        const directSendOperation = async (args, spec) => {
            return this.client.sendOperationRequest(args, spec);
        };
        const sendOperationFn = async (args, spec) => {
            let currentRawResponse = undefined;
            const providedCallback = args.options?.onResponse;
            const callback = (rawResponse, flatResponse) => {
                currentRawResponse = rawResponse;
                providedCallback?.(rawResponse, flatResponse);
            };
            const updatedArgs = {
                ...args,
                options: {
                    ...args.options,
                    onResponse: callback,
                },
            };
            const flatResponse = await directSendOperation(updatedArgs, spec);
            return {
                flatResponse,
                rawResponse: {
                    statusCode: currentRawResponse.status,
                    body: currentRawResponse.parsedBody,
                    headers: currentRawResponse.headers.toJSON(),
                },
            };
        };
        const lro = createLroSpec({
            sendOperationFn,
            args: { resourceGroupName, serverName, options },
            spec: servers_deleteOperationSpec,
        });
        const poller = await createHttpPoller(lro, {
            restoreFrom: options?.resumeFrom,
            intervalInMs: options?.updateIntervalInMs,
            resourceLocationConfig: "location",
        });
        await poller.poll();
        return poller;
    }
    /**
     * Deletes or drops an existing server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param options The options parameters.
     */
    async beginDeleteAndWait(resourceGroupName, serverName, options) {
        const poller = await this.beginDelete(resourceGroupName, serverName, options);
        return poller.pollUntilDone();
    }
    /**
     * Gets information about an existing server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param options The options parameters.
     */
    get(resourceGroupName, serverName, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, options }, servers_getOperationSpec);
    }
    /**
     * Lists all servers in a resource group.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param options The options parameters.
     */
    _listByResourceGroup(resourceGroupName, options) {
        return this.client.sendOperationRequest({ resourceGroupName, options }, listByResourceGroupOperationSpec);
    }
    /**
     * Lists all servers in a subscription.
     * @param options The options parameters.
     */
    _listBySubscription(options) {
        return this.client.sendOperationRequest({ options }, listBySubscriptionOperationSpec);
    }
    /**
     * Restarts PostgreSQL database engine in a server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param options The options parameters.
     */
    async beginRestart(resourceGroupName, serverName, options) {
        const directSendOperation = async (args, spec) => {
            return this.client.sendOperationRequest(args, spec);
        };
        const sendOperationFn = async (args, spec) => {
            let currentRawResponse = undefined;
            const providedCallback = args.options?.onResponse;
            const callback = (rawResponse, flatResponse) => {
                currentRawResponse = rawResponse;
                providedCallback?.(rawResponse, flatResponse);
            };
            const updatedArgs = {
                ...args,
                options: {
                    ...args.options,
                    onResponse: callback,
                },
            };
            const flatResponse = await directSendOperation(updatedArgs, spec);
            return {
                flatResponse,
                rawResponse: {
                    statusCode: currentRawResponse.status,
                    body: currentRawResponse.parsedBody,
                    headers: currentRawResponse.headers.toJSON(),
                },
            };
        };
        const lro = createLroSpec({
            sendOperationFn,
            args: { resourceGroupName, serverName, options },
            spec: restartOperationSpec,
        });
        const poller = await createHttpPoller(lro, {
            restoreFrom: options?.resumeFrom,
            intervalInMs: options?.updateIntervalInMs,
            resourceLocationConfig: "location",
        });
        await poller.poll();
        return poller;
    }
    /**
     * Restarts PostgreSQL database engine in a server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param options The options parameters.
     */
    async beginRestartAndWait(resourceGroupName, serverName, options) {
        const poller = await this.beginRestart(resourceGroupName, serverName, options);
        return poller.pollUntilDone();
    }
    /**
     * Starts a stopped server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param options The options parameters.
     */
    async beginStart(resourceGroupName, serverName, options) {
        const directSendOperation = async (args, spec) => {
            return this.client.sendOperationRequest(args, spec);
        };
        const sendOperationFn = async (args, spec) => {
            let currentRawResponse = undefined;
            const providedCallback = args.options?.onResponse;
            const callback = (rawResponse, flatResponse) => {
                currentRawResponse = rawResponse;
                providedCallback?.(rawResponse, flatResponse);
            };
            const updatedArgs = {
                ...args,
                options: {
                    ...args.options,
                    onResponse: callback,
                },
            };
            const flatResponse = await directSendOperation(updatedArgs, spec);
            return {
                flatResponse,
                rawResponse: {
                    statusCode: currentRawResponse.status,
                    body: currentRawResponse.parsedBody,
                    headers: currentRawResponse.headers.toJSON(),
                },
            };
        };
        const lro = createLroSpec({
            sendOperationFn,
            args: { resourceGroupName, serverName, options },
            spec: servers_startOperationSpec,
        });
        const poller = await createHttpPoller(lro, {
            restoreFrom: options?.resumeFrom,
            intervalInMs: options?.updateIntervalInMs,
            resourceLocationConfig: "location",
        });
        await poller.poll();
        return poller;
    }
    /**
     * Starts a stopped server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param options The options parameters.
     */
    async beginStartAndWait(resourceGroupName, serverName, options) {
        const poller = await this.beginStart(resourceGroupName, serverName, options);
        return poller.pollUntilDone();
    }
    /**
     * Stops a server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param options The options parameters.
     */
    async beginStop(resourceGroupName, serverName, options) {
        const directSendOperation = async (args, spec) => {
            return this.client.sendOperationRequest(args, spec);
        };
        const sendOperationFn = async (args, spec) => {
            let currentRawResponse = undefined;
            const providedCallback = args.options?.onResponse;
            const callback = (rawResponse, flatResponse) => {
                currentRawResponse = rawResponse;
                providedCallback?.(rawResponse, flatResponse);
            };
            const updatedArgs = {
                ...args,
                options: {
                    ...args.options,
                    onResponse: callback,
                },
            };
            const flatResponse = await directSendOperation(updatedArgs, spec);
            return {
                flatResponse,
                rawResponse: {
                    statusCode: currentRawResponse.status,
                    body: currentRawResponse.parsedBody,
                    headers: currentRawResponse.headers.toJSON(),
                },
            };
        };
        const lro = createLroSpec({
            sendOperationFn,
            args: { resourceGroupName, serverName, options },
            spec: stopOperationSpec,
        });
        const poller = await createHttpPoller(lro, {
            restoreFrom: options?.resumeFrom,
            intervalInMs: options?.updateIntervalInMs,
            resourceLocationConfig: "location",
        });
        await poller.poll();
        return poller;
    }
    /**
     * Stops a server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param options The options parameters.
     */
    async beginStopAndWait(resourceGroupName, serverName, options) {
        const poller = await this.beginStop(resourceGroupName, serverName, options);
        return poller.pollUntilDone();
    }
    /**
     * ListByResourceGroupNext
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param nextLink The nextLink from the previous successful call to the ListByResourceGroup method.
     * @param options The options parameters.
     */
    _listByResourceGroupNext(resourceGroupName, nextLink, options) {
        return this.client.sendOperationRequest({ resourceGroupName, nextLink, options }, listByResourceGroupNextOperationSpec);
    }
    /**
     * ListBySubscriptionNext
     * @param nextLink The nextLink from the previous successful call to the ListBySubscription method.
     * @param options The options parameters.
     */
    _listBySubscriptionNext(nextLink, options) {
        return this.client.sendOperationRequest({ nextLink, options }, listBySubscriptionNextOperationSpec);
    }
}
// Operation Specifications
const servers_serializer = esm/* createSerializer */.rl(mappers_namespaceObject, /* isXml */ false);
const servers_createOrUpdateOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}",
    httpMethod: "PUT",
    responses: {
        200: {
            bodyMapper: Server,
        },
        201: {
            bodyMapper: Server,
        },
        202: {
            bodyMapper: Server,
        },
        204: {
            bodyMapper: Server,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    requestBody: parameters12,
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
    ],
    headerParameters: [contentType, accept],
    mediaType: "json",
    serializer: servers_serializer,
};
const servers_updateOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}",
    httpMethod: "PATCH",
    responses: {
        200: {
            bodyMapper: Server,
        },
        201: {
            bodyMapper: Server,
        },
        202: {
            bodyMapper: Server,
        },
        204: {
            bodyMapper: Server,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    requestBody: parameters13,
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
    ],
    headerParameters: [contentType, accept],
    mediaType: "json",
    serializer: servers_serializer,
};
const servers_deleteOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}",
    httpMethod: "DELETE",
    responses: {
        200: {
            headersMapper: ServersDeleteHeaders,
        },
        201: {
            headersMapper: ServersDeleteHeaders,
        },
        202: {
            headersMapper: ServersDeleteHeaders,
        },
        204: {
            headersMapper: ServersDeleteHeaders,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
    ],
    headerParameters: [accept],
    serializer: servers_serializer,
};
const servers_getOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: Server,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
    ],
    headerParameters: [accept],
    serializer: servers_serializer,
};
const listByResourceGroupOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: ServerList,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [$host, subscriptionId, resourceGroupName],
    headerParameters: [accept],
    serializer: servers_serializer,
};
const listBySubscriptionOperationSpec = {
    path: "/subscriptions/{subscriptionId}/providers/Microsoft.DBforPostgreSQL/flexibleServers",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: ServerList,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [$host, subscriptionId],
    headerParameters: [accept],
    serializer: servers_serializer,
};
const restartOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/restart",
    httpMethod: "POST",
    responses: {
        200: {
            headersMapper: ServersRestartHeaders,
        },
        201: {
            headersMapper: ServersRestartHeaders,
        },
        202: {
            headersMapper: ServersRestartHeaders,
        },
        204: {
            headersMapper: ServersRestartHeaders,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    requestBody: parameters14,
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
    ],
    headerParameters: [contentType, accept],
    mediaType: "json",
    serializer: servers_serializer,
};
const servers_startOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/start",
    httpMethod: "POST",
    responses: {
        200: {
            headersMapper: ServersStartHeaders,
        },
        201: {
            headersMapper: ServersStartHeaders,
        },
        202: {
            headersMapper: ServersStartHeaders,
        },
        204: {
            headersMapper: ServersStartHeaders,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
    ],
    headerParameters: [accept],
    serializer: servers_serializer,
};
const stopOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/stop",
    httpMethod: "POST",
    responses: {
        200: {
            headersMapper: ServersStopHeaders,
        },
        201: {
            headersMapper: ServersStopHeaders,
        },
        202: {
            headersMapper: ServersStopHeaders,
        },
        204: {
            headersMapper: ServersStopHeaders,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
    ],
    headerParameters: [accept],
    serializer: servers_serializer,
};
const listByResourceGroupNextOperationSpec = {
    path: "{nextLink}",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: ServerList,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        nextLink,
    ],
    headerParameters: [accept],
    serializer: servers_serializer,
};
const listBySubscriptionNextOperationSpec = {
    path: "{nextLink}",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: ServerList,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    urlParameters: [$host, subscriptionId, nextLink],
    headerParameters: [accept],
    serializer: servers_serializer,
};
//# sourceMappingURL=servers.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-postgresql-flexible/dist/esm/operations/tuningOptionsOperations.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.




/// <reference lib="esnext.asynciterable" />
/** Class containing TuningOptionsOperations operations. */
class TuningOptionsOperationsImpl {
    client;
    /**
     * Initialize a new instance of the class TuningOptionsOperations class.
     * @param client Reference to the service client
     */
    constructor(client) {
        this.client = client;
    }
    /**
     * Lists available object recommendations.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param tuningOption The name of the tuning option.
     * @param options The options parameters.
     */
    listRecommendations(resourceGroupName, serverName, tuningOption, options) {
        const iter = this.listRecommendationsPagingAll(resourceGroupName, serverName, tuningOption, options);
        return {
            next() {
                return iter.next();
            },
            [Symbol.asyncIterator]() {
                return this;
            },
            byPage: (settings) => {
                if (settings?.maxPageSize) {
                    throw new Error("maxPageSize is not supported by this operation.");
                }
                return this.listRecommendationsPagingPage(resourceGroupName, serverName, tuningOption, options, settings);
            },
        };
    }
    async *listRecommendationsPagingPage(resourceGroupName, serverName, tuningOption, options, settings) {
        let result;
        let continuationToken = settings?.continuationToken;
        if (!continuationToken) {
            result = await this._listRecommendations(resourceGroupName, serverName, tuningOption, options);
            const page = result.value || [];
            continuationToken = result.nextLink;
            setContinuationToken(page, continuationToken);
            yield page;
        }
        while (continuationToken) {
            result = await this._listRecommendationsNext(resourceGroupName, serverName, tuningOption, continuationToken, options);
            continuationToken = result.nextLink;
            const page = result.value || [];
            setContinuationToken(page, continuationToken);
            yield page;
        }
    }
    async *listRecommendationsPagingAll(resourceGroupName, serverName, tuningOption, options) {
        for await (const page of this.listRecommendationsPagingPage(resourceGroupName, serverName, tuningOption, options)) {
            yield* page;
        }
    }
    /**
     * Lists the tuning options of a server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param options The options parameters.
     */
    listByServer(resourceGroupName, serverName, options) {
        const iter = this.listByServerPagingAll(resourceGroupName, serverName, options);
        return {
            next() {
                return iter.next();
            },
            [Symbol.asyncIterator]() {
                return this;
            },
            byPage: (settings) => {
                if (settings?.maxPageSize) {
                    throw new Error("maxPageSize is not supported by this operation.");
                }
                return this.listByServerPagingPage(resourceGroupName, serverName, options, settings);
            },
        };
    }
    async *listByServerPagingPage(resourceGroupName, serverName, options, settings) {
        let result;
        let continuationToken = settings?.continuationToken;
        if (!continuationToken) {
            result = await this._listByServer(resourceGroupName, serverName, options);
            const page = result.value || [];
            continuationToken = result.nextLink;
            setContinuationToken(page, continuationToken);
            yield page;
        }
        while (continuationToken) {
            result = await this._listByServerNext(resourceGroupName, serverName, continuationToken, options);
            continuationToken = result.nextLink;
            const page = result.value || [];
            setContinuationToken(page, continuationToken);
            yield page;
        }
    }
    async *listByServerPagingAll(resourceGroupName, serverName, options) {
        for await (const page of this.listByServerPagingPage(resourceGroupName, serverName, options)) {
            yield* page;
        }
    }
    /**
     * Gets the tuning options of a server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param tuningOption The name of the tuning option.
     * @param options The options parameters.
     */
    get(resourceGroupName, serverName, tuningOption, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, tuningOption, options }, tuningOptionsOperations_getOperationSpec);
    }
    /**
     * Lists available object recommendations.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param tuningOption The name of the tuning option.
     * @param options The options parameters.
     */
    _listRecommendations(resourceGroupName, serverName, tuningOption, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, tuningOption, options }, listRecommendationsOperationSpec);
    }
    /**
     * Lists the tuning options of a server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param options The options parameters.
     */
    _listByServer(resourceGroupName, serverName, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, options }, tuningOptionsOperations_listByServerOperationSpec);
    }
    /**
     * ListRecommendationsNext
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param tuningOption The name of the tuning option.
     * @param nextLink The nextLink from the previous successful call to the ListRecommendations method.
     * @param options The options parameters.
     */
    _listRecommendationsNext(resourceGroupName, serverName, tuningOption, nextLink, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, tuningOption, nextLink, options }, listRecommendationsNextOperationSpec);
    }
    /**
     * ListByServerNext
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param nextLink The nextLink from the previous successful call to the ListByServer method.
     * @param options The options parameters.
     */
    _listByServerNext(resourceGroupName, serverName, nextLink, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, nextLink, options }, tuningOptionsOperations_listByServerNextOperationSpec);
    }
}
// Operation Specifications
const tuningOptionsOperations_serializer = esm/* createSerializer */.rl(mappers_namespaceObject, /* isXml */ false);
const tuningOptionsOperations_getOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/tuningOptions/{tuningOption}",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: TuningOptions,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        tuningOption,
    ],
    headerParameters: [accept],
    serializer: tuningOptionsOperations_serializer,
};
const listRecommendationsOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/tuningOptions/{tuningOption}/recommendations",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: ObjectRecommendationList,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion, recommendationType],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        tuningOption,
    ],
    headerParameters: [accept],
    serializer: tuningOptionsOperations_serializer,
};
const tuningOptionsOperations_listByServerOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/tuningOptions",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: TuningOptionsList,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
    ],
    headerParameters: [accept],
    serializer: tuningOptionsOperations_serializer,
};
const listRecommendationsNextOperationSpec = {
    path: "{nextLink}",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: ObjectRecommendationList,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        nextLink,
        tuningOption,
    ],
    headerParameters: [accept],
    serializer: tuningOptionsOperations_serializer,
};
const tuningOptionsOperations_listByServerNextOperationSpec = {
    path: "{nextLink}",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: TuningOptionsList,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        nextLink,
    ],
    headerParameters: [accept],
    serializer: tuningOptionsOperations_serializer,
};
//# sourceMappingURL=tuningOptionsOperations.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-postgresql-flexible/dist/esm/operations/virtualEndpoints.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.






/// <reference lib="esnext.asynciterable" />
/** Class containing VirtualEndpoints operations. */
class VirtualEndpointsImpl {
    client;
    /**
     * Initialize a new instance of the class VirtualEndpoints class.
     * @param client Reference to the service client
     */
    constructor(client) {
        this.client = client;
    }
    /**
     * Lists pair of virtual endpoints associated to a server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param options The options parameters.
     */
    listByServer(resourceGroupName, serverName, options) {
        const iter = this.listByServerPagingAll(resourceGroupName, serverName, options);
        return {
            next() {
                return iter.next();
            },
            [Symbol.asyncIterator]() {
                return this;
            },
            byPage: (settings) => {
                if (settings?.maxPageSize) {
                    throw new Error("maxPageSize is not supported by this operation.");
                }
                return this.listByServerPagingPage(resourceGroupName, serverName, options, settings);
            },
        };
    }
    async *listByServerPagingPage(resourceGroupName, serverName, options, settings) {
        let result;
        let continuationToken = settings?.continuationToken;
        if (!continuationToken) {
            result = await this._listByServer(resourceGroupName, serverName, options);
            const page = result.value || [];
            continuationToken = result.nextLink;
            setContinuationToken(page, continuationToken);
            yield page;
        }
        while (continuationToken) {
            result = await this._listByServerNext(resourceGroupName, serverName, continuationToken, options);
            continuationToken = result.nextLink;
            const page = result.value || [];
            setContinuationToken(page, continuationToken);
            yield page;
        }
    }
    async *listByServerPagingAll(resourceGroupName, serverName, options) {
        for await (const page of this.listByServerPagingPage(resourceGroupName, serverName, options)) {
            yield* page;
        }
    }
    /**
     * Creates a pair of virtual endpoints for a server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param virtualEndpointName Base name of the virtual endpoints.
     * @param parameters Parameters required to create or update a pair of virtual endpoints.
     * @param options The options parameters.
     */
    async beginCreate(resourceGroupName, serverName, virtualEndpointName, parameters, options) {
        const directSendOperation = async (args, spec) => {
            return this.client.sendOperationRequest(args, spec);
        };
        const sendOperationFn = async (args, spec) => {
            let currentRawResponse = undefined;
            const providedCallback = args.options?.onResponse;
            const callback = (rawResponse, flatResponse) => {
                currentRawResponse = rawResponse;
                providedCallback?.(rawResponse, flatResponse);
            };
            const updatedArgs = {
                ...args,
                options: {
                    ...args.options,
                    onResponse: callback,
                },
            };
            const flatResponse = await directSendOperation(updatedArgs, spec);
            return {
                flatResponse,
                rawResponse: {
                    statusCode: currentRawResponse.status,
                    body: currentRawResponse.parsedBody,
                    headers: currentRawResponse.headers.toJSON(),
                },
            };
        };
        const lro = createLroSpec({
            sendOperationFn,
            args: {
                resourceGroupName,
                serverName,
                virtualEndpointName,
                parameters,
                options,
            },
            spec: virtualEndpoints_createOperationSpec,
        });
        const poller = await createHttpPoller(lro, {
            restoreFrom: options?.resumeFrom,
            intervalInMs: options?.updateIntervalInMs,
            resourceLocationConfig: "azure-async-operation",
        });
        await poller.poll();
        return poller;
    }
    /**
     * Creates a pair of virtual endpoints for a server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param virtualEndpointName Base name of the virtual endpoints.
     * @param parameters Parameters required to create or update a pair of virtual endpoints.
     * @param options The options parameters.
     */
    async beginCreateAndWait(resourceGroupName, serverName, virtualEndpointName, parameters, options) {
        const poller = await this.beginCreate(resourceGroupName, serverName, virtualEndpointName, parameters, options);
        return poller.pollUntilDone();
    }
    /**
     * Updates a pair of virtual endpoints for a server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param virtualEndpointName Base name of the virtual endpoints.
     * @param parameters Parameters required to update a pair of virtual endpoints.
     * @param options The options parameters.
     */
    async beginUpdate(resourceGroupName, serverName, virtualEndpointName, parameters, options) {
        const directSendOperation = async (args, spec) => {
            return this.client.sendOperationRequest(args, spec);
        };
        const sendOperationFn = async (args, spec) => {
            let currentRawResponse = undefined;
            const providedCallback = args.options?.onResponse;
            const callback = (rawResponse, flatResponse) => {
                currentRawResponse = rawResponse;
                providedCallback?.(rawResponse, flatResponse);
            };
            const updatedArgs = {
                ...args,
                options: {
                    ...args.options,
                    onResponse: callback,
                },
            };
            const flatResponse = await directSendOperation(updatedArgs, spec);
            return {
                flatResponse,
                rawResponse: {
                    statusCode: currentRawResponse.status,
                    body: currentRawResponse.parsedBody,
                    headers: currentRawResponse.headers.toJSON(),
                },
            };
        };
        const lro = createLroSpec({
            sendOperationFn,
            args: {
                resourceGroupName,
                serverName,
                virtualEndpointName,
                parameters,
                options,
            },
            spec: virtualEndpoints_updateOperationSpec,
        });
        const poller = await createHttpPoller(lro, {
            restoreFrom: options?.resumeFrom,
            intervalInMs: options?.updateIntervalInMs,
            resourceLocationConfig: "azure-async-operation",
        });
        await poller.poll();
        return poller;
    }
    /**
     * Updates a pair of virtual endpoints for a server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param virtualEndpointName Base name of the virtual endpoints.
     * @param parameters Parameters required to update a pair of virtual endpoints.
     * @param options The options parameters.
     */
    async beginUpdateAndWait(resourceGroupName, serverName, virtualEndpointName, parameters, options) {
        const poller = await this.beginUpdate(resourceGroupName, serverName, virtualEndpointName, parameters, options);
        return poller.pollUntilDone();
    }
    /**
     * Deletes a pair of virtual endpoints.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param virtualEndpointName Base name of the virtual endpoints.
     * @param options The options parameters.
     */
    async beginDelete(resourceGroupName, serverName, virtualEndpointName, options) {
        const directSendOperation = async (args, spec) => {
            return this.client.sendOperationRequest(args, spec);
        };
        const sendOperationFn = async (args, spec) => {
            let currentRawResponse = undefined;
            const providedCallback = args.options?.onResponse;
            const callback = (rawResponse, flatResponse) => {
                currentRawResponse = rawResponse;
                providedCallback?.(rawResponse, flatResponse);
            };
            const updatedArgs = {
                ...args,
                options: {
                    ...args.options,
                    onResponse: callback,
                },
            };
            const flatResponse = await directSendOperation(updatedArgs, spec);
            return {
                flatResponse,
                rawResponse: {
                    statusCode: currentRawResponse.status,
                    body: currentRawResponse.parsedBody,
                    headers: currentRawResponse.headers.toJSON(),
                },
            };
        };
        const lro = createLroSpec({
            sendOperationFn,
            args: { resourceGroupName, serverName, virtualEndpointName, options },
            spec: virtualEndpoints_deleteOperationSpec,
        });
        const poller = await createHttpPoller(lro, {
            restoreFrom: options?.resumeFrom,
            intervalInMs: options?.updateIntervalInMs,
            resourceLocationConfig: "location",
        });
        await poller.poll();
        return poller;
    }
    /**
     * Deletes a pair of virtual endpoints.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param virtualEndpointName Base name of the virtual endpoints.
     * @param options The options parameters.
     */
    async beginDeleteAndWait(resourceGroupName, serverName, virtualEndpointName, options) {
        const poller = await this.beginDelete(resourceGroupName, serverName, virtualEndpointName, options);
        return poller.pollUntilDone();
    }
    /**
     * Gets information about a pair of virtual endpoints.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param virtualEndpointName Base name of the virtual endpoints.
     * @param options The options parameters.
     */
    get(resourceGroupName, serverName, virtualEndpointName, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, virtualEndpointName, options }, virtualEndpoints_getOperationSpec);
    }
    /**
     * Lists pair of virtual endpoints associated to a server.
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param options The options parameters.
     */
    _listByServer(resourceGroupName, serverName, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, options }, virtualEndpoints_listByServerOperationSpec);
    }
    /**
     * ListByServerNext
     * @param resourceGroupName The name of the resource group. The name is case insensitive.
     * @param serverName The name of the server.
     * @param nextLink The nextLink from the previous successful call to the ListByServer method.
     * @param options The options parameters.
     */
    _listByServerNext(resourceGroupName, serverName, nextLink, options) {
        return this.client.sendOperationRequest({ resourceGroupName, serverName, nextLink, options }, virtualEndpoints_listByServerNextOperationSpec);
    }
}
// Operation Specifications
const virtualEndpoints_serializer = esm/* createSerializer */.rl(mappers_namespaceObject, /* isXml */ false);
const virtualEndpoints_createOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/virtualendpoints/{virtualEndpointName}",
    httpMethod: "PUT",
    responses: {
        200: {
            bodyMapper: VirtualEndpoint,
        },
        201: {
            bodyMapper: VirtualEndpoint,
        },
        202: {
            bodyMapper: VirtualEndpoint,
        },
        204: {
            bodyMapper: VirtualEndpoint,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    requestBody: parameters15,
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        virtualEndpointName,
    ],
    headerParameters: [contentType, accept],
    mediaType: "json",
    serializer: virtualEndpoints_serializer,
};
const virtualEndpoints_updateOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/virtualendpoints/{virtualEndpointName}",
    httpMethod: "PATCH",
    responses: {
        200: {
            bodyMapper: VirtualEndpoint,
        },
        201: {
            bodyMapper: VirtualEndpoint,
        },
        202: {
            bodyMapper: VirtualEndpoint,
        },
        204: {
            bodyMapper: VirtualEndpoint,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    requestBody: parameters16,
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        virtualEndpointName,
    ],
    headerParameters: [contentType, accept],
    mediaType: "json",
    serializer: virtualEndpoints_serializer,
};
const virtualEndpoints_deleteOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/virtualendpoints/{virtualEndpointName}",
    httpMethod: "DELETE",
    responses: {
        200: {
            headersMapper: VirtualEndpointsDeleteHeaders,
        },
        201: {
            headersMapper: VirtualEndpointsDeleteHeaders,
        },
        202: {
            headersMapper: VirtualEndpointsDeleteHeaders,
        },
        204: {
            headersMapper: VirtualEndpointsDeleteHeaders,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        virtualEndpointName,
    ],
    headerParameters: [accept],
    serializer: virtualEndpoints_serializer,
};
const virtualEndpoints_getOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/virtualendpoints/{virtualEndpointName}",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: VirtualEndpoint,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        virtualEndpointName,
    ],
    headerParameters: [accept],
    serializer: virtualEndpoints_serializer,
};
const virtualEndpoints_listByServerOperationSpec = {
    path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/virtualendpoints",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: VirtualEndpointsList,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    queryParameters: [apiVersion],
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
    ],
    headerParameters: [accept],
    serializer: virtualEndpoints_serializer,
};
const virtualEndpoints_listByServerNextOperationSpec = {
    path: "{nextLink}",
    httpMethod: "GET",
    responses: {
        200: {
            bodyMapper: VirtualEndpointsList,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    urlParameters: [
        $host,
        subscriptionId,
        resourceGroupName,
        serverName,
        nextLink,
    ],
    headerParameters: [accept],
    serializer: virtualEndpoints_serializer,
};
//# sourceMappingURL=virtualEndpoints.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-postgresql-flexible/dist/esm/operations/virtualNetworkSubnetUsage.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.



/** Class containing VirtualNetworkSubnetUsage operations. */
class VirtualNetworkSubnetUsageImpl {
    client;
    /**
     * Initialize a new instance of the class VirtualNetworkSubnetUsage class.
     * @param client Reference to the service client
     */
    constructor(client) {
        this.client = client;
    }
    /**
     * Lists the virtual network subnet usage for a given virtual network.
     * @param locationName The name of the location.
     * @param parameters The required parameters for creating or updating a server.
     * @param options The options parameters.
     */
    list(locationName, parameters, options) {
        return this.client.sendOperationRequest({ locationName, parameters, options }, virtualNetworkSubnetUsage_listOperationSpec);
    }
}
// Operation Specifications
const virtualNetworkSubnetUsage_serializer = esm/* createSerializer */.rl(mappers_namespaceObject, /* isXml */ false);
const virtualNetworkSubnetUsage_listOperationSpec = {
    path: "/subscriptions/{subscriptionId}/providers/Microsoft.DBforPostgreSQL/locations/{locationName}/checkVirtualNetworkSubnetUsage",
    httpMethod: "POST",
    responses: {
        200: {
            bodyMapper: VirtualNetworkSubnetUsageModel,
        },
        default: {
            bodyMapper: ErrorResponse,
        },
    },
    requestBody: parameters17,
    queryParameters: [apiVersion],
    urlParameters: [$host, subscriptionId, locationName],
    headerParameters: [contentType, accept],
    mediaType: "json",
    serializer: virtualNetworkSubnetUsage_serializer,
};
//# sourceMappingURL=virtualNetworkSubnetUsage.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-postgresql-flexible/dist/esm/operations/index.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
// Code generated by Microsoft (R) AutoRest Code Generator.
// Changes may cause incorrect behavior and will be lost if the code is regenerated.























//# sourceMappingURL=index.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-postgresql-flexible/dist/esm/postgreSQLManagementFlexibleServerClient.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
// Code generated by Microsoft (R) AutoRest Code Generator.
// Changes may cause incorrect behavior and will be lost if the code is regenerated.



class PostgreSQLManagementFlexibleServerClient extends esm/* ServiceClient */.Nl {
    $host;
    subscriptionId;
    apiVersion;
    constructor(credentials, subscriptionIdOrOptions, options) {
        if (credentials === undefined) {
            throw new Error("'credentials' cannot be null");
        }
        let subscriptionId;
        if (typeof subscriptionIdOrOptions === "string") {
            subscriptionId = subscriptionIdOrOptions;
        }
        else if (typeof subscriptionIdOrOptions === "object") {
            options = subscriptionIdOrOptions;
        }
        // Initializing default values for options
        if (!options) {
            options = {};
        }
        const defaults = {
            requestContentType: "application/json; charset=utf-8",
            credential: credentials,
        };
        const packageDetails = `azsdk-js-arm-postgresql-flexible/9.0.0`;
        const userAgentPrefix = options.userAgentOptions && options.userAgentOptions.userAgentPrefix
            ? `${options.userAgentOptions.userAgentPrefix} ${packageDetails}`
            : `${packageDetails}`;
        const optionsWithDefaults = {
            ...defaults,
            ...options,
            userAgentOptions: {
                userAgentPrefix,
            },
            endpoint: options.endpoint ?? options.baseUri ?? "https://management.azure.com",
        };
        super(optionsWithDefaults);
        let bearerTokenAuthenticationPolicyFound = false;
        if (options?.pipeline && options.pipeline.getOrderedPolicies().length > 0) {
            const pipelinePolicies = options.pipeline.getOrderedPolicies();
            bearerTokenAuthenticationPolicyFound = pipelinePolicies.some((pipelinePolicy) => pipelinePolicy.name === dist_esm/* bearerTokenAuthenticationPolicyName */.uQ);
        }
        if (!options ||
            !options.pipeline ||
            options.pipeline.getOrderedPolicies().length == 0 ||
            !bearerTokenAuthenticationPolicyFound) {
            this.pipeline.removePolicy({
                name: dist_esm/* bearerTokenAuthenticationPolicyName */.uQ,
            });
            this.pipeline.addPolicy(dist_esm/* bearerTokenAuthenticationPolicy */.N$({
                credential: credentials,
                scopes: optionsWithDefaults.credentialScopes ?? `${optionsWithDefaults.endpoint}/.default`,
                challengeCallbacks: {
                    authorizeRequestOnChallenge: esm/* authorizeRequestOnClaimChallenge */.fj,
                },
            }));
        }
        // Parameter assignments
        this.subscriptionId = subscriptionId;
        // Assigning values to Constant parameters
        this.$host = options.$host || "https://management.azure.com";
        this.apiVersion = options.apiVersion || "2025-08-01";
        this.administratorsMicrosoftEntra = new AdministratorsMicrosoftEntraImpl(this);
        this.advancedThreatProtectionSettings = new AdvancedThreatProtectionSettingsImpl(this);
        this.serverThreatProtectionSettings = new ServerThreatProtectionSettingsImpl(this);
        this.backupsAutomaticAndOnDemand = new BackupsAutomaticAndOnDemandImpl(this);
        this.capabilitiesByLocation = new CapabilitiesByLocationImpl(this);
        this.capabilitiesByServer = new CapabilitiesByServerImpl(this);
        this.capturedLogs = new CapturedLogsImpl(this);
        this.configurations = new ConfigurationsImpl(this);
        this.databases = new DatabasesImpl(this);
        this.firewallRules = new FirewallRulesImpl(this);
        this.backupsLongTermRetention = new BackupsLongTermRetentionImpl(this);
        this.migrations = new MigrationsImpl(this);
        this.nameAvailability = new NameAvailabilityImpl(this);
        this.operations = new OperationsImpl(this);
        this.privateDnsZoneSuffix = new PrivateDnsZoneSuffixImpl(this);
        this.privateEndpointConnections = new PrivateEndpointConnectionsImpl(this);
        this.privateLinkResources = new PrivateLinkResourcesImpl(this);
        this.quotaUsages = new QuotaUsagesImpl(this);
        this.replicas = new ReplicasImpl(this);
        this.servers = new ServersImpl(this);
        this.tuningOptionsOperations = new TuningOptionsOperationsImpl(this);
        this.virtualEndpoints = new VirtualEndpointsImpl(this);
        this.virtualNetworkSubnetUsage = new VirtualNetworkSubnetUsageImpl(this);
        this.addCustomApiVersionPolicy(options.apiVersion);
    }
    /** A function that adds a policy that sets the api-version (or equivalent) to reflect the library version. */
    addCustomApiVersionPolicy(apiVersion) {
        if (!apiVersion) {
            return;
        }
        const apiVersionPolicy = {
            name: "CustomApiVersionPolicy",
            async sendRequest(request, next) {
                const param = request.url.split("?");
                if (param.length > 1) {
                    const newParams = param[1].split("&").map((item) => {
                        if (item.indexOf("api-version") > -1) {
                            return "api-version=" + apiVersion;
                        }
                        else {
                            return item;
                        }
                    });
                    request.url = param[0] + "?" + newParams.join("&");
                }
                return next(request);
            },
        };
        this.pipeline.addPolicy(apiVersionPolicy);
    }
    administratorsMicrosoftEntra;
    advancedThreatProtectionSettings;
    serverThreatProtectionSettings;
    backupsAutomaticAndOnDemand;
    capabilitiesByLocation;
    capabilitiesByServer;
    capturedLogs;
    configurations;
    databases;
    firewallRules;
    backupsLongTermRetention;
    migrations;
    nameAvailability;
    operations;
    privateDnsZoneSuffix;
    privateEndpointConnections;
    privateLinkResources;
    quotaUsages;
    replicas;
    servers;
    tuningOptionsOperations;
    virtualEndpoints;
    virtualNetworkSubnetUsage;
}
//# sourceMappingURL=postgreSQLManagementFlexibleServerClient.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/arm-postgresql-flexible/dist/esm/index.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
// Code generated by Microsoft (R) AutoRest Code Generator.
// Changes may cause incorrect behavior and will be lost if the code is regenerated.
/// <reference lib="esnext.asynciterable" />




//# sourceMappingURL=index.js.map

/***/ })

};
