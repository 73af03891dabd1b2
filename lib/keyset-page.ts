/**
 * One page of a keyset-paged list read newest first with `limit + 1` rows: the
 * first `limit` as views, and the id to continue below when there were more.
 */
export function keysetPage<Row extends { id: number | string }, View>(
  rows: Row[],
  limit: number,
  view: (row: Row) => View,
): { items: View[]; next: Row["id"] | null } {
  const page = rows.slice(0, limit);
  return { items: page.map(view), next: rows.length > limit ? page.at(-1)!.id : null };
}
