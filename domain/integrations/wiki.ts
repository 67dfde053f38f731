// Jira Data Center / Server wiki markup as plain text (rules INT-WIKI-1..9), in the conventions of
// the ADF converter (INT-ADF-1/2/4). Scanned by hand, one pass per construct: descriptions can be
// long and hostile, so no regex here may backtrack and no search may restart from the same place.
import { tidy } from './tidy';

/** List nesting deeper than this is indented as this deep (ADF cuts nesting at 64 levels too). */
const MAX_LIST_DEPTH = 64;
/** A macro's parameters (`{code:title=A.java|borderStyle=solid}`) are at most this long. */
const MAX_PARAMS = 500;

const VERBATIM = ['code', 'noformat'] as const;
const SINGLE_MARKS = '*_+^~-';
/** Characters a backslash escapes (INT-WIKI-8); `\\` itself is a line break. */
const ESCAPABLE = new Set([...'\\*_+^~-?{}[]!|#()']);
/** Before an opening marker, besides whitespace and the start of the text. */
const OPEN_AFTER = new Set([...'([{}"\'«„“‚‘<|*_+^~-?']);
/** After a closing marker, besides whitespace and the end of the text. */
const CLOSE_BEFORE = new Set([...'.,;:!?)]}{"\'»“”‘’…>|*_+^~-']);
const URL_STARTS = ['https://', 'http://', 'ftp://', 'file:', 'mailto:', 'www.'];
/** A bare address ends at whitespace or one of these. */
const URL_STOP = new Set([...'[]|!<>"{}']);
/** ...and does not keep these at its end (the sentence's punctuation or a closing marker). */
const URL_TRAIL = new Set([...".,;:)*_+^~-?'"]);

const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);
const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/**
 * Jira wiki markup (what Data Center and Server send as a description) as plain text.
 * INT-WIKI-1: headings give their text, lines of a paragraph stay lines, blocks are separated by a
 * blank line, `----` is `---`, `\\` is a line break.
 * INT-WIKI-2: `*`/`-` bullets are `- `, `#` items `N. `, two spaces of indent per extra level.
 * INT-WIKI-3: `bq.` and `{quote}` lines get `> `; a `{panel:title=T}` gives T, then its content.
 * INT-WIKI-4: `{code}`/`{noformat}` content is kept verbatim.
 * INT-WIKI-5: table rows are their cells joined by ` | `.
 * INT-WIKI-6: inline markers give their text only where they delimit words; `{{mono}}` verbatim.
 * INT-WIKI-7: links as `text (url)`, users, anchors and attachments by name; images left out.
 * INT-WIKI-8: `\X` is X. INT-WIKI-9: tidied as INT-ADF-4; linear time; never throws.
 */
export function wikiToText(markup: string): string {
  if (typeof markup !== 'string') return '';
  try {
    return tidy(render(markup.replace(/\r\n?/g, '\n')));
  } catch {
    // nothing above should throw; if it does (a string too long to build), the text as Jira sent it
    try {
      return tidy(markup);
    } catch {
      return '';
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Block macros: {code}, {noformat}, {quote}, {panel}

interface Tag {
  name: string;
  params: string;
  end: number;
}

/** The block macro tag starting at `at` (a `{`), or null. Reads at most MAX_PARAMS characters. */
function readTag(s: string, at: number): Tag | null {
  for (const name of ['code', 'noformat', 'quote', 'panel']) {
    if (!s.startsWith(name, at + 1)) continue;
    const k = at + 1 + name.length;
    if (s[k] === '}') return { name, params: '', end: k + 1 };
    if (s[k] !== ':' || name === 'quote') return null;
    const limit = Math.min(s.length, k + 1 + MAX_PARAMS);
    for (let j = k + 1; j < limit; j++) {
      const c = s[j];
      if (c === '}') return { name, params: s.slice(k + 1, j), end: j + 1 };
      if (c === '{' || c === '\n') return null;
    }
    return null;
  }
  return null;
}

/** An odd number of backslashes before `at` escapes the character there. */
function escapedAt(s: string, at: number): boolean {
  let n = 0;
  for (let j = at - 1; j >= 0 && s[j] === '\\'; j--) n++;
  return n % 2 === 1;
}

function panelTitle(params: string): string {
  for (const p of params.split('|')) {
    const eq = p.indexOf('=');
    if (eq > 0 && p.slice(0, eq).trim() === 'title') return p.slice(eq + 1).trim();
  }
  return '';
}

function render(s: string): string {
  const out: string[] = [];
  let quote: string[] | null = null;
  let inPanel = false;
  const emit = (block: string) => {
    if (block !== '') (quote ?? out).push(block);
  };
  const endQuote = () => {
    if (quote && quote.length > 0) out.push(quoted(quote.join('\n\n')));
    quote = null;
  };
  // where each verbatim block's closing tag last occurs: an unclosed one is known without searching
  const lastClose = new Map<string, number>(VERBATIM.map((n) => [n, s.lastIndexOf(`{${n}}`)]));

  let pos = 0;
  let textStart = 0;
  for (;;) {
    const at = s.indexOf('{', pos);
    if (at < 0) break;
    pos = at + 1;
    if (s[at - 1] === '{' || s[at + 1] === '{' || escapedAt(s, at)) continue; // {{mono}} or \{
    const tag = readTag(s, at);
    if (!tag) continue;
    for (const b of blocksOf(s.slice(textStart, at))) emit(b);
    let next = tag.end;
    if (tag.name === 'code' || tag.name === 'noformat') {
      const close = `{${tag.name}}`;
      const found = tag.end <= (lastClose.get(tag.name) ?? -1) ? s.indexOf(close, tag.end) : -1;
      const end = found < 0 ? s.length : found; // INT-WIKI-4: an unclosed block runs to the end
      emit(verbatim(s.slice(tag.end, end)));
      next = found < 0 ? s.length : found + close.length;
    } else if (tag.name === 'quote') {
      if (quote) endQuote();
      else quote = [];
    } else if (inPanel && tag.params === '') {
      inPanel = false;
    } else {
      inPanel = true;
      emit(inlineText(panelTitle(tag.params)));
    }
    pos = textStart = next;
  }
  for (const b of blocksOf(s.slice(textStart))) emit(b);
  endQuote();
  return out.join('\n\n');
}

/** A code block's content: one line break after the opening and before the closing tag is the tag's. */
function verbatim(content: string): string {
  let a = 0;
  let b = content.length;
  if (content[a] === '\n') a++;
  if (b > a && content[b - 1] === '\n') b--;
  return content.slice(a, b);
}

function quoted(text: string): string {
  return text
    .split('\n')
    .map((l) => (l === '' ? '>' : `> ${l}`))
    .join('\n');
}

// ---------------------------------------------------------------------------------------------
// Lines: headings, quotes, rules, lists, tables, paragraphs

/** The blocks of markup holding no block macro; each block is one or more lines. */
function blocksOf(text: string): string[] {
  const blocks: string[] = [];
  let cur: string[] = [];
  let kind: 'para' | 'list' | 'table' | null = null;
  let counters: number[] = [];
  let kinds: string[] = [];
  let itemIndent = '';
  const flush = () => {
    if (cur.length > 0) blocks.push(cur.join('\n'));
    cur = [];
    kind = null;
    counters = [];
    kinds = [];
  };
  const start = (k: 'para' | 'list' | 'table') => {
    if (kind !== k) flush();
    kind = k;
  };

  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t === '') {
      flush();
      continue;
    }
    const heading = headingText(t);
    if (heading !== null) {
      flush();
      blocks.push(inlineText(heading));
      continue;
    }
    if (t.startsWith('bq.') && (t.length === 3 || isSpace(t[3]))) {
      flush();
      const body = inlineText(t.slice(3).trim());
      if (body !== '') blocks.push(quoted(body));
      continue;
    }
    if (isRule(t)) {
      flush();
      blocks.push('---');
      continue;
    }
    const markers = listMarkers(t);
    if (markers !== '') {
      start('list');
      const level = Math.min(markers.length, MAX_LIST_DEPTH);
      const type = markers[markers.length - 1] === '#' ? '#' : '*';
      counters.length = level;
      kinds.length = level;
      if (kinds[level - 1] !== type) counters[level - 1] = 0;
      kinds[level - 1] = type;
      const n = (counters[level - 1] ?? 0) + 1;
      counters[level - 1] = n;
      itemIndent = '  '.repeat(level - 1);
      const [first = '', ...rest] = dropFinalBreak(inlineText(t.slice(markers.length).trim())).split('\n');
      cur.push(`${itemIndent}${type === '#' ? `${n}. ` : '- '}${first}`, ...rest.map((l) => `${itemIndent}  ${l}`));
      continue;
    }
    if (t[0] === '|') {
      start('table');
      const row = tableRow(t);
      if (row !== '') cur.push(row);
      continue;
    }
    const body = dropFinalBreak(inlineText(t));
    if (kind === 'list') {
      // a line without a marker continues the item above it
      cur.push(...body.split('\n').map((l) => `${itemIndent}  ${l}`));
      continue;
    }
    start('para');
    cur.push(body);
  }
  flush();
  return blocks;
}

/** `h1.` to `h6.` followed by a space: the heading's text; otherwise null. */
function headingText(t: string): string | null {
  if (t[0] !== 'h' || t[2] !== '.') return null;
  const level = t.charCodeAt(1) - 48;
  if (level < 1 || level > 6 || (t.length > 3 && !isSpace(t[3]))) return null;
  return t.slice(3).trim();
}

function isRule(t: string): boolean {
  if (t.length < 4) return false;
  for (const c of t) if (c !== '-') return false;
  return true;
}

/** The list markers (`*`, `#`, mixed, or a single `-`) before the space that starts an item, or ''. */
function listMarkers(t: string): string {
  let j = 0;
  while (t[j] === '*' || t[j] === '#') j++;
  if (j === 0 && t[0] === '-') j = 1;
  return j > 0 && isSpace(t[j]) ? t.slice(0, j) : '';
}

/** A `\\` at the end of a line breaks it where the line ends anyway. */
const dropFinalBreak = (text: string) => (text.endsWith('\n') ? text.slice(0, -1) : text);

/** INT-WIKI-5: `||h1||h2||` or `|c1|c2|` as cells joined by " | "; a `|` in a link or escaped does not split. */
function tableRow(t: string): string {
  const cells: string[] = [];
  const lastBracket = t.lastIndexOf(']');
  let i = t[1] === '|' ? 2 : 1;
  let cellStart = i;
  while (i < t.length) {
    const c = t[i];
    if (c === '\\') {
      i += 2;
    } else if (c === '[' && i < lastBracket) {
      i = t.indexOf(']', i) + 1;
    } else if (c === '|') {
      cells.push(t.slice(cellStart, i));
      i += t[i + 1] === '|' ? 2 : 1;
      cellStart = i;
    } else {
      i++;
    }
  }
  const last = t.slice(cellStart);
  if (last.trim() !== '') cells.push(last);
  return cells.map((c) => inlineText(c.trim()).replace(/\n/g, ' ').trim()).join(' | ');
}

// ---------------------------------------------------------------------------------------------
// Inline: markers, {{mono}}, links, images, colour tags, escapes, bare addresses

const NORMAL = 0;
const ESCAPE = 1; // the backslash of an escape
const ESCAPED = 2; // the character it escapes
const IN_URL = 3; // part of a bare address

interface Line {
  s: string;
  flags: Uint8Array;
  /** per closer kind, the position of the nearest closer at or after each position (s.length if none) */
  next: Map<string, Int32Array>;
}

/** One line (or cell, heading, item) of inline markup as text. */
function inlineText(s: string): string {
  if (s === '') return '';
  const line: Line = { s, flags: flagsOf(s), next: new Map() };
  return inline(line, 0, s.length);
}

function flagsOf(s: string): Uint8Array {
  const flags = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && i + 1 < s.length && ESCAPABLE.has(s[i + 1] ?? '')) {
      flags[i] = ESCAPE;
      flags[i + 1] = ESCAPED;
      i++;
    }
  }
  for (let i = 0; i < s.length; i++) {
    if (flags[i] !== NORMAL || (i > 0 && isWordChar(s[i - 1])) || !URL_STARTS.some((p) => s.startsWith(p, i))) continue;
    let end = i;
    while (end < s.length && !isSpace(s[end]) && !URL_STOP.has(s[end] ?? '')) end++;
    while (end > i && URL_TRAIL.has(s[end - 1] ?? '')) end--;
    flags.fill(IN_URL, i, end);
    i = Math.max(i, end - 1);
  }
  return flags;
}

/** Whether position j closes a span of the given kind. */
function closesAt(line: Line, kind: string, j: number): boolean {
  const { s, flags } = line;
  if (flags[j] !== NORMAL) return false;
  if (kind === '}}') return s[j] === '}' && s[j + 1] === '}' && flags[j + 1] === NORMAL;
  if (kind === '??') {
    return s[j] === '?' && s[j + 1] === '?' && s[j - 1] !== '?' && s[j + 2] !== '?' && closing(s, j, 2) && flags[j + 1] === NORMAL;
  }
  if (kind.length === 1 && SINGLE_MARKS.includes(kind)) return s[j] === kind && s[j - 1] !== kind && s[j + 1] !== kind && closing(s, j, 1);
  return s[j] === kind;
}

/** A closer follows a non-space and comes before the end, a space or punctuation. */
function closing(s: string, j: number, width: number): boolean {
  const before = s[j - 1];
  const after = s[j + width];
  return before !== undefined && !isSpace(before) && (after === undefined || isSpace(after) || CLOSE_BEFORE.has(after));
}

/** An opener comes after the start, a space or punctuation, and before a non-space. */
function opening(line: Line, i: number, width: number): boolean {
  const { s, flags } = line;
  const before = s[i - 1];
  const after = s[i + width];
  if (flags[i] !== NORMAL || after === undefined || isSpace(after)) return false;
  return before === undefined || isSpace(before) || OPEN_AFTER.has(before);
}

/** The nearest closer of `kind` at or after `from`, computed once per line and kind. */
function nextCloser(line: Line, kind: string, from: number): number {
  let next = line.next.get(kind);
  if (!next) {
    const n = line.s.length;
    next = new Int32Array(n + 1);
    next[n] = n;
    for (let j = n - 1; j >= 0; j--) next[j] = closesAt(line, kind, j) ? j : (next[j + 1] ?? n);
    line.next.set(kind, next);
  }
  return from >= next.length ? line.s.length : (next[from] ?? line.s.length);
}

/**
 * The text of s[a, b). A span's closer is the nearest one, so a marker never nests inside itself:
 * recursion is as deep as the kinds of markers, and every character is read a bounded number of times.
 */
function inline(line: Line, a: number, b: number): string {
  const { s, flags } = line;
  let out = '';
  let i = a;
  while (i < b) {
    const c = s[i] ?? '';
    const flag = flags[i];
    if (flag === IN_URL) {
      let e = i;
      while (e < b && flags[e] === IN_URL) e++;
      out += s.slice(i, e);
      i = e;
      continue;
    }
    if (flag === ESCAPE && i + 1 < b) {
      out += s[i + 1] === '\\' ? '\n' : s[i + 1];
      i += 2;
      continue;
    }
    if (flag === NORMAL) {
      const done = special(line, c, i, b);
      if (done) {
        out += done.text;
        i = done.next;
        continue;
      }
    }
    out += c;
    i++;
  }
  return out;
}

interface Done {
  text: string;
  next: number;
}

function special(line: Line, c: string, i: number, b: number): Done | null {
  const s = line.s;
  if (c === '{') {
    if (s[i + 1] === '{') {
      // INT-WIKI-6: {{mono}} verbatim, no markup inside (paths, code, snake_case)
      const close = nextCloser(line, '}}', i + 2);
      return close + 1 < b ? { text: s.slice(i + 2, close), next: close + 2 } : null;
    }
    const end = inlineTagEnd(s, i);
    return end > 0 ? { text: '', next: end } : null;
  }
  if (c === '[') return link(line, i, b);
  if (c === '!') return image(line, i, b);
  if (c === '?') {
    if (s[i + 1] !== '?' || s[i - 1] === '?' || s[i + 2] === '?' || !opening(line, i, 2)) return null;
    const close = nextCloser(line, '??', i + 2);
    return close + 1 < b ? { text: inline(line, i + 2, close), next: close + 2 } : null;
  }
  if (SINGLE_MARKS.includes(c) && s[i - 1] !== c && s[i + 1] !== c && opening(line, i, 1)) {
    const close = nextCloser(line, c, i + 1);
    return close < b ? { text: inline(line, i + 1, close), next: close + 1 } : null;
  }
  return null;
}

/** `{color}`, `{color:red}` and `{anchor:x}`: the position after the tag, or 0 when it is not one. */
function inlineTagEnd(s: string, i: number): number {
  if (s.startsWith('color}', i + 1)) return i + 7;
  const name = s.startsWith('color:', i + 1) ? 6 : s.startsWith('anchor:', i + 1) ? 7 : 0;
  if (name === 0) return 0;
  const limit = Math.min(s.length, i + 1 + name + 64);
  for (let j = i + 1 + name; j < limit; j++) {
    if (s[j] === '}') return j + 1;
    if (s[j] === '{') return 0;
  }
  return 0;
}

const looksLikeUrl = (t: string) => t.includes('://') || t.startsWith('mailto:') || t.startsWith('www.') || t.startsWith('file:');

/** What a link target shows: a user, an anchor or an attachment by name, an address as it is. */
function target(t: string): string {
  if (t[0] === '~' || t[0] === '#' || t[0] === '^') return t.slice(1).trim();
  return t;
}

/** INT-WIKI-7: `[text|url]`, `[url]`, `[~user]`, `[#anchor]`, `[^file]`; other brackets stay as written. */
function link(line: Line, i: number, b: number): Done | null {
  const s = line.s;
  const close = nextCloser(line, ']', i + 1);
  // the nearest "]" with no "[" in between: contents of tried links never overlap, so this stays linear
  if (close >= b || nextCloser(line, '[', i + 1) < close) return null;
  let pipe = -1;
  for (let j = i + 1; j < close; j++) {
    if (s[j] === '|' && line.flags[j] === NORMAL) {
      pipe = j;
      break;
    }
  }
  const next = close + 1;
  if (pipe < 0) {
    const t = s.slice(i + 1, close).trim();
    if (t === '') return null;
    if (t[0] === '~' || t[0] === '#' || t[0] === '^') return { text: target(t), next };
    if (looksLikeUrl(t)) return { text: t.startsWith('mailto:') ? t.slice(7) : t, next };
    return null;
  }
  let urlEnd = pipe + 1;
  while (urlEnd < close && s[urlEnd] !== '|') urlEnd++; // [text|url|tooltip]
  const url = target(s.slice(pipe + 1, urlEnd).trim());
  const text = inline(line, i + 1, pipe).trim();
  const bare = url.startsWith('mailto:') ? url.slice(7) : url;
  if (text === '' || text === url || text === bare) return { text: text === '' ? bare : text, next };
  return { text: bare === '' ? text : `${text} (${bare})`, next };
}

/** INT-WIKI-7: `!file.png!`, `!file.png|thumbnail!`, `!https://host/x.gif!` have no text. */
function image(line: Line, i: number, b: number): Done | null {
  const s = line.s;
  if (isWordChar(s[i - 1]) || s[i + 1] === undefined || isSpace(s[i + 1])) return null;
  const close = nextCloser(line, '!', i + 1);
  if (close >= b || isSpace(s[close - 1])) return null;
  const content = s.slice(i + 1, close);
  const bar = content.indexOf('|');
  const name = bar < 0 ? content : content.slice(0, bar);
  if (!hasExtension(name) && !/^https?:\/\//.test(name)) return null;
  // "see !a.png! here" is "see here", not "see  here"
  const space = isSpace(s[i - 1]) && s[close + 1] === ' ' && close + 1 < b ? 1 : 0;
  return { text: '', next: close + 1 + space };
}

/** A file name: ends in a dot and 1 to 5 letters or digits. */
function hasExtension(name: string): boolean {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || name.length - dot - 1 < 1 || name.length - dot - 1 > 5) return false;
  for (let j = dot + 1; j < name.length; j++) if (!/[A-Za-z0-9]/.test(name[j] ?? '')) return false;
  return true;
}
