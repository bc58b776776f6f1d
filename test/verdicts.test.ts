import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { placeFinding } from '../src/github/diff-scope.js';
import { parsePatch } from '../src/github/parse-patch.js';
import { evaluateRules } from '../src/engine/evaluate-rules.js';
import type { Rule } from '../src/engine/rule.js';
import { discoverFiles } from '../src/files/discover.js';
import { buildServers } from '../src/model/build-servers.js';
import type { PostgresServer } from '../src/model/server.js';
import { notKnown } from '../src/model/setting.js';
import { scanArm } from '../src/sources/arm/scan-arm.js';
import { scanBicep } from '../src/sources/bicep/scan-bicep.js';
import { scanTerraform } from '../src/sources/terraform/scan-terraform.js';
import { formatJson } from '../src/report/format-json.js';
import { formatMarkdown } from '../src/report/format-markdown.js';
import { formatSarif } from '../src/report/format-sarif.js';
import { formatText } from '../src/report/format-text.js';
import { scan } from '../src/scan.js';

const ROOT = join(import.meta.dirname, '..');
const NOW = new Date('2026-11-26T00:00:00Z');

/** Every server of every rule fixture and example, as the real front-ends and model build them. */
async function fixtureServers(): Promise<{ source: string; server: PostgresServer }[]> {
  const folders = [...RULES.map((rule) => join('rules', rule.id, 'fixtures')), ...readdirSync(join(ROOT, 'examples')).map((format) => join('examples', format))];
  const all: { source: string; server: PostgresServer }[] = [];
  for (const folder of folders) {
    const files = discoverFiles([folder], ROOT);
    const resources = [
      ...(await scanTerraform(files.terraform, { cwd: ROOT })).resources,
      ...scanArm(files.json, { cwd: ROOT }).resources,
      ...(await scanBicep(files.bicep, { cwd: ROOT })).resources,
    ];
    all.push(...buildServers(resources).map((server) => ({ source: folder, server })));
  }
  return all;
}

type Path = (string | number)[];

/**
 * Runs a rule on a server and records every setting it reads: server fields, child fields and
 * parameters (by name, whether declared or not). Each is an input the rule's verdict depends on.
 */
function readsOf(rule: Rule, server: PostgresServer): Path[] {
  const reads: Path[] = [];
  const isSetting = (value: unknown) => typeof value === 'object' && value !== null && 'origin' in value;
  const track = <T extends object>(target: T, path: Path): T =>
    new Proxy(target, {
      get(object, key, receiver) {
        const value = Reflect.get(object, key, receiver);
        if (typeof key === 'symbol') return value;
        const here = [...path, Array.isArray(object) && /^\d+$/.test(key) ? Number(key) : key];
        if (isSetting(value) || (value === undefined && key === 'administratorPassword')) reads.push(here);
        else if (Array.isArray(value) || (typeof value === 'object' && value !== null && !(value instanceof Map) && key !== 'at')) {
          return track(value as object, here);
        }
        return value;
      },
    });
  const parameters = new (class extends Map<string, PostgresServer['parameters'] extends Map<string, infer V> ? V : never> {
    override get(name: string) {
      reads.push(['parameters', name]);
      return super.get(name);
    }
    override has(name: string) {
      reads.push(['parameters', name]);
      return super.has(name);
    }
  })(server.parameters);
  evaluateRules([track({ ...server, parameters }, [])], [rule], { now: NOW, strict: true });
  return reads.filter((path, index) => reads.findIndex((other) => other.join('.') === path.join('.')) === index);
}

/** A deep copy of the server with the settings at `paths` unknown. */
function withUnknown(server: PostgresServer, paths: Path[]): PostgresServer {
  const copy: PostgresServer = structuredClone(server);
  const unknownSetting = notKnown('made unknown by the test', server.at);
  for (const path of paths) {
    if (path[0] === 'parameters') {
      copy.parameters.set(String(path[1]), unknownSetting);
      continue;
    }
    let target: Record<string | number, unknown> = copy as unknown as Record<string, unknown>;
    for (const step of path.slice(0, -1)) target = target[step] as Record<string | number, unknown>;
    target[path.at(-1)!] = unknownSetting;
  }
  return copy;
}

/**
 * The inputs to make unknown together: each server setting and parameter alone, and the settings of all
 * children at once, since children count when any of them does (one audit-logging setting is enough).
 */
function inputGroups(reads: Path[]): Path[][] {
  const children = reads.filter((path) => typeof path[1] === 'number');
  return [...reads.filter((path) => typeof path[1] !== 'number').map((path) => [path]), ...(children.length ? [children] : [])];
}

function verdictCount(rule: Rule, server: PostgresServer): number {
  const { findings, notEvaluated } = evaluateRules([server], [rule], { now: NOW, strict: true });
  return findings.length + notEvaluated.length;
}

describe('no rule passes on a value it does not know', async () => {
  const servers = await fixtureServers();

  it('reads servers of every kind from the fixtures', () => {
    expect(servers.length).toBeGreaterThan(100);
    expect(new Set(servers.map(({ server }) => server.format))).toEqual(new Set(['terraform', 'bicep', 'arm']));
  });

  it.each(RULES.map((rule) => [rule.id, rule] as const))('%s: each input it reads, made unknown, is reported or not evaluated', (_, rule) => {
    let inputs = 0;
    const silent: string[] = [];
    for (const { source, server } of servers) {
      if ((rule.appliesTo ?? 'flexible') !== server.kind) continue;
      for (const group of inputGroups(readsOf(rule, server))) {
        inputs++;
        if (verdictCount(rule, withUnknown(server, group)) === 0) silent.push(`${source} ${server.name}: ${group.map((path) => path.join('.')).join(', ')}`);
      }
    }
    expect(silent).toEqual([]);
    // A rule that reads nothing decides on presence alone (no-single-server, no-firewall-rules).
    if (!['no-single-server', 'no-firewall-rules'].includes(rule.id)) expect(inputs).toBeGreaterThan(0);
  });

  it.each(RULES.filter((rule) => !rule.id.startsWith('no-firewall')).map((rule) => [rule.id, rule] as const))(
    '%s: on a server declared elsewhere it is reported or not evaluated',
    (_, rule) => {
      const silent = servers
        .filter(({ server }) => server.kind === 'flexible' && (rule.appliesTo ?? 'flexible') === 'flexible')
        .map(({ source, server }) => ({ source, server: asDeclaredElsewhere(server) }))
        .filter(({ server }) => verdictCount(rule, server) === 0)
        .map(({ source, server }) => `${source} ${server.name}`);
      expect(silent).toEqual([]);
    },
  );
});

/** What the model builds for a server that only its children show: every server-level setting unknown. */
function asDeclaredElsewhere(server: PostgresServer): PostgresServer {
  const copy = structuredClone(server);
  const unknownSetting = notKnown('the server is declared elsewhere', server.at);
  for (const [key, value] of Object.entries(copy)) {
    if (typeof value === 'object' && value !== null && 'origin' in value) (copy as unknown as Record<string, unknown>)[key] = unknownSetting;
  }
  return {
    ...copy,
    declaredElsewhere: true,
    administratorPassword: unknownSetting,
    primaryKey: undefined,
    geoBackupKey: undefined,
    parameters: new Map(),
    parameterResources: new Map(),
    diagnosticSettings: [],
    threatProtection: [],
    defenderPlans: [],
    administrators: [],
    privateEndpoints: [],
  };
}

describe('layouts that used to pass silently', () => {
  const scanFixture = (folder: string) => scan({ paths: [join('test/fixtures/verdicts', folder)], cwd: ROOT, now: NOW, strict: true });

  it.each(['terraform-child', 'bicep-child', 'arm-child'])('%s: children of a server declared elsewhere are evaluated', async (folder) => {
    const result = await scanFixture(folder);
    const open = result.findings.find((finding) => finding.ruleId === 'no-firewall-open-to-internet');
    const transport = result.findings.find((finding) => finding.ruleId === 'require-secure-transport');
    expect(open?.severity).toBe('critical');
    expect(transport?.severity).toBe('critical');
    // The server's own rules cannot be decided from its children: listed, never passed.
    const server = open!.server!;
    expect(rulesOf(result.notEvaluated, server)).toEqual(expect.arrayContaining(['no-public-network-access', 'require-entra-auth', 'require-supported-version']));
    expect(rulesOf(result.findings, server)).not.toContain('no-public-network-access');
  });

  it('names a server declared elsewhere from the resource ID its child gives', async () => {
    const result = await scanFixture('terraform-child');
    expect(result.findings.filter((finding) => finding.server === 'platform-db').map((finding) => finding.ruleId)).toEqual(['no-firewall-rules']);
  });

  it('reports a retired single server that only a child shows', async () => {
    const result = await scanFixture('single-child');
    expect(result.findings.map((finding) => [finding.ruleId, finding.server, finding.line])).toEqual([['no-single-server', 'legacy-db', 1]]);
  });

  it('evaluates Terraform expressions as Terraform does: splats of null, optional() defaults, try, can, comparisons', async () => {
    const result = await scanFixture('terraform-expressions');
    const community = rulesOf(result.findings, 'community-db');
    // one(null[*].id) is null, and an optional() default of true: public, no private connectivity, no window.
    expect(community).toEqual(expect.arrayContaining(['no-public-network-access', 'require-private-connectivity', 'require-maintenance-window', 'require-entra-auth']));
    // local.is_prod = var.environment == "prod" is known: 35 days and geo-backup on; can() of a missing attribute is false.
    expect(community).not.toContain('require-backup-retention');
    expect(community).not.toContain('require-geo-redundant-backup');
    expect(community).not.toContain('no-password-auth');
    expect(rulesOf(result.notEvaluated, 'community-db')).toEqual([]);
    const publicAccess = result.findings.find((finding) => finding.server === 'community-db' && finding.ruleId === 'no-public-network-access');
    expect(publicAccess?.line).toBe(35); // the optional() default in the variable's type
  });

  it('lists what an unknown condition, dynamic block or parameter name leaves open', async () => {
    const result = await scanFixture('terraform-expressions');
    const open = rulesOf(result.notEvaluated, 'unknowns-db');
    expect(open).toEqual(
      expect.arrayContaining(['no-public-network-access', 'require-private-connectivity', 'require-high-availability', 'require-secure-transport', 'require-tls-1-3', 'require-pgaudit']),
    );
    const findings = rulesOf(result.findings, 'unknowns-db');
    for (const id of open) expect(findings).not.toContain(id);
  });
});

describe('what the scan could not read is said in every report', () => {
  const notFollowed = () => scan({ paths: ['test/fixtures/verdicts/not-followed'], cwd: ROOT, now: NOW, strict: true });

  it('names registry and Git modules, br: modules, linked templates and servers with no instance', async () => {
    const result = await notFollowed();
    expect(result.findings).toEqual([]);
    const notices = result.notices.map((notice) => [notice.kind, notice.file?.split('/').pop(), notice.line]);
    expect(notices).toEqual(
      expect.arrayContaining([
        ['module-not-followed', 'main.tf', 1],
        ['module-not-followed', 'main.tf', 9],
        ['not-instantiated', 'main.tf', 19],
        ['module-not-followed', 'azuredeploy.json', 6],
        ['template-not-read', 'azuredeploy.json', 1],
        ['module-not-followed', 'main.bicep', 1],
      ]),
    );
    expect(result.notices.find((notice) => notice.line === 1 && notice.file?.endsWith('main.tf'))?.message).toContain('Azure/avm-res-dbforpostgresql-flexibleserver/azurerm');
  });

  it('says so when there is no IaC at all', async () => {
    const result = await scan({ paths: ['test/fixtures/verdicts/not-followed/README-none'], cwd: ROOT, now: NOW }).catch(() => undefined);
    expect(result).toBeUndefined(); // a path that does not exist is a usage error, not an empty scan
    const empty = await scan({ paths: ['schema'], cwd: ROOT, now: NOW });
    expect(empty.notices).toMatchObject([{ kind: 'no-iac' }]);
    expect(formatText(empty)).toContain('nothing was checked');
  });

  it('shows notices and not-evaluated checks in text, JSON, Markdown and SARIF', async () => {
    const result = await scan({ paths: ['test/fixtures/verdicts/not-followed', 'test/fixtures/verdicts/terraform-child'], cwd: ROOT, now: NOW });
    const text = formatText(result);
    expect(text).toContain('Not checked:');
    expect(text).toMatch(/Not evaluated .*\n.*main\.tf:6 {2}the server of .*: 2\d rules: the server is declared elsewhere/);
    const json = JSON.parse(formatJson(result));
    expect(json.notices.map((notice: { kind: string }) => notice.kind)).toContain('module-not-followed');
    expect(json.summary.knownVerdictRate).toBeGreaterThan(0);
    expect(json.summary.knownVerdictRate).toBeLessThan(1);
    expect(json.summary.notEvaluatedReasons[0]).toEqual({ reason: 'the server is declared elsewhere', count: expect.any(Number) });
    const markdown = formatMarkdown(result);
    expect(markdown).toContain('thing(s) not checked');
    expect(markdown).toMatch(/check\(s\) on 2 server\(s\) not evaluated/);
    const sarif = JSON.parse(formatSarif(result, RULES, '0.0.0'));
    const notifications = sarif.runs[0].invocations[0].toolExecutionNotifications;
    expect(notifications.filter((item: { level: string }) => item.level === 'warning')).toHaveLength(result.notices.length);
    expect(notifications.some((item: { descriptor: { id: string } }) => item.descriptor.id === 'not-evaluated')).toBe(true);
  });
});

describe('firewall findings point at the addresses', () => {
  it.each([
    ['terraform-child', 'main.tf', 9, 10],
    ['bicep-child', 'main.bicep', 6, 7],
    ['arm-child', 'azuredeploy.json', 13, 14],
  ])('%s: on the start and end address lines', async (folder, file, line, endLine) => {
    const result = await scan({ paths: [join('test/fixtures/verdicts', folder)], cwd: ROOT, now: NOW, strict: true });
    const open = result.findings.find((finding) => finding.ruleId === 'no-firewall-open-to-internet');
    expect(open).toMatchObject({ file: expect.stringMatching(new RegExp(`${file}$`)), line, endLine });
  });

  it('puts a widened end address on the changed line of a pull request', async () => {
    const result = await scan({ paths: ['test/fixtures/verdicts/terraform-child'], cwd: ROOT, now: NOW, strict: true });
    const open = result.findings.find((finding) => finding.ruleId === 'no-firewall-open-to-internet')!;
    const changed = new Map([[open.file, { path: open.file, status: 'modified', lines: parsePatch('@@ -10,1 +10,1 @@\n-  end_ip_address   = "0.0.0.255"\n+  end_ip_address   = "255.255.255.255"') }]]);
    expect(placeFinding(open, changed as never, 'added')).toMatchObject({ onChangedLine: true, commentLine: 10, inChangedResource: true });
  });
});

describe('JSON that is not a template', () => {
  it('skips templatefile() inputs with ${…} placeholders and broken JSON that only mentions the schema', async () => {
    const result = await scan({ paths: ['test/fixtures/verdicts/template-inputs'], cwd: ROOT, now: NOW, strict: true });
    expect(result.findings).toEqual([]);
  });

  it('still reports a broken file that declares the template schema', async () => {
    const result = await scan({ paths: ['test/fixtures/arm/broken'], cwd: ROOT, now: NOW, strict: true });
    expect(result.findings.map((finding) => finding.ruleId)).toContain('parse-error');
  });
});

describe('unknowns in Bicep and ARM', () => {
  it.each([
    ['bicep-unknowns', 'bicep-unknowns'],
    ['arm-unknowns', 'arm-unknowns'],
  ])('%s: a conditional subnet and looped parameters with unknown names leave their rules open', async (folder, server) => {
    const result = await scan({ paths: [join('test/fixtures/verdicts', folder)], cwd: ROOT, now: NOW, strict: true });
    const open = rulesOf(result.notEvaluated, server);
    expect(open).toEqual(expect.arrayContaining(['no-public-network-access', 'require-private-connectivity', 'require-secure-transport', 'require-tls-1-3']));
    const reported = rulesOf(result.findings, server);
    for (const id of open) expect(reported).not.toContain(id);
    expect(result.stats.servers).toBe(1);
  });
});

function rulesOf(items: { ruleId: string; server?: string }[], server: string): string[] {
  return [...new Set(items.filter((item) => item.server === server).map((item) => item.ruleId))].sort();
}

describe('IDs interpolated from declared resources', () => {
  it('count as set: a subnet ID built from a network declared here is VNet integration', async () => {
    const result = await scan({ paths: ['test/fixtures/verdicts/interpolated-subnet'], cwd: ROOT, now: NOW, strict: true });
    for (const server of ['interpolated-subnet', 'interpolated-subnet-bicep', 'interpolated-subnet-arm']) {
      expect(rulesOf(result.findings, server)).not.toContain('no-public-network-access');
      expect(rulesOf(result.findings, server)).not.toContain('require-private-connectivity');
      expect(rulesOf(result.notEvaluated, server)).not.toContain('require-private-connectivity');
    }
  });

  it('a module output may be null: a subnet from one leaves public access and private connectivity not evaluated', async () => {
    const result = await scan({ paths: ['test/fixtures/verdicts/interpolated-subnet'], cwd: ROOT, now: NOW, strict: true });
    expect(rulesOf(result.notEvaluated, 'module-output-subnet')).toEqual(expect.arrayContaining(['no-public-network-access', 'require-private-connectivity']));
    expect(rulesOf(result.findings, 'module-output-subnet')).not.toContain('no-public-network-access');
  });
});
