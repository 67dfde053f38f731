import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ImportPreview, PreviewRow } from '../../../domain/backlog';

export const fixture = (name: string): string =>
  readFileSync(fileURLToPath(new URL(`../../fixtures/import/${name}`, import.meta.url)), 'utf8');

export type OkPreview = Extract<ImportPreview, { ok: true }>;

export function ok(p: ImportPreview): OkPreview {
  if (!p.ok) throw new Error(`expected a preview, got ${p.error.code}: ${p.error.message}`);
  return p;
}

export const byLine = (p: OkPreview, line: number): PreviewRow => {
  const row = p.rows.find((r) => r.line === line);
  if (!row) throw new Error(`no row ${line}`);
  return row;
};

export const titles = (p: OkPreview) => p.rows.filter((r) => r.item).map((r) => r.item?.title);
