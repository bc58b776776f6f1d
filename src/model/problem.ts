import type { Location } from './location.js';

/** Something a front-end could not read: it becomes a `parse-error` finding on that line. */
export interface Problem {
  message: string;
  at: Location;
}
