/** The items of a list answer, whether the endpoint gives an array or a page ({ items }). */
export function listOf(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  const items = (body as { items?: unknown } | null)?.items;
  return Array.isArray(items) ? items : [];
}
