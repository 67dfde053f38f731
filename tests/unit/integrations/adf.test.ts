import { describe, expect, it } from 'vitest';
import { adfToText } from '../../../domain/integrations';

const doc = (...content: unknown[]) => ({ type: 'doc', version: 1, content });
const p = (...content: unknown[]) => ({ type: 'paragraph', content });
const t = (text: string, marks?: unknown[]) => ({ type: 'text', text, ...(marks ? { marks } : {}) });
const li = (...content: unknown[]) => ({ type: 'listItem', content });

describe('ADF to text', () => {
  it('INT-ADF-1 blocks are separated by a blank line; headings and paragraphs keep their text', () => {
    const d = doc(
      { type: 'heading', attrs: { level: 2 }, content: [t('Goal')] },
      p(t('Als Nutzerin '), t('möchte', [{ type: 'strong' }]), t(' ich.')),
    );
    expect(adfToText(d)).toBe('Goal\n\nAls Nutzerin möchte ich.');
  });

  it('INT-ADF-1 bullet, ordered (with start), nested and task lists', () => {
    const d = doc(
      {
        type: 'bulletList',
        content: [
          li(p(t('Okta'))),
          li(p(t('Azure AD')), { type: 'orderedList', attrs: { order: 3 }, content: [li(p(t('three'))), li(p(t('four')))] }),
        ],
      },
      {
        type: 'taskList',
        content: [
          { type: 'taskItem', attrs: { state: 'DONE' }, content: [t('done')] },
          { type: 'taskItem', attrs: { state: 'TODO' }, content: [t('open')] },
        ],
      },
    );
    expect(adfToText(d)).toBe('- Okta\n- Azure AD\n  3. three\n  4. four\n\n[x] done\n[ ] open');
  });

  it('INT-ADF-1 hard breaks, code blocks, quotes, rules and tables', () => {
    const d = doc(
      p(t('line one'), { type: 'hardBreak' }, t('line two')),
      { type: 'codeBlock', attrs: { language: 'ts' }, content: [t('const a = 1;\nconst b = 2;')] },
      { type: 'blockquote', content: [p(t('quoted')), p(t('again'))] },
      { type: 'rule' },
      {
        type: 'table',
        content: [
          {
            type: 'tableRow',
            content: [
              { type: 'tableHeader', content: [p(t('Key'))] },
              { type: 'tableHeader', content: [p(t('SP'))] },
            ],
          },
          {
            type: 'tableRow',
            content: [
              { type: 'tableCell', content: [p(t('A-1'))] },
              { type: 'tableCell', content: [p(t('5'))] },
            ],
          },
        ],
      },
    );
    expect(adfToText(d)).toBe('line one\nline two\n\nconst a = 1;\nconst b = 2;\n\n> quoted\n>\n> again\n\n---\n\nKey | SP\nA-1 | 5');
  });

  it('INT-ADF-2 links, mentions, emoji, dates, status and cards; media is left out', () => {
    const d = doc(
      p(
        t('see '),
        t('the spec', [{ type: 'link', attrs: { href: 'https://example.com/spec' } }]),
        t(' and '),
        t('https://example.com', [{ type: 'link', attrs: { href: 'https://example.com' } }]),
        t(', ask '),
        { type: 'mention', attrs: { id: 'abc', text: '@Jane Doe' } },
        t(' '),
        { type: 'emoji', attrs: { shortName: ':smile:', text: '😄' } },
        t(' by '),
        { type: 'date', attrs: { timestamp: '1767225600000' } },
        t(' '),
        { type: 'status', attrs: { text: 'IN PROGRESS', color: 'blue' } },
        t(' '),
        { type: 'inlineCard', attrs: { url: 'https://jira.example.com/browse/A-1' } },
      ),
      { type: 'mediaSingle', content: [{ type: 'media', attrs: { id: 'x', type: 'file' } }] },
      { type: 'blockCard', attrs: { url: 'https://example.com/card' } },
    );
    expect(adfToText(d)).toBe(
      'see the spec (https://example.com/spec) and https://example.com, ask @Jane Doe 😄 by 2026-01-01 IN PROGRESS https://jira.example.com/browse/A-1\n\nhttps://example.com/card',
    );
  });

  it('INT-ADF-2 unknown nodes (panels, layouts, expand) give their children’s text', () => {
    const d = doc(
      { type: 'panel', attrs: { panelType: 'info' }, content: [p(t('Note'))] },
      {
        type: 'layoutSection',
        content: [
          { type: 'layoutColumn', content: [p(t('left'))] },
          { type: 'layoutColumn', content: [p(t('right'))] },
        ],
      },
      { type: 'expand', attrs: { title: 'Details' }, content: [p(t('hidden'))] },
      { type: 'futureInline', content: [t('inline future')] },
    );
    expect(adfToText(d)).toBe('Note\n\nleft\n\nright\n\nDetails\n\nhidden\n\ninline future');
  });

  it('INT-ADF-3 strings are Data Center wiki markup, converted to text; null and junk give empty text and never throw', () => {
    expect(adfToText('h2. Title\r\n*bold*  ')).toBe('Title\n\nbold');
    for (const junk of [
      null,
      undefined,
      42,
      [],
      { type: 'doc' },
      { type: 'doc', content: 'x' },
      { type: 'doc', content: [null, 5, { type: 'paragraph', content: [{ type: 'text', text: 7 }] }] },
    ]) {
      expect(() => adfToText(junk)).not.toThrow();
    }
    expect(adfToText(null)).toBe('');
    expect(adfToText({ type: 'doc', content: [null, { type: 'paragraph', content: [{ type: 'text', text: 7 }] }] })).toBe('7');
  });

  it('INT-ADF-3 a document nested thousands of levels deep is cut, not a stack overflow', () => {
    let node: Record<string, unknown> = p(t('deep'));
    for (let i = 0; i < 5000; i++) node = { type: 'blockquote', content: [node] };
    expect(() => adfToText(doc(node, p(t('after'))))).not.toThrow();
    expect(adfToText(doc(node, p(t('after'))))).toContain('after');
  });

  it('INT-ADF-4 no trailing spaces, at most one blank line, no blank lines around', () => {
    const d = doc(p(), p(t('a   ')), p(), p(), p(t('b')), p());
    expect(adfToText(d)).toBe('a\n\nb');
  });

  it('INT-ADF-4 a long run of spaces inside a line is kept; only the line end is trimmed', () => {
    // a per-line /[ \t]+$/ took seconds on this (it retries from every space); the loop is linear
    const inner = `a${' '.repeat(200_000)}b`;
    expect(adfToText(doc(p(t(`${inner}  `)), p(t(' '.repeat(100_000)))))).toBe(inner);
  });
});
