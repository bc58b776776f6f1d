export const REPOSITORY_URL = 'https://github.com/pgbaseline/pgbaseline';

/** Where a rule's generated documentation lives; SARIF `helpUri` and comments link here. */
export function ruleDocsUrl(ruleId: string): string {
  return `${REPOSITORY_URL}/blob/main/rules/${ruleId}/README.md`;
}
