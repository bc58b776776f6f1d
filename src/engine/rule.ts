import type { Location } from '../model/location.js';
import type { Child, PostgresServer } from '../model/server.js';
import type { UnknownSetting } from '../model/setting.js';
import type { Severity } from './severity.js';


export interface RuleOption {
  description: string;
  default: number;
}

export interface RuleContext<MessageId extends string> {
  /** Records a violation; `setting` names what is wrong (an ARM path or a server parameter). */
  report(violation: {
    messageId: MessageId;
    at: Location;
    setting: string;
    data?: Record<string, string | number>;
    severity?: Severity;
    /** The child resource at fault (a firewall rule, a key); the server when absent. */
    resource?: Child;
  }): void;
  /** Records that the rule could not decide because a value is unknown. Never a pass, never a fail. */
  skip(setting: string, unknown: UnknownSetting): void;
  now: Date;
  options: Record<string, number>;
}

/** A baseline rule: metadata for docs and reports, and a pure check over one server. */
export interface Rule<MessageId extends string = string> {
  id: string;
  title: string;
  severity: Severity;
  /** The section of the baseline it enforces, as headed there. */
  section: string;
  rationale: string;
  remediation: { terraform: string; bicep: string; arm: string };
  /** Equivalent rules in Azure Policy, PSRule, Checkov, Trivy, KICS; empty when no peer checks it. */
  peers: string[];
  messages: Record<MessageId, string>;
  /** How the severity varies with the finding, when it does. */
  severityNote?: string;
  options?: Record<string, RuleOption>;
  /** `single` rules look only at retired single servers; all others only at flexible servers. */
  appliesTo?: 'flexible' | 'single';
  /** The rule needs the server's own declaration (not a data source or `existing` reference). */
  needsDeclaration?: boolean;
  /** Replicas take this from their primary (`createMode: Replica`): they are exempt. */
  exemptsReplicas?: boolean;
  /** Tiers on which the rule cannot be met: its verdict there is "not evaluated", with the reason. */
  impossibleOn?: { tiers: string[]; reason: string };
  check(server: PostgresServer, context: RuleContext<MessageId>): void;
}

/** Typed so that a misspelt message id is a compile error. */
export function defineRule<MessageId extends string>(rule: Rule<MessageId>): Rule<MessageId> {
  return rule;
}

export function equalsIgnoreCase(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
