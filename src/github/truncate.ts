/**
 * Cuts Markdown to a budget on a line boundary, saying where the rest is. `measure` is GitHub's unit for the field:
 * UTF-8 bytes for check runs and job summaries, characters for comment and review bodies. A single line longer than
 * the budget is cut on a code point, never inside a surrogate pair.
 */
export function truncateText(text: string, max: number, note: string, measure: (text: string) => number): string {
  if (measure(text) <= max) return text;
  const budget = max - measure(`\n\n${note}\n`);
  const kept: string[] = [];
  let size = 0;
  for (const line of text.split('\n')) {
    const next = measure(`${line}\n`);
    if (size + next > budget) {
      if (kept.length === 0) kept.push(cutCodePoints(line, budget, measure));
      break;
    }
    size += next;
    kept.push(line);
  }
  return `${kept.join('\n')}\n\n${note}\n`;
}

/** Both of GitHub's units add up code point by code point, so one pass measures each code point once. */
function cutCodePoints(line: string, budget: number, measure: (text: string) => number): string {
  let size = 0;
  let end = 0;
  for (const char of line) {
    size += measure(char);
    if (size > budget) break;
    end += char.length;
  }
  return line.slice(0, end);
}

export const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');
/** GitHub counts a body's characters as code points. */
export const characters = (text: string): number => [...text].length;

export function truncateUtf8(text: string, maxBytes: number, note: string): string {
  return truncateText(text, maxBytes, note, utf8Bytes);
}
