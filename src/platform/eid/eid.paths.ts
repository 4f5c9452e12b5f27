/** The citizen log-in routes (see eid.plugin.tsx). */
export const LOGIN_PATH = '/portal/anmelden';
export const CALLBACK_PATH = '/portal/anmelden/rueckkehr';
export const LOGOUT_PATH = '/portal/abmelden';
export const LOGGED_OUT_PATH = '/portal/abgemeldet';

/** The log-in, coming back to `target` (a local path) afterwards. */
export function loginHref(target: string): string {
  return `${LOGIN_PATH}?weiter=${encodeURIComponent(target)}`;
}

/** Control characters: C0, DEL and C1. */
function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

/** Percent-decoded until nothing changes (double encoding included); null when it is malformed. */
function fullyDecoded(text: string): string | null {
  let current = text;
  for (let round = 0; round < 5; round++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return null;
    }
    if (next === current) return current;
    current = next;
  }
  return null;
}

/**
 * A path the browser resolves on our own origin: one leading `/` (not `//` or `/\`, which browsers
 * read as another host), no backslashes, no control characters or white space.
 */
function isLocalPath(path: string): boolean {
  return (
    path.startsWith('/') &&
    !path.startsWith('//') &&
    !path.startsWith('/\\') &&
    !path.includes('\\') &&
    !/\s/.test(path) &&
    !hasControlCharacter(path)
  );
}

/**
 * True when a segment of the path is `.` or `..` in any encoding (`%2e`, `%252e`, …), or the decoded
 * path hides a double slash, a backslash or a control character: normalising such a path (`new URL`,
 * the browser) can turn `/..//evil.example` into `//evil.example`.
 */
function hasTrickySegments(pathname: string): boolean {
  const decoded = fullyDecoded(pathname);
  if (decoded === null || decoded.includes('\\') || decoded.includes('//') || hasControlCharacter(decoded))
    return true;
  return decoded.split('/').some((segment) => segment === '.' || segment === '..');
}

/**
 * A return path after the log-in: only a local path (never `//host`, a scheme, backslashes, dot
 * segments or the log-in/log-out routes themselves), otherwise `fallback`. The path handed back is
 * checked again after normalisation: what the browser is redirected to is always a local path.
 */
export function safeReturnPath<F extends string | null>(target: unknown, fallback: F): string | F {
  if (typeof target !== 'string' || target.length > 2000 || !isLocalPath(target)) return fallback;
  const rawPath = target.split(/[?#]/, 1)[0] ?? '';
  if (hasTrickySegments(rawPath)) return fallback;
  let url: URL;
  try {
    url = new URL(target, 'http://localhost');
  } catch {
    return fallback;
  }
  if (url.origin !== 'http://localhost') return fallback;
  const route = fullyDecoded(url.pathname) ?? url.pathname;
  if ([LOGIN_PATH, LOGOUT_PATH, LOGGED_OUT_PATH].some((path) => route.startsWith(path))) return fallback;
  const result = `${url.pathname}${url.search}`;
  if (!isLocalPath(result) || hasTrickySegments(url.pathname)) return fallback;
  return result;
}
