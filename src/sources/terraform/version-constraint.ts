type Version = [number, number, number, string];

function parse(text: string): Version | undefined {
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([\w.-]+))?(?:\+[\w.-]+)?$/.exec(text.trim());
  return match ? [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0), match[4] ?? ''] : undefined;
}

function compare(a: Version, b: Version): number {
  for (let index = 0; index < 3; index++) if (a[index] !== b[index]) return (a[index] as number) - (b[index] as number);
  // A pre-release sorts before its release.
  if (a[3] === b[3]) return 0;
  if (!a[3]) return 1;
  if (!b[3]) return -1;
  return a[3] < b[3] ? -1 : 1;
}

/** Whether a version meets one constraint: `=`, `!=`, `>`, `>=`, `<`, `<=`, `~>` as Terraform defines them. */
function meets(version: Version, constraint: string): boolean {
  const match = /^(=|!=|>=|<=|>|<|~>)?\s*(.+)$/.exec(constraint.trim());
  const bound = match && parse(match[2]!);
  if (!bound) return false;
  const order = compare(version, bound);
  switch (match[1] ?? '=') {
    case '=':
      return order === 0;
    case '!=':
      return order !== 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    default: {
      // `~> 1.2` allows 1.x from 1.2; `~> 1.2.3` allows 1.2.x from 1.2.3: the rightmost written part may grow.
      const parts = match[2]!.replace(/-.*$/, '').split('.').length;
      const upper: Version = parts >= 3 ? [bound[0], bound[1] + 1, 0, ''] : parts === 2 ? [bound[0] + 1, 0, 0, ''] : [Number.MAX_SAFE_INTEGER, 0, 0, ''];
      return order >= 0 && compare(version, upper) < 0;
    }
  }
}

/**
 * The newest version that meets every comma-separated constraint, as `terraform init` picks it. Pre-releases are
 * chosen only when a constraint names that exact version.
 */
export function newestMatching(versions: string[], constraint: string | undefined): string | undefined {
  const constraints = (constraint ?? '').split(',').map((part) => part.trim()).filter(Boolean);
  const exact = new Set(constraints.filter((part) => /^=?\s*v?\d/.test(part)).map((part) => part.replace(/^=\s*/, '')));
  return versions
    .map((text) => ({ text, version: parse(text) }))
    .filter((entry): entry is { text: string; version: Version } => entry.version !== undefined)
    .filter(({ text, version }) => (!version[3] || exact.has(text)) && constraints.every((part) => meets(version, part)))
    .sort((a, b) => compare(b.version, a.version))[0]?.text;
}
