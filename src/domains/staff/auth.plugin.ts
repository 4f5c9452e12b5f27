import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ForbiddenError } from '../../platform/errors/errors.js';
import type { StaffIdentity } from '../../platform/views/page-context.js';
import type { AuthService } from './auth.service.js';

export const SESSION_COOKIE = 'staff_session';
type Role = StaffIdentity['role'];

declare module 'fastify' {
  interface FastifyInstance {
    /** preHandler for staff routes: redirects to the log-in page, or 403 when the role is missing. */
    requireStaff(...roles: Role[]): (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
    /** The clerk logged in on this browser, for routes outside /verwaltung that also serve staff. */
    identifyStaff(request: FastifyRequest): Promise<StaffIdentity | null>;
  }
}

/** Reads the staff session cookie on /verwaltung routes and offers role checks to the domains. */
export const authPlugin = fp<{ auth: AuthService }>(
  async (app: FastifyInstance, { auth }) => {
    const identify = async (request: FastifyRequest) => {
      const raw = request.cookies[SESSION_COOKIE];
      const unsigned = raw ? request.unsignCookie(raw) : undefined;
      request.staff = unsigned?.valid ? await auth.identify(unsigned.value ?? undefined) : null;
      return request.staff;
    };
    // A callback hook: every request passes here, and most need no promise.
    app.addHook('onRequest', (request, _reply, done) => {
      if (!request.url.startsWith('/verwaltung')) return done();
      identify(request).then(() => done(), done);
    });
    // Elsewhere (API, kiosk) only the routes that accept a clerk ask, so other requests stay cheap.
    app.decorate('identifyStaff', identify);

    app.decorate(
      'requireStaff',
      (...roles: Role[]) =>
        async (request: FastifyRequest, reply: FastifyReply) => {
          if (!request.staff) {
            const next = encodeURIComponent(request.url);
            await reply.redirect(`/verwaltung/anmelden?weiter=${next}`, 303);
            return reply;
          }
          if (roles.length > 0 && !roles.includes(request.staff.role)) throw new ForbiddenError();
        },
    );
  },
  { name: 'auth', dependencies: ['security', 'views'] },
);
