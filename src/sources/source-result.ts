import type { FileAnnotations } from '../model/annotations.js';
import type { Notice } from '../model/notice.js';
import type { Problem } from '../model/problem.js';
import type { ArmResource } from '../model/resource.js';

/** What every front-end returns: resources in ARM shape, what it could not read or follow, and comment data. */
export interface SourceResult {
  resources: ArmResource[];
  problems: Problem[];
  notices: Notice[];
  annotations: FileAnnotations[];
}
