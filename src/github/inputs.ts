import { SEVERITIES, type Severity } from '../engine/severity.js';
import { isValidDate } from '../config/calendar-day.js';
import { AZURE_CLOUDS, isAzureCloud, type AzureCloudName } from '../config/azure-clouds.js';

export type FilterMode = 'added' | 'diff_context' | 'file' | 'nofilter';
export type FailScope = 'changed-resources' | 'changed-lines' | 'all';
export type CommentMode = 'update' | 'on-findings' | 'hide-and-new' | 'off';
export type StaleComments = 'resolve' | 'keep';

/** The action's inputs, validated. Paths are relative to the workspace. */
export interface ActionInputs {
  token: string;
  paths: string[];
  workingDirectory: string;
  failOn?: Severity | 'none';
  failScope: FailScope;
  filterMode: FilterMode;
  commentThreshold: Severity;
  maxInlineComments: number;
  suggestions: boolean;
  commentMode: CommentMode;
  staleComments: StaleComments;
  checkName: string;
  configFile?: string;
  baselineFile?: string;
  whatIfFiles: string[];
  planFiles: string[];
  paramFiles: string[];
  sarifFile?: string;
  jsonReport?: string;
  /** Evaluate as of this day (input `now`), for reproducible verdicts; today when absent. */
  now?: Date;
  /** Download Terraform registry and Git modules that `terraform init` has not (input `download-modules`). */
  downloadModules: boolean;
  live: LiveInputs;
}

/** Live state: OIDC federation needs all three ids; read-only, Reader role. */
export interface LiveInputs {
  enabled: boolean;
  /** Read the servers the scanned IaC declares (input `live`). */
  declared: boolean;
  servers: string[];
  scopes: string[];
  clientId?: string;
  tenantId?: string;
  subscriptionId?: string;
  environment: AzureCloudName;
  armEndpoint?: string;
}

/** An invalid input: the message names it and says what it accepts. */
export class InputError extends Error {}

/** Reads and validates inputs through `read` (core.getInput in the action, a map in tests). */
export function readInputs(read: (name: string) => string): ActionInputs {
  const text = (name: string) => read(name).trim();
  const list = (name: string) =>
    text(name)
      .split(/[\n,]/)
      .map((item) => item.trim())
      .filter(Boolean);
  const choice = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const value = text(name) || fallback;
    if (!allowed.includes(value as T)) throw new InputError(`Input '${name}' must be one of ${allowed.join(', ')}; got '${value}'.`);
    return value as T;
  };
  const integer = (name: string, fallback: number, min: number, max: number) => {
    const raw = text(name);
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) throw new InputError(`Input '${name}' must be a whole number from ${min} to ${max}; got '${raw}'.`);
    return value;
  };
  const boolean = (name: string, fallback: boolean) => {
    const raw = text(name).toLowerCase();
    if (!raw) return fallback;
    if (raw === 'true' || raw === 'false') return raw === 'true';
    throw new InputError(`Input '${name}' must be true or false; got '${raw}'.`);
  };
  const optional = (name: string) => text(name) || undefined;

  const token = text('github-token');
  if (!token) throw new InputError("Input 'github-token' is required (the default is the workflow's GITHUB_TOKEN).");
  const failOn = optional('fail-on');
  if (failOn !== undefined && failOn !== 'none' && !SEVERITIES.includes(failOn as Severity)) {
    throw new InputError(`Input 'fail-on' must be one of ${[...SEVERITIES, 'none'].join(', ')}; got '${failOn}'.`);
  }
  const now = optional('now');
  if (now !== undefined && !isValidDate(now)) throw new InputError(`Input 'now' must be a real day written YYYY-MM-DD; got '${now}'.`);
  return {
    token,
    paths: list('paths'),
    workingDirectory: text('working-directory') || '.',
    ...(failOn && { failOn: failOn as Severity | 'none' }),
    failScope: choice('fail-scope', ['changed-resources', 'changed-lines', 'all'] as const, 'changed-resources'),
    filterMode: choice('filter-mode', ['added', 'diff_context', 'file', 'nofilter'] as const, 'added'),
    commentThreshold: choice('comment-threshold', SEVERITIES, 'medium'),
    maxInlineComments: integer('max-inline-comments', 30, 0, 100),
    suggestions: boolean('suggestions', true),
    commentMode: choice('comment-mode', ['update', 'on-findings', 'hide-and-new', 'off'] as const, 'update'),
    staleComments: choice('stale-comments', ['resolve', 'keep'] as const, 'resolve'),
    checkName: text('check-name') || 'pgbaseline',
    configFile: optional('config-file'),
    baselineFile: optional('baseline-file'),
    whatIfFiles: list('whatif-file'),
    planFiles: list('plan-file'),
    paramFiles: list('params-file'),
    sarifFile: optional('sarif-file'),
    jsonReport: optional('json-report'),
    ...(now && { now: new Date(`${now}T00:00:00Z`) }),
    downloadModules: boolean('download-modules', true),
    live: readLiveInputs(boolean('live', false), list('live-servers'), list('live-scope'), optional, text),
  };
}

function readLiveInputs(
  enabled: boolean,
  servers: string[],
  scopes: string[],
  optional: (name: string) => string | undefined,
  text: (name: string) => string,
): LiveInputs {
  const environment = text('azure-environment') || 'AzureCloud';
  if (!isAzureCloud(environment)) {
    throw new InputError(`Input 'azure-environment' must be one of ${Object.keys(AZURE_CLOUDS).join(', ')}; got '${environment}'.`);
  }
  const live: LiveInputs = {
    enabled: enabled || servers.length > 0 || scopes.length > 0,
    declared: enabled,
    servers,
    scopes,
    environment,
    ...(optional('azure-client-id') && { clientId: optional('azure-client-id') }),
    ...(optional('azure-tenant-id') && { tenantId: optional('azure-tenant-id') }),
    ...(optional('azure-subscription-id') && { subscriptionId: optional('azure-subscription-id') }),
    ...(optional('azure-arm-endpoint') && { armEndpoint: optional('azure-arm-endpoint') }),
  };
  if (live.clientId && !live.tenantId) throw new InputError("Input 'azure-tenant-id' is required with 'azure-client-id'.");
  if (enabled && !live.subscriptionId) throw new InputError("Input 'live' needs 'azure-subscription-id' to find the servers the IaC declares.");
  return live;
}
