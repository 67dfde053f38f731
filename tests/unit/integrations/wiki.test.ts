import { describe, expect, it } from 'vitest';
import { adfToText } from '../../../domain/integrations';
import { wikiToText } from '../../../domain/integrations/wiki';

interface Case {
  id: string;
  name: string;
  markup: string;
  text: string;
}

const cases: Case[] = [
  { id: 'INT-WIKI-1', name: 'a heading gives its text, a block of its own', markup: 'h1. Titel\nText', text: 'Titel\n\nText' },
  { id: 'INT-WIKI-1', name: 'h1. to h6., spaces around the text dropped', markup: 'h3.   Ziel  \nh6. Klein', text: 'Ziel\n\nKlein' },
  { id: 'INT-WIKI-1', name: 'h7. and h2. without a space are no headings', markup: 'h7. nein\n\nh2.Nein', text: 'h7. nein\n\nh2.Nein' },
  {
    id: 'INT-WIKI-1',
    name: 'lines of a paragraph stay lines; blank lines end it',
    markup: 'Zeile eins\nZeile zwei\n\n\n\nAbsatz',
    text: 'Zeile eins\nZeile zwei\n\nAbsatz',
  },
  { id: 'INT-WIKI-1', name: '---- is a rule', markup: 'vor\n----\nnach', text: 'vor\n\n---\n\nnach' },
  { id: 'INT-WIKI-1', name: '\\\\ is a line break', markup: 'eins\\\\zwei\nEnde\\\\\nweiter', text: 'eins\nzwei\nEnde\nweiter' },

  {
    id: 'INT-WIKI-2',
    name: 'bullets * ** *** and - ; two spaces per extra level',
    markup: '* Okta\n* Azure AD\n** Gruppen\n*** tief\n- Strich',
    text: '- Okta\n- Azure AD\n  - Gruppen\n    - tief\n- Strich',
  },
  {
    id: 'INT-WIKI-2',
    name: 'numbered # and ## count per level from 1',
    markup: '# eins\n# zwei\n## a\n## b\n# drei\n## neu',
    text: '1. eins\n2. zwei\n  1. a\n  2. b\n3. drei\n  1. neu',
  },
  {
    id: 'INT-WIKI-2',
    name: 'mixed *# takes the last marker',
    markup: '* Punkt\n*# Schritt\n*# Schritt\n* Punkt',
    text: '- Punkt\n  1. Schritt\n  2. Schritt\n- Punkt',
  },
  {
    id: 'INT-WIKI-2',
    name: 'a line without a marker continues the item',
    markup: '* eins\nweiter\n* zwei',
    text: '- eins\n  weiter\n- zwei',
  },
  { id: 'INT-WIKI-2', name: 'a list is a block of its own', markup: 'Text\n* a\n\n# b', text: 'Text\n\n- a\n\n1. b' },
  {
    id: 'INT-WIKI-2',
    name: 'no list without a space after the marker, and -- is none',
    markup: '*fett* am Anfang\n\n-- kein Punkt\n\n#hashtag',
    text: 'fett am Anfang\n\n-- kein Punkt\n\n#hashtag',
  },

  { id: 'INT-WIKI-3', name: 'bq. is a quoted line', markup: 'bq. Zitat *fett*\nnach', text: '> Zitat fett\n\nnach' },
  {
    id: 'INT-WIKI-3',
    name: '{quote} lines get "> ", blank lines ">"',
    markup: 'vor{quote}\nerste\n\n* zweite\n{quote}\nnach',
    text: 'vor\n\n> erste\n>\n> - zweite\n\nnach',
  },
  { id: 'INT-WIKI-3', name: '{quote} on one line', markup: '{quote}kurz{quote}', text: '> kurz' },
  {
    id: 'INT-WIKI-3',
    name: 'a panel gives its title, then its content',
    markup: '{panel:title=Hinweis|borderStyle=dashed}\nInhalt\n{panel}\n{panel}\nohne Titel\n{panel}',
    text: 'Hinweis\n\nInhalt\n\nohne Titel',
  },

  {
    id: 'INT-WIKI-4',
    name: '{code:lang} content verbatim, no markup converted',
    markup: '{code:java}\nString s = "*a*_b_";\n// [x|y] {{z}} h1. \\\\\n{code}',
    text: 'String s = "*a*_b_";\n// [x|y] {{z}} h1. \\\\',
  },
  { id: 'INT-WIKI-4', name: '{code} on one line', markup: 'Aufruf:\n{code}x = a_b_c{code}', text: 'Aufruf:\n\nx = a_b_c' },
  {
    id: 'INT-WIKI-4',
    name: '{noformat} verbatim, indentation kept',
    markup: '{noformat}\n  h1. bleibt\n* auch\n{noformat}',
    text: '  h1. bleibt\n* auch',
  },
  {
    id: 'INT-WIKI-4',
    name: '{code:title=...|...} parameters',
    markup: '{code:title=Foo.java|borderStyle=solid}\nfoo();\n{code}',
    text: 'foo();',
  },
  { id: 'INT-WIKI-4', name: 'an unclosed block runs to the end', markup: 'vor\n{code}\noffen *x*', text: 'vor\n\noffen *x*' },
  { id: 'INT-WIKI-4', name: 'an escaped \\{code} is text', markup: '\\{code} kein Block', text: '{code} kein Block' },
  { id: 'INT-WIKI-4', name: 'a code block in a quote', markup: '{quote}\n{code}\na *b*\n{code}\n{quote}', text: '> a *b*' },

  {
    id: 'INT-WIKI-5',
    name: 'header and body rows, cells joined by " | "',
    markup: '||Feld||Pflicht||\n|Straße|ja|\n|Link|[Spec|https://x.de/a]|',
    text: 'Feld | Pflicht\nStraße | ja\nLink | Spec (https://x.de/a)',
  },
  { id: 'INT-WIKI-5', name: 'an escaped pipe does not split', markup: '|a \\| b|c|', text: 'a | b | c' },
  { id: 'INT-WIKI-5', name: 'markup in cells; a table is a block', markup: '|*fett*| _kursiv_ |\ntext', text: 'fett | kursiv\n\ntext' },

  {
    id: 'INT-WIKI-6',
    name: 'inline markers give their text',
    markup: '*fett* _kursiv_ {{mono_x}} +neu+ ^hoch^ ~tief~ -weg- ??Quelle??',
    text: 'fett kursiv mono_x neu hoch tief weg Quelle',
  },
  {
    id: 'INT-WIKI-6',
    name: 'nested markers and punctuation around',
    markup: '*_beides_* (*fett*), „_kursiv_“.',
    text: 'beides (fett), „kursiv“.',
  },
  { id: 'INT-WIKI-6', name: 'spans of several words', markup: 'ein *sehr wichtiger* Punkt', text: 'ein sehr wichtiger Punkt' },
  {
    id: 'INT-WIKI-6',
    name: '{color} and {anchor} tags are dropped',
    markup: '{anchor:oben}{color:red}rot{color} und {color:#00ff00}grün{color}',
    text: 'rot und grün',
  },
  { id: 'INT-WIKI-6', name: '{{mono}} is verbatim', markup: 'Pfad {{/srv/*app*/_tmp_}} prüfen', text: 'Pfad /srv/*app*/_tmp_ prüfen' },

  {
    id: 'INT-WIKI-7',
    name: '[text|url] is "text (url)"',
    markup: 'siehe [Spec|https://x.de/spec_v2?a=1]',
    text: 'siehe Spec (https://x.de/spec_v2?a=1)',
  },
  { id: 'INT-WIKI-7', name: 'the url alone when it is the text', markup: '[https://x.de|https://x.de]', text: 'https://x.de' },
  { id: 'INT-WIKI-7', name: '[url] is the url', markup: '[https://x.de/a_b-c_]', text: 'https://x.de/a_b-c_' },
  {
    id: 'INT-WIKI-7',
    name: 'users, anchors, attachments by name',
    markup: '[~jdoe], [#Ziel], [^anhang.pdf]',
    text: 'jdoe, Ziel, anhang.pdf',
  },
  {
    id: 'INT-WIKI-7',
    name: 'mailto: is dropped from an address',
    markup: '[mailto:a@b.de] oder [Team|mailto:t@b.de]',
    text: 'a@b.de oder Team (t@b.de)',
  },
  { id: 'INT-WIKI-7', name: 'markup in the link text', markup: '[*Spec* v2|https://x.de]', text: 'Spec v2 (https://x.de)' },
  { id: 'INT-WIKI-7', name: 'other brackets stay', markup: '[WIP] Login [1]', text: '[WIP] Login [1]' },
  {
    id: 'INT-WIKI-7',
    name: 'images and attachments are left out',
    markup: 'Bild !screen.png! hier !shot 1.jpg|thumbnail! und !https://x.de/a.gif!\n!ganz.png!',
    text: 'Bild hier und',
  },
  {
    id: 'INT-WIKI-7',
    name: '!word! without a file name stays',
    markup: 'Achtung!Wichtig! und !wichtig!',
    text: 'Achtung!Wichtig! und !wichtig!',
  },

  {
    id: 'INT-WIKI-8',
    name: 'escaped markers are literal',
    markup: '\\*kein fett\\* 5 \\* 3 \\_a\\_ \\[WIP\\]',
    text: '*kein fett* 5 * 3 _a_ [WIP]',
  },
  {
    id: 'INT-WIKI-8',
    name: 'an escaped list marker is text',
    markup: '\\* kein Punkt\n\\# keine Nummer',
    text: '* kein Punkt\n# keine Nummer',
  },
  { id: 'INT-WIKI-8', name: 'a backslash before other characters stays', markup: 'C:\\temp\\new', text: 'C:\\temp\\new' },

  {
    id: 'INT-WIKI-9',
    name: 'CRLF, trailing spaces, blank lines (INT-ADF-4)',
    markup: '\r\n\r\nh1. A  \r\n\r\n\r\n\r\ntext\t \r\nmehr\r\r\n',
    text: 'A\n\ntext\nmehr',
  },
];

/** Words in which the markers delimit nothing: they stay exactly as written. */
const unchanged = [
  'a-b-c',
  '2*3*4',
  'snake_case_name',
  '_private_var',
  '__init__.py',
  'max_mustermann@example.com',
  'first-name.last-name+tag@firma-name.de',
  '/usr/local/lib/node_modules/-x-/_build_/index.js',
  'src/*/test/*.ts',
  'C:\\Users\\max_mustermann\\Documents',
  '~/.ssh/config und ~5 SP, ~8 SP',
  'https://example.com/a_b_c/-x-/*y* und http://x.de/_a_.',
  'C++ und C#, x^2 + y^2, 10^-3^',
  '--force-with-lease und --dry-run',
  'Kosten: -5 % bis +3 %, 2024-01-31',
  'Was?? Wirklich??',
  'a * b * c und x _ y _ z',
  '{"json": {"a": 1}} und {unbekannt}',
];

describe('wiki markup to text', () => {
  for (const { id, name, markup, text } of cases) {
    it(`${id} ${name}`, () => {
      expect(wikiToText(markup)).toBe(text);
    });
  }

  it.each(unchanged)('INT-WIKI-6 markers inside words, paths and addresses stay: %s', (words) => {
    expect(wikiToText(words)).toBe(words);
  });

  it('INT-WIKI-1 INT-WIKI-2 INT-WIKI-4 INT-WIKI-5 INT-WIKI-7 a German Data Center description', () => {
    const markup = [
      'h2. Ziel',
      'Als *Disponentin* möchte ich Aufträge _schnell_ übernehmen, damit die Übergabe an die Außendienst-Teams klappt.',
      '',
      'h3. Akzeptanzkriterien',
      '# Die Größe wird in {{groesse_cm}} gespeichert.',
      '# Bestätigung per E-Mail an [Team Süd|mailto:sued@example.de]',
      '## nur für Schlüsselkunden',
      '* Ölverbrauch anzeigen',
      '** mit Maßeinheit (l/100 km)',
      '',
      '||Feld||Pflicht||Hinweis||',
      '|Straße|ja|ß bleibt ß|',
      '|Hausnummer|nein|z. B. 12a-14|',
      '',
      '{code:java}',
      'String straße = "Fußweg"; // *nicht* fett',
      'int größe = a_b_c;',
      '{code}',
      '',
      'Siehe [Spezifikation|https://wiki.example.de/spec_v2?x=1] und frag [~jürgen.müller].',
      '!mockup_übersicht.png|thumbnail!',
    ].join('\r\n');
    expect(wikiToText(markup)).toBe(
      [
        'Ziel',
        '',
        'Als Disponentin möchte ich Aufträge schnell übernehmen, damit die Übergabe an die Außendienst-Teams klappt.',
        '',
        'Akzeptanzkriterien',
        '',
        '1. Die Größe wird in groesse_cm gespeichert.',
        '2. Bestätigung per E-Mail an Team Süd (sued@example.de)',
        '  1. nur für Schlüsselkunden',
        '- Ölverbrauch anzeigen',
        '  - mit Maßeinheit (l/100 km)',
        '',
        'Feld | Pflicht | Hinweis',
        'Straße | ja | ß bleibt ß',
        'Hausnummer | nein | z. B. 12a-14',
        '',
        'String straße = "Fußweg"; // *nicht* fett',
        'int größe = a_b_c;',
        '',
        'Siehe Spezifikation (https://wiki.example.de/spec_v2?x=1) und frag jürgen.müller.',
      ].join('\n'),
    );
  });

  it('INT-WIKI-9 hostile input: long runs of markers, deep lists and many blocks give text, never throw', () => {
    const hostile = [
      '*_{['.repeat(50_000),
      '['.repeat(100_000) + ']',
      '{{'.repeat(100_000),
      '{code:'.repeat(30_000),
      '|'.repeat(100_000),
      '-a '.repeat(60_000),
      'x_ _y '.repeat(30_000),
      '!a.png '.repeat(30_000),
      '??a '.repeat(50_000),
      '\\'.repeat(100_001) + '{quote}',
      'http://'.repeat(30_000),
      ' '.repeat(200_000) + 'x',
    ];
    for (const markup of hostile) {
      const text = wikiToText(markup);
      expect(typeof text).toBe('string');
      expect(text.length).toBeLessThanOrEqual(markup.length * 2);
    }
    expect(wikiToText(' '.repeat(200_000) + 'x\t'.repeat(3))).toBe('x\tx\tx');
    expect(wikiToText('*'.repeat(100_000) + ' tief')).toBe(`${'  '.repeat(63)}- tief`);

    const deep = Array.from({ length: 3000 }, (_, i) => `${'#*'[i % 2]!.repeat(i + 1)} x`).join('\n');
    const lines = wikiToText(deep).split('\n');
    expect(lines).toHaveLength(3000);
    for (const line of lines) expect(line).toMatch(/^ {0,126}(- |\d+\. )x$/);

    const blocks = wikiToText('a{code}b'.repeat(50_000));
    expect(blocks).not.toContain('{code}');
    expect(blocks.split('\n\n')).toHaveLength(50_001);
  });

  it('INT-ADF-3 a string description goes through the wiki converter', () => {
    expect(adfToText('h2. Ziel\r\n* *fett*  ')).toBe('Ziel\n\n- fett');
    expect(adfToText('{code}x{code}')).toBe(wikiToText('{code}x{code}'));
  });
});
