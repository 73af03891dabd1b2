/**
 * Whether the URL's path or query holds a percent-encoding that does not decode:
 * a `%` without two hex digits (`%ZZ`, `%E0%A4%A`) or bytes that are not UTF-8
 * (`%C0%AF`). Next.js's router throws on such a path before any code of ours runs.
 */
export function hasMalformedPercentEncoding(url: { pathname: string; search: string }): boolean {
  try {
    decodeURIComponent(url.pathname);
    decodeURIComponent(url.search);
    return false;
  } catch {
    return true;
  }
}
