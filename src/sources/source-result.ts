import type { FileAnnotations } from '../model/annotations.js';
import type { Problem } from '../model/problem.js';
import type { ArmResource } from '../model/resource.js';

/** What every front-end returns: resources in ARM shape, what it could not read, and comment data. */
export interface SourceResult {
  resources: ArmResource[];
  problems: Problem[];
  annotations: FileAnnotations[];
}
