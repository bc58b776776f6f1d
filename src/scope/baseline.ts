import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fingerprint, type Finding } from '../engine/finding.js';
import { toPosix } from '../files/to-posix.js';

/**
 * Findings accepted on purpose: reported as existing, never gating. Matched by fingerprint, not line. Paths (and so
 * fingerprints) are relative to the baseline file's folder, so that a baseline written from `infra/` matches when the
 * action runs from the repository root.
 */
export interface Baseline {
  version: 1;
  createdAt: string;
  reason: string;
  /** `baseline`: files and fingerprints are relative to the baseline's folder. Absent in baselines of 0.1.0. */
  relativeTo?: 'baseline';
  findings: { fingerprint: string; ruleId: string; file: string; resource: string }[];
}

/** A baseline as read: `dir` is the folder its paths are relative to. */
export type LoadedBaseline = Baseline & { dir: string };

export class BaselineError extends Error {}

/** The finding's fingerprint with its path taken from `dir`, whatever folder the scan ran from. */
export function baselineFingerprint(finding: Finding, cwd: string, dir: string): string {
  return fingerprint(finding.ruleId, toPosix(relative(dir, resolve(cwd, finding.file))), finding.resource, finding.setting);
}

export function createBaseline(findings: Finding[], reason: string, now: Date, where: { cwd: string; file: string }): Baseline {
  const dir = dirname(resolve(where.cwd, where.file));
  return {
    version: 1,
    createdAt: now.toISOString(),
    reason,
    relativeTo: 'baseline',
    findings: findings
      .filter((finding) => !finding.suppression)
      .map((finding) => ({
        fingerprint: baselineFingerprint(finding, where.cwd, dir),
        ruleId: finding.ruleId,
        file: toPosix(relative(dir, resolve(where.cwd, finding.file))),
        resource: finding.resource,
      })),
  };
}

export function readBaseline(file: string): LoadedBaseline {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new BaselineError(`${file}: cannot read the baseline (${error instanceof SyntaxError ? 'not JSON' : ((error as NodeJS.ErrnoException).code ?? String(error))})`);
  }
  const baseline = data as Partial<Baseline>;
  if (baseline.version !== 1 || !Array.isArray(baseline.findings) || baseline.findings.some((item) => typeof item?.fingerprint !== 'string')) {
    throw new BaselineError(`${file}: not a pgbaseline baseline (expected version 1 with findings[].fingerprint)`);
  }
  return { ...(baseline as Baseline), dir: dirname(file) };
}
