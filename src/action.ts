import * as core from '@actions/core';
import { readFileSync } from 'node:fs';
import type { Finding } from './engine/finding.js';
import { createClient } from './github/client.js';
import { readInputs } from './github/inputs.js';
import { runAction, type ActionEnvironment, type ActionHost } from './github/run-action.js';

/** The action: the only module that reads inputs, the runner's environment, and decides the exit. */
export async function run(): Promise<void> {
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
    const result = await runAction(inputs, env, host, createClient(inputs.token, host));
    if (result.failure) core.setFailed(result.failure);
  } catch (error) {
    core.setFailed(`pgbaseline: ${error instanceof Error ? error.message : String(error)}`);
  }
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
  if (finding.severity === 'critical' || finding.severity === 'high') core.error(finding.message, properties);
  else core.warning(finding.message, properties);
}
