import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browserish,
  createTestApp,
  staffSession,
  type TestApp,
} from '../../../test/support/test-app.js';
import { TEST_TODAY } from '../../../test/support/test-clock.js';
import { weeklyToValues } from './locations.forms.js';

// TEST_TODAY is Thursday 26 November 2026 (the day the test database's demo data is seeded for).
const BASE = '/verwaltung/standorte';

let t: TestApp;
let admin: Browserish;

beforeAll(async () => {
  t = await createTestApp({ now: () => TEST_TODAY });
  admin = await staffSession(t.app, 'admin');
});
afterAll(async () => {
  await t?.close();
});

/** The current weekly hours of a location as form fields (strings). */
async function hoursForm(id: string): Promise<Record<string, string>> {
  return weeklyToValues(await t.services.locations.weekly(id)) as Record<string, string>;
}

const auditOf = (action: string, entityId = 'rathaus') =>
  t.services.audit
    .list({ entityType: 'location', entityId })
    .then((rows) => rows.filter((row) => row.action === action));

describe('list', () => {
  it('shows all locations to admin', async () => {
    const response = await admin.get(BASE);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Bürgeramt im Rathaus');
    expect(response.body).toContain('Bürgerbüro Nord');
    expect(response.body).toContain(`href="${BASE}/neu"`);
  });

  it('sends visitors who are not logged in to the log-in page', async () => {
    const response = await t.app.inject({ method: 'GET', url: `${BASE}/rathaus/oeffnungszeiten` });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toContain('/verwaltung/anmelden');
  });
});

describe('weekly opening hours', () => {
  const url = `${BASE}/rathaus/oeffnungszeiten`;

  it('shows a labelled field per weekday and interval with the current hours', async () => {
    const response = await admin.get(url);
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toContain('<label class="kern-label" for="d1_0_opens">Montag, Zeitraum 1: von</label>');
    expect(html).toContain('<label class="kern-label" for="d1_0_closes">Montag, Zeitraum 1: bis</label>');
    expect(html).toContain('<label class="kern-label" for="d7_2_closes">Sonntag, Zeitraum 3: bis</label>');
    expect(html).toMatch(/id="d1_0_closes" name="d1_0_closes" type="text" value="12:30"/);
    expect(html).toContain('<legend class="kern-label">Montag</legend>');
  });

  it('saves changed hours in one audited step and the public page shows them', async () => {
    const before = await hoursForm('rathaus');
    const response = await admin.post(url, { ...before, d1_0_closes: '13:00' }, url);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(url);
    expect(await t.services.locations.weekly('rathaus')).toContainEqual({
      weekday: 1,
      opens: '07:30',
      closes: '13:00',
    });
    const page = await t.app.inject({ method: 'GET', url: '/standorte/rathaus' });
    expect(page.body).toContain('07:30–13:00 Uhr, 14:00–16:00 Uhr');
    const flash = await admin.get(url);
    expect(flash.body).toContain('Die Öffnungszeiten wurden gespeichert.');
    const [entry] = await auditOf('location.hours.replace');
    expect(entry?.actorName).toBe('Alex Admin');
    expect(JSON.stringify(entry?.before)).toContain('"closes":"12:30"');
    expect(JSON.stringify(entry?.after)).toContain('"closes":"13:00"');
  });

  it('rejects invalid input with messages, keeps the values and changes nothing', async () => {
    const before = await t.services.locations.weekly('rathaus');
    const auditBefore = (await auditOf('location.hours.replace')).length;
    const response = await admin.post(
      url,
      {
        ...(await hoursForm('rathaus')),
        d1_0_opens: '08:00',
        d1_0_closes: '07:00',
        d2_0_opens: '25:00',
        d3_2_opens: '18:00',
        d3_2_closes: '',
      },
      url,
    );
    expect(response.statusCode).toBe(422);
    const html = response.body;
    expect(html).toContain('Es gibt ein Problem');
    expect(html).toContain('href="#d1_0_closes"');
    expect(html).toContain('Montag, Zeitraum 1: Das Ende muss nach dem Beginn liegen.');
    expect(html).toContain('href="#d2_0_opens"');
    expect(html).toContain('Bitte geben Sie eine Uhrzeit im Format HH:MM ein');
    expect(html).toContain('Mittwoch, Zeitraum 3: Bitte geben Sie auch das Ende an');
    expect(html).toMatch(
      /id="d2_0_opens" name="d2_0_opens" type="text" value="25:00"[^>]*aria-invalid="true"/,
    );
    expect(await t.services.locations.weekly('rathaus')).toEqual(before);
    expect(await auditOf('location.hours.replace')).toHaveLength(auditBefore);
  });

  it('rejects overlapping intervals', async () => {
    const response = await admin.post(
      url,
      { ...(await hoursForm('rathaus')), d1_1_opens: '12:00', d1_1_closes: '15:00' },
      url,
    );
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain(
      'Der Zeitraum überschneidet sich mit einem anderen Zeitraum desselben Tages.',
    );
  });

  it('lets teamleitung change hours, but not master data or counters', async () => {
    const team = await staffSession(t.app, 'teamleitung');
    expect((await team.get(BASE)).statusCode).toBe(200);
    expect((await team.get(`${BASE}/nord/oeffnungszeiten`)).statusCode).toBe(200);
    const response = await team.post(
      `${BASE}/nord/oeffnungszeiten`,
      { d2_0_opens: '08:00', d2_0_closes: '12:00' },
      `${BASE}/nord/oeffnungszeiten`,
    );
    expect(response.statusCode).toBe(303);
    expect(await t.services.locations.weekly('nord')).toEqual([
      { weekday: 2, opens: '08:00', closes: '12:00' },
    ]);
    const [entry] = await auditOf('location.hours.replace', 'nord');
    expect(entry?.actorName).toBe('Toni Teamleitung');

    expect((await team.get(`${BASE}/nord`)).statusCode).toBe(403);
    expect((await team.get(`${BASE}/nord/schalter`)).statusCode).toBe(403);
    expect((await team.get(`${BASE}/neu`)).statusCode).toBe(403);
    expect((await team.post(`${BASE}/nord`, { name_de: 'X' }, BASE)).statusCode).toBe(403);
    expect((await team.post(`${BASE}/nord/stilllegen`, { bestaetigung: 'on' }, BASE)).statusCode).toBe(403);
    expect((await team.get(`${BASE}/nord/schliessungen`)).statusCode).toBe(200);
  });

  it('refuses sachbearbeitung', async () => {
    const clerk = await staffSession(t.app, 'sachbearbeitung');
    expect((await clerk.get(BASE)).statusCode).toBe(403);
    expect((await clerk.get(`${BASE}/rathaus/oeffnungszeiten`)).statusCode).toBe(403);
    const response = await clerk.post(`${BASE}/rathaus/oeffnungszeiten`, {
      d1_0_opens: '08:00',
      d1_0_closes: '09:00',
    });
    expect(response.statusCode).toBe(403);
    expect(await t.services.locations.weekly('rathaus')).toContainEqual({
      weekday: 1,
      opens: '07:30',
      closes: '13:00',
    });
  });

  it('answers 404 for an unknown location', async () => {
    expect((await admin.get(`${BASE}/gibt-es-nicht/oeffnungszeiten`)).statusCode).toBe(404);
  });
});

describe('closures and special hours', () => {
  const url = `${BASE}/rathaus/schliessungen`;

  it('lists upcoming entries (the demo data has some)', async () => {
    const response = await admin.get(url);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Rosenmontag');
    expect(response.body).toContain('Nachmittags geschlossen wegen Schulung');
  });

  it('adds a closure (audited) that the public page and the API show', async () => {
    const response = await admin.post(
      url,
      {
        from: '07.12.2026',
        to: '08.12.2026',
        kind: 'closed',
        reason_de: 'Betriebsausflug',
        reason_en: 'Staff outing',
      },
      url,
    );
    expect(response.statusCode).toBe(303);
    const list = await admin.get(url);
    expect(list.body).toContain('07.12.2026 bis 08.12.2026');
    expect(list.body).toContain('Betriebsausflug / Staff outing');
    const page = await t.app.inject({ method: 'GET', url: '/standorte/rathaus' });
    expect(page.body).toContain(
      'Montag, 7. Dezember 2026 bis Dienstag, 8. Dezember 2026: geschlossen – Betriebsausflug',
    );
    const api = (await t.app.inject({ method: 'GET', url: '/api/v1/locations/rathaus' })).json<{
      upcoming: Array<{ date: string; closed: unknown }>;
    }>();
    expect(api.upcoming.find((day) => day.date === '2026-12-08')?.closed).toEqual({
      kind: 'exception',
      name: 'Betriebsausflug',
    });
    const [entry] = await auditOf('location.exception.create');
    expect(entry?.after).toMatchObject({ fromDate: '2026-12-07', toDate: '2026-12-08', kind: 'closed' });
  });

  it('adds special hours', async () => {
    const response = await admin.post(
      url,
      { from: '2026-12-14', kind: 'hours', i0_opens: '9:00', i0_closes: '11:00', reason_de: 'Kurzer Tag' },
      url,
    );
    expect(response.statusCode).toBe(303);
    const page = await t.app.inject({ method: 'GET', url: '/standorte/rathaus' });
    expect(page.body).toContain(
      'Montag, 14. Dezember 2026: besondere Öffnungszeiten 09:00–11:00 Uhr – Kurzer Tag',
    );
  });

  it('rejects invalid entries with messages and adds nothing', async () => {
    const count = (await t.services.locations.exceptions('rathaus')).length;
    const backwards = await admin.post(
      url,
      { from: '12.12.2026', to: '10.12.2026', kind: 'closed', reason_de: 'x' },
      url,
    );
    expect(backwards.statusCode).toBe(422);
    expect(backwards.body).toContain('Das Ende darf nicht vor dem Beginn liegen.');
    expect(backwards.body).toMatch(/id="from" name="from" type="text" value="12.12.2026"/);
    const noHours = await admin.post(url, { from: '12.12.2026', kind: 'hours', reason_de: 'x' }, url);
    expect(noHours.statusCode).toBe(422);
    expect(noHours.body).toContain('mindestens einen Zeitraum');
    const badTime = await admin.post(
      url,
      { from: '12.12.2026', kind: 'hours', i0_opens: '11:00', i0_closes: '10:00', reason_de: '' },
      url,
    );
    expect(badTime.statusCode).toBe(422);
    expect(badTime.body).toContain('Das Ende muss nach dem Beginn liegen.');
    expect(badTime.body).toContain('Bitte geben Sie einen Grund an');
    const past = await admin.post(url, { from: '01.11.2026', kind: 'closed', reason_de: 'x' }, url);
    expect(past.statusCode).toBe(422);
    expect(past.body).toContain('Der Zeitraum liegt in der Vergangenheit.');
    expect(await t.services.locations.exceptions('rathaus')).toHaveLength(count);
  });

  it('deletes an entry (audited)', async () => {
    const target = (await t.services.locations.exceptions('rathaus')).find(
      (e) => e.reason.de === 'Betriebsausflug',
    )!;
    const response = await admin.post(`${url}/${target.id}/loeschen`, {}, url);
    expect(response.statusCode).toBe(303);
    expect((await t.services.locations.exceptions('rathaus')).map((e) => e.id)).not.toContain(target.id);
    const [entry] = await auditOf('location.exception.delete');
    expect(entry?.before).toMatchObject({ id: target.id, fromDate: '2026-12-07' });
    // Unknown (or malformed) ids are 404, never a server error.
    expect((await admin.post(`${url}/${target.id}/loeschen`, {}, url)).statusCode).toBe(404);
    expect((await admin.post(`${url}/kein-uuid/loeschen`, {}, url)).statusCode).toBe(404);
  });
});

describe('counters', () => {
  const url = `${BASE}/rathaus/schalter`;
  const activeCount = async () =>
    (await t.app.inject({ method: 'GET', url: '/api/v1/locations/rathaus' })).json<{ counters: number }>()
      .counters;

  it('adds, renames and retires counters (audited)', async () => {
    expect((await admin.get(url)).body).toContain('Aktive Schalter (6)');
    expect(await activeCount()).toBe(6);

    expect((await admin.post(url, { aktion: 'anlegen', name: 'Schalter 7' }, url)).statusCode).toBe(303);
    expect(await activeCount()).toBe(7);

    const counter = (await t.services.locations.counters('rathaus')).find((c) => c.name === 'Schalter 7')!;
    const renamed = await admin.post(
      url,
      { aktion: 'umbenennen', counterId: counter.id, name: 'Express-Schalter' },
      url,
    );
    expect(renamed.statusCode).toBe(303);
    expect((await admin.get(url)).body).toContain('Express-Schalter');

    expect((await admin.post(url, { aktion: 'stilllegen', counterId: counter.id }, url)).statusCode).toBe(
      303,
    );
    expect(await activeCount()).toBe(6);
    const page = await admin.get(url);
    expect(page.body).toContain('Stillgelegte Schalter');

    const actions = (await t.services.audit.list({ entityType: 'location', entityId: 'rathaus' })).map(
      (row) => row.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        'location.counter.create',
        'location.counter.rename',
        'location.counter.retire',
      ]),
    );
  });

  it('rejects empty and duplicate names', async () => {
    const duplicate = await admin.post(url, { aktion: 'anlegen', name: 'schalter 1' }, url);
    expect(duplicate.statusCode).toBe(422);
    expect(duplicate.body).toContain(
      'Einen aktiven Schalter mit diesem Namen gibt es an diesem Standort schon.',
    );
    const empty = await admin.post(url, { aktion: 'anlegen', name: '' }, url);
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('href="#name"');
    expect(await activeCount()).toBe(6);
  });
});

describe('master data, new location, retiring', () => {
  it('edits master data (audited) and validates it', async () => {
    const edit = await admin.get(`${BASE}/nord`);
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('value="Venloer Straße 120"');
    const fields = {
      name_de: 'Bürgerbüro Nord (Stadtteilzentrum)',
      name_en: 'Citizen office North',
      street: 'Venloer Straße 120',
      postalCode: '41462',
      town: 'Rheinfeld',
      phone: '02131 90-3390',
      email: 'nord@rheinfeld.example',
      directions_de: 'Bus 842',
      directions_en: '',
      accessibility_de: 'Ebenerdig',
      accessibility_en: '',
      closedOnDec24: 'on',
      sortOrder: '2',
    };
    const invalid = await admin.post(
      `${BASE}/nord`,
      { ...fields, postalCode: '4146', email: 'keine-mail' },
      BASE,
    );
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain('Bitte geben Sie eine fünfstellige Postleitzahl ein.');
    expect(invalid.body).toContain('href="#email"');
    expect((await t.services.locations.get('nord')).postalCode).toBe('41462');

    expect((await admin.post(`${BASE}/nord`, fields, BASE)).statusCode).toBe(303);
    const nord = await t.services.locations.get('nord');
    expect(nord.name).toEqual({ de: 'Bürgerbüro Nord (Stadtteilzentrum)', en: 'Citizen office North' });
    expect(nord.closedOnDec24).toBe(true);
    expect(nord.closedOnDec31).toBe(false);
    const [entry] = await auditOf('location.update', 'nord');
    expect(entry?.before).toMatchObject({ name: { de: 'Bürgerbüro Nord' } });
    expect(entry?.after).toMatchObject({ email: 'nord@rheinfeld.example' });
  });

  it('creates a location, refusing taken or reserved ids', async () => {
    const fields = {
      id: 'sued',
      name_de: 'Bürgerbüro Süd',
      street: 'Südstraße 1',
      postalCode: '41464',
      town: 'Rheinfeld',
      closedOnDec24: 'on',
      closedOnDec31: 'on',
      sortOrder: '3',
    };
    expect((await admin.get(`${BASE}/neu`)).statusCode).toBe(200);
    const created = await admin.post(`${BASE}/neu`, fields, `${BASE}/neu`);
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe(`${BASE}/sued/oeffnungszeiten`);
    expect((await t.app.inject({ method: 'GET', url: '/standorte' })).body).toContain('Bürgerbüro Süd');
    expect(await auditOf('location.create', 'sued')).toHaveLength(1);

    const taken = await admin.post(`${BASE}/neu`, { ...fields, id: 'rathaus' }, `${BASE}/neu`);
    expect(taken.statusCode).toBe(422);
    expect(taken.body).toContain('Diese Kennung ist bereits vergeben.');
    const reserved = await admin.post(`${BASE}/neu`, { ...fields, id: 'neu' }, `${BASE}/neu`);
    expect(reserved.statusCode).toBe(422);
    const badId = await admin.post(`${BASE}/neu`, { ...fields, id: 'Süd Büro' }, `${BASE}/neu`);
    expect(badId.statusCode).toBe(422);
    expect(badId.body).toContain('href="#id"');
  });

  it('retires a location only after confirmation; citizens and the API no longer see it', async () => {
    expect((await admin.get(`${BASE}/sued/stilllegen`)).statusCode).toBe(200);
    const unconfirmed = await admin.post(`${BASE}/sued/stilllegen`, {}, BASE);
    expect(unconfirmed.statusCode).toBe(422);
    expect(unconfirmed.body).toContain('Bitte bestätigen Sie');
    expect((await t.services.locations.get('sued')).retiredAt).toBeNull();

    const retired = await admin.post(`${BASE}/sued/stilllegen`, { bestaetigung: 'on' }, BASE);
    expect(retired.statusCode).toBe(303);
    expect((await t.app.inject({ method: 'GET', url: '/standorte/sued' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/locations/sued' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/standorte' })).body).not.toContain('Bürgerbüro Süd');
    expect((await admin.get(BASE)).body).toContain('stillgelegt am');
    expect(await auditOf('location.retire', 'sued')).toHaveLength(1);

    // Nothing can be changed on a retired location.
    const hours = await admin.post(
      `${BASE}/sued/oeffnungszeiten`,
      { d1_0_opens: '08:00', d1_0_closes: '12:00' },
      `${BASE}/sued/oeffnungszeiten`,
    );
    expect(hours.statusCode).toBe(409);
  });
});
