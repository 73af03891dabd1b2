export type PageSearchParams = Record<string, string | string[] | undefined>;

/** Each query parameter's first non-empty value: what a redirect flow's landing page reads. */
export function firstValues(params: PageSearchParams): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(params)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first) values[key] = first;
  }
  return values;
}

/** The sign-in page, sending the person back to `path` with the same query once signed in. */
export function signInReturningTo(path: string, query: Record<string, string | undefined>): string {
  const search = new URLSearchParams(Object.entries(query).flatMap(([key, value]) => (value ? [[key, value]] : [])));
  return `/signin?callbackUrl=${encodeURIComponent(`${path}?${search}`)}`;
}
