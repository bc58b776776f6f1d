import type { TokenCredential } from '@azure/core-auth';
import { AZURE_CLOUDS, credentialScope, type AzureCloudName } from './config/azure-clouds.js';
import type { LiveOptions } from './sources/live/read-live.js';

/** How the entry signs in: a secret (the CLI's service principal) or a federated token (the action's OIDC). */
export interface SignIn {
  cloud: AzureCloudName;
  /** `AZURE_AUTHORITY_HOST` when set: another Entra (sovereign, or a test's). */
  authorityHost?: string;
  /** Resource Manager endpoint override. */
  armEndpoint?: string;
  clientId?: string;
  tenantId?: string;
  clientSecret?: string;
  /** The workflow's OIDC token, exchanged for an Entra token (`permissions: id-token: write`). */
  federatedToken?: () => Promise<string>;
}

/**
 * The one place Azure sign-in is set up, for the CLI and the action alike: the service principal or federated identity
 * when given, else the Azure CLI's login (`az login`, or azure/login in a workflow). Read-only use: the tokens are for
 * Resource Manager reads.
 */
export async function signInToAzure(options: SignIn): Promise<Pick<LiveOptions, 'credential' | 'endpoint' | 'credentialScope' | 'authorityHost'>> {
  // Loaded on demand: @azure/identity would otherwise add ~100 ms to every start-up.
  const { AzureCliCredential, ChainedTokenCredential, ClientAssertionCredential, ClientSecretCredential } = await import('@azure/identity');
  const cloud = AZURE_CLOUDS[options.cloud];
  const authorityHost = options.authorityHost ?? cloud.authority;
  const settings = { authorityHost, disableInstanceDiscovery: authorityHost !== cloud.authority };
  const credentials: TokenCredential[] = [];
  const { clientId, tenantId } = options;
  if (clientId && tenantId && options.clientSecret) credentials.push(new ClientSecretCredential(tenantId, clientId, options.clientSecret, settings));
  else if (clientId && tenantId && options.federatedToken) credentials.push(new ClientAssertionCredential(tenantId, clientId, options.federatedToken, settings));
  credentials.push(new AzureCliCredential());
  return {
    credential: credentials.length === 1 ? credentials[0]! : new ChainedTokenCredential(...credentials),
    endpoint: (options.armEndpoint ?? cloud.arm).replace(/\/$/, ''),
    credentialScope: credentialScope(options.cloud),
    authorityHost,
  };
}
