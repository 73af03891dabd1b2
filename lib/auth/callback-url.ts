// C0 controls, DEL and the backslash: browsers drop tabs and newlines from URLs and read `\` as `/`,
// so `/\evil.example` or `/<tab>/evil.example` leave the site once navigated to.
const UNSAFE_CHARACTER = /[\u0000-\u001f\u007f\\]/;

function decodedOnce(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/**
 * Where to send someone after sign-in: `value` when it names a page of our own
 * origin (as a path, or as an absolute URL on `appOrigin`), as path, query and
 * hash; `/` for anything else. Control characters and backslashes are refused
 * whether raw or percent-encoded, since a later decode would bring them back.
 */
export function sameOriginPath(value: string | null | undefined, appOrigin: string): string {
  if (!value) return "/";
  const decoded = decodedOnce(value);
  if (decoded === undefined || UNSAFE_CHARACTER.test(value) || UNSAFE_CHARACTER.test(decoded)) return "/";
  const origin = new URL(appOrigin).origin;
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return "/";
  }
  if (url.origin !== origin) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A path such as `/.//evil.example` normalises to `//evil.example`, which a browser reads as another host.
  return path.startsWith("/") && !path.startsWith("//") ? path : "/";
}
