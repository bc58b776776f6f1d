import { relative, resolve } from 'node:path';
import picomatch from 'picomatch';
import type { Config } from '../config/config.js';
import { fingerprint, type Finding, type Suppression } from '../engine/finding.js';
import { FINDING_KINDS, INVALID_SUPPRESSION, isSuppressible } from '../engine/finding-kinds.js';
import { toPosix } from '../files/to-posix.js';
import type { FileAnnotations } from '../model/annotations.js';
import type { Location } from '../model/location.js';
import { baselineFingerprint, type LoadedBaseline } from './baseline.js';
import { DIRECTIVE_SYNTAX, parseDirective, type Directive } from './directives.js';


export interface ScopeInput {
  findings: Finding[];
  annotations: FileAnnotations[];
  config: Config;
  baseline?: LoadedBaseline;
  knownRules: ReadonlySet<string>;
  cwd: string;
  now: Date;
}

/**
 * Marks findings suppressed (inline comment, configuration) or existing (baseline). Nothing is
 * dropped; an expired suppression stops applying and says so; a malformed one is a finding itself.
 */
export function applyScope(input: ScopeInput): Finding[] {
  const today = input.now.toISOString().slice(0, 10);
  const { directives, invalid } = collectDirectives(input);
  const configRules = input.config.suppressions.map((suppression) => ({
    suppression,
    matchPath: suppression.path ? picomatch(suppression.path, { dot: true }) : () => true,
    matchResource: suppression.resource ? wildcard(suppression.resource) : () => true,
  }));
  const accepted = new Set(input.baseline?.findings.map((item) => item.fingerprint));
  const baseline = input.baseline;
  // Baselines of 0.1.0 hold fingerprints of paths relative to where they were written; later ones, to their folder.
  const isAccepted = (finding: Finding) =>
    baseline !== undefined &&
    accepted.has(baseline.relativeTo === 'baseline' ? baselineFingerprint(finding, input.cwd, baseline.dir) : finding.fingerprint);

  const scoped = input.findings.map((finding): Finding => {
    if (!isSuppressible(finding.ruleId)) return finding;
    const expired: Suppression[] = [];
    const consider = (suppression: Suppression): Suppression | undefined => {
      if (suppression.until && suppression.until < today) {
        expired.push(suppression);
        return undefined;
      }
      return suppression;
    };
    let applied: Suppression | undefined;
    for (const directive of directives) {
      if (applied) break;
      if (directive.ruleIds.includes(finding.ruleId) && directive.covers(finding)) {
        applied = consider({ kind: 'inline', reason: directive.reason, ...(directive.until && { until: directive.until }) });
      }
    }
    const configPath = toPosix(relative(input.config.dir, resolve(input.cwd, finding.file)));
    for (const { suppression, matchPath, matchResource } of configRules) {
      if (applied) break;
      if (suppression.rule === finding.ruleId && matchPath(configPath) && matchResource(finding.resource)) {
        applied = consider({ kind: 'config', reason: suppression.reason, ...(suppression.until && { until: suppression.until }) });
      }
    }
    if (!applied && isAccepted(finding)) applied = { kind: 'baseline', reason: input.baseline?.reason ?? '' };
    const note = expired.map((item) => ` (The ${item.kind} suppression of this finding expired on ${item.until}: ${item.reason}.)`).join('');
    return { ...finding, ...(note && { message: finding.message + note }), ...(applied && { suppression: applied }) };
  });
  return [...scoped, ...invalid];
}

interface PlacedDirective extends Directive {
  covers(finding: Finding): boolean;
}

function collectDirectives(input: ScopeInput): { directives: PlacedDirective[]; invalid: Finding[] } {
  const directives: PlacedDirective[] = [];
  const invalid: Finding[] = [];
  const unsuppressible = new Set(input.config.unsuppressible);
  for (const file of input.annotations) {
    const ownLineStarts = new Map(file.comments.filter((comment) => comment.ownLine).map((comment) => [comment.at.line, comment.at]));
    const declarationLines = new Set(file.declarations.map((declaration) => declaration.line));
    for (const comment of file.comments) {
      const parsed = parseDirective(comment.text, comment.at, input.knownRules);
      if (!parsed) continue;
      if ('problem' in parsed) {
        invalid.push(invalidSuppression(`Suppression not applied: ${parsed.problem}. Write: # ${DIRECTIVE_SYNTAX}`, parsed.at));
        continue;
      }
      const blocked = parsed.ruleIds.filter((id) => unsuppressible.has(id));
      if (blocked.length) {
        invalid.push(
          invalidSuppression(`Suppression not applied: ${blocked.join(', ')} cannot be suppressed inline (unsuppressible in the configuration)`, parsed.at),
        );
      }
      const ruleIds = parsed.ruleIds.filter((id) => !unsuppressible.has(id));
      if (ruleIds.length === 0) continue;
      const block = comment.declaration?.line ?? (comment.ownLine ? headedBlock(comment.at, ownLineStarts, declarationLines) : undefined);
      directives.push({
        ...parsed,
        ruleIds,
        covers: (finding) =>
          (finding.file === file.file && finding.line >= comment.at.line && finding.line <= comment.at.endLine + 1) ||
          (block !== undefined && (finding.declaredAt ?? []).some((at) => at.file === file.file && at.line === block)),
      });
    }
  }
  return { directives, invalid };
}

/** The first line of the block that a run of own-line comments starting here sits directly above. */
function headedBlock(at: Location, ownLineStarts: Map<number, Location>, declarationLines: Set<number>): number | undefined {
  let next = at.endLine + 1;
  for (let comment = ownLineStarts.get(next); comment; comment = ownLineStarts.get(next)) next = comment.endLine + 1;
  return declarationLines.has(next) ? next : undefined;
}

function invalidSuppression(message: string, at: Location): Finding {
  return {
    ruleId: INVALID_SUPPRESSION,
    severity: 'medium',
    title: FINDING_KINDS.get(INVALID_SUPPRESSION)!.title,
    message,
    file: at.file,
    line: at.line,
    endLine: at.endLine,
    resource: at.file,
    fingerprint: fingerprint(INVALID_SUPPRESSION, at.file, at.file, message),
  };
}

function wildcard(pattern: string): (text: string) => boolean {
  const regex = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return (text) => regex.test(text);
}
