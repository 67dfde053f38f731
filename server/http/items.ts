/** The length of a list in a request body not yet validated (0 if it is none): what a size-weighted budget charges before the work. */
export const itemCount = (body: unknown, key: string): number => {
  const list = body !== null && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined;
  return Array.isArray(list) ? list.length : 0;
};
