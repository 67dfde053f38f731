/**
 * INT-ADF-4 / INT-WIKI-9: LF line breaks, no trailing spaces or tabs on a line, at most one blank
 * line in a row, no leading or trailing blank lines. A hand loop, not `/[ \t]+$/` per line: that
 * regex is quadratic on a long run of spaces inside a line (18 s for 200,000).
 */
export function tidy(text: string): string {
  const out: string[] = [];
  let blank = false;
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    let end = raw.length;
    while (end > 0 && (raw[end - 1] === ' ' || raw[end - 1] === '\t')) end--;
    if (end === 0) {
      blank = out.length > 0;
      continue;
    }
    if (blank) out.push('');
    blank = false;
    out.push(raw.slice(0, end));
  }
  return out.join('\n');
}
