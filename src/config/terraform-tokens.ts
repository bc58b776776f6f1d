/** `TF_TOKEN_app_terraform_io` → `app.terraform.io`, as Terraform names registry credentials (`__` is a hyphen). */
export function terraformTokens(env: Record<string, string | undefined>): Record<string, string> {
  const tokens: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    const host = /^TF_TOKEN_(.+)$/.exec(name)?.[1];
    if (host && value) tokens[host.replaceAll('__', '\u0000').replaceAll('_', '.').replaceAll('\u0000', '-').toLowerCase()] = value;
  }
  return tokens;
}
