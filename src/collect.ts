import { isAbsolute, join } from 'node:path';
import { RULES } from '../rules/index.js';
import type { Config } from './config/config.js';
import { findDrift, labelLiveFindings, pairServers } from './engine/compare-live.js';
import { evaluateRules } from './engine/evaluate-rules.js';
import { fingerprint, type Finding } from './engine/finding.js';
import { FINDING_KINDS, PARSE_ERROR } from './engine/finding-kinds.js';
import type { Rule } from './engine/rule.js';
import type { Collected } from './engine/scan-result.js';
import type { DiscoveredFiles } from './files/discover.js';
import { buildServers } from './model/build-servers.js';
import type { Problem } from './model/problem.js';
import type { ArmResource } from './model/resource.js';
import { nameKey } from './model/value.js';
import type { LoadedBaseline } from './scope/baseline.js';
import { scanArm } from './sources/arm/scan-arm.js';
import { scanBicep } from './sources/bicep/scan-bicep.js';
import { mergeDeployed } from './sources/deployed/overlay.js';
import type { LiveOptions } from './sources/live/read-live.js';
import type { SourceResult } from './sources/source-result.js';
import { readPlans } from './sources/terraform-plan/read-plan.js';
import type { DownloadOptions } from './sources/terraform/download-modules.js';
import { scanTerraform } from './sources/terraform/scan-terraform.js';
import { readWhatIfs } from './sources/what-if/read-what-if.js';

export interface ScanOptions {
  /** Files and folders to scan, relative to `cwd`. */
  paths: string[];
  cwd: string;
  varFiles?: string[];
  vars?: Record<string, string>;
  /** `--params`: ARM parameters files and `.bicepparam` files. */
  paramFiles?: string[];
  /** `terraform show -json` plans: what Terraform will deploy settles what the source leaves unknown. */
  planFiles?: string[];
  /** `az deployment … what-if --no-pretty-print` results, likewise for Bicep and ARM. */
  whatIfFiles?: string[];
  /** Read servers from Azure too: evaluate the rules on them and report drift from the IaC. */
  live?: Omit<LiveOptions, 'declaredNames'> & { declared: boolean };
  /** `.pgbaseline.yml`, already loaded; none means every rule on with its defaults. */
  config?: Config;
  baseline?: LoadedBaseline;
  /** The clock for date-dependent rules and suppression expiry. */
  now?: Date;
  maxFileBytes?: number;
  /** Bicep's cache folder (`~/.bicep`): registry modules that `bicep restore` cached are read from it. */
  bicepCache?: string;
  /** Download Terraform registry and Git modules that `terraform init` has not, into this cache. */
  downloadModules?: DownloadOptions;
  rules?: readonly Rule[];
  /** Rethrow rule exceptions instead of reporting them (for tests). */
  strict?: boolean;
  /**
   * Scan independent parts of a large tree in worker threads. `entry` is the entry module, which
   * runs `runScanWorker` when started as a worker (only entry files know their own URL).
   */
  parallel?: { entry: string; workers: number };
  /** Told how many files the scan found and on how many threads, before it reads them: for a progress line. */
  onStart?: (files: number, threads: number) => void;
}

/** Front-ends, model and rules over a set of files. Runs in the main thread or in a worker. */
export async function collect(files: DiscoveredFiles, options: ScanOptions & { config: Config; now: Date }): Promise<Collected> {
  const { config, now } = options;
  const rules = (options.rules ?? RULES).filter((rule) => config.rules[rule.id]?.enabled !== false);
  const sources: SourceResult[] = [
    await scanTerraform(files.terraform, {
      cwd: options.cwd,
      varFiles: options.varFiles,
      vars: options.vars,
      maxFileBytes: options.maxFileBytes,
      downloads: options.downloadModules,
    }),
    scanArm(files.json, { cwd: options.cwd, paramFiles: options.paramFiles?.filter((file) => file.endsWith('.json')), maxFileBytes: options.maxFileBytes }),
    await scanBicep(files.bicep, {
      cwd: options.cwd,
      paramFiles: options.paramFiles?.filter((file) => file.endsWith('.bicepparam')),
      maxFileBytes: options.maxFileBytes,
      bicepCache: options.bicepCache,
      ...(options.downloadModules && {
        pulls: {
          cacheRoot: join(options.downloadModules.cacheDir, 'bicep'),
          ...(options.live && { entra: { credential: options.live.credential, scope: options.live.credentialScope, endpoint: options.live.endpoint } }),
        },
      }),
    }),
  ];
  const problems = sources.flatMap((source) => source.problems);
  const notices = sources.flatMap((source) => source.notices);
  let resources = sources.flatMap((source) => source.resources);
  if (options.planFiles?.length) {
    const plans = readPlans(options.planFiles, options.cwd, options.maxFileBytes);
    problems.push(...plans.problems);
    resources = mergeDeployed(resources, plans.deployed, (resource) => (resource.format === 'terraform' ? [resource.address] : []));
  }
  if (options.whatIfFiles?.length) {
    const whatIfs = readWhatIfs(options.whatIfFiles, options.cwd, options.maxFileBytes);
    problems.push(...whatIfs.problems);
    resources = mergeDeployed(resources, whatIfs.deployed, templateKeys);
  }
  const servers = buildServers(resources);
  const evaluationOptions = {
    now,
    ruleOptions: Object.fromEntries(Object.entries(config.rules).map(([id, settings]) => [id, settings.options])),
    strict: options.strict,
  };
  const evaluation = evaluateRules(servers, rules, evaluationOptions);
  if (options.live) {
    const declaredNames = options.live.declared ? servers.filter((server) => server.kind === 'flexible' && !server.name.includes('[')).map((server) => server.name) : [];
    // Loaded on demand: the Azure SDK is most of the start-up time of a scan that does not use it.
    const { readLive } = await import('./sources/live/read-live.js');
    const live = await readLive({ ...options.live, declaredNames });
    notices.push(...live.problems.map((problem) => ({ kind: 'live-state' as const, message: `Live state: ${problem.message}` })));
    const liveServers = buildServers(live.resources);
    const pairs = pairServers(servers, liveServers);
    const liveEvaluation = evaluateRules(liveServers, rules, evaluationOptions);
    evaluation.findings.push(...findDrift(pairs), ...labelLiveFindings(liveEvaluation.findings, pairs, evaluation.findings));
    evaluation.notEvaluated.push(...liveEvaluation.notEvaluated);
    evaluation.verdicts.push(...liveEvaluation.verdicts);
  }
  return {
    findings: [...problems.map(toParseError), ...evaluation.findings.map(anchorInCheckout)],
    notEvaluated: evaluation.notEvaluated,
    annotations: sources.flatMap((source) => source.annotations),
    servers: servers.length,
    verdicts: evaluation.verdicts,
    notices,
  };
}

/** How a what-if change finds its Bicep or ARM declaration: the symbolic name, or type and name. */
function templateKeys(resource: ArmResource): string[] {
  if (resource.format === 'terraform') return [];
  const symbol = resource.address.split('/').pop()!.split('::').pop()!.replace(/\[\d+\]$/, '');
  const keys = [`symbol:${symbol}`];
  const name = nameKey(resource.name);
  const parent = resource.parent && nameKey(resource.parent);
  const parentName = parent?.split('/').pop();
  if (name && !name.includes('{{') && (!resource.parent || (parentName && !parentName.includes('{{')))) {
    keys.push(`name:${resource.type.toLowerCase()}/${[resource.parent ? parentName : undefined, name].filter(Boolean).join('/').toLowerCase()}`);
  }
  return keys;
}

/** Module code the repository does not hold: `terraform init`'s copies, Bicep's restore cache. */
function outsideCheckout(file: string): boolean {
  return isAbsolute(file) || /(^|[\\/])\.terraform[\\/]/.test(file);
}

/**
 * A finding in module code the repository does not hold (a default of a registry module) sits on the module call
 * that brought it in, where a reviewer can act on it; the message says where in the module it comes from.
 */
function anchorInCheckout(finding: Finding): Finding {
  if (!outsideCheckout(finding.file)) return finding;
  const call = finding.declaredAt?.findLast((at) => !outsideCheckout(at.file));
  if (!call) return finding;
  const origin = `${finding.file.replace(/^.*[\\/]\.terraform[\\/]modules[\\/]/, '').replace(/^.*[\\/]\.bicep[\\/]br[\\/]/, '')}:${finding.line}`;
  return { ...finding, file: call.file, line: call.line, endLine: call.line, message: `${finding.message} (In the module's code, ${origin}.)` };
}

function toParseError(problem: Problem): Finding {
  return {
    ruleId: PARSE_ERROR,
    severity: 'high',
    title: FINDING_KINDS.get(PARSE_ERROR)!.title,
    message: problem.message,
    file: problem.at.file,
    line: problem.at.line,
    endLine: problem.at.endLine,
    resource: problem.at.file,
    fingerprint: fingerprint(PARSE_ERROR, problem.at.file, problem.at.file),
  };
}
