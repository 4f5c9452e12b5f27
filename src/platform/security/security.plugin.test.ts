import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { formActionOrigin, securityPlugin } from './security.plugin.js';

const formAction = (csp: unknown) => String(csp).match(/form-action ([^;]*)/)?.[1];

describe('form-action origins', () => {
  const app = Fastify({ logger: false });
  afterAll(() => app.close());

  it('allows forms to lead only to this site, plus the origins registered at startup', async () => {
    await app.register(securityPlugin, { cookieSecret: 'test-secret-test-secret-test-secret-0123' });
    app.get('/seite', async () => 'ok');
    app.get('/api/v1/x', async () => ({}));
    await app.after();
    expect(formAction((await app.inject({ url: '/seite' })).headers['content-security-policy'])).toBe(
      "'self'",
    );

    app.allowFormAction('https://pay.example/zahlung/start?x=1');
    app.allowFormAction('https://pay.example');
    app.allowFormAction('https://eid.example:8443');
    await app.ready();
    const page = await app.inject({ url: '/seite' });
    expect(formAction(page.headers['content-security-policy'])).toBe(
      "'self' https://pay.example https://eid.example:8443",
    );
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    // The API keeps its own short set.
    expect((await app.inject({ url: '/api/v1/x' })).headers['content-security-policy']).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
  });

  it('takes only http(s) origins, never anything that could extend the policy', () => {
    expect(formActionOrigin('https://pay.example/a;b c')).toBe('https://pay.example');
    expect(() => formActionOrigin('javascript:alert(1)')).toThrow(RangeError);
    expect(() => formActionOrigin("'unsafe-inline'")).toThrow();
  });
});
