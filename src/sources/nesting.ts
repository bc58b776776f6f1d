import type { Problem } from '../model/problem.js';

/** Real IaC nests a few dozen levels; past this, parsers and evaluators slow down or overflow the stack. */
export const MAX_NESTING = 500;

/**
 * Refuses text whose brackets nest deeper than `MAX_NESTING`, before any parser sees it. Brackets in
 * strings count too: a cheap linear upper bound is what protects the hot path.
 */
export function checkNesting(file: string, text: string): Problem | undefined {
  let depth = 0;
  let line = 1;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (char === 10) line++;
    else if (char === 40 || char === 91 || char === 123) {
      if (++depth > MAX_NESTING) {
        return { message: `File skipped: brackets nest more than ${MAX_NESTING} levels deep`, at: { file, line, endLine: line } };
      }
    } else if ((char === 41 || char === 93 || char === 125) && depth > 0) depth--;
  }
  return undefined;
}
