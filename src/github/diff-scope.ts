import type { Finding } from '../engine/finding.js';
import { toPosix } from '../files/to-posix.js';
import type { FailScope, FilterMode } from './inputs.js';
import type { ChangedFile } from './pull-request.js';

/**
 * Where a finding stands against the pull request's diff. Nothing is dropped: out-of-diff findings
 * still reach the check run and the summary.
 */
export interface DiffPlacement {
  /** Passes `filter-mode`: eligible for an inline comment. */
  inFilter: boolean;
  /** The line to comment on: the finding's, or the nearest changed line of its resource block. */
  commentLine?: number;
  /** The finding's line or its resource's declaration overlaps a changed line. */
  inChangedResource: boolean;
  /** The finding's own line was changed. */
  onChangedLine: boolean;
  /** The pull request adds or changes the finding's file: a file-level comment can sit on it. */
  inChangedFile: boolean;
}

/** GitHub omits the patch of large files: such a file changed, lines unknown, so all of it counts as changed. */
function isWhollyChanged(file: ChangedFile | undefined): boolean {
  return file !== undefined && file.lines === undefined && file.status !== 'removed';
}

export function placeFinding(finding: Finding, changed: Map<string, ChangedFile>, mode: FilterMode): DiffPlacement {
  const file = changed.get(toPosix(finding.file));
  const inChangedFile = file !== undefined && file.status !== 'removed';
  if (isWhollyChanged(file)) return { inFilter: mode !== 'diff_context', inChangedResource: true, onChangedLine: true, inChangedFile };
  const lines = file?.lines;
  // A finding may span lines (a firewall range's start and end address): a change to any of them is on it.
  const span = Array.from({ length: Math.max(1, finding.endLine - finding.line + 1) }, (_, index) => finding.line + index);
  const changedInSpan = span.find((line) => lines?.added.has(line));
  const onChangedLine = changedInSpan !== undefined;
  const block = (finding.declaredAt ?? []).filter((at) => at.file === finding.file).at(-1);
  const changedInBlock = block && lines ? [...lines.added].filter((line) => line >= block.line && line <= block.endLine) : [];
  const inChangedResource =
    onChangedLine ||
    changedInBlock.length > 0 ||
    (finding.declaredAt ?? []).some((at) => {
      const declaredIn = changed.get(toPosix(at.file));
      if (isWhollyChanged(declaredIn)) return true;
      const declared = declaredIn?.lines;
      return declared !== undefined && [...declared.added].some((line) => line >= at.line && line <= at.endLine);
    });
  // A finding about a missing attribute sits on the resource header; comment on the nearest changed line of the block.
  const nearest = changedInBlock.sort((a, b) => Math.abs(a - finding.line) - Math.abs(b - finding.line))[0];
  const commentLine = changedInSpan ?? (lines?.commentable.has(finding.line) ? finding.line : nearest);
  const inFilter =
    mode === 'nofilter' ||
    (mode === 'file' && file !== undefined) ||
    (mode === 'diff_context' && commentLine !== undefined) ||
    (mode === 'added' && (onChangedLine || nearest !== undefined));
  return { inFilter, ...(commentLine !== undefined && { commentLine }), inChangedResource, onChangedLine, inChangedFile };
}

/** Whether a finding counts for the gate under `fail-scope`. */
export function inGateScope(placement: DiffPlacement | undefined, scope: FailScope): boolean {
  if (!placement || scope === 'all') return true;
  return scope === 'changed-lines' ? placement.onChangedLine : placement.inChangedResource;
}
