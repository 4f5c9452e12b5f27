import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

// Saturday 27 March 2027, 20:00 in Berlin (+01:00). Sunday 28 March is the DST change, Monday 29 March
// is Easter Monday (a public holiday), so both demo offices next open on a later day.
const SATURDAY_EVENING = new Date('2027-03-27T19:00:00Z');
// Tuesday 30 March 2027, 10:00 in Berlin (+02:00).
const TUESDAY_MORNING = new Date('2027-03-30T08:00:00Z');

interface ApiLocation {
  id: string;
  name: string;
  address: { street: string; postalCode: string; town: string };
  counters: number;
  openingHours: Array<{ weekday: number; opens: string; closes: string }>;
}
interface ApiDay {
  date: string;
  intervals: Array<{ start: string; end: string }>;
  closed: null | { kind: string; name?: string };
}

let t: TestApp;
let now = SATURDAY_EVENING;

beforeAll(async () => {
  t = await createTestApp({ now: () => now });
});
afterAll(async () => {
  await t?.close();
});

const get = (url: string, lang?: 'en') =>
  t.app.inject({ method: 'GET', url, ...(lang ? { cookies: { lang } } : {}) });

describe('GET /standorte', () => {
  it('lists the locations with address and when they open next (German)', async () => {
    now = SATURDAY_EVENING;
    const response = await get('/standorte');
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toContain('<h1');
    expect(html).toContain('Bürgeramt im Rathaus');
    expect(html).toContain('Bürgerbüro Nord');
    expect(html).toContain('Markt 2');
    expect(html).toContain('href="/standorte/rathaus"');
    // Sunday closed, Easter Monday is a holiday: the town hall opens Tuesday, the branch office Wednesday.
    expect(html).toContain('Geschlossen – öffnet Dienstag um 07:30');
    expect(html).toContain('Geschlossen – öffnet Mittwoch um 08:00');
  });

  it('is available in English', async () => {
    now = SATURDAY_EVENING;
    const html = (await get('/standorte', 'en')).body;
    expect(html).toContain('lang="en"');
    expect(html).toContain('Citizen office in the town hall');
    expect(html).toContain('Closed – opens Tuesday at 07:30');
  });

  it('shows "open now until" while a location is open', async () => {
    now = TUESDAY_MORNING;
    const html = (await get('/standorte')).body;
    expect(html).toContain('Jetzt geöffnet bis 12:30');
    expect((await get('/standorte', 'en')).body).toContain('Open now until 12:30');
    // Same day after the lunch break: opens again today.
    now = new Date('2027-03-30T11:00:00Z'); // 13:00 Berlin
    expect((await get('/standorte')).body).toContain('Geschlossen – öffnet heute um 14:00');
    // Friday evening: Saturday morning is "morgen".
    now = new Date('2027-04-02T18:00:00Z'); // Friday 20:00
    expect((await get('/standorte')).body).toContain('Geschlossen – öffnet morgen um 09:00');
    // Saturday afternoon: next opening is Monday (a regular working day again).
    now = new Date('2027-04-03T12:00:00Z');
    expect((await get('/standorte')).body).toContain('Geschlossen – öffnet Montag um 07:30');
  });

  it('keeps the status on the start page', async () => {
    now = TUESDAY_MORNING;
    const html = (await get('/')).body;
    expect(html).toContain('href="/standorte/rathaus"');
    expect(html).toContain('Jetzt geöffnet bis 12:30');
  });
});

describe('GET /standorte/:id', () => {
  it('shows address, directions, accessibility, weekly hours, holidays, 14 days, counters and services', async () => {
    now = SATURDAY_EVENING;
    const response = await get('/standorte/rathaus');
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html.match(/<h1/g)).toHaveLength(1);
    expect(html).toContain('Markt 2');
    expect(html).toContain('41460 Rheinfeld');
    expect(html).toContain('href="tel:02131903300"');
    expect(html).toContain('Anfahrt');
    expect(html).toContain('Haltestelle „Markt“');
    expect(html).toContain('Stufenloser Zugang');
    // Weekly table: several intervals per weekday, closed on Sunday.
    expect(html).toContain('Regelmäßige Öffnungszeiten');
    expect(html).toMatch(/Montag<\/td><td[^>]*>07:30–12:30 Uhr, 14:00–16:00 Uhr</);
    expect(html).toMatch(/Samstag<\/td><td[^>]*>09:00–12:00 Uhr</);
    expect(html).toMatch(/Sonntag<\/td><td[^>]*>geschlossen</);
    // Status, holidays with names (in the 60-day notice list and the 14-day table).
    expect(html).toContain('Geschlossen – öffnet Dienstag um 07:30');
    expect(html).toContain('Montag, 29. März 2027: geschlossen (Feiertag: Ostermontag)');
    expect(html).toContain('Feiertag: Ostermontag');
    expect(html).toContain('Christi Himmelfahrt'); // 6 May 2027, within 60 days
    expect(html).toContain('Die nächsten 14 Tage');
    expect(html).toContain('Samstag, 27. März 2027');
    expect(html).toContain('Freitag, 9. April 2027');
    expect(html).not.toContain('Samstag, 10. April 2027');
    expect(html).toContain('6 Schalter');
    expect(html).toMatch(/href="\/leistungen\/[a-z0-9-]+"/);
  });

  it('is available in English', async () => {
    now = SATURDAY_EVENING;
    const html = (await get('/standorte/rathaus', 'en')).body;
    expect(html).toContain('Citizen office in the town hall');
    expect(html).toContain('How to get there');
    expect(html).toContain('Step-free access');
    expect(html).toMatch(/Monday<\/td><td[^>]*>07:30–12:30, 14:00–16:00</);
    expect(html).toContain('Monday, 29 March 2027: closed (public holiday: Easter Monday)');
    expect(html).toContain('6 counters');
    expect(html).toContain('Services at this location');
  });

  it('shows closures and special hours entered by staff', async () => {
    now = SATURDAY_EVENING;
    const actor = { id: null, name: 'Test' };
    await t.services.locations.addException(actor, 'nord', {
      from: '2027-04-07',
      to: '2027-04-09',
      kind: 'closed',
      intervals: [],
      reason: { de: 'Umbau des Wartebereichs', en: 'Waiting area being rebuilt' },
    });
    await t.services.locations.addException(actor, 'nord', {
      from: '2027-04-12',
      to: '2027-04-12',
      kind: 'hours',
      intervals: [{ opens: '10:00', closes: '11:30' }],
      reason: { de: 'Verkürzte Öffnung' },
    });
    const html = (await get('/standorte/nord')).body;
    expect(html).toContain(
      'Mittwoch, 7. April 2027 bis Freitag, 9. April 2027: geschlossen – Umbau des Wartebereichs',
    );
    expect(html).toContain(
      'Montag, 12. April 2027: besondere Öffnungszeiten 10:00–11:30 Uhr – Verkürzte Öffnung',
    );
    const en = (await get('/standorte/nord', 'en')).body;
    expect(en).toContain('closed – Waiting area being rebuilt');
    // Missing translation falls back to German.
    expect(en).toContain('special opening hours 10:00–11:30 – Verkürzte Öffnung');
  });

  it('answers 404 for unknown locations', async () => {
    expect((await get('/standorte/gibt-es-nicht')).statusCode).toBe(404);
  });
});

describe('LocationsService', () => {
  it('offers status, upcoming days and the schedule for other domains', async () => {
    now = TUESDAY_MORNING;
    const locations = t.services.locations;
    expect(await locations.status('rathaus')).toEqual({
      open: true,
      closesAt: new Date('2027-03-30T10:30:00Z'),
    });
    const days = await locations.upcoming('rathaus', 3);
    expect(days.map((day) => day.date)).toEqual(['2027-03-30', '2027-03-31', '2027-04-01']);
    expect(days[1]!.intervals.map((i) => `${i.opens}-${i.closes}`)).toEqual(['07:30-12:30']);
    const schedule = await locations.schedule('nord');
    expect(schedule.closedOnDec24).toBe(true);
    expect(schedule.weekly).toContainEqual({ weekday: 3, opens: '14:00', closes: '17:00' });
    await expect(locations.status('gibt-es-nicht')).rejects.toMatchObject({ statusCode: 404 });
  });
});

describe('API /api/v1/locations', () => {
  it('lists locations with address, counters and weekly hours', async () => {
    now = SATURDAY_EVENING;
    const response = await get('/api/v1/locations');
    expect(response.statusCode).toBe(200);
    const body = response.json<ApiLocation[]>();
    expect(body.map((location) => location.id)).toEqual(['rathaus', 'nord']);
    const rathaus = body[0]!;
    expect(rathaus).toEqual({
      id: 'rathaus',
      name: 'Bürgeramt im Rathaus',
      address: { street: 'Markt 2', postalCode: '41460', town: 'Rheinfeld' },
      counters: 6,
      openingHours: expect.arrayContaining([
        { weekday: 1, opens: '07:30', closes: '12:30' },
        { weekday: 1, opens: '14:00', closes: '16:00' },
        { weekday: 6, opens: '09:00', closes: '12:00' },
      ]),
    });
    expect(rathaus.openingHours).toHaveLength(9);
    expect(body[1]!.counters).toBe(2);
    const en = (await get('/api/v1/locations?lang=en')).json<ApiLocation[]>();
    expect(en[0]!.name).toBe('Citizen office in the town hall');
  });

  it('gives 14 concrete days with offsets across the DST change, holidays and closures', async () => {
    now = SATURDAY_EVENING;
    const response = await get('/api/v1/locations/rathaus');
    expect(response.statusCode).toBe(200);
    const body = response.json<ApiLocation & { upcoming: ApiDay[] }>();
    expect(body.counters).toBe(6);
    expect(body.address.postalCode).toBe('41460');
    expect(body.upcoming).toHaveLength(14);
    const days = new Map(body.upcoming.map((day) => [day.date, day]));
    expect(body.upcoming[0]!.date).toBe('2027-03-27');
    expect(body.upcoming[13]!.date).toBe('2027-04-09');
    // Saturday before the change: +01:00.
    expect(days.get('2027-03-27')).toEqual({
      date: '2027-03-27',
      intervals: [{ start: '2027-03-27T09:00:00+01:00', end: '2027-03-27T12:00:00+01:00' }],
      closed: null,
    });
    expect(days.get('2027-03-28')).toEqual({ date: '2027-03-28', intervals: [], closed: { kind: 'weekly' } });
    expect(days.get('2027-03-29')).toEqual({
      date: '2027-03-29',
      intervals: [],
      closed: { kind: 'holiday', name: 'Ostermontag' },
    });
    // Tuesday after the change: +02:00.
    expect(days.get('2027-03-30')).toEqual({
      date: '2027-03-30',
      intervals: [
        { start: '2027-03-30T07:30:00+02:00', end: '2027-03-30T12:30:00+02:00' },
        { start: '2027-03-30T14:00:00+02:00', end: '2027-03-30T18:00:00+02:00' },
      ],
      closed: null,
    });
    const en = (await get('/api/v1/locations/rathaus?lang=en')).json<{ upcoming: ApiDay[] }>();
    expect(en.upcoming[2]!.closed).toEqual({ kind: 'holiday', name: 'Easter Monday' });
  });

  it('applies closures in the upcoming days', async () => {
    now = SATURDAY_EVENING;
    // Added by the page test above (same database): 7–9 April closed.
    const body = (await get('/api/v1/locations/nord')).json<{ upcoming: ApiDay[] }>();
    const day = body.upcoming.find((d) => d.date === '2027-04-07');
    expect(day).toEqual({
      date: '2027-04-07',
      intervals: [],
      closed: { kind: 'exception', name: 'Umbau des Wartebereichs' },
    });
  });

  it('answers 404 as problem+json', async () => {
    const response = await get('/api/v1/locations/gibt-es-nicht');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({
      status: 404,
      title: expect.any(String),
      detail: expect.any(String),
    });
  });

  it('is described in the OpenAPI document', async () => {
    const spec = (await get('/api/docs/openapi.json')).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/v1/locations', '/api/v1/locations/{id}']),
    );
  });
});
