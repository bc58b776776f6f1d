import { readFileSync } from 'node:fs';
import type { Finding } from '../engine/finding.js';
import { toPosix } from '../files/to-posix.js';

/** Findings accepted on purpose: reported as existing, never gating. Matched by fingerprint, not line. */
export interface Baseline {
  version: 1;
  createdAt: string;
  reason: string;
  findings: { fingerprint: string; ruleId: string; file: string; resource: string }[];
}

export class BaselineError extends Error {}

export function createBaseline(findings: Finding[], reason: string, now: Date): Baseline {
  return {
    version: 1,
    createdAt: now.toISOString(),
    reason,
    findings: findings
      .filter((finding) => !finding.suppression)
      .map((finding) => ({ fingerprint: finding.fingerprint, ruleId: finding.ruleId, file: toPosix(finding.file), resource: finding.resource })),
  };
}

export function readBaseline(file: string): Baseline {
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
  return baseline as Baseline;
}
