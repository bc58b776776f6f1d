import type { Severity } from '../engine/severity.js';

export interface RuleSettings {
  enabled: boolean;
  severity?: Severity;
  options: Record<string, number>;
}

export interface ConfigSuppression {
  rule: string;
  path?: string;
  resource?: string;
  reason: string;
  until?: string;
}

/** `.pgbaseline.yml`, validated. Paths in it are relative to `dir`, the folder of the file. */
export interface Config {
  file?: string;
  dir: string;
  rules: Record<string, RuleSettings>;
  ignorePaths: string[];
  suppressions: ConfigSuppression[];
  unsuppressible: string[];
  failOn?: Severity | 'none';
  baseline?: string;
}
