/** Paths in reports use `/`, whatever the platform, as SARIF and GitHub expect. */
export function toPosix(path: string): string {
  return path.replaceAll('\\', '/');
}
