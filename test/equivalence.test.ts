import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScanResult } from '../src/engine/scan-result.js';
import { scan } from '../src/scan.js';

const ROOT = join(import.meta.dirname, '..');

/** server name → the sorted rule ids reported on it, and those not evaluated. */
function rulesByServer(result: ScanResult): Record<string, { reported: string[]; notEvaluated: string[] }> {
  const servers: Record<string, { reported: Set<string>; notEvaluated: Set<string> }> = {};
  const entry = (server: string) => (servers[server] ??= { reported: new Set(), notEvaluated: new Set() });
  for (const finding of result.findings) if (finding.server) entry(finding.server).reported.add(finding.ruleId);
  for (const item of result.notEvaluated) entry(item.server).notEvaluated.add(item.ruleId);
  return Object.fromEntries(
    Object.entries(servers).map(([server, sets]) => [server, { reported: [...sets.reported].sort(), notEvaluated: [...sets.notEvaluated].sort() }]),
  );
}

describe.each(['insecure', 'secure'])('the %s example written in Terraform, Bicep and ARM', (example) => {
  it('yields the same rule ids per server in every format', async () => {
    const options = { cwd: ROOT, now: new Date('2026-11-26'), strict: true };
    const terraform = rulesByServer(await scan({ ...options, paths: [`examples/terraform/${example}`] }));
    const bicep = rulesByServer(await scan({ ...options, paths: [`examples/bicep/${example}`] }));
    const arm = rulesByServer(
      await scan({ ...options, paths: [`examples/arm/${example}`], paramFiles: ['examples/arm/secure/azuredeploy.parameters.json'] }),
    );
    expect(bicep).toEqual(terraform);
    expect(arm).toEqual(terraform);
    if (example === 'insecure') expect(Object.keys(terraform).sort()).toEqual(['legacy-app-db', 'reporting-db', 'retired-single-server']);
  });
});
