/** IPv4 address ranges as firewall rules state them, counted without building address lists. */

export function parseIpv4(text: string): number | undefined {
  const parts = text.trim().split('.');
  if (parts.length !== 4 || parts.some((part) => !/^\d{1,3}$/.test(part) || Number(part) > 255)) return undefined;
  return parts.reduce((sum, part) => sum * 256 + Number(part), 0);
}

// Not reachable from the internet: RFC 1918, loopback, link-local, CGNAT, "this network",
// documentation, benchmarking, multicast and reserved space (RFC 6890).
const NON_PUBLIC: [string, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];

const NON_PUBLIC_RANGES = NON_PUBLIC.map(([base, bits]) => {
  const start = parseIpv4(base)!;
  return [start, start + 2 ** (32 - bits) - 1] as const;
});

/** How many addresses the inclusive range covers. */
export function countAddresses(start: number, end: number): number {
  return end >= start ? end - start + 1 : 0;
}

/** How many publicly routable addresses the inclusive range covers. */
export function countPublicAddresses(start: number, end: number): number {
  let count = countAddresses(start, end);
  for (const [low, high] of NON_PUBLIC_RANGES) {
    count -= countAddresses(Math.max(start, low), Math.min(end, high));
  }
  return count;
}
