export * from './limits';
export * from './row';
export { normalizeHeader, detectMapping, resolveMapping, emptyMapping, HEADER_SYNONYMS } from './mapping';
export { detectDelimiter, type Delimiter } from './csv';
export { previewImport, formatRowReason, detectFormat } from './preview';
export * from './export';
export * from './schema';
