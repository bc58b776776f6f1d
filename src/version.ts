/** Kept equal to package.json by a test; the bundle has no package.json to read. */
export const VERSION = '0.1.0';
