import { z } from 'zod';
import { MAPPED_FIELDS, type MappedField } from './row';

/**
 * zod schemas for a preview/import request body, for the HTTP layer. The text length is not
 * capped here: previewImport answers an oversized text with a 'too_large' preview error.
 */
const columnIndex = z.number().int().min(0).nullable().optional();

export const columnMappingSchema = z.strictObject(
  Object.fromEntries(MAPPED_FIELDS.map((f) => [f, columnIndex])) as Record<MappedField, typeof columnIndex>,
);

export const importFormatSchema = z.enum(['auto', 'lines', 'csv', 'json']);

export const previewInputSchema = z.strictObject({
  text: z.string(),
  format: importFormatSchema.optional(),
  mapping: columnMappingSchema.optional(),
});

export type PreviewInputBody = z.infer<typeof previewInputSchema>;
