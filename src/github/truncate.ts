/** Cuts Markdown to a UTF-8 byte budget on a line boundary, saying where the rest is. */
export function truncateUtf8(text: string, maxBytes: number, note: string): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const budget = maxBytes - Buffer.byteLength(`\n\n${note}\n`, 'utf8');
  const lines = text.split('\n');
  let size = 0;
  let kept = 0;
  for (const line of lines) {
    const next = Buffer.byteLength(`${line}\n`, 'utf8');
    if (size + next > budget) break;
    size += next;
    kept++;
  }
  return `${lines.slice(0, kept).join('\n')}\n\n${note}\n`;
}
