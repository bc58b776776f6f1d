import { emptyConfig } from './config/find-config.js';
import type { Finding } from './engine/finding.js';
import type { Collected, ScanResult } from './engine/scan-result.js';
import { bySeverity } from './engine/severity.js';
import { RULES } from '../rules/index.js';
import { collect, type ScanOptions } from './collect.js';
import { discoverFiles } from './files/discover.js';
import type { Notice } from './model/notice.js';
import { collectInWorkers } from './parallel/collect-in-workers.js';
import { partitionFiles } from './parallel/partition-files.js';
import { applyScope } from './scope/apply-scope.js';

/** The whole pipeline: files → resources → servers → findings → scope. Never throws on bad IaC. */
export async function scan(options: ScanOptions): Promise<ScanResult> {
  const config = options.config ?? emptyConfig(options.cwd);
  const now = options.now ?? new Date();
  const files = discoverFiles(options.paths, options.cwd, config);
  const parts = options.parallel && !options.rules && readsFilesOnly(options) ? partitionFiles(files, options.cwd, options.parallel.workers) : [];
  options.onStart?.(files.terraform.length + files.json.length + files.bicep.length, Math.max(1, parts.length));
  const collected = parts.length > 1 ? await collectInWorkers(parts, { ...options, config, now }, options.parallel!.entry) : await collect(files, { ...options, config, now });

  const findings = applyScope({
    findings: collected.findings.map((finding) => {
      const severity = config.rules[finding.ruleId]?.severity;
      return severity ? { ...finding, severity } : finding;
    }),
    annotations: collected.annotations,
    config,
    baseline: options.baseline,
    knownRules: new Set((options.rules ?? RULES).map((rule) => rule.id)),
    cwd: options.cwd,
    now,
  });
  const unique = dedupe(findings);
  unique.sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.line - b.line || bySeverity(a, b) || a.ruleId.localeCompare(b.ruleId),
  );
  return {
    findings: unique,
    notEvaluated: collected.notEvaluated,
    stats: {
      files: collected.annotations.length,
      servers: collected.servers,
      verdicts: collected.verdicts.length,
      knownVerdicts: collected.verdicts.length - new Set(collected.notEvaluated.map((item) => `${item.ruleId}\u0000${item.resource}\u0000${item.server}`)).size,
    },
    verdicts: collected.verdicts,
    notices: [...(sawNothing(options, collected) ? [noIacNotice(options.paths)] : []), ...collected.notices],
  };
}

/**
 * No plan, what-if or live state: what the scan sees is its files. Inputs that tie all files together keep the scan in
 * one thread, and a scan with them has something to check even without IaC files.
 */
function readsFilesOnly(options: ScanOptions): boolean {
  return !options.planFiles?.length && !options.whatIfFiles?.length && !options.live;
}

/**
 * The same problem on the same line, said the same way, is one finding: a module evaluated once per
 * loop iteration (AVM tests deploy twice) or once per caller would otherwise repeat it.
 */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = [finding.ruleId, finding.file, finding.line, finding.message].join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sawNothing(options: ScanOptions, collected: Collected): boolean {
  return collected.annotations.length === 0 && readsFilesOnly(options);
}

function noIacNotice(paths: string[]): Notice {
  return {
    kind: 'no-iac',
    message: `No Terraform, Bicep or ARM file was found in ${paths.map((path) => `'${path}'`).join(', ')}: nothing was checked.`,
  };
}
