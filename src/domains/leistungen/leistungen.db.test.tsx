import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

const NBSP = '\u00a0';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

afterAll(async () => {
  await t?.close();
});

const get = (url: string, lang?: 'de' | 'en') =>
  t.app.inject({ method: 'GET', url, headers: lang ? { cookie: `lang=${lang}` } : {} });

describe('search (repository, on the demo catalogue)', () => {
  it('finds services despite typos and spelling variants', async () => {
    const first = async (query: string) => (await t.services.leistungen.search(query))[0]?.id;
    expect(await first('Persnalausweis')).toBe('personalausweis');
    expect(await first('Personalausweis')).toBe('personalausweis');
    expect(await first('fuehrungszeugnis')).toBe('fuehrungszeugnis');
    expect(await first('Führungszeugnis')).toBe('fuehrungszeugnis');
    expect(await first('Fürungszeugnis')).toBe('fuehrungszeugnis');
    expect(await first('FUHRUNGSZEUGNIS')).toBe('fuehrungszeugnis');
  });

  it('finds parts of words and English names', async () => {
    const ids = (await t.services.leistungen.search('pass')).map((service) => service.id);
    expect(ids).toContain('reisepass');
    const english = (await t.services.leistungen.search('certificate of good conduct')).map(
      (service) => service.id,
    );
    expect(english[0]).toBe('fuehrungszeugnis');
  });

  it('finds nothing for gibberish or an empty query', async () => {
    expect(await t.services.leistungen.search('qxzvbw')).toEqual([]);
    expect(await t.services.leistungen.search('  ?! ')).toEqual([]);
  });

  it('lists the most popular services first', async () => {
    const popular = await t.services.leistungen.popular(3);
    expect(popular).toHaveLength(3);
    expect(popular[0]!.popularity).toBeGreaterThanOrEqual(popular[1]!.popularity);
    expect(popular[1]!.popularity).toBeGreaterThanOrEqual(popular[2]!.popularity);
  });
});

describe('GET /leistungen', () => {
  it('lists all services A–Z with a search form that works without JavaScript', async () => {
    const response = await get('/leistungen');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    const html = response.body;
    expect(html).toContain('<h1');
    expect(html.match(/<h1/g)).toHaveLength(1);
    expect(html).toMatch(/<form[^>]*method="get"[^>]*action="\/leistungen"/);
    expect(html).toContain('name="q"');
    expect(html).toContain('href="/leistungen/personalausweis"');
    expect(html).toContain('Personalausweis beantragen');
    expect(html).toContain('Führungszeugnis beantragen');
    expect(html).toContain('id="buchstabe-P"');
    // Letters in order: A before F before P.
    expect(html.indexOf('id="buchstabe-A"')).toBeLessThan(html.indexOf('id="buchstabe-F"'));
    expect(html.indexOf('id="buchstabe-F"')).toBeLessThan(html.indexOf('id="buchstabe-P"'));
  });

  it('finds the identity card for a query with a typo', async () => {
    const response = await get('/leistungen?q=Persnalausweis');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Suchergebnisse für „Persnalausweis“');
    expect(response.body).toContain('href="/leistungen/personalausweis"');
    expect(response.body).toContain('value="Persnalausweis"');
    expect(response.body).not.toContain('id="buchstabe-A"');
  });

  it('finds the certificate of good conduct written without umlaut', async () => {
    const response = await get('/leistungen?q=fuehrungszeugnis');
    expect(response.body).toContain('href="/leistungen/fuehrungszeugnis"');
  });

  it('helps when nothing is found', async () => {
    const response = await get('/leistungen?q=qxzvbw');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Keine Leistung gefunden');
    expect(response.body).toContain('Zu „qxzvbw“ haben wir keine passende Leistung gefunden.');
    expect(response.body).toContain('href="tel:');
  });

  it('escapes the query', async () => {
    const response = await get(`/leistungen?q=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('<script>alert(1)</script>');
    expect(response.body).toContain('&lt;script>');
  });

  it('shows the catalogue in English', async () => {
    const response = await get('/leistungen', 'en');
    expect(response.body).toContain('<html lang="en"');
    expect(response.body).toContain('Services from A to Z');
    expect(response.body).toContain('Apply for an identity card');
    const search = await get('/leistungen?q=nothing-like-this-xq', 'en');
    expect(search.body).toContain('No service found');
  });
});

describe('start page', () => {
  it('shows the most popular services', async () => {
    const [top] = await t.services.leistungen.popular(1);
    const response = await get('/');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(`href="/leistungen/${top!.id}"`);
  });
});

describe('GET /leistungen/:id', () => {
  it('shows fees, documents, duration, locations and actions', async () => {
    const response = await get('/leistungen/personalausweis');
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toMatch(/<h1[^>]*>Personalausweis beantragen<\/h1>/);
    expect(html).toContain('Das bringen Sie mit');
    expect(html).toContain(
      'Bisheriger Personalausweis, Reisepass oder Kinderreisepass (auch wenn abgelaufen)',
    );
    expect(html).toContain('Gebühren');
    expect(html).toContain(`46,00${NBSP}€`);
    expect(html).toContain(`27,60${NBSP}€`);
    expect(html).toContain('§ 1 Abs. 1 PAuswGebV');
    expect(html).toContain('etwa 15 Minuten');
    expect(html).toContain('Nein, bitte buchen Sie vorher einen Termin.');
    expect(html).toContain('href="/standorte/rathaus"');
    expect(html).toContain('Bürgeramt im Rathaus');
    expect(html).toContain('href="/termine?leistung=personalausweis"');
    expect(html).toContain('Termin buchen');
    expect(html).not.toContain('/portal/personalausweis');
    // Description paragraphs: blank lines in the text become paragraphs.
    expect(html.match(/<p class="kern-body">Seit dem 1. Mai 2025/g)).toHaveLength(1);
  });

  it('links the online application when there is one', async () => {
    const response = await get('/leistungen/fuehrungszeugnis');
    expect(response.body).toContain('href="/portal/fuehrungszeugnis"');
    expect(response.body).toContain('Online beantragen');
    expect(response.body).toContain(`13,00${NBSP}€`);
    expect(response.body).toContain('Ja, Sie können auch ohne Termin kommen.');
  });

  it('is available in English', async () => {
    const response = await get('/leistungen/personalausweis', 'en');
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toContain('<html lang="en"');
    expect(html).toMatch(/<h1[^>]*>Apply for an identity card<\/h1>/);
    expect(html).toContain('What to bring');
    expect(html).toContain('€46.00');
    expect(html).toContain('Your current identity card, passport or child passport (even if expired)');
    expect(html).toContain('about 15 minutes');
    expect(html).toContain('Citizen office in the town hall');
    expect(html).toContain('Book an appointment');
  });

  it('answers 404 for an unknown service', async () => {
    const response = await get('/leistungen/gibt-es-nicht');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('text/html');
  });
});

describe('JSON API', () => {
  it('lists services with the documented shape, German by default', async () => {
    const response = await get('/api/v1/services');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/json');
    const body = response.json() as Array<Record<string, unknown>>;
    expect(body.length).toBeGreaterThanOrEqual(20);
    for (const item of body) {
      expect(Object.keys(item).sort()).toEqual(
        [
          'bookableOnline',
          'description',
          'documents',
          'durationMinutes',
          'fees',
          'id',
          'locationIds',
          'name',
          'onlineApplication',
          'walkIn',
        ].sort(),
      );
    }
    const ausweis = body.find((item) => item.id === 'personalausweis')!;
    expect(ausweis).toMatchObject({
      name: 'Personalausweis beantragen',
      description: expect.stringContaining('Neuer Personalausweis'),
      durationMinutes: 15,
      bookableOnline: true,
      walkIn: false,
      onlineApplication: false,
      locationIds: ['rathaus', 'nord'],
    });
    expect((ausweis.fees as unknown[])[0]).toEqual({
      label: 'Personalausweis ab 24 Jahren',
      amountCents: 4600,
    });
    expect(ausweis.documents).toContain(
      'Bisheriger Personalausweis, Reisepass oder Kinderreisepass (auch wenn abgelaufen)',
    );
  });

  it('answers in English with ?lang=en', async () => {
    const body = (await get('/api/v1/services?lang=en')).json() as Array<{
      id: string;
      name: string;
      fees: Array<{ label: string }>;
    }>;
    const ausweis = body.find((item) => item.id === 'personalausweis')!;
    expect(ausweis.name).toBe('Apply for an identity card');
    expect(ausweis.fees[0]!.label).toBe('Identity card, applicant aged 24 or older');
  });

  it('returns one service', async () => {
    const response = await get('/api/v1/services/fuehrungszeugnis?lang=en');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id: 'fuehrungszeugnis',
      name: 'Apply for a certificate of good conduct',
      fees: [{ label: 'Certificate of good conduct', amountCents: 1300 }],
      onlineApplication: true,
      walkIn: true,
    });
  });

  it('answers problem+json for unknown services and bad languages', async () => {
    const missing = await get('/api/v1/services/gibt-es-nicht');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json()).toMatchObject({ status: 404, instance: '/api/v1/services/gibt-es-nicht' });
    const badLang = await get('/api/v1/services?lang=xx');
    expect(badLang.statusCode).toBeGreaterThanOrEqual(400);
    expect(badLang.statusCode).toBeLessThan(500);
    expect(badLang.headers['content-type']).toContain('application/problem+json');
  });

  it('is described in the OpenAPI document', async () => {
    const spec = (await get('/api/docs/openapi.json')).json() as {
      paths: Record<string, unknown>;
      components?: { schemas?: Record<string, unknown> };
    };
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/v1/services', '/api/v1/services/{id}']),
    );
    expect(Object.keys(spec.components?.schemas ?? {})).toEqual(expect.arrayContaining(['Service']));
  });
});

describe('retired services', () => {
  it('disappear from the pages, the search and the API', async () => {
    await t.services.leistungen.retire({ id: null, name: 'Test' }, 'fundsachen');
    expect((await get('/leistungen/fundsachen')).statusCode).toBe(404);
    expect((await get('/api/v1/services/fundsachen')).statusCode).toBe(404);
    expect((await get('/leistungen')).body).not.toContain('href="/leistungen/fundsachen"');
    const api = (await get('/api/v1/services')).json() as Array<{ id: string }>;
    expect(api.map((item) => item.id)).not.toContain('fundsachen');
    expect((await t.services.leistungen.search('Fundsachen')).map((service) => service.id)).not.toContain(
      'fundsachen',
    );
  });
});
