import type { FileAnnotations } from '../model/annotations.js';
import type { Notice } from '../model/notice.js';
import type { Finding, NotEvaluated, Verdict } from './finding.js';

export interface ScanResult {
  /** Every finding, suppressed and baselined ones included (they carry `suppression`). */
  findings: Finding[];
  notEvaluated: NotEvaluated[];
  /**
   * How many files were read and servers evaluated; `verdicts` counts the rule × server pairs that apply,
   * `knownVerdicts` those decided on known values (reported or passed, not listed as not evaluated).
   */
  stats: { files: number; servers: number; verdicts: number; knownVerdicts: number };
  /** Every rule × server pair that applied (JUnit lists the passing ones as test cases). */
  verdicts: Verdict[];
  /** What could not be read or followed: modules, linked templates, servers not instantiated, live servers, no IaC at all. */
  notices: Notice[];
}

/** What the front-ends, the model and the rules produce, before suppressions and the baseline. */
export interface Collected {
  findings: Finding[];
  notEvaluated: NotEvaluated[];
  annotations: FileAnnotations[];
  servers: number;
  verdicts: Verdict[];
  notices: Notice[];
}
