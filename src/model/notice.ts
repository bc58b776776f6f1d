/**
 * Something the scan could not read or follow: a module, a linked template, a resource that the values in
 * the scan do not instantiate, a scan that found no IaC. A notice is never a finding and never gates, but
 * every report shows it, so that a clean result never hides what was not looked at.
 */
export interface Notice {
  kind: NoticeKind;
  message: string;
  file?: string;
  line?: number;
}

export type NoticeKind = 'module-not-followed' | 'template-not-read' | 'not-instantiated' | 'no-iac' | 'live-state';

/** A module instantiated by several callers is one notice, not one per caller. */
export function dedupeNotices(notices: Notice[]): Notice[] {
  const seen = new Set<string>();
  return notices.filter((notice) => {
    const key = [notice.kind, notice.file, notice.line, notice.message].join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
