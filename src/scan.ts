import { RULES } from '../rules/index.js';
import { evaluateRules } from './engine/evaluate-rules.js';
import { fingerprint, PARSE_ERROR, type Finding, type NotEvaluated } from './engine/finding.js';
import type { Rule } from './engine/rule.js';
import { discoverFiles } from './files/discover.js';
import { buildServers } from './model/build-servers.js';
import type { Problem } from './model/problem.js';
import { scanTerraform } from './sources/terraform/scan-terraform.js';

export interface ScanOptions {
  /** Files and folders to scan, relative to `cwd`. */
  paths: string[];
  cwd: string;
  varFiles?: string[];
  vars?: Record<string, string>;
  /** The clock for date-dependent rules (end of life). */
  now?: Date;
  ruleOptions?: Record<string, Record<string, number>>;
  maxFileBytes?: number;
  rules?: readonly Rule[];
  /** Rethrow rule exceptions instead of reporting them (for tests). */
  strict?: boolean;
}

export interface ScanResult {
  findings: Finding[];
  notEvaluated: NotEvaluated[];
  /** How many files were read and how many servers were evaluated. */
  stats: { files: number; servers: number };
}

const SEVERITY_ORDER = { critical: 0, high: 1, medium: 2, low: 3 } as const;

/** The whole pipeline: files → resources → servers → findings. Never throws on bad IaC. */
export async function scan(options: ScanOptions): Promise<ScanResult> {
  const files = discoverFiles(options.paths, options.cwd);
  const terraform = await scanTerraform(files.terraform, {
    cwd: options.cwd,
    varFiles: options.varFiles,
    vars: options.vars,
    maxFileBytes: options.maxFileBytes,
  });
  const servers = buildServers(terraform.resources);
  const evaluation = evaluateRules(servers, options.rules ?? RULES, {
    now: options.now ?? new Date(),
    ruleOptions: options.ruleOptions,
    strict: options.strict,
  });
  const findings = [...terraform.problems.map(toParseError), ...evaluation.findings].sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.line - b.line || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.ruleId.localeCompare(b.ruleId),
  );
  return {
    findings,
    notEvaluated: evaluation.notEvaluated,
    stats: { files: terraform.files.length, servers: servers.length },
  };
}

function toParseError(problem: Problem): Finding {
  return {
    ruleId: PARSE_ERROR,
    severity: 'high',
    title: 'File could not be parsed',
    message: problem.message,
    file: problem.at.file,
    line: problem.at.line,
    endLine: problem.at.endLine,
    resource: problem.at.file,
    fingerprint: fingerprint(PARSE_ERROR, problem.at.file, problem.at.file),
  };
}
