/** The citizen log-in routes (see eid.plugin.tsx). */
export const LOGIN_PATH = '/portal/anmelden';
export const CALLBACK_PATH = '/portal/anmelden/rueckkehr';
export const LOGOUT_PATH = '/portal/abmelden';
export const LOGGED_OUT_PATH = '/portal/abgemeldet';

/** The log-in, coming back to `target` (a local path) afterwards. */
export function loginHref(target: string): string {
  return `${LOGIN_PATH}?weiter=${encodeURIComponent(target)}`;
}

function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/**
 * A return path after the log-in: only a local path (never `//host`, a scheme, backslashes or the
 * log-in/log-out routes themselves), otherwise `fallback`.
 */
export function safeReturnPath<F extends string | null>(target: unknown, fallback: F): string | F {
  if (typeof target !== 'string' || target.length > 2000) return fallback;
  if (
    !target.startsWith('/') ||
    target.startsWith('//') ||
    /[\\\s]/.test(target) ||
    hasControlCharacter(target)
  ) {
    return fallback;
  }
  try {
    const url = new URL(target, 'http://localhost');
    if (url.origin !== 'http://localhost') return fallback;
    if ([LOGIN_PATH, LOGOUT_PATH, LOGGED_OUT_PATH].some((path) => url.pathname.startsWith(path)))
      return fallback;
    return `${url.pathname}${url.search}`;
  } catch {
    return fallback;
  }
}
