/** GitHub API limits, named with where they come from (research/prbot-ux.md §2). */

/** Check-run annotations accepted per create/update request. */
export const MAX_ANNOTATIONS_PER_REQUEST = 50;
/** Check-run `output.summary` and `output.text`: "must be less than or equal to 65535 bytes"; we keep a margin. */
export const MAX_CHECK_OUTPUT_BYTES = 65_000;
/** Issue and review comment bodies: 65,536 characters; we keep a margin. */
export const MAX_COMMENT_CHARS = 60_000;
/** `pulls.listFiles` returns at most 3,000 files. */
export const MAX_PULL_FILES = 3_000;
/** Job summary: 1 MiB per step; we keep a margin. */
export const MAX_JOB_SUMMARY_BYTES = 900_000;
/** Workflow-command annotations shown per step and kind (docs/problem-matchers.md). */
export const MAX_WORKFLOW_ANNOTATIONS_PER_KIND = 10;
