import type { Location } from '../model/location.js';
import type { SourceFormat } from '../model/resource.js';
import type { PostgresServer } from '../model/server.js';
import type { Rule } from './rule.js';

/** The language of the file a finding points at: a fix is written in it, whatever format declared the server. */
function formatOfFile(file: string): Exclude<SourceFormat, 'live'> {
  if (/\.(tf|tfvars)$/i.test(file)) return 'terraform';
  if (/\.(bicep|bicepparam)$/i.test(file)) return 'bicep';
  return 'arm';
}

/**
 * A rule's remediation in the language of the finding's file, naming the real server: the catalog's snippets say
 * `azurerm_postgresql_flexible_server.main` and `server`, which are rarely what a user called theirs.
 */
export function fixFor(rule: Rule, server: PostgresServer, at: Location): string {
  const format = formatOfFile(at.file);
  const fix = rule.remediation[format];
  if (format !== server.format) return fix;
  if (format === 'terraform') {
    // A reference inside a module names the resource as the module does: without the `module.x.` path.
    const local = server.address.replace(/^(?:module\.[^.]+(?:\[[^\]]*\])?\.)+/, '');
    return /^azurerm_postgresql_flexible_server\./.test(local) ? fix.replaceAll('azurerm_postgresql_flexible_server.main', local) : fix;
  }
  if (format === 'bicep') {
    const symbol = /^[A-Za-z_]\w*$/.exec(server.address.split('/').pop()?.split('::').pop()?.replace(/\[\d+\]$/, '') ?? '')?.[0];
    return symbol ? fix.replace(/\b(parent|scope): server\b/g, `$1: ${symbol}`).replaceAll('server.id', `${symbol}.id`) : fix;
  }
  return fix;
}
