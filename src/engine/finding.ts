import { createHash } from 'node:crypto';
import type { Location } from '../model/location.js';
import type { Severity } from './severity.js';

export interface Finding {
  ruleId: string;
  severity: Severity;
  title: string;
  message: string;
  file: string;
  line: number;
  endLine: number;
  /** The offending resource as declared: the server, or its firewall rule, diagnostic setting… */
  resource: string;
  /** The name of the server the finding is about. */
  server?: string;
  /** That server's address, when a rule found it: the finding's verdict is the rule × this server. */
  serverAddress?: string;
  /** What is wrong: an ARM property path or a server parameter. */
  setting?: string;
  fix?: string;
  /** Where the resource is declared (module calls, then its header): block-level suppressions match here. */
  declaredAt?: Location[];
  /** Why the finding does not gate, when it does not. */
  suppression?: Suppression;
  /** `live`: found on the server running in Azure; `drift`: Azure differs from the IaC. Absent: found in the IaC. */
  kind?: 'live' | 'drift';
  /** For drift: the setting and both values. */
  drift?: { setting: string; iac: string; live: string };
  /** Line-independent identity: rule, file, resource and setting. */
  fingerprint: string;
}

export interface Suppression {
  kind: 'inline' | 'config' | 'baseline';
  reason: string;
  /** YYYY-MM-DD after which the suppression no longer applies. */
  until?: string;
}

/** A rule that applies to a server: its findings and not-evaluated entries share `ruleId` and `resource`. */
export interface Verdict {
  ruleId: string;
  server: string;
  resource: string;
  file: string;
  line: number;
}

export interface NotEvaluated {
  ruleId: string;
  resource: string;
  server: string;
  reason: string;
  file: string;
  line: number;
}

export function fingerprint(ruleId: string, file: string, resource: string, setting = ''): string {
  return createHash('sha256').update([ruleId, file, resource, setting].join('\u0000')).digest('hex').slice(0, 20);
}
