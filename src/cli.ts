import { existsSync, writeFileSync } from 'node:fs';
import { availableParallelism, homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { RULES } from '../rules/index.js';
import { ConfigError } from './config/find-config.js';
import { resolveSettings } from './settings.js';
import { blockingFindings, SEVERITIES, type FailOn, type Severity } from './engine/severity.js';
import { UnknownPathError } from './files/discover.js';
import { formatJson } from './report/format-json.js';
import { formatJunit } from './report/format-junit.js';
import { formatMarkdown } from './report/format-markdown.js';
import { formatSarif } from './report/format-sarif.js';
import { formatText, type TextOptions } from './report/format-text.js';
import type { ScanOptions } from './collect.js';
import type { ScanResult } from './engine/scan-result.js';
import { scan } from './scan.js';
import { AZURE_CLOUDS, isAzureCloud } from './config/azure-clouds.js';
import { signInToAzure } from './sign-in.js';
import { BaselineError, createBaseline } from './scope/baseline.js';
import { isValidDate } from './config/calendar-day.js';
import { terraformTokens } from './config/terraform-tokens.js';
import { VERSION } from './version.js';

const USAGE = `Usage: pgbaseline scan [options] <paths...>

Checks Azure Database for PostgreSQL flexible server IaC against Microsoft's security baseline.

Options:
  --format <text|json|sarif|markdown|junit>
                                       output format (default: text); junit for test tabs
  --output <file>                      write the report to a file instead of stdout
  --compact                            text: one line a finding, no fixes (for CI logs)
  --download-modules                   download Terraform registry and Git modules that terraform init
                                       has not, and pull Bicep registry modules that bicep restore has not
                                       (cached in ~/.cache/pgbaseline; TF_TOKEN_<host> for private Terraform
                                       registries, the --live sign-in for Azure Container Registry)
  --fail-on <critical|high|medium|low|none>
                                       exit 1 when a finding is at or above this severity
                                       (default: failOn of the configuration, else critical)
  --var-file <file>                    Terraform variables file (repeatable)
  --var <name=value>                   Terraform variable (repeatable)
  --params <file>                      .bicepparam or ARM parameters file (repeatable)
  --plan <file>                        Terraform plan JSON, from terraform show -json (repeatable)
  --whatif <file>                      Azure what-if JSON, from az … what-if --no-pretty-print (repeatable)
  --live                               also read the servers the IaC declares from Azure (needs
                                       --azure-subscription): rules on live state, and drift
  --live-server <resource-id>          also read this server from Azure (repeatable)
  --live-scope <scope>                 also read every server in /subscriptions/<id>[/resourceGroups/<rg>]
  --azure-subscription <id>            subscription of --live (default: AZURE_SUBSCRIPTION_ID)
  --azure-environment <name>           AzureCloud, AzureUSGovernment or AzureChinaCloud (default: AzureCloud)
  --arm-endpoint <url>                 Resource Manager endpoint override
  --config <file>                      configuration file (default: the nearest .pgbaseline.yml
                                       in the first path's folder or above)
  --baseline <file>                    report the findings recorded in this baseline as existing,
                                       not gating (default: the configuration's baseline)
  --write-baseline <file>              record today's findings as accepted, with --reason, and exit
  --reason <text>                      why the baseline's findings are accepted
  --now <YYYY-MM-DD>                   evaluate as of this day (end-of-life dates, suppression expiry),
                                       so that a scan can be reproduced later (default: today)
  -h, --help                           show this help
  -v, --version                        show the version

Exit codes: 0 no finding at or above --fail-on, 1 the gate tripped, 2 usage error.
`;

const FORMATS = {
  text: (result: ScanResult, options: TextOptions) => formatText(result, options),
  json: formatJson,
  markdown: formatMarkdown,
  junit: formatJunit,
  sarif: (result: ScanResult) => formatSarif(result, RULES, VERSION),
} as const;

/** Colour for a terminal; NO_COLOR and FORCE_COLOR as https://no-color.org and Node itself read them. */
function wantsColor(toFile: boolean): boolean {
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR !== undefined) return process.env.FORCE_COLOR !== '0';
  return !toFile && process.stdout.isTTY === true;
}

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      output: { type: 'string' },
      'fail-on': { type: 'string' },
      'var-file': { type: 'string', multiple: true },
      var: { type: 'string', multiple: true },
      params: { type: 'string', multiple: true },
      plan: { type: 'string', multiple: true },
      whatif: { type: 'string', multiple: true },
      live: { type: 'boolean' },
      'live-server': { type: 'string', multiple: true },
      'live-scope': { type: 'string', multiple: true },
      'azure-subscription': { type: 'string' },
      'azure-environment': { type: 'string', default: 'AzureCloud' },
      'arm-endpoint': { type: 'string' },
      config: { type: 'string' },
      baseline: { type: 'string' },
      'write-baseline': { type: 'string' },
      reason: { type: 'string' },
      now: { type: 'string' },
      compact: { type: 'boolean' },
      'download-modules': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const [command, ...paths] = positionals;
  if (command !== 'scan') throw new UsageError(command ? `Unknown command '${command}'.` : 'Missing command.');
  if (paths.length === 0 && !values.plan?.length && !values.whatif?.length && !values['live-server']?.length && !values['live-scope']?.length) {
    throw new UsageError('scan needs at least one file or folder, --plan, --whatif, --live-server or --live-scope.');
  }
  const format = values.format as keyof typeof FORMATS;
  if (!(format in FORMATS)) throw new UsageError(`--format must be one of ${Object.keys(FORMATS).join(', ')}; got '${values.format}'.`);
  const failOnFlag = values['fail-on'];
  if (failOnFlag !== undefined && failOnFlag !== 'none' && !SEVERITIES.includes(failOnFlag as Severity)) {
    throw new UsageError(`--fail-on must be one of ${[...SEVERITIES, 'none'].join(', ')}; got '${failOnFlag}'.`);
  }
  if (values.now !== undefined && !isValidDate(values.now)) throw new UsageError(`--now must be a real day written YYYY-MM-DD; got '${values.now}'.`);
  const writeBaseline = values['write-baseline'];
  if (writeBaseline && !values.reason?.trim()) throw new UsageError('--write-baseline needs --reason: say why these findings are accepted.');

  const cwd = process.cwd();
  for (const file of [...(values['var-file'] ?? []), ...(values.params ?? []), ...(values.plan ?? []), ...(values.whatif ?? [])]) {
    if (!existsSync(resolve(cwd, file))) throw new UsageError(`No such file: ${file}`);
  }
  const badParams = (values.params ?? []).find((file) => !file.endsWith('.bicepparam') && !file.endsWith('.json'));
  if (badParams) throw new UsageError(`--params takes a .bicepparam or ARM parameters (.json) file; got '${badParams}'.`);
  const progress = progressLine();
  const { config, baseline } = await resolveSettings({
    cwd,
    configFile: values.config,
    searchFrom: paths[0] ?? values.plan?.[0] ?? values.whatif?.[0] ?? '.',
    baselineFile: values.baseline,
    writingBaseline: writeBaseline !== undefined,
  });
  const now = values.now ? new Date(`${values.now}T00:00:00Z`) : new Date();
  const result = await scan({
    paths,
    cwd,
    config,
    baseline,
    varFiles: values['var-file'],
    vars: parseVars(values.var ?? []),
    paramFiles: values.params,
    planFiles: values.plan,
    whatIfFiles: values.whatif,
    live: await liveOptions(values),
    parallel: { entry: import.meta.url, workers: Number(process.env.PGBASELINE_WORKERS) || Math.min(availableParallelism(), 4) },
    now,
    bicepCache: join(homedir(), '.bicep'),
    onStart: (files, threads) => progress.start(files, threads),
    ...(values['download-modules'] && {
      downloadModules: { cacheDir: join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'pgbaseline', 'modules'), tokens: terraformTokens(process.env) },
    }),
  });
  progress.stop();
  for (const notice of result.notices) process.stderr.write(`pgbaseline: warning: ${notice.file ? `${notice.file}:${notice.line ?? 1}: ` : ''}${notice.message}\n`);
  if (writeBaseline) {
    const recorded = createBaseline(result.findings, values.reason!.trim(), now, { cwd, file: writeBaseline });
    writeFileSync(writeBaseline, `${JSON.stringify(recorded, null, 2)}\n`);
    process.stdout.write(`Recorded ${recorded.findings.length} finding(s) in ${writeBaseline}.\n`);
    return 0;
  }
  const report = FORMATS[format](result, { color: wantsColor(values.output !== undefined), compact: values.compact });
  if (values.output) {
    writeFileSync(values.output, report);
    process.stderr.write(`pgbaseline: wrote the ${format} report to ${values.output}\n`);
  } else {
    process.stdout.write(report);
  }
  return blockingFindings(result.findings, (failOnFlag ?? config.failOn ?? 'critical') as FailOn).length > 0 ? 1 : 0;
}

/**
 * A line on a terminal's stderr while a large scan runs (how many files, on how many threads, for how long), cleared
 * when it ends. Nothing when stderr is not a terminal: CI logs get the report only.
 */
function progressLine(): { start(files: number, threads: number): void; stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  const started = Date.now();
  return {
    start(files, threads) {
      if (!process.stderr.isTTY || files < 200) return;
      const draw = () =>
        process.stderr.write(`\rpgbaseline: scanning ${files.toLocaleString('en-US')} files on ${threads} thread${threads === 1 ? '' : 's'}… ${Math.round((Date.now() - started) / 1000)} s`);
      draw();
      timer = setInterval(draw, 1000);
      timer.unref();
    },
    stop() {
      if (!timer) return;
      clearInterval(timer);
      process.stderr.write('\r\u001b[2K');
    },
  };
}

/**
 * Live state, read-only: a service principal from AZURE_CLIENT_ID / AZURE_TENANT_ID / AZURE_CLIENT_SECRET
 * when set, else the developer's `az login`.
 */
async function liveOptions(values: {
  live?: boolean;
  'live-server'?: string[];
  'live-scope'?: string[];
  'azure-subscription'?: string;
  'azure-environment'?: string;
  'arm-endpoint'?: string;
}): Promise<ScanOptions['live']> {
  if (!values.live && !values['live-server']?.length && !values['live-scope']?.length) return undefined;
  const cloud = values['azure-environment'] ?? 'AzureCloud';
  if (!isAzureCloud(cloud)) throw new UsageError(`--azure-environment must be one of ${Object.keys(AZURE_CLOUDS).join(', ')}; got '${cloud}'.`);
  const connection = await signInToAzure({
    cloud,
    authorityHost: process.env.AZURE_AUTHORITY_HOST,
    armEndpoint: values['arm-endpoint'],
    clientId: process.env.AZURE_CLIENT_ID,
    tenantId: process.env.AZURE_TENANT_ID,
    clientSecret: process.env.AZURE_CLIENT_SECRET,
  });
  const subscriptionId = values['azure-subscription'] ?? process.env.AZURE_SUBSCRIPTION_ID;
  if (values.live && !subscriptionId) throw new UsageError('--live needs --azure-subscription (or AZURE_SUBSCRIPTION_ID).');
  return {
    ...connection,
    serverIds: values['live-server'] ?? [],
    scopes: values['live-scope'] ?? [],
    declared: values.live ?? false,
    ...(subscriptionId && { subscriptionId }),
  };
}

function parseVars(pairs: string[]): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const pair of pairs) {
    const separator = pair.indexOf('=');
    if (separator <= 0) throw new UsageError(`--var must look like name=value; got '${pair}'.`);
    vars[pair.slice(0, separator)] = pair.slice(separator + 1);
  }
  return vars;
}

/** The command line: runs `pgbaseline <argv>` and returns the exit code (0 clean, 1 gate, 2 usage). */
export async function runCli(argv: string[]): Promise<number> {
  // `pgbaseline scan … | head` closes the pipe early: that is the reader's choice, not an error to print.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit();
  });
  try {
    return await main(argv);
  } catch (error) {
    return reportError(error);
  }
}

function reportError(error: unknown): number {
  const usage =
    error instanceof UsageError ||
    error instanceof UnknownPathError ||
    error instanceof ConfigError ||
    error instanceof BaselineError ||
    (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  process.stderr.write(`pgbaseline: ${error instanceof Error ? error.message : String(error)}\n`);
  if (usage) process.stderr.write('Run pgbaseline --help for usage.\n');
  return 2;
}
