/**
 * Whether JSON text nests arrays/objects deeper than `max`, found by one scan over the text
 * (strings skipped), before JSON.parse. V8 parses any depth, but JSON.stringify, zod and other
 * recursive code overflow the stack on a value a few thousand levels deep (a RangeError, which
 * would be a 500). Malformed text is left to JSON.parse to report.
 */
export function jsonTooDeep(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > max) return true;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--;
  }
  return false;
}
