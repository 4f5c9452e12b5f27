import type { IncomingMessage, ServerResponse } from 'node:http';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Lets the site's forms lead to `origin` (CSP form-action). Browsers apply form-action also to the
     * redirect a form POST is answered with, so a service that answers a form with a 303 to another site
     * (a payment provider, an eID broker) registers that site's origin here, at startup. Takes a URL or
     * an origin; only its origin (scheme, host, port) is used. Throws for a non-http(s) address.
     */
    allowFormAction(origin: string): void;
  }
}

export interface SecurityOptions {
  cookieSecret: string;
}

/** The origin of an http(s) address, as CSP source: 'https://pay.example' (no path, no quotes). */
export function formActionOrigin(address: string): string {
  const url = new URL(address);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new RangeError(`form-action origin must be http(s): ${address}`);
  }
  return url.origin;
}

/** The page headers (helmet's set with our CSP), with forms allowed to lead to `formActions` too. */
export function pageHeaders(formActions: readonly string[] = []): Record<string, string> {
  return securityHeaders({
    // HSTS only when the request really came over TLS (see the onRequest hook of the plugin).
    hsts: false,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'", ...formActions],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** JSON answers (the API docs page under /api/docs is HTML and gets the page headers). */
const API_PREFIX = '/api/v1/';

/**
 * JSON and event streams are never rendered as documents, so the page headers (a long CSP, frame and
 * cross-origin rules) are replaced by the set OWASP recommends for REST APIs. That keeps every answer
 * of a release storm several hundred bytes smaller.
 */
export const apiHeaders: Record<string, string> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
};

/**
 * The security headers helmet would set, worked out once. (@fastify/helmet builds helmet's middleware
 * anew on every request, CSP parsing included, which cost more than a cached API answer itself.)
 */
export function securityHeaders(options: Readonly<HelmetOptions>): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, () => {});
  return headers;
}

/**
 * Security headers, signed cookies and CSRF protection for every state-changing form. The JSON API
 * (/api/) uses no cookies, so it needs no CSRF token.
 */
export const securityPlugin = fp<SecurityOptions>(
  async (app: FastifyInstance, options) => {
    await app.register(cookie, {
      secret: options.cookieSecret,
      parseOptions: { httpOnly: true, sameSite: 'lax', path: '/', secure: 'auto' },
    });
    await app.register(formbody, { bodyLimit: 256 * 1024 });
    await app.register(csrf, {
      cookieKey: '_csrf',
      cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', signed: true, secure: 'auto' },
      getToken: (request) => (request.body as Record<string, string> | undefined)?._csrf,
    });
    // Page headers; `allowFormAction` (at startup) adds origins to form-action and builds them anew.
    const formActions = new Set<string>();
    let headers = pageHeaders([...formActions]);
    app.decorate('allowFormAction', (origin: string) => {
      const allowed = formActionOrigin(origin);
      if (formActions.has(allowed)) return;
      formActions.add(allowed);
      headers = pageHeaders([...formActions]);
    });
    // HSTS only when the request really came over TLS. Set here rather than in onSend: without any
    // onSend hook Fastify skips that stage for every answer.
    app.addHook('onRequest', (request, reply, done) => {
      reply.headers(request.url.startsWith(API_PREFIX) ? apiHeaders : headers);
      if (request.protocol === 'https') {
        reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
      }
      done();
    });
    app.addHook('preHandler', (request, reply, done) => {
      if (!unsafeMethods.has(request.method) || request.url.startsWith('/api/')) return done();
      app.csrfProtection(request, reply, done);
    });
  },
  { name: 'security' },
);
