import { VERSION } from '../version.js';

const REPOSITORY_URL = 'https://github.com/pgbaseline/pgbaseline';

/** Finding ids that are not catalog rules: they never appear under rules/. */
export const PARSE_ERROR = 'parse-error';
export const RULE_ERROR = 'rule-error';
export const INVALID_SUPPRESSION = 'invalid-suppression';
export const DRIFT = 'drift';

/** What every reporter needs to know of a finding's id, whether a catalog rule or one of the kinds below. */
export interface FindingKind {
  id: string;
  /** A readable name, distinct from the id (SARIF `name`). */
  name: string;
  title: string;
  help: string;
  /** Whether `pgbaseline:ignore`, the configuration or a baseline can accept it. */
  suppressible: boolean;
  /** Its documentation, relative to the repository root. */
  docs: string;
}

const KINDS: readonly FindingKind[] = [
  {
    id: PARSE_ERROR,
    name: 'ParseError',
    title: 'File could not be parsed',
    help: 'The file is not valid Terraform, Bicep or ARM JSON (or is binary, too large or nested too deeply); the rest of the scan went on. Fix the syntax so that the file can be checked.',
    suppressible: false,
    docs: 'README.md#bad-input',
  },
  {
    id: RULE_ERROR,
    name: 'RuleError',
    title: 'A rule could not run',
    help: 'A rule failed on this server: its verdict is unknown. Please report it with the input that caused it.',
    suppressible: false,
    docs: 'README.md#bad-input',
  },
  {
    id: INVALID_SUPPRESSION,
    name: 'InvalidSuppression',
    title: 'A suppression cannot apply',
    help: 'A pgbaseline:ignore comment or configuration entry has no reason, an unknown rule id or a bad date, so it suppresses nothing.',
    suppressible: false,
    docs: 'README.md#accepting-a-finding-on-purpose',
  },
  {
    id: DRIFT,
    name: 'Drift',
    title: 'Azure differs from the IaC',
    help: 'A setting the IaC states explicitly has another value on the server in Azure (changed in the portal or by a script), or a firewall rule exists that no IaC declares.',
    suppressible: true,
    docs: 'README.md#live-azure-state-and-drift',
  },
];

export const FINDING_KINDS: ReadonlyMap<string, FindingKind> = new Map(KINDS.map((kind) => [kind.id, kind]));

/** Documentation at the released version, so a link keeps describing the rule that reported the finding. */
export function docsUrl(id: string): string {
  const path = FINDING_KINDS.get(id)?.docs ?? `rules/${id}/README.md`;
  return `${REPOSITORY_URL}/blob/v${VERSION}/${path}`;
}

export function isSuppressible(id: string): boolean {
  return FINDING_KINDS.get(id)?.suppressible ?? true;
}

/** `no-public-network-access` → `NoPublicNetworkAccess`: SARIF's readable rule name. */
export function readableName(id: string): string {
  return FINDING_KINDS.get(id)?.name ?? id.replace(/(^|-)([a-z0-9])/g, (_, __, char: string) => char.toUpperCase());
}
