/** Resource Manager and Entra endpoints of the Azure clouds (`azure-environment`). */
export const AZURE_CLOUDS = {
  AzureCloud: { arm: 'https://management.azure.com', authority: 'https://login.microsoftonline.com' },
  AzureUSGovernment: { arm: 'https://management.usgovcloudapi.net', authority: 'https://login.microsoftonline.us' },
  AzureChinaCloud: { arm: 'https://management.chinacloudapi.cn', authority: 'https://login.chinacloudapi.cn' },
} as const;

export type AzureCloudName = keyof typeof AZURE_CLOUDS;

export function isAzureCloud(name: string): name is AzureCloudName {
  return name in AZURE_CLOUDS;
}

/** Tokens are always requested for the cloud's Resource Manager, even when requests go to an override. */
export function credentialScope(cloud: AzureCloudName): string {
  return `${AZURE_CLOUDS[cloud].arm}/.default`;
}
