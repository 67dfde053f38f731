import type { ExportInput } from '../../../domain/backlog';

/**
 * The session behind the round-trip fixtures (tests/fixtures/import/session-export-v2.*): stored
 * story points next to calibrated ones, titles that start with an apostrophe or look like
 * formulas, separators of other CSV dialects, emoji and umlauts.
 */
export const roundTripSession: ExportInput = {
  workshopName: 'Relaunch; "Shop" 2027',
  sessionName: 'Runde 2',
  factor: 2.5,
  items: [
    { key: 'R-1', title: "'Quoted' title", description: '', bucketLabel: '3', effortPoints: 3, storyPoints: 8, flagged: false, moves: 2 },
    {
      key: 'R-2',
      title: "'=1+1' is text",
      description: "'@x",
      bucketLabel: '5',
      effortPoints: 5,
      storyPoints: null,
      flagged: true,
      moves: 4,
    },
    {
      key: 'R-3',
      title: 'Preis;=HYPERLINK("http://x";"klick")',
      description: 'a,-1\n+2\n\t@3',
      bucketLabel: '8',
      effortPoints: 8,
      storyPoints: 21,
      flagged: false,
      moves: 1,
    },
    {
      key: null,
      title: 'Team 👨‍👩‍👧 und Größe',
      description: 'Zeile 1\n  - eingerückt',
      bucketLabel: '?',
      effortPoints: null,
      storyPoints: 2.5,
      flagged: false,
      moves: 0,
    },
    {
      key: '-R-5',
      title: "''=doppelt",
      description: '" =quoted',
      bucketLabel: null,
      effortPoints: null,
      storyPoints: null,
      flagged: false,
      moves: 0,
    },
  ],
};
