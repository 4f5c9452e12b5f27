import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../app.js';
import { parseForm } from '../../platform/forms/forms.js';
import { formatTime } from '../../platform/time/berlin-time.js';
import { SESSION_COOKIE } from './auth.plugin.js';
import { DashboardPage } from './dashboard.page.js';
import { LoginPage } from './login.page.js';
import { loginSchema, safeTarget } from './staff.form.js';

export const LOGIN_PATH = '/verwaltung/anmelden';
export const invalidLoginMessage = 'Benutzername oder Passwort ist falsch.';
export const lockedMessage = (until: Date) =>
  `Das Konto ist nach zu vielen Fehlversuchen bis ${formatTime(until)} Uhr gesperrt.`;

/** The session cookie: signed, not readable by scripts, sent to the staff area only. */
// Path '/': the workstation's JSON calls (/api/v1/counters/…) and the kiosk act for the clerk, too.
// SameSite=strict keeps it from being sent by any other site.
const sessionCookieOptions = {
  path: '/',
  httpOnly: true,
  sameSite: 'strict',
  secure: 'auto',
  signed: true,
} as const;

function sessionToken(request: FastifyRequest): string | undefined {
  const raw = request.cookies[SESSION_COOKIE];
  if (!raw) return undefined;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && unsigned.value ? unsigned.value : undefined;
}

function noStore(reply: FastifyReply): void {
  reply.header('cache-control', 'no-store');
}

/** Log-in, log-out and the staff overview. */
export async function staffRoutes(app: FastifyInstance, services: Services) {
  const { auth } = services;

  app.get<{ Querystring: { weiter?: string } }>(LOGIN_PATH, async (request, reply) => {
    const target = safeTarget(request.query.weiter);
    if (request.staff) return reply.redirect(target, 303);
    noStore(reply);
    return reply.page(<LoginPage ctx={request.pageContext()} target={target} />);
  });

  app.post<{ Querystring: { weiter?: string } }>(LOGIN_PATH, async (request, reply) => {
    const ctx = request.pageContext();
    const body = (request.body ?? {}) as Record<string, unknown>;
    const target = safeTarget(body.weiter ?? request.query.weiter);
    noStore(reply);
    const form = parseForm(loginSchema, body, 'de');
    if (!form.ok) {
      const username = typeof form.values.username === 'string' ? form.values.username : '';
      return reply
        .status(422)
        .page(<LoginPage ctx={ctx} target={target} username={username} errors={form.errors} />);
    }
    const { username, password } = form.data;
    const result = await auth.login(username, password);
    if (!result.ok) {
      const failure =
        result.reason === 'locked' && result.lockedUntil
          ? lockedMessage(result.lockedUntil)
          : invalidLoginMessage;
      const status = result.reason === 'locked' ? 423 : 401;
      return reply
        .status(status)
        .page(<LoginPage ctx={ctx} target={target} username={username} failure={failure} />);
    }
    // A session that came with the request (another account, say) ends with the new log-in.
    await auth.logout(sessionToken(request));
    reply.setCookie(SESSION_COOKIE, result.token, {
      ...sessionCookieOptions,
      maxAge: result.maxAgeSeconds,
      expires: result.expiresAt,
    });
    return reply.redirect(target, 303);
  });

  app.post('/verwaltung/abmelden', async (request, reply) => {
    await auth.logout(sessionToken(request));
    reply.clearCookie(SESSION_COOKIE, { path: sessionCookieOptions.path });
    return reply.redirectWithFlash(LOGIN_PATH, 'Sie sind abgemeldet.');
  });

  app.get('/verwaltung', { preHandler: app.requireStaff() }, async (request, reply) => {
    const ctx = request.pageContext();
    return reply.page(<DashboardPage ctx={ctx} staff={request.staff!} />);
  });
}
