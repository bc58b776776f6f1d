import type { Location } from './location.js';
import { countAddresses, countPublicAddresses, parseIpv4 } from './ip-range.js';
import type { FirewallRule } from './server.js';
import { isKnown, notKnown, type UnknownSetting } from './setting.js';

/** A /8 of public addresses: no allow-list is that wide on purpose. */
const INTERNET_SIZED = 2 ** 24;

export interface FirewallRange {
  start: string;
  end: string;
  count: number;
  publicCount: number;
  /** 0.0.0.0–0.0.0.0: Azure's switch for "allow public access from any Azure service". */
  allowsAllAzure: boolean;
  /** Admits at least 2^24 public addresses: the internet, for any practical purpose. */
  openToInternet: boolean;
  /** The lines that write the range (start to end address, or the variable lines they came from): findings go there. */
  at: Location;
}

/** Both addresses' lines when they are written in one file, so that a change to either lands on the finding. */
function spanOf(start: Location, end: Location): Location {
  if (start.file !== end.file) return end;
  return { ...end, line: Math.min(start.line, end.line), endLine: Math.max(start.endLine, end.endLine), via: end.via ?? start.via };
}

/** Reads a firewall rule's range, or why it cannot be read. */
export function readFirewallRange(rule: FirewallRule): FirewallRange | { unknown: UnknownSetting } {
  const { startIpAddress: start, endIpAddress: end } = rule;
  if (!isKnown(start)) return { unknown: start };
  if (!isKnown(end)) return { unknown: end };
  const low = parseIpv4(start.value);
  const high = parseIpv4(end.value);
  if (low === undefined || high === undefined) {
    return { unknown: notKnown(`'${start.value}'–'${end.value}' is not an IPv4 range`, rule.at) };
  }
  return {
    start: start.value,
    end: end.value,
    count: countAddresses(low, high),
    publicCount: countPublicAddresses(low, high),
    allowsAllAzure: low === 0 && high === 0,
    openToInternet: countPublicAddresses(low, high) >= INTERNET_SIZED,
    at: spanOf(start.at, end.at),
  };
}
