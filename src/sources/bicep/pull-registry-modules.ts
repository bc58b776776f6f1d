import type { TokenCredential } from '@azure/core-auth';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { cachedModuleFile, cachedTemplateSpecFile, type RegistryModule, type TemplateSpec } from './registry-modules.js';

export interface PullOptions {
  /** Where pulled modules are kept, in Bicep's own cache layout. */
  cacheRoot: string;
  /**
   * Live mode's Azure sign-in: exchanged for a registry token by a private Azure Container Registry, and used to read
   * template specs (`ts:`) from Resource Manager at `endpoint`.
   */
  entra?: { credential: TokenCredential; scope: string; endpoint: string };
}

const MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const MODULE_LAYER = 'application/vnd.ms.bicep.module.layer.v1+json';

/**
 * Pulls a registry module's compiled template over the OCI distribution API, as `bicep restore` does, into the cache,
 * and returns its file. Anonymous when the registry allows it (the public registry); a 401 is answered with the
 * registry's token flow: anonymous, or the Entra token exchanged for a registry token (Azure Container Registry).
 * What is pulled is JSON that the scan reads; nothing is executed.
 */
export async function pullRegistryModule(module: RegistryModule, options: PullOptions): Promise<string> {
  const target = cachedModuleFile(options.cacheRoot, module);
  if (existsSync(target)) return target;
  const base = `https://${module.registry}/v2/${module.repository}`;
  const get = authorisedGet(module, options.entra);
  const manifest = (await (await get(`${base}/manifests/${module.tag ?? module.digest}`, MANIFEST)).json()) as { layers?: { mediaType?: string; digest?: string }[] };
  const digest = manifest.layers?.find((layer) => layer.mediaType === MODULE_LAYER)?.digest;
  if (!digest) throw new Error(`${module.registry}/${module.repository} holds no Bicep module (its manifest has no ${MODULE_LAYER} layer)`);
  const template = Buffer.from(await (await get(`${base}/blobs/${digest}`, '*/*')).arrayBuffer());
  if (`sha256:${createHash('sha256').update(template).digest('hex')}` !== digest) throw new Error(`the module layer of ${module.registry}/${module.repository} does not match its digest`);
  return store(target, template);
}

/**
 * Reads a template spec version's template from Resource Manager with live mode's sign-in. Read on every scan, never
 * from an earlier one: a version can be published again with other content.
 */
export async function readTemplateSpec(spec: TemplateSpec, options: PullOptions): Promise<string> {
  if (!options.entra) throw new Error('template specs are read from Resource Manager with live mode\'s Azure sign-in (--live, or the action\'s live inputs)');
  const { token } = (await options.entra.credential.getToken(options.entra.scope)) ?? {};
  const path = ['subscriptions', spec.subscription, 'resourceGroups', spec.resourceGroup, 'providers/Microsoft.Resources/templateSpecs', spec.name, 'versions', spec.version];
  const url = `${options.entra.endpoint}/${path.map((part) => (part.includes('/') ? part : encodeURIComponent(part))).join('/')}?api-version=2022-02-01`;
  const response = await fetch(url, { headers: { authorization: `Bearer ${token ?? ''}` } });
  if (!response.ok) throw new Error(`Resource Manager answered ${response.status} for template spec ${spec.name} version ${spec.version} in ${spec.resourceGroup}`);
  const template = ((await response.json()) as { properties?: { mainTemplate?: unknown } }).properties?.mainTemplate;
  if (typeof template !== 'object' || template === null) throw new Error(`template spec ${spec.name} version ${spec.version} has no template`);
  return store(cachedTemplateSpecFile(options.cacheRoot, spec), Buffer.from(JSON.stringify(template)));
}

/** Written beside and renamed: a concurrent scan reads all of the file or none of it. */
function store(target: string, content: Buffer): string {
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.${randomBytes(6).toString('hex')}.partial`;
  writeFileSync(partial, content);
  renameSync(partial, target);
  return target;
}

/** GET with the registry's Bearer token, obtained on the first 401 as its `WWW-Authenticate` challenge says. */
function authorisedGet(module: RegistryModule, entra: PullOptions['entra']): (url: string, accept: string) => Promise<Response> {
  let token: string | undefined;
  return async (url, accept) => {
    const request = () => fetch(url, { headers: { accept, ...(token && { authorization: `Bearer ${token}` }) } });
    let response = await request();
    if (response.status === 401 && token === undefined) {
      token = await registryToken(module, response.headers.get('www-authenticate') ?? '', entra);
      response = await request();
    }
    if (response.status === 401 || response.status === 403) {
      throw new Error(`${module.registry} refused access to ${module.repository} (${response.status})${entra ? '' : ': a private registry needs live mode\'s Azure sign-in, or `bicep restore` before the scan'}`);
    }
    if (!response.ok) throw new Error(`${module.registry} answered ${response.status} for ${module.repository}:${module.tag ?? module.digest}`);
    return response;
  };
}

/**
 * A registry token for pulling the repository. With an Entra sign-in, Azure Container Registry's exchange: the Entra
 * token for a refresh token (`/oauth2/exchange`), then that for an access token scoped to the repository; without
 * one, the anonymous token of the challenge's realm.
 */
async function registryToken(module: RegistryModule, challenge: string, entra: PullOptions['entra']): Promise<string> {
  const fields = Object.fromEntries([...challenge.matchAll(/(\w+)="([^"]*)"/g)].map(([, key, value]) => [key!.toLowerCase(), value!]));
  if (!/^bearer\s/i.test(challenge) || !fields.realm) throw new Error(`${module.registry} asks for credentials pgbaseline cannot give (${challenge.split(/\s/)[0] || 'no challenge'})`);
  const service = fields.service ?? module.registry;
  const scope = fields.scope ?? `repository:${module.repository}:pull`;
  const realm = new URL(fields.realm);
  if (entra) {
    const signedIn = await entra.credential.getToken(entra.scope);
    if (!signedIn) throw new Error(`no Entra token for ${module.registry}`);
    const exchanged = await postForm(new URL('/oauth2/exchange', realm), { grant_type: 'access_token', service, access_token: signedIn.token });
    const access = await postForm(realm, { grant_type: 'refresh_token', service, scope, refresh_token: exchanged.refresh_token ?? '' });
    if (access.access_token) return access.access_token;
    throw new Error(`${module.registry} gave no access token for ${module.repository}`);
  }
  realm.searchParams.set('service', service);
  realm.searchParams.set('scope', scope);
  const response = await fetch(realm);
  const body = response.ok ? ((await response.json()) as { token?: string; access_token?: string }) : {};
  const anonymous = body.token ?? body.access_token;
  if (!anonymous) throw new Error(`${module.registry} does not allow anonymous pulls of ${module.repository}: a private registry needs live mode's Azure sign-in, or \`bicep restore\` before the scan`);
  return anonymous;
}

async function postForm(url: URL, form: Record<string, string>): Promise<{ refresh_token?: string; access_token?: string }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
  if (!response.ok) throw new Error(`${url.host}${url.pathname} answered ${response.status}`);
  return (await response.json()) as { refresh_token?: string; access_token?: string };
}
