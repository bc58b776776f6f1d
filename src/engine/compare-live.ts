import type { Location } from '../model/location.js';
import { parameter } from '../model/parameters.js';
import type { PostgresServer } from '../model/server.js';
import { isKnown, type Setting } from '../model/setting.js';
import { fingerprint, type Finding } from './finding.js';
import { DRIFT, FINDING_KINDS } from './finding-kinds.js';


/** Server settings compared between IaC and Azure, by their ARM path. */
const COMPARED: [string, (server: PostgresServer) => Setting<string | number | boolean>][] = [
  ['version', (server) => server.version],
  ['network.publicNetworkAccess', (server) => server.publicNetworkAccess],
  ['authConfig.activeDirectoryAuth', (server) => server.activeDirectoryAuth],
  ['authConfig.passwordAuth', (server) => server.passwordAuth],
  ['backup.backupRetentionDays', (server) => server.backupRetentionDays],
  ['backup.geoRedundantBackup', (server) => server.geoRedundantBackup],
  ['highAvailability.mode', (server) => server.highAvailabilityMode],
  ['dataEncryption.type', (server) => server.dataEncryptionType],
  ['maintenanceWindow.customWindow', (server) => server.customMaintenanceWindow],
];

/** Pairs IaC servers with the live ones of the same name: flexible server names are unique in Azure. */
export function pairServers(iac: PostgresServer[], live: PostgresServer[]): Map<PostgresServer, PostgresServer> {
  const byName = new Map(live.map((server) => [server.name.toLowerCase(), server]));
  const pairs = new Map<PostgresServer, PostgresServer>();
  for (const server of iac) {
    const match = byName.get(server.name.toLowerCase());
    if (match && server.kind === 'flexible') pairs.set(server, match);
  }
  return pairs;
}

/**
 * Drift: every setting the IaC states explicitly whose live value differs, and firewall rules that
 * exist in Azure but in no IaC. Anchored on the IaC line, with both values.
 */
export function findDrift(pairs: Map<PostgresServer, PostgresServer>): Finding[] {
  const findings: Finding[] = [];
  for (const [iac, live] of pairs) {
    const report = (setting: string, at: Location, expected: string, actual: string, message: string) =>
      findings.push({
        ruleId: DRIFT,
        kind: 'drift',
        severity: 'medium',
        title: FINDING_KINDS.get(DRIFT)!.title,
        message,
        file: at.file,
        line: at.line,
        endLine: at.endLine,
        resource: iac.address,
        server: iac.name,
        setting,
        drift: { setting, iac: expected, live: actual },
        declaredAt: iac.declaredAt,
        fingerprint: fingerprint(DRIFT, at.file, iac.address, setting),
      });
    for (const [path, read] of COMPARED) {
      const declared = read(iac);
      const actual = read(live);
      if (declared.origin !== 'explicit' || !isKnown(actual) || same(declared.value, actual.value)) continue;
      report(path, declared.at, String(declared.value), String(actual.value), `Server '${iac.name}' has ${path} ${actual.value} in Azure, but the IaC says ${declared.value}: it was changed outside the IaC.`);
    }
    for (const [name, declared] of iac.parameters) {
      const actual = parameter(live, name);
      if (declared.origin !== 'explicit' || !isKnown(actual) || actual.value === undefined || same(declared.value, actual.value)) continue;
      report(name, declared.at, declared.value, actual.value, `Server '${iac.name}' has ${name} = '${actual.value}' in Azure, but the IaC sets '${declared.value}'.`);
    }
    const declaredRules = new Set(iac.firewallRules.map((rule) => rule.name.toLowerCase()));
    for (const rule of live.firewallRules) {
      if (declaredRules.has(rule.name.toLowerCase()) || iac.declaredElsewhere) continue;
      const range = isKnown(rule.startIpAddress) && isKnown(rule.endIpAddress) ? `${rule.startIpAddress.value}–${rule.endIpAddress.value}` : 'unknown range';
      report(`firewallRules/${rule.name}`, iac.at, 'absent', range, `Server '${iac.name}' has firewall rule '${rule.name}' (${range}) in Azure that no IaC declares.`);
    }
  }
  return findings;
}

/**
 * Findings on live state, labelled as live. For a server the IaC declares, a finding the IaC already
 * shows is not repeated, and the rest point at the server's declaration.
 */
export function labelLiveFindings(findings: Finding[], pairs: Map<PostgresServer, PostgresServer>, iacFindings: Finding[]): Finding[] {
  const declaredFor = new Map([...pairs].map(([iac, live]) => [live.address, iac]));
  const shown = new Set(iacFindings.map((finding) => `${finding.server}\u0000${finding.ruleId}`));
  return findings.flatMap((finding) => {
    const liveAddress = finding.resource.split('/').slice(0, 9).join('/');
    const iac = declaredFor.get(liveAddress);
    if (iac && shown.has(`${iac.name}\u0000${finding.ruleId}`)) return [];
    const at = iac?.at;
    return [
      {
        ...finding,
        kind: 'live' as const,
        message: `Live: ${finding.message}`,
        ...(at && { file: at.file, line: at.line, endLine: at.endLine, declaredAt: iac.declaredAt }),
        fingerprint: fingerprint(finding.ruleId, at?.file ?? finding.file, `live:${finding.resource}`, finding.setting),
      },
    ];
  });
}

function same(a: string | number | boolean, b: string | number | boolean): boolean {
  return String(a).trim().toLowerCase() === String(b).trim().toLowerCase();
}
