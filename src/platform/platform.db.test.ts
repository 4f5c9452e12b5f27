import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, visitor } from '../../test/support/test-app.js';

describe('platform: operations, security, errors, language', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers health, readiness and metrics', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ database: 'reachable' });
    await t.app.inject('/');
    const metrics = await t.app.inject('/metrics');
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('http_request_duration_seconds_bucket');
    expect(metrics.body).toContain('process_cpu_seconds_total');
  });

  it('reports not ready when the database is gone', async () => {
    const other = await createTestApp();
    await other.database.close();
    const ready = await other.app.inject('/readyz');
    expect(ready.statusCode).toBe(503);
    await other.app.close();
  });

  it('sends security headers: CSP without inline scripts, no framing, no HSTS over plain HTTP', async () => {
    const response = await t.app.inject('/');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('sends HSTS when the request came over TLS through a trusted proxy', async () => {
    const proxied = await createTestApp({ env: { BUERGERAMT_TRUST_PROXY: 'on' } });
    const response = await proxied.app.inject({ url: '/', headers: { 'x-forwarded-proto': 'https' } });
    expect(response.headers['strict-transport-security']).toContain('max-age=');
    await proxied.close();
  });

  it('rejects a form post without a CSRF token and stores nothing', async () => {
    const before = (await t.services.city.listFeedback()).length;
    const response = await t.app.inject({
      method: 'POST',
      url: '/barrierefreiheit/rueckmeldung',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'message=Hallo',
    });
    expect(response.statusCode).toBe(403);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('Formular abgelaufen');
    expect((await t.services.city.listFeedback()).length).toBe(before);
  });

  it('answers unknown pages with a 404 page and unknown API paths with problem+json', async () => {
    const page = await t.app.inject('/gibt-es-nicht');
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('Nicht gefunden');
    const api = await t.app.inject('/api/v1/gibt-es-nicht');
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
    expect(api.json()).toMatchObject({ status: 404, title: 'Nicht gefunden' });
  });

  it('switches the language with a link and keeps the page', async () => {
    const browser = visitor(t.app);
    const german = await browser.get('/');
    expect(german.body).toContain('<html lang="de" dir="ltr">');
    const switched = await browser.get('/sprache/en?zurueck=%2Fimpressum');
    expect(switched.statusCode).toBe(303);
    expect(switched.headers.location).toBe('/impressum');
    const english = await browser.get('/impressum');
    expect(english.body).toContain('<html lang="en" dir="ltr">');
    expect(english.body).toContain('Legal notice');
    // An outside target is never followed.
    const outside = await browser.get('/sprache/de?zurueck=%2F%2Fevil.example');
    expect(outside.headers.location).toBe('/');
  });

  it('stores accessibility feedback and shows field errors for an empty message', async () => {
    const browser = visitor(t.app);
    const invalid = await browser.post('/barrierefreiheit/rueckmeldung', { message: '', email: 'kein-mail' });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain('Es gibt ein Problem');
    expect(invalid.body).toContain('Bitte füllen Sie dieses Feld aus.');
    expect(invalid.body).toContain('Bitte geben Sie eine gültige E-Mail-Adresse ein');
    const before = (await t.services.city.listFeedback()).length;
    const valid = await browser.post('/barrierefreiheit/rueckmeldung', {
      message: 'Der Kontrast der Fußzeile ist zu schwach.',
      pageUrl: '/standorte',
    });
    expect(valid.statusCode).toBe(303);
    const feedback = await t.services.city.listFeedback();
    expect(feedback.length).toBe(before + 1);
    expect(feedback[0]).toMatchObject({
      message: 'Der Kontrast der Fußzeile ist zu schwach.',
      pageUrl: '/standorte',
    });
    const thanks = await browser.get(valid.headers.location as string);
    expect(thanks.body).toContain('Vielen Dank');
  });

  it('serves the legal pages with the city texts and the coat of arms as an image', async () => {
    for (const path of ['/impressum', '/datenschutz', '/barrierefreiheit']) {
      const response = await t.app.inject(path);
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('Rheinfeld');
    }
    const logo = await t.app.inject('/stadt/wappen.svg');
    expect(logo.headers['content-type']).toContain('image/svg+xml');
    expect(String(logo.headers['content-security-policy'])).toContain('sandbox');
  });

  it('publishes an OpenAPI 3.1 description and a readable page', async () => {
    const spec = (await t.app.inject('/api/docs/openapi.json')).json();
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/services',
        '/api/v1/services/{id}',
        '/api/v1/locations',
        '/api/v1/locations/{id}',
      ]),
    );
    const page = await t.app.inject('/api/docs');
    expect(page.body).toContain('/api/v1/services');
  });
});
