import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { formatSarif } from '../src/report/format-sarif.js';
import { scan } from '../src/scan.js';

const ROOT = join(import.meta.dirname, '..');
const NOW = new Date('2026-11-26T00:00:00Z');

/** What each language's snippets look like, and what the others' look like in it. */
const LOOKS_LIKE = {
  terraform: /resource "azurerm|\w+ += |\w+ \{/,
  bicep: /resource \w+ '|\w+: '|\bparent: |\bscope: |\w+: \{/,
  arm: /"\w+": |\[\w+\(/,
} as const;

function languageOf(file: string): keyof typeof LOOKS_LIKE {
  return /\.tf(vars)?$/.test(file) ? 'terraform' : /\.bicep(param)?$/.test(file) ? 'bicep' : 'arm';
}

describe('fixes', () => {
  it('are written in the language of the file each finding points at, for every rule and format', async () => {
    const result = await scan({ paths: ['examples', ...RULES.map((rule) => join('rules', rule.id, 'fixtures'))], cwd: ROOT, now: NOW });
    const wrong = result.findings
      .filter((finding) => finding.fix)
      .filter((finding) => {
        const language = languageOf(finding.file);
        const code = finding.fix!.replace(/\/\/.*$|#.*$/gm, '');
        const others = (Object.keys(LOOKS_LIKE) as (keyof typeof LOOKS_LIKE)[]).filter((other) => other !== language);
        // A Bicep snippet has no `"key": `, an ARM snippet no `key: '`, a Terraform snippet neither.
        return others.some((other) => other !== 'terraform' && LOOKS_LIKE[other].test(code) && !LOOKS_LIKE[language].test(code));
      })
      .map((finding) => `${finding.ruleId} ${finding.file}:${finding.line}`);
    expect(wrong).toEqual([]);
    expect(result.findings.filter((finding) => finding.fix).length).toBeGreaterThan(300);
  });

  it('name the server as the code names it, not the catalog placeholder', async () => {
    const result = await scan({ paths: ['examples/terraform/insecure', 'examples/bicep/insecure'], cwd: ROOT, now: NOW });
    const admin = result.findings.find((finding) => finding.ruleId === 'require-entra-admin' && finding.file.endsWith('.tf'));
    expect(admin?.fix).toContain(`server_name         = ${admin!.resource}.name`);
    expect(result.findings.filter((finding) => finding.fix?.includes('azurerm_postgresql_flexible_server.main'))).toEqual([]);
    const endpoint = result.findings.find((finding) => finding.ruleId === 'require-private-connectivity' && finding.file.endsWith('.bicep'));
    expect(endpoint?.fix).toContain(`privateLinkServiceId: ${endpoint!.resource.split('/').pop()}.id`);
  });

  it('are given in all three languages in the SARIF help of each rule', () => {
    const sarif = JSON.parse(formatSarif({ findings: [], notEvaluated: [], notices: [], verdicts: [], stats: { files: 0, servers: 0, verdicts: 0, knownVerdicts: 0 } }, RULES, '0.0.0'));
    for (const descriptor of sarif.runs[0].tool.driver.rules.filter((rule: { id: string }) => RULES.some((known) => known.id === rule.id))) {
      expect(descriptor.help.markdown).toContain('```hcl');
      expect(descriptor.help.markdown).toContain('```bicep');
      expect(descriptor.help.markdown).toContain('```json');
    }
  });
});
