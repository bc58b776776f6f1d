/** The lines of a file's new version that a pull request touches, from its unified-diff `patch`. */
export interface ChangedLines {
  /** Lines added or modified. */
  added: Set<number>;
  /** Every line shown in a hunk on the new side (added and context): where GitHub accepts review comments. */
  commentable: Set<number>;
}

/** Parses a `patch` from `pulls.listFiles`; `\ No newline at end of file` and removed lines take no new line. */
export function parsePatch(patch: string): ChangedLines {
  const added = new Set<number>();
  const commentable = new Set<number>();
  let line = 0;
  let inHunk = false;
  for (const text of patch.split('\n')) {
    const header = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(text);
    if (header) {
      line = Number(header[1]);
      inHunk = true;
      continue;
    }
    if (!inHunk || text.startsWith('\\')) continue;
    if (text.startsWith('+')) {
      added.add(line);
      commentable.add(line);
      line++;
    } else if (text.startsWith(' ')) {
      commentable.add(line);
      line++;
    }
  }
  return { added, commentable };
}
