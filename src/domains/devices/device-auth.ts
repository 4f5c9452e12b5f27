import type { FastifyReply, FastifyRequest } from 'fastify';

/** The cookie an enrolled browser keeps its device credential in. */
export const DEVICE_COOKIE = 'device';
/** 400 days: the longest lifetime browsers accept for a cookie (RFC 6265bis). */
export const DEVICE_COOKIE_MAX_AGE = 400 * 24 * 60 * 60;

/**
 * Signed (a forged or altered value is ignored before any database access), not readable by scripts,
 * sent on top-level navigations from other sites (sameSite=lax) so a kiosk that opens a bookmark keeps
 * working, for the whole site: kiosk pages, the call display and its event stream all need it.
 */
const deviceCookieOptions = {
  path: '/',
  httpOnly: true,
  sameSite: 'lax',
  secure: 'auto',
  signed: true,
  maxAge: DEVICE_COOKIE_MAX_AGE,
} as const;

export function setDeviceCookie(reply: FastifyReply, credential: string): void {
  reply.setCookie(DEVICE_COOKIE, credential, deviceCookieOptions);
}

/**
 * The device credential a request carries: an `Authorization: Bearer <credential>` header (API clients)
 * or else the signed `device` cookie (browsers). Nothing is checked against the database here.
 */
export function credentialFromRequest(
  request: Pick<FastifyRequest, 'headers' | 'cookies' | 'unsignCookie'>,
): string | undefined {
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (match) return match[1];
  }
  const raw = request.cookies[DEVICE_COOKIE];
  if (!raw) return undefined;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && unsigned.value ? unsigned.value : undefined;
}
