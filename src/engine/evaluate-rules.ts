import type { PostgresServer } from '../model/server.js';
import { isKnown, notKnown } from '../model/setting.js';
import { fixFor } from './fix-for.js';
import { fingerprint, type Finding, type NotEvaluated, type Verdict } from './finding.js';
import { FINDING_KINDS, RULE_ERROR } from './finding-kinds.js';
import type { Rule, RuleContext } from './rule.js';

export interface EvaluationOptions {
  now: Date;
  /** Option values by rule id, over the rule's defaults. */
  ruleOptions?: Record<string, Record<string, number>>;
  /** Rethrow instead of turning a throwing rule into a `rule-error` finding (tests use this). */
  strict?: boolean;
}

export interface Evaluation {
  findings: Finding[];
  notEvaluated: NotEvaluated[];
  /** Rule × server pairs that apply: each is reported, passed on known values, or not evaluated. */
  verdicts: Verdict[];
}

export function evaluateRules(servers: PostgresServer[], rules: readonly Rule[], options: EvaluationOptions): Evaluation {
  const findings: Finding[] = [];
  const notEvaluated: NotEvaluated[] = [];
  const verdicts: Verdict[] = [];
  for (const server of servers) {
    for (const rule of rules) {
      if ((rule.appliesTo ?? 'flexible') !== server.kind) continue;
      verdicts.push({ ruleId: rule.id, server: server.name, resource: server.address, file: server.at.file, line: server.at.line });
      if (rule.needsDeclaration && server.declaredElsewhere) {
        notEvaluated.push({
          ruleId: rule.id,
          resource: server.address,
          server: server.name,
          reason: 'the server is declared elsewhere',
          file: server.at.file,
          line: server.at.line,
        });
        continue;
      }
      const context: RuleContext<string> = {
        now: options.now,
        options: { ...defaultsOf(rule), ...options.ruleOptions?.[rule.id] },
        report(violation) {
          const subject = violation.resource ?? server;
          const resource = subject.address;
          const data = { server: server.name, ...violation.data };
          findings.push({
            ruleId: rule.id,
            severity: violation.severity ?? rule.severity,
            title: rule.title,
            message: withProvenance(interpolate(rule.messages[violation.messageId] ?? violation.messageId, data), violation.at.via),
            file: violation.at.file,
            line: violation.at.line,
            endLine: violation.at.endLine,
            resource,
            server: server.name,
            serverAddress: server.address,
            setting: violation.setting,
            fix: fixFor(rule, server, violation.at),
            declaredAt: subject.declaredAt,
            fingerprint: fingerprint(rule.id, violation.at.file, resource, violation.setting),
          });
        },
        skip(setting, unknown) {
          notEvaluated.push({
            ruleId: rule.id,
            resource: server.address,
            server: server.name,
            reason: `${setting}: ${unknown.reason}`,
            file: unknown.at.file,
            line: unknown.at.line,
          });
        },
      };
      try {
        if (applies(rule, server, context)) rule.check(server, context);
      } catch (error) {
        if (options.strict) throw error;
        findings.push(ruleError(rule, server, error));
      }
    }
  }
  return { findings, notEvaluated, verdicts };
}

/** The applicability a rule declares, decided once here: replicas, tiers. Unknown inputs are not evaluated. */
function applies(rule: Rule, server: PostgresServer, context: RuleContext<string>): boolean {
  if (rule.exemptsReplicas) {
    const mode = server.createMode;
    if (!isKnown(mode)) {
      context.skip('createMode', mode);
      return false;
    }
    if (mode.value.toLowerCase() === 'replica') return false;
  }
  if (rule.impossibleOn) {
    const tier = server.tier;
    if (!isKnown(tier)) {
      context.skip('sku.tier', tier);
      return false;
    }
    if (rule.impossibleOn.tiers.some((name) => name.toLowerCase() === tier.value.toLowerCase())) {
      context.skip('sku.tier', notKnown(rule.impossibleOn.reason, tier.at));
      return false;
    }
  }
  return true;
}

function defaultsOf(rule: Rule): Record<string, number> {
  return Object.fromEntries(Object.entries(rule.options ?? {}).map(([name, option]) => [name, option.default]));
}

function withProvenance(message: string, via: string | undefined): string {
  return via ? `${message} (Value ${via}.)` : message;
}

function interpolate(template: string, data: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => (key in data ? String(data[key]) : match));
}

function ruleError(rule: Rule, server: PostgresServer, error: unknown): Finding {
  const message = `Rule ${rule.id} failed on this server: ${error instanceof Error ? error.message : String(error)}`;
  return {
    ruleId: RULE_ERROR,
    severity: 'high',
    title: FINDING_KINDS.get(RULE_ERROR)!.title,
    message,
    file: server.at.file,
    line: server.at.line,
    endLine: server.at.endLine,
    resource: server.address,
    server: server.name,
    declaredAt: server.declaredAt,
    fingerprint: fingerprint(RULE_ERROR, server.at.file, server.address, rule.id),
  };
}
