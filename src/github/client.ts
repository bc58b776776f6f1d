import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

export type GitHubClient = ReturnType<typeof getOctokit>;

export interface ClientLog {
  warning(message: string): void;
}

/**
 * Octokit as the ecosystem builds it: `GITHUB_API_URL` (GHES) via @actions/github, writes throttled
 * and serialised, secondary rate limits retried twice honouring `retry-after`, primary limits once.
 */
export function createClient(token: string, log: ClientLog): GitHubClient {
  return getOctokit(
    token,
    {
      throttle: {
        onRateLimit: (retryAfter: number, options: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
          log.warning(`GitHub rate limit reached on ${options.method} ${options.url}; retrying in ${retryAfter} s.`);
          return retryCount < 1 && retryAfter < 60;
        },
        onSecondaryRateLimit: (retryAfter: number, options: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
          log.warning(`GitHub secondary rate limit on ${options.method} ${options.url}; retrying in ${retryAfter} s.`);
          return retryCount < 2;
        },
      },
      retry: { doNotRetry: [400, 401, 403, 404, 422, 451] },
    },
    throttling,
    retry,
  );
}

/** 403 "Resource not accessible by integration" and 404 on a write mean a read-only token: degrade, do not fail. */
export function isPermissionError(error: unknown): boolean {
  const status = (error as { status?: number }).status;
  if (status === 404) return true;
  if (status !== 403) return false;
  const message = String((error as { message?: string }).message ?? '').toLowerCase();
  return !message.includes('rate limit');
}
