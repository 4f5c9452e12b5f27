import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AuthorizationResponseError } from 'openid-client';
import { AppError } from '../errors/errors.js';
import { type CitizenIdentity, meetsTrustLevel, type TrustLevel } from './citizen.js';
import type { CitizenSessionService } from './citizen-session.service.js';
import { ClaimsError } from './eid.claims.js';
import { devIdpClientSecret, type EidConfig } from './eid.config.js';
import {
  CALLBACK_PATH,
  LOGGED_OUT_PATH,
  LOGIN_PATH,
  LOGOUT_PATH,
  loginHref,
  safeReturnPath,
} from './eid.paths.js';
import {
  LoggedOutPage,
  type LoginProblem,
  LoginProblemPage,
  NotConfiguredPage,
  TrustLevelPage,
} from './eid.views.js';
import {
  LOGIN_TRANSACTION_SECONDS,
  openTransaction,
  sealTransaction,
  transactionKey,
} from './login-transaction.js';
import { EidClient, injectFetch, StaleAuthenticationError } from './oidc-client.js';

export const CITIZEN_SESSION_COOKIE = 'citizen_session';
const LOGIN_COOKIE = 'citizen_login';
/** After a log-in without `?weiter=`: the citizen's own area. */
export const DEFAULT_TARGET = '/mein-bereich';

export interface CitizenAuthOptions {
  eid: EidConfig;
  publicUrl: string;
  cookieSecret: string;
  sessions: CitizenSessionService;
  now?: () => Date;
}

/** The citizens' part of the site: here every request learns who is logged in. */
function isCitizenArea(url: string): boolean {
  return /^\/(portal|mein-bereich)(?:[/?]|$)/.test(url);
}

function noStore(reply: FastifyReply): void {
  reply.header('cache-control', 'no-store');
}

function sessionToken(request: FastifyRequest): string | undefined {
  const raw = request.cookies[CITIZEN_SESSION_COOKIE];
  if (!raw) return undefined;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && unsigned.value ? unsigned.value : undefined;
}

/**
 * Citizen log-in with the eID through OpenID Connect: fills `request.citizen` on /portal and
 * /mein-bereich, offers `app.requireCitizen(level)` and `app.identifyCitizen(request)`, and serves
 * /portal/anmelden (start), /portal/anmelden/rueckkehr (callback), /portal/abmelden (POST) and
 * /portal/abgemeldet.
 */
export const citizenAuthPlugin = fp<CitizenAuthOptions>(
  async (app: FastifyInstance, options) => {
    const { eid, publicUrl, sessions } = options;
    const now = options.now ?? (() => new Date());
    const key = transactionKey(options.cookieSecret);
    const client =
      eid.kind === 'oidc'
        ? new EidClient({
            issuer: eid.issuer,
            clientId: eid.clientId,
            clientSecret: eid.clientSecret,
            scopes: eid.scopes,
            redirectUri: `${publicUrl}${CALLBACK_PATH}`,
            postLogoutRedirectUri: `${publicUrl}${LOGGED_OUT_PATH}`,
          })
        : eid.kind === 'dev-idp'
          ? new EidClient({
              issuer: eid.issuer,
              clientId: eid.clientId,
              clientSecret: devIdpClientSecret(options.cookieSecret),
              scopes: eid.scopes,
              redirectUri: `${publicUrl}${CALLBACK_PATH}`,
              postLogoutRedirectUri: `${publicUrl}${LOGGED_OUT_PATH}`,
              // The dev IdP lives in this app: its requests go through app.inject (see injectFetch).
              fetch: injectFetch(app, eid.issuer),
            })
          : undefined;

    app.decorateRequest('citizen', null);
    const identified = new WeakSet<FastifyRequest>();
    const identify = async (request: FastifyRequest): Promise<CitizenIdentity | null> => {
      if (identified.has(request)) return request.citizen;
      identified.add(request);
      request.citizen = await sessions.identify(sessionToken(request));
      return request.citizen;
    };
    app.decorate('identifyCitizen', identify);
    // A callback hook, as the staff one: every request passes here, and most need no promise.
    app.addHook('onRequest', (request, _reply, done) => {
      if (!isCitizenArea(request.url)) return done();
      identify(request).then(() => done(), done);
    });

    // The log-out form posts to us and we redirect to the broker's end_session_endpoint: browsers
    // apply the page's CSP form-action to that redirect, so the broker's origin must be allowed.
    if (eid.kind === 'oidc' && new URL(eid.issuer).origin !== new URL(publicUrl).origin) {
      app.allowFormAction(eid.issuer);
    }

    const notConfigured = (request: FastifyRequest, reply: FastifyReply) => {
      noStore(reply);
      return reply.status(503).page(<NotConfiguredPage ctx={request.pageContext()} />);
    };

    const problemPage = (
      request: FastifyRequest,
      reply: FastifyReply,
      status: number,
      problem: LoginProblem,
      retryTarget: string,
      details: { code?: string; claim?: string } = {},
    ) =>
      reply
        .status(status)
        .page(
          <LoginProblemPage
            ctx={request.pageContext()}
            problem={problem}
            retryHref={loginHref(retryTarget)}
            {...details}
          />,
        );

    app.decorate(
      'requireCitizen',
      (level: TrustLevel = 'NORMAL') =>
        async (request: FastifyRequest, reply: FastifyReply) => {
          const api = request.url.startsWith('/api/');
          if (!client) {
            if (api)
              throw new AppError(
                503,
                'Nicht eingerichtet',
                'Die Anmeldung für Bürger ist nicht eingerichtet.',
              );
            await notConfigured(request, reply);
            return reply;
          }
          const citizen = await identify(request);
          noStore(reply);
          if (!citizen) {
            if (api) throw new AppError(401, 'Nicht angemeldet', 'Bitte melden Sie sich mit der eID an.');
            const back = request.method === 'GET' || request.method === 'HEAD' ? request.url : DEFAULT_TARGET;
            await reply.redirect(loginHref(safeReturnPath(back, DEFAULT_TARGET)), 303);
            return reply;
          }
          if (!meetsTrustLevel(citizen.trustLevel, level)) {
            if (api)
              throw new AppError(
                403,
                'Vertrauensniveau zu niedrig',
                `Nötig ist das Vertrauensniveau ${level}.`,
              );
            const target = safeReturnPath(request.url, DEFAULT_TARGET);
            await reply
              .status(403)
              .page(
                <TrustLevelPage
                  ctx={request.pageContext()}
                  citizen={citizen}
                  required={level}
                  target={target}
                />,
              );
            return reply;
          }
        },
    );

    app.get<{ Querystring: { weiter?: string } }>(LOGIN_PATH, async (request, reply) => {
      const target = safeReturnPath(request.query.weiter, DEFAULT_TARGET);
      if (!client) return notConfigured(request, reply);
      noStore(reply);
      if (request.citizen) return reply.redirect(target, 303);
      let started: Awaited<ReturnType<EidClient['start']>>;
      try {
        started = await client.start(target, request.lang, now());
      } catch (error) {
        request.log.warn({ err: error }, 'eID: identity provider unavailable');
        return problemPage(request, reply, 502, 'unavailable', target);
      }
      reply.setCookie(LOGIN_COOKIE, sealTransaction(started.transaction, key), {
        path: LOGIN_PATH,
        httpOnly: true,
        sameSite: 'lax',
        secure: 'auto',
        maxAge: LOGIN_TRANSACTION_SECONDS,
      });
      return reply.redirect(started.url.href, 303);
    });

    app.get<{ Querystring: Record<string, string | string[] | undefined> }>(
      CALLBACK_PATH,
      async (request, reply) => {
        if (!client) return notConfigured(request, reply);
        noStore(reply);
        const transaction = openTransaction(request.cookies[LOGIN_COOKIE], key, now());
        reply.clearCookie(LOGIN_COOKIE, { path: LOGIN_PATH });
        if (!transaction) return problemPage(request, reply, 400, 'expired', DEFAULT_TARGET);
        const target = safeReturnPath(transaction.returnTo, DEFAULT_TARGET);
        if (request.query.state !== transaction.state)
          return problemPage(request, reply, 400, 'invalid', target);
        let result: Awaited<ReturnType<EidClient['finish']>>;
        try {
          result = await client.finish(new URL(`${publicUrl}${request.url}`), transaction);
        } catch (error) {
          if (error instanceof AuthorizationResponseError) {
            if (error.error === 'access_denied') return problemPage(request, reply, 401, 'cancelled', target);
            return problemPage(request, reply, 401, 'refused', target, { code: error.error.slice(0, 60) });
          }
          if (error instanceof StaleAuthenticationError) {
            // The provider reused an older session (it ignored prompt=login / max_age=0): no log-in
            // without the PIN of whoever is at the browser now.
            request.log.warn(
              { authTime: error.authTime ?? null, startedAt: error.startedAt },
              'eID: no new authentication at the identity provider',
            );
            return problemPage(request, reply, 401, 'failed', target);
          }
          if (error instanceof ClaimsError) {
            // Only the claim's name and the kind of problem: claim values are personal data.
            request.log.warn(
              { claim: error.claim, member: error.member, problem: error.problem },
              'eID: unusable claims',
            );
            return problemPage(request, reply, 502, 'claims', target, { claim: error.claim });
          }
          request.log.warn({ err: error }, 'eID: log-in could not be completed');
          return problemPage(request, reply, 502, 'failed', target);
        }
        // A session that came with the request (another citizen, say) ends with the new log-in.
        await sessions.end(sessionToken(request));
        const session = await sessions.start(result.identity, result.idToken);
        reply.setCookie(CITIZEN_SESSION_COOKIE, session.token, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: 'auto',
          signed: true,
          maxAge: session.maxAgeSeconds,
          expires: session.expiresAt,
        });
        return reply.redirect(target, 303);
      },
    );

    app.post(LOGOUT_PATH, async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const again = safeReturnPath(body.weiter, null);
      const ended = await sessions.end(sessionToken(request));
      reply.clearCookie(CITIZEN_SESSION_COOKIE, { path: '/' });
      noStore(reply);
      if (client && ended?.idToken) {
        try {
          const url = await client.logoutUrl(ended.idToken, again ?? undefined);
          if (url) return reply.redirect(url.href, 303);
        } catch (error) {
          request.log.warn({ err: error }, 'eID: log-out at the identity provider not possible');
        }
      }
      return reply.redirect(`${LOGGED_OUT_PATH}${again ? `?state=${encodeURIComponent(again)}` : ''}`, 303);
    });

    // The provider comes back here after its log-out; `state` carries a "log in again" target.
    app.get<{ Querystring: { state?: string } }>(LOGGED_OUT_PATH, async (request, reply) => {
      noStore(reply);
      const again = safeReturnPath(request.query.state, null);
      return reply.page(<LoggedOutPage ctx={request.pageContext()} again={again} />);
    });
  },
  { name: 'citizen-auth', dependencies: ['security', 'views'] },
);
