#!/usr/bin/env node
import { existsSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { RULES } from '../rules/index.js';
import { ConfigError, emptyConfig, findConfig, loadConfig } from './config/load-config.js';
import { tripsGate, type FailOn } from './engine/gate.js';
import { SEVERITIES, type Severity } from './engine/rule.js';
import { UnknownPathError } from './files/discover.js';
import { formatJson } from './report/format-json.js';
import { formatMarkdown } from './report/format-markdown.js';
import { formatSarif } from './report/format-sarif.js';
import { formatText } from './report/format-text.js';
import { scan, type ScanResult } from './scan.js';
import { BaselineError, createBaseline, readBaseline } from './scope/baseline.js';
import { VERSION } from './version.js';

const USAGE = `Usage: pgbaseline scan [options] <paths...>

Checks Azure Database for PostgreSQL flexible server IaC against Microsoft's security baseline.

Options:
  --format <text|json|sarif|markdown>  output format (default: text)
  --output <file>                      write the report to a file instead of stdout
  --fail-on <critical|high|medium|low|none>
                                       exit 1 when a finding is at or above this severity
                                       (default: failOn of the configuration, else critical)
  --var-file <file>                    Terraform variables file (repeatable)
  --var <name=value>                   Terraform variable (repeatable)
  --params <file>                      .bicepparam or ARM parameters file (repeatable)
  --plan <file>                        Terraform plan JSON, from terraform show -json (repeatable)
  --whatif <file>                      Azure what-if JSON, from az … what-if --no-pretty-print (repeatable)
  --config <file>                      configuration file (default: the nearest .pgbaseline.yml
                                       in the first path's folder or above)
  --baseline <file>                    report the findings recorded in this baseline as existing,
                                       not gating (default: the configuration's baseline)
  --write-baseline <file>              record today's findings as accepted, with --reason, and exit
  --reason <text>                      why the baseline's findings are accepted
  -h, --help                           show this help
  -v, --version                        show the version

Exit codes: 0 no finding at or above --fail-on, 1 the gate tripped, 2 usage error.
`;

const FORMATS = {
  text: formatText,
  json: formatJson,
  markdown: formatMarkdown,
  sarif: (result: ScanResult) => formatSarif(result, RULES, VERSION),
} as const;

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
      config: { type: 'string' },
      baseline: { type: 'string' },
      'write-baseline': { type: 'string' },
      reason: { type: 'string' },
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
  if (paths.length === 0 && !values.plan?.length && !values.whatif?.length) {
    throw new UsageError('scan needs at least one file or folder, --plan or --whatif.');
  }
  const format = values.format as keyof typeof FORMATS;
  if (!(format in FORMATS)) throw new UsageError(`--format must be one of ${Object.keys(FORMATS).join(', ')}; got '${values.format}'.`);
  const failOnFlag = values['fail-on'];
  if (failOnFlag !== undefined && failOnFlag !== 'none' && !SEVERITIES.includes(failOnFlag as Severity)) {
    throw new UsageError(`--fail-on must be one of ${[...SEVERITIES, 'none'].join(', ')}; got '${failOnFlag}'.`);
  }
  const writeBaseline = values['write-baseline'];
  if (writeBaseline && !values.reason?.trim()) throw new UsageError('--write-baseline needs --reason: say why these findings are accepted.');

  const cwd = process.cwd();
  for (const file of [...(values['var-file'] ?? []), ...(values.params ?? []), ...(values.plan ?? []), ...(values.whatif ?? [])]) {
    if (!existsSync(resolve(cwd, file))) throw new UsageError(`No such file: ${file}`);
  }
  const badParams = (values.params ?? []).find((file) => !file.endsWith('.bicepparam') && !file.endsWith('.json'));
  if (badParams) throw new UsageError(`--params takes a .bicepparam or ARM parameters (.json) file; got '${badParams}'.`);
  const configFile = values.config ?? findConfig(resolve(cwd, paths[0] ?? values.plan?.[0] ?? values.whatif?.[0] ?? '.'));
  const config = configFile ? loadConfig(resolve(cwd, configFile), RULES, relative(cwd, configFile) || configFile) : emptyConfig(cwd);
  const baselineFile = values.baseline ?? (config.baseline && !writeBaseline ? join(config.dir, config.baseline) : undefined);
  const now = new Date();
  const result = await scan({
    paths,
    cwd,
    config,
    baseline: baselineFile ? readBaseline(resolve(cwd, baselineFile)) : undefined,
    varFiles: values['var-file'],
    vars: parseVars(values.var ?? []),
    paramFiles: values.params,
    planFiles: values.plan,
    whatIfFiles: values.whatif,
    now,
  });
  if (writeBaseline) {
    const baseline = createBaseline(result.findings, values.reason!.trim(), now);
    writeFileSync(writeBaseline, `${JSON.stringify(baseline, null, 2)}\n`);
    process.stdout.write(`Recorded ${baseline.findings.length} finding(s) in ${writeBaseline}.\n`);
    return 0;
  }
  const report = FORMATS[format](result);
  if (values.output) writeFileSync(values.output, report);
  else process.stdout.write(report);
  return tripsGate(result.findings, (failOnFlag ?? config.failOn ?? 'critical') as FailOn) ? 1 : 0;
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

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  const usage =
    error instanceof UsageError ||
    error instanceof UnknownPathError ||
    error instanceof ConfigError ||
    error instanceof BaselineError ||
    (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  process.stderr.write(`pgbaseline: ${error instanceof Error ? error.message : String(error)}\n`);
  if (usage) process.stderr.write('Run pgbaseline --help for usage.\n');
  process.exitCode = 2;
}
