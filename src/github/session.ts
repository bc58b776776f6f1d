import { isPermissionError } from './client.js';

export type Mode = 'full' | 'degraded' | 'push';

/** What the session may say on the runner: the action's log. */
export interface SessionLog {
  warning(message: string): void;
}

/**
 * The run's standing with GitHub. Every write goes through `write`: a read-only token (a fork's, Dependabot's, or a
 * missing permission) degrades the run to annotations and the job summary instead of failing it, and says which
 * permission is missing; any other failure is a warning that never changes the verdict.
 */
export class GitHubSession {
  constructor(
    public mode: Mode,
    private readonly log: SessionLog,
  ) {}

  async write<T>(what: string, permission: string, action: () => Promise<T>): Promise<T | undefined> {
    if (this.mode === 'degraded') return undefined;
    try {
      return await action();
    } catch (error) {
      if (isPermissionError(error)) {
        this.mode = 'degraded';
        this.log.warning(`Cannot ${what}: the token lacks '${permission}' (GitHub answered ${(error as { status?: number }).status}). Falling back to annotations and the job summary.`);
      } else {
        this.log.warning(`Could not ${what}: ${error instanceof Error ? error.message : String(error)}. The verdict is unaffected.`);
      }
      return undefined;
    }
  }
}
