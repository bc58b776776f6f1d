import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, normalize, resolve } from 'node:path';
import { REGISTRY_ADDRESS } from './download-modules.js';

/**
 * Finds registry and Git modules on disk for one Terraform root: the copies `terraform init` recorded in
 * `.terraform/modules/modules.json` (keys such as `db` and `db.network`, directories relative to the root), and, for
 * a module repository's own examples that call it by its published address, the repository itself, because the pull
 * request changes that copy, not the published one.
 */
export function moduleLocator(cwd: string, installed: Map<string, string>): (key: string, source: string, callerDir: string) => string | undefined {
  return (key, source, callerDir) => installed.get(key) ?? thisRepository(cwd, source, callerDir);
}

export function readModulesJson(cwd: string, root: string): Map<string, string> {
  const file = resolve(cwd, root, '.terraform', 'modules', 'modules.json');
  const installed = new Map<string, string>();
  if (!existsSync(file)) return installed;
  try {
    const { Modules } = JSON.parse(readFileSync(file, 'utf8')) as { Modules?: { Key?: string; Dir?: string }[] };
    for (const { Key, Dir } of Modules ?? []) {
      if (Key && Dir !== undefined) installed.set(Key, normalize(join(root, Dir)));
    }
  } catch {
    // A broken modules.json is as good as none: the calls are reported as not followed.
  }
  return installed;
}

/** The folder above the caller named `terraform-<provider>-<name>` (the registry's naming rule), holding .tf files. */
function thisRepository(cwd: string, source: string, callerDir: string): string | undefined {
  const address = REGISTRY_ADDRESS.exec(source);
  if (!address) return undefined;
  const [, , , name, provider, subdir] = address;
  const repository = `terraform-${provider}-${name}`.toLowerCase();
  for (let dir = normalize(callerDir); ; dir = dirname(dir)) {
    const folder = basename(resolve(cwd, dir)).toLowerCase();
    if (folder === repository) {
      const target = subdir ? normalize(join(dir, subdir)) : dir;
      return hasTerraform(resolve(cwd, target)) ? target : undefined;
    }
    if (dir === '.' || dir === dirname(dir)) return undefined;
  }
}

function hasTerraform(dir: string): boolean {
  try {
    return readdirSync(dir).some((name) => name.endsWith('.tf'));
  } catch {
    return false;
  }
}
