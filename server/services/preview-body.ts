import { previewImport, previewInputSchema, type ExistingBacklog, type ImportPreview, type PreviewInput } from '../../domain/backlog';
import { badRequest } from './errors';

/** A request body as an import request; throws a ServiceError (bad_request) for anything else. */
export function previewRequest(body: unknown): PreviewInput {
  const parsed = previewInputSchema.safeParse(body);
  if (!parsed.success) throw badRequest(parsed.error, 'import');
  const p = parsed.data;
  return { text: p.text, ...(p.format ? { format: p.format } : {}), ...(p.mapping ? { mapping: p.mapping } : {}) };
}

/**
 * An import preview from a request body: what importing would do. Pure, so it runs on the event
 * loop for small bodies and in the offload thread for large ones (BODY-6).
 */
export const previewFromBody = (body: unknown, existing: ExistingBacklog): ImportPreview => previewImport(previewRequest(body), existing);
