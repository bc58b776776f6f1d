import type { Location } from './location.js';

export interface SourceComment {
  text: string;
  at: Location;
  /** Nothing but whitespace precedes it on its first line, so it can head the block below. */
  ownLine: boolean;
  /** The declaration it belongs to, when it is written inside one (ARM `metadata.pgbaseline.ignore`). */
  declaration?: Location;
}

/** What the scope stage needs of a scanned file to apply inline suppressions. */
export interface FileAnnotations {
  file: string;
  comments: SourceComment[];
  /** Top-level declarations (resource, data and module blocks; Bicep and ARM resources). */
  declarations: Location[];
}

/** What starts a suppression comment (`# pgbaseline:ignore <rule> -- <reason>`): comments without it are not read. */
export const DIRECTIVE_PREFIX = 'pgbaseline:ignore';
