/** Input limits shared by the wire schemas, the HTTP API and the UI. */
export const LIMITS = {
  idLength: 64,
  nameLength: 60,
  titleLength: 300,
  workshopNameLength: 120,
  itemsPerSession: 500,
  participantsPerRoom: 100,
} as const;

/** Move logs and the timeline come in pages (BOARD-PAGE-1). */
export const PAGE = { default: 100, max: 500 } as const;
