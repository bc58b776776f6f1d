import * as core from '@actions/core';
import { readFileSync } from 'node:fs';
import { availableParallelism, homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from './engine/finding.js';
import { levelOf } from './engine/severity.js';
import { terraformTokens } from './config/terraform-tokens.js';
import { createClient } from './github/client.js';
import { readInputs, type LiveInputs } from './github/inputs.js';
import type { ActionEnvironment, ActionHost } from './github/action-context.js';
import { runAction } from './github/run-action.js';
import type { ScanOptions } from './collect.js';
import { signInToAzure } from './sign-in.js';

/** The action: the only module that reads inputs, the runner's environment, and decides the exit. */
export async function run(entry: string): Promise<void> {
  try {
    const inputs = readInputs((name) => core.getInput(name));
    core.setSecret(inputs.token);
    const env: ActionEnvironment = {
      workspace: process.env.GITHUB_WORKSPACE ?? process.cwd(),
      eventName: process.env.GITHUB_EVENT_NAME ?? '',
      payload: readEvent(process.env.GITHUB_EVENT_PATH),
      repository: process.env.GITHUB_REPOSITORY ?? '',
      sha: process.env.GITHUB_SHA ?? '',
      actor: process.env.GITHUB_ACTOR ?? '',
      runKey: `${process.env.GITHUB_WORKFLOW ?? 'workflow'}/${process.env.GITHUB_JOB ?? 'job'}/${inputs.workingDirectory}`,
      parallel: { entry, workers: Math.min(availableParallelism(), 4) },
      bicepCache: join(homedir(), '.bicep'),
      moduleCache: join(process.env.RUNNER_TOOL_CACHE ?? tmpdir(), 'pgbaseline-modules'),
      terraformTokens: terraformTokens(process.env),
    };
    const host: ActionHost = {
      info: (message) => core.info(message),
      warning: (message) => core.warning(message),
      annotate: annotate,
      writeSummary: async (markdown) => {
        await core.summary.addRaw(markdown).write();
      },
      setOutput: (name, value) => core.setOutput(name, value),
    };
    const result = await runAction(inputs, env, host, createClient(inputs.token, host), await liveOptions(inputs.live));
    if (result.failure) core.setFailed(result.failure);
  } catch (error) {
    core.setFailed(`pgbaseline: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * OIDC federation: the workflow's ID token (`permissions: id-token: write`) is exchanged for an Entra
 * token; without one (a fork PR, or no federated credential), the Azure CLI login of azure/login.
 */
async function liveOptions(live: LiveInputs): Promise<ScanOptions['live']> {
  if (!live.enabled) return undefined;
  const connection = await signInToAzure({
    cloud: live.environment,
    authorityHost: process.env.AZURE_AUTHORITY_HOST,
    armEndpoint: live.armEndpoint,
    clientId: live.clientId,
    tenantId: live.tenantId,
    federatedToken: () => core.getIDToken('api://AzureADTokenExchange'),
  });
  return {
    ...connection,
    serverIds: live.servers,
    scopes: live.scopes,
    declared: live.declared,
    ...(live.subscriptionId && { subscriptionId: live.subscriptionId }),
  };
}

function readEvent(path: string | undefined): Record<string, unknown> {
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function annotate(finding: Finding): void {
  const properties = { file: finding.file, startLine: finding.line, endLine: Math.max(finding.line, finding.endLine), title: `${finding.severity}: ${finding.ruleId}` };
  if (levelOf(finding.severity) === 'error') core.error(finding.message, properties);
  else core.warning(finding.message, properties);
}
