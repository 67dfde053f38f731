// Atlassian Document Format (Jira Cloud's rich text) as plain text (rules INT-ADF-1..4).
import { wikiToText } from './wiki';
import { tidy } from './tidy';

/** A node as Jira sends it; every property may be missing in a malformed document. */
interface AdfNode {
  type?: unknown;
  text?: unknown;
  content?: unknown;
  attrs?: unknown;
  marks?: unknown;
}

/** Documents nest deeper than this only when something is wrong; the rest is left out. */
const MAX_DEPTH = 64;

const isNode = (v: unknown): v is AdfNode => typeof v === 'object' && v !== null && !Array.isArray(v);
const children = (n: AdfNode): AdfNode[] => (Array.isArray(n.content) ? n.content.filter(isNode) : []);
const attr = (n: AdfNode, name: string): unknown => (isNode(n.attrs) ? (n.attrs as Record<string, unknown>)[name] : undefined);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : '');

/**
 * INT-ADF-1: paragraphs, headings and other blocks become lines separated by a blank line; list
 * items become "- " or "1. " lines (nested lists indented by two spaces, tasks "[x] "/"[ ] ");
 * a hard break is a line break; code blocks keep their text; quotes get "> "; table rows are
 * cells joined by " | "; a rule is "---".
 * INT-ADF-2: inline nodes: text as is, a link as "text (url)" when the url differs from the text,
 * mentions, emoji and status by their text, dates as YYYY-MM-DD (UTC), cards by their url;
 * media has no text and is left out. Unknown nodes contribute their children's text.
 * INT-ADF-3: a string is wiki markup (Data Center and Server send that, not ADF) and becomes text
 * by the same conventions (wikiToText, INT-WIKI-*); null, undefined and anything that is not a
 * document give ''. Never throws.
 * INT-ADF-4: the result has LF line breaks, no trailing spaces on a line, at most one blank line
 * in a row, and no leading or trailing blank lines.
 */
export function adfToText(doc: unknown): string {
  if (typeof doc === 'string') return wikiToText(doc);
  if (!isNode(doc)) return '';
  return tidy(blocks(children(doc), 0).join('\n\n'));
}

/** Each block node as text (possibly several lines). */
function blocks(nodes: AdfNode[], depth: number): string[] {
  if (depth > MAX_DEPTH) return [];
  return nodes.map((n) => block(n, depth + 1)).filter((t) => t !== '');
}

function block(n: AdfNode, depth: number): string {
  switch (n.type) {
    case 'paragraph':
    case 'heading':
      return inline(children(n), depth);
    case 'bulletList':
    case 'orderedList':
    case 'taskList':
    case 'decisionList':
      return list(n, depth);
    case 'codeBlock':
      return children(n)
        .map((c) => str(c.text))
        .join('');
    case 'blockquote':
      return blocks(children(n), depth)
        .join('\n\n')
        .split('\n')
        .map((l) => (l === '' ? '>' : `> ${l}`))
        .join('\n');
    case 'rule':
      return '---';
    case 'table':
      return children(n)
        .map((row) =>
          children(row)
            .map((cell) => blocks(children(cell), depth).join(' ').replace(/\n+/g, ' '))
            .join(' | '),
        )
        .join('\n');
    case 'expand':
    case 'nestedExpand': {
      const title = str(attr(n, 'title'));
      return [title, ...blocks(children(n), depth)].filter((t) => t !== '').join('\n\n');
    }
    case 'mediaSingle':
    case 'mediaGroup':
    case 'media':
      return '';
    case 'blockCard':
    case 'embedCard':
      return str(attr(n, 'url'));
    case 'text':
    case 'hardBreak':
    case 'mention':
    case 'emoji':
    case 'date':
    case 'status':
    case 'inlineCard':
      return inline([n], depth);
    default: {
      // unknown block (a panel, a layout, a future node): its children, as blocks or inline
      const kids = children(n);
      if (kids.length === 0) return str(n.text);
      const asBlocks = blocks(kids, depth);
      return asBlocks.length > 0 ? asBlocks.join('\n\n') : inline(kids, depth);
    }
  }
}

function list(n: AdfNode, depth: number): string {
  const ordered = n.type === 'orderedList';
  const startAt = Number(attr(n, 'order'));
  let number = Number.isInteger(startAt) && startAt > 0 ? startAt : 1;
  const lines: string[] = [];
  for (const item of children(n)) {
    let marker = '- ';
    if (ordered) marker = `${number++}. `;
    else if (item.type === 'taskItem') marker = attr(item, 'state') === 'DONE' ? '[x] ' : '[ ] ';
    // a task or decision item holds inline content; a list item holds blocks (paragraphs, nested lists)
    const kids = children(item);
    const body =
      item.type === 'taskItem' || item.type === 'decisionItem' || kids.every(isInline)
        ? inline(kids, depth)
        : blocks(kids, depth).join('\n');
    const [first = '', ...rest] = body.split('\n');
    lines.push(marker + first, ...rest.map((l) => (l === '' ? l : `  ${l}`)));
  }
  return lines.join('\n');
}

const INLINE = new Set(['text', 'hardBreak', 'mention', 'emoji', 'date', 'status', 'inlineCard', 'placeholder', 'mediaInline']);
const isInline = (n: AdfNode) => typeof n.type === 'string' && INLINE.has(n.type);

function inline(nodes: AdfNode[], depth: number): string {
  if (depth > MAX_DEPTH) return '';
  return nodes.map((n) => inlineNode(n, depth)).join('');
}

function inlineNode(n: AdfNode, depth: number): string {
  switch (n.type) {
    case 'text': {
      const text = str(n.text);
      const href = linkOf(n);
      return href && href !== text ? `${text} (${href})` : text;
    }
    case 'hardBreak':
      return '\n';
    case 'mention':
      return str(attr(n, 'text'));
    case 'emoji':
      return str(attr(n, 'text')) || str(attr(n, 'shortName'));
    case 'status':
      return str(attr(n, 'text'));
    case 'date': {
      const ms = Number(attr(n, 'timestamp'));
      return Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? new Date(ms).toISOString().slice(0, 10) : '';
    }
    case 'inlineCard':
      return str(attr(n, 'url'));
    case 'placeholder':
    case 'mediaInline':
      return '';
    default:
      return str(n.text) || inline(children(n), depth + 1);
  }
}

function linkOf(n: AdfNode): string {
  if (!Array.isArray(n.marks)) return '';
  for (const m of n.marks) {
    if (isNode(m) && m.type === 'link') return str(attr(m, 'href'));
  }
  return '';
}
