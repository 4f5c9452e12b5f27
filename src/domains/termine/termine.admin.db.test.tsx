import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browserish,
  createTestApp,
  staffSession,
  type TestApp,
  visitor,
} from '../../../test/support/test-app.js';
import { formatTime } from '../../platform/time/berlin-time.js';

// Thursday 2026-12-03, 05:00 in Berlin; the clock moves for the freeze and no-show tests.
let clock = new Date('2026-12-03T04:00:00Z');
const advance = (minutes: number) => {
  clock = new Date(clock.getTime() + minutes * 60_000);
};

let t: TestApp;
let sachbearbeitung: Browserish;
let teamleitung: Browserish;
let admin: Browserish;
beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  [sachbearbeitung, teamleitung, admin] = await Promise.all([
    staffSession(t.app, 'sachbearbeitung'),
    staffSession(t.app, 'teamleitung'),
    staffSession(t.app, 'admin'),
  ]);
});
afterAll(() => t?.close());

const SERVICE = 'personalausweis';

async function offers(day: string, channel: 'online' | 'internal') {
  const availability = await t.services.termine.availability({
    locationId: 'rathaus',
    serviceIds: [SERVICE],
    from: day,
    to: day,
    channel,
  });
  return availability.days.find((entry) => entry.date === day)?.slots ?? [];
}

const freeAt = async (day: string, channel: 'online' | 'internal', start: Date) =>
  (await offers(day, channel)).find((slot) => slot.start.getTime() === start.getTime())?.free ?? 0;

let people = 0;
/** Confirmed for 10:00 on the first day; the clock passes it in the no-show test. */
let servedAppointmentId = '';
/** A citizen's confirmed online booking at the given Berlin time. */
async function confirmedAppointment(day: string, time: string) {
  const slot = (await offers(day, 'online')).find((offer) => formatTime(offer.start) === time);
  if (!slot) throw new Error(`no online offer at ${day} ${time}`);
  const held = await t.services.termine.reserve({
    locationId: 'rathaus',
    serviceIds: [SERVICE],
    start: slot.start,
  });
  people += 1;
  const { secret } = await t.services.termine.requestConfirmation(held.id, {
    name: `Person ${people}`,
    email: `person${people}@example.org`,
    lang: 'de',
  });
  return t.services.termine.confirm(held.id, secret);
}

const auditActions = async (id: string) =>
  (await t.services.audit.list({ entityType: 'appointment', entityId: id })).map((row) => row.action);

describe('access', () => {
  it('sends anonymous visitors to the log-in page', async () => {
    for (const url of ['/verwaltung/termine', '/verwaltung/termine/neu', '/verwaltung/termine/schliessen']) {
      const response = await t.app.inject(url);
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toMatch(/^\/verwaltung\/anmelden\?weiter=/);
    }
    const post = await visitor(t.app).post('/verwaltung/termine/schliessen', {}, '/verwaltung/anmelden');
    expect(post.statusCode).toBe(303);
  });

  it('lets sachbearbeitung view and book, but not close a range', async () => {
    const s = sachbearbeitung;
    expect((await s.get('/verwaltung/termine')).statusCode).toBe(200);
    expect((await s.get('/verwaltung/termine/neu')).statusCode).toBe(200);
    expect((await s.get('/verwaltung/termine/schliessen')).statusCode).toBe(403);
    const post = await s.post('/verwaltung/termine/schliessen', {
      standort: 'rathaus',
      tag: '2026-12-05',
      von: '',
      bis: '',
      grund: 'Stromausfall',
    });
    expect(post.statusCode).toBe(403);
    expect(await offers('2026-12-05', 'online')).not.toHaveLength(0);
    // The day view offers no closing button to this role.
    expect((await s.get('/verwaltung/termine?standort=rathaus&tag=2026-12-05')).body).not.toContain(
      '/verwaltung/termine/schliessen',
    );
  });

  it('answers unknown appointments and locations with 404', async () => {
    const s = admin;
    expect((await s.get('/verwaltung/termine/kein-termin/absagen')).statusCode).toBe(404);
    expect((await s.get('/verwaltung/termine/00000000-0000-4000-8000-000000000000/absagen')).statusCode).toBe(
      404,
    );
    expect((await s.get('/verwaltung/termine?standort=mond')).statusCode).toBe(404);
    expect((await s.get('/verwaltung/termine?standort=rathaus&tag=30.02.2026')).statusCode).toBe(422);
  });
});

describe('day view', () => {
  it('lists the appointments of a day with status, code and actions', async () => {
    const appointment = await confirmedAppointment('2026-12-03', '10:00');
    servedAppointmentId = appointment.id;
    const s = sachbearbeitung;
    const response = await s.get('/verwaltung/termine?standort=rathaus&tag=2026-12-03');
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toContain(appointment.name!);
    expect(html).toContain(appointment.code);
    expect(html).toContain('bestätigt');
    expect(html).toContain('Personalausweis');
    expect(html).toContain(`/verwaltung/termine/${appointment.id}/absagen`);
    // Not yet begun: no no-show button.
    expect(html).not.toContain(`/verwaltung/termine/${appointment.id}/nicht-erschienen`);
    expect(html).toContain('tag=2026-12-02');
    expect(html).toContain('tag=2026-12-04');
    expect(html.match(/<h1/g)).toHaveLength(1);
    expect(html).toContain('<caption');
    // German dates are accepted in the date field, today is the default.
    expect((await s.get('/verwaltung/termine?standort=rathaus&tag=03.12.2026')).body).toContain(
      appointment.code,
    );
    expect((await s.get('/verwaltung/termine')).body).toContain(appointment.code);
  });
});

describe('booking for a caller', () => {
  it('offers times from the internal quota and books at once, leaving the online quota alone', async () => {
    const s = sachbearbeitung;
    const page = await s.get(`/verwaltung/termine/neu?standort=rathaus&leistungen=${SERVICE}&tag=2026-12-04`);
    expect(page.statusCode).toBe(200);
    const starts = [...page.body.matchAll(/<option value="(2026-12-04T[^"]+)"/g)].map((m) => m[1]!);
    expect(starts.length).toBeGreaterThan(5);
    const start = new Date(starts[4]!);
    const onlineBefore = await freeAt('2026-12-04', 'online', start);
    const internalBefore = await freeAt('2026-12-04', 'internal', start);
    expect(internalBefore).toBeGreaterThan(0);

    const response = await s.post('/verwaltung/termine/neu', {
      standort: 'rathaus',
      leistungen: [SERVICE],
      tag: '2026-12-04',
      start: starts[4]!,
      name: 'Anrufer Meier',
      phone: '0221 123456',
      email: '',
      note: '',
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/verwaltung/termine?standort=rathaus&tag=2026-12-04');

    expect(await freeAt('2026-12-04', 'online', start)).toBe(onlineBefore);
    expect(await freeAt('2026-12-04', 'internal', start)).toBe(internalBefore - 1);

    const day = await s.get(response.headers.location as string);
    expect(day.body).toContain('Anrufer Meier');
    expect(day.body).toMatch(/ist gebucht\. Buchungsnummer: [A-Z0-9]{3}-[A-Z0-9]{3}/);
    const code = day.body.match(/Buchungsnummer: ([A-Z0-9]{3}-[A-Z0-9]{3})/)![1]!;
    const audit = await t.services.audit.list({ entityType: 'appointment' });
    const entry = audit.find((row) => row.action === 'appointment.book');
    expect(entry?.actorName).toBeTruthy();
    expect(entry?.after).toMatchObject({
      status: 'confirmed',
      channel: 'internal',
      name: 'Anrufer Meier',
      code,
    });
    expect(JSON.stringify(entry?.after)).not.toContain('tokenHash');
  });

  it('re-renders with German messages and books nothing on invalid input', async () => {
    const s = sachbearbeitung;
    const internalBefore = (await offers('2026-12-04', 'internal')).reduce((sum, slot) => sum + slot.free, 0);
    const response = await s.post('/verwaltung/termine/neu', {
      standort: 'rathaus',
      leistungen: [SERVICE],
      tag: '2026-12-04',
      start: '',
      name: '',
      email: 'kein-at',
    });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Es gibt ein Problem');
    expect(response.body).toContain('Uhrzeit: Bitte wählen Sie eine der angebotenen Möglichkeiten.');
    expect(response.body).toContain('Name: Bitte füllen Sie dieses Feld aus.');
    expect(response.body).toContain('E-Mail-Adresse: Bitte geben Sie eine gültige E-Mail-Adresse ein');
    expect(response.body).toContain('value="kein-at"');
    const internalAfter = (await offers('2026-12-04', 'internal')).reduce((sum, slot) => sum + slot.free, 0);
    expect(internalAfter).toBe(internalBefore);

    const noServices = await s.get('/verwaltung/termine/neu?standort=rathaus&tag=2026-12-04&aktion=zeiten');
    expect(noServices.statusCode).toBe(422);
    expect(noServices.body).toContain('Leistungen: Bitte wählen Sie mindestens eine Leistung.');

    const taken = await s.post('/verwaltung/termine/neu', {
      standort: 'rathaus',
      leistungen: [SERVICE],
      tag: '2026-12-04',
      start: '2026-12-04T03:00:00+01:00',
      name: 'Zu früh',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.body).toContain('Diese Zeit ist nicht mehr frei');
  });
});

describe('cancelling', () => {
  it('cancels with a reason: status, e-mail to the citizen, audit entry', async () => {
    const appointment = await confirmedAppointment('2026-12-03', '11:00');
    const s = sachbearbeitung;
    const url = `/verwaltung/termine/${appointment.id}/absagen`;
    const form = await s.get(url);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(appointment.code);

    const missing = await s.post(url, { grund: '' });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Grund: Bitte füllen Sie dieses Feld aus.');
    expect((await t.services.termine.get(appointment.id)).status).toBe('confirmed');

    const response = await s.post(url, { grund: 'Die Sachbearbeiterin ist erkrankt.' });
    expect(response.statusCode).toBe(303);
    const cancelled = await t.services.termine.get(appointment.id);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.cancelReason).toBe('Die Sachbearbeiterin ist erkrankt.');
    const mails = await t.services.mail.listFor('appointment.cancelled', appointment.id);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain('Die Sachbearbeiterin ist erkrankt.');
    expect(await auditActions(appointment.id)).toEqual(['appointment.cancel']);

    // A second cancellation is refused, and the page shows no form any more.
    expect((await s.post(url, { grund: 'nochmal' })).statusCode).toBe(409);
    expect((await s.get(url)).body).toContain('nicht mehr aktiv');
  });
});

describe('closing a time range', () => {
  it('cancels every appointment in the range, tells everyone and blocks the time for good', async () => {
    const day = '2026-12-04';
    const inside = [await confirmedAppointment(day, '09:00'), await confirmedAppointment(day, '09:40')];
    const outside = await confirmedAppointment(day, '11:00');
    const s = teamleitung;
    expect((await s.get(`/verwaltung/termine/schliessen?standort=rathaus&tag=${day}`)).statusCode).toBe(200);

    const invalid = await s.post('/verwaltung/termine/schliessen', {
      standort: 'rathaus',
      tag: day,
      von: '10:00',
      bis: '09:00',
      grund: '',
    });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain('Grund: Bitte füllen Sie dieses Feld aus.');
    expect((await t.services.termine.get(inside[0]!.id)).status).toBe('confirmed');

    const past = await s.post('/verwaltung/termine/schliessen', {
      standort: 'rathaus',
      tag: '2026-12-02',
      grund: 'zu spät',
    });
    expect(past.statusCode).toBe(422);
    expect(past.body).toContain('Der Tag liegt in der Vergangenheit.');

    const response = await s.post('/verwaltung/termine/schliessen', {
      standort: 'rathaus',
      tag: day,
      von: '9:00',
      bis: '10:00',
      grund: 'Stromausfall im Rathaus',
    });
    expect(response.statusCode).toBe(303);
    const dayPage = await s.get(response.headers.location as string);
    expect(dayPage.body).toContain('2 Termine wurden abgesagt');

    for (const appointment of inside) {
      const after = await t.services.termine.get(appointment.id);
      expect(after.status).toBe('cancelled');
      expect(after.cancelReason).toBe('Stromausfall im Rathaus');
      expect(await t.services.mail.listFor('appointment.cancelled', appointment.id)).toHaveLength(1);
      expect(await auditActions(appointment.id)).toEqual(['appointment.cancel']);
    }
    expect((await t.services.termine.get(outside.id)).status).toBe('confirmed');
    const closure = await t.services.audit.list({ entityType: 'location', entityId: 'rathaus' });
    expect(closure.find((row) => row.action === 'appointment.close')?.after).toMatchObject({
      day,
      reason: 'Stromausfall im Rathaus',
    });

    const inRange = (slot: { start: Date; end: Date }) =>
      slot.end > new Date('2026-12-04T08:00:00Z') && slot.start < new Date('2026-12-04T09:00:00Z');
    const blockedEverywhere = async () => {
      for (const channel of ['online', 'internal'] as const) {
        const slots = await offers(day, channel);
        expect(slots.length).toBeGreaterThan(0);
        expect(slots.filter(inRange)).toEqual([]);
      }
    };
    await blockedEverywhere();
    // Still blocked after the freeze, when cancelled times would normally come back.
    advance(60);
    await t.services.termine.expire();
    await blockedEverywhere();
  });
});

describe('no-show', () => {
  it('marks a confirmed appointment only once it has begun', async () => {
    const appointment = await confirmedAppointment('2026-12-03', '12:00');
    const s = sachbearbeitung;
    const url = `/verwaltung/termine/${appointment.id}/nicht-erschienen`;
    expect((await s.post(url, {})).statusCode).toBe(409);
    expect((await t.services.termine.get(appointment.id)).status).toBe('confirmed');

    clock = new Date(appointment.startsAt.getTime() + 15 * 60_000);
    const day = await s.get('/verwaltung/termine?standort=rathaus&tag=2026-12-03');
    expect(day.body).toContain(url);
    const response = await s.post(url, {});
    expect(response.statusCode).toBe(303);
    expect((await t.services.termine.get(appointment.id)).status).toBe('no_show');
    expect(await auditActions(appointment.id)).toEqual(['appointment.no_show']);
    expect((await s.get('/verwaltung/termine?standort=rathaus&tag=2026-12-03')).body).toContain(
      'nicht erschienen',
    );
    // Only once.
    expect((await s.post(url, {})).statusCode).toBe(409);
  });
});

describe('closing a day that has begun', () => {
  it('leaves appointments that have begun alone and refuses ranges in the past', async () => {
    // The clock stands at 12:15 on 2026-12-03 (no-show test); the 10:00 appointment is over.
    const s = admin;
    const over = await s.post('/verwaltung/termine/schliessen', {
      standort: 'rathaus',
      tag: '2026-12-03',
      von: '08:00',
      bis: '09:00',
      grund: 'zu spät',
    });
    expect(over.statusCode).toBe(422);
    expect(over.body).toContain('Dieser Zeitraum ist schon vorbei.');

    const response = await s.post('/verwaltung/termine/schliessen', {
      standort: 'rathaus',
      tag: '2026-12-03',
      von: '',
      bis: '',
      grund: 'Wasserschaden',
    });
    expect(response.statusCode).toBe(303);
    expect((await s.get(response.headers.location as string)).body).toContain('0 Termine wurden abgesagt');
    expect((await t.services.termine.get(servedAppointmentId)).status).toBe('confirmed');
    expect(await offers('2026-12-03', 'internal')).toEqual([]);
  });
});
