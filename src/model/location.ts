/** A span in a scanned file: `file` as given to the scan, lines 1-based and inclusive. */
export interface Location {
  file: string;
  line: number;
  endLine: number;
}

export function locationAt(file: string, line: number, endLine = line): Location {
  return { file, line, endLine };
}
