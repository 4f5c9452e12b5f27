import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventStream } from '../../../test/support/event-stream.js';
import {
  type Browserish,
  CookieJar,
  createTestApp,
  staffSession,
  type TestApp,
  visitor,
} from '../../../test/support/test-app.js';
import { actorOf } from '../../platform/audit/actor.js';
import type { StaffIdentity } from '../../platform/views/page-context.js';
import { DEVICE_COOKIE } from '../devices/device-auth.js';
import { queueMessages } from './queue.messages.js';
import type { Issuer } from './queue.service.js';
import { aheadText } from './queue.views.js';

/** Thursday 2026-12-03, 10:00 in Berlin: the Rathaus is open (07:30–12:30). One test moves the clock. */
const TEN = new Date('2026-12-03T09:00:00Z');
let clock = TEN;
const now = () => clock;

const h1Count = (html: string) => html.match(/<h1[\s>]/g)?.length ?? 0;

/** The QR code's image: an SVG data URL (no raw markup in the page). */
function qrImageOf(html: string): string {
  const match = /<img src="data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no QR code on the page');
  return Buffer.from(match[1], 'base64').toString('utf8');
}

let t: TestApp;
let baseUrl: string;
let admin: StaffIdentity;
/** Browsers of the demo kiosk and call display (Rathaus), and of a kiosk registered at Nord. */
let kiosk: Browserish;
let display: Browserish;
let kioskNord: Browserish;
let kioskDeviceId: string;

async function browserWith(credential: string): Promise<Browserish> {
  const jar = new CookieJar();
  jar.set(DEVICE_COOKIE, t.app.signCookie(credential));
  return visitor(t.app, jar);
}

beforeAll(async () => {
  t = await createTestApp({ now });
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  const account = (await t.services.staff.list()).find((user) => user.username === 'admin')!;
  admin = { id: account.id, username: account.username, displayName: account.displayName, role: 'admin' };
  await t.services.devices.ensureDemoDevices();
  const kioskEnrolment = await t.services.devices.enrol('demo-kiosk-rathaus');
  kioskDeviceId = kioskEnrolment.device.id;
  kiosk = await browserWith(kioskEnrolment.credential);
  display = await browserWith((await t.services.devices.enrol('demo-anzeige-rathaus')).credential);
  const nord = await t.services.devices.create(admin, {
    locationId: 'nord',
    kind: 'kiosk',
    name: 'Kiosk Nord',
  });
  const code = new URL(nord.url).searchParams.get('code')!;
  kioskNord = await browserWith((await t.services.devices.enrol(code)).credential);
});
afterAll(() => t?.close());

const ticketsToday = () => t.services.queue.ofDay('rathaus');
const kioskIssuer = (): Issuer => ({ kind: 'device', deviceId: kioskDeviceId, locationId: 'rathaus' });

async function bookAppointment(startUtc: string, name = 'Erika Mustermann') {
  return t.services.termineStaff.book(actorOf(null), {
    locationId: 'rathaus',
    serviceIds: ['personalausweis'],
    start: new Date(startUtc),
    name,
    email: null,
    phone: null,
    note: null,
  });
}

describe('kiosk access', () => {
  it('explains to an ordinary browser that the page runs on the kiosk (403), in German and English', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/kiosk/rathaus' });
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('Diese Seite läuft am Kiosk im Bürgeramt');
    expect(page.body).not.toContain('name="code"');
    expect(h1Count(page.body)).toBe(1);
    const english = await t.app.inject({ method: 'GET', url: '/kiosk/rathaus?lang=en' });
    expect(english.statusCode).toBe(403);
    expect(english.body).toContain('This page runs on the kiosk in the citizen office');
  });

  it('refuses a call display, a kiosk of another location, and a POST without a device', async () => {
    expect((await display.get('/kiosk/rathaus')).statusCode).toBe(403);
    expect((await kioskNord.get('/kiosk/rathaus')).statusCode).toBe(403);
    expect((await kioskNord.get('/kiosk/nord')).statusCode).toBe(200);
    const anonymous = visitor(t.app);
    const walkIn = await anonymous.post('/kiosk/rathaus/wartenummer', { serviceId: 'ausweis-abholung' });
    expect(walkIn.statusCode).toBe(403);
    const checkIn = await anonymous.post('/kiosk/rathaus/einchecken', { code: 'ABC-DEF' });
    expect(checkIn.statusCode).toBe(403);
    expect(await ticketsToday()).toEqual([]);
  });

  it('answers 404 for an unknown location', async () => {
    expect((await kiosk.get('/kiosk/atlantis')).statusCode).toBe(404);
  });

  it('lets a logged-in clerk use the kiosk', async () => {
    const clerk = await staffSession(t.app, 'sachbearbeitung');
    const page = await clerk.get('/kiosk/rathaus');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="code"');
  });
});

describe('kiosk', () => {
  it('shows the start screen: booking code and one button per walk-in service', async () => {
    const page = await kiosk.get('/kiosk/rathaus');
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(h1Count(page.body)).toBe(1);
    expect(page.body).toContain('Ich habe einen Termin');
    expect(page.body).toContain('action="/kiosk/rathaus/einchecken"');
    expect(page.body).toContain('action="/kiosk/rathaus/wartenummer"');
    expect(page.body).toContain('name="_csrf"');
    for (const service of await t.services.queue.walkInServices('rathaus')) {
      expect(page.body).toContain(`name="serviceId" value="${service.id}"`);
    }
    expect(page.body).not.toContain('value="personalausweis"');
    // Scripts only from files (CSP script-src 'self'), no inline handlers.
    expect(page.body).toContain('<script type="module" src="/assets/queue/kiosk.js">');
    expect(page.body).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(page.body).not.toMatch(/\son[a-z]+="/);
    expect(page.body).toContain('href="/kiosk/rathaus?lang=en"');
  });

  it('renders in English when chosen', async () => {
    const page = await kiosk.get('/kiosk/rathaus?lang=en');
    expect(page.body).toContain('<html lang="en"');
    expect(page.body).toContain('I have an appointment');
    expect(page.body).toContain('Collect an ID document');
    expect(page.body).toContain('name="lang" value="en"');
    const cookie = await t.app.inject({
      method: 'GET',
      url: '/kiosk/rathaus',
      headers: { cookie: `${kiosk.jar.header()}; lang=en` },
    });
    expect(cookie.body).toContain('Queue number without an appointment');
  });

  let walkIn: LightMyRequestResponse;

  it('draws a walk-in number and shows the ticket as the answer to the POST (201, no redirect)', async () => {
    walkIn = await kiosk.post(
      '/kiosk/rathaus/wartenummer',
      { serviceId: 'ausweis-abholung', lang: 'de' },
      '/kiosk/rathaus',
    );
    expect(walkIn.statusCode).toBe(201);
    expect(walkIn.headers.location).toBeUndefined();
    expect(walkIn.headers['cache-control']).toBe('no-store');
    expect(walkIn.body).toContain('<p class="queue-ticket__number">W 001</p>');
    expect(walkIn.body).toContain('Abholung eines Ausweisdokuments');
    expect(walkIn.body).toContain('10:00 Uhr');
    expect(walkIn.body).toContain('niemand – Sie sind als Nächstes dran');
    expect(walkIn.body).toContain('Geschätzte Wartezeit');
    expect(h1Count(walkIn.body)).toBe(1);
    // Back to the start: a link, a timer in kiosk.js and a refresh for browsers without JavaScript.
    expect(walkIn.body).toContain('href="/kiosk/rathaus"');
    expect(walkIn.body).toContain('data-return-after="60"');
    expect(walkIn.body).toContain('<noscript><meta http-equiv="refresh" content="60;url=/kiosk/rathaus"');
    // The phone link with its secret is only inside the QR code.
    expect(qrImageOf(walkIn.body)).toContain('<svg');
    expect(walkIn.body).not.toContain('/ticket/');
    const [ticket] = await ticketsToday();
    expect(ticket).toMatchObject({ number: 'W 001', kind: 'walk_in', issuedBy: `device:${kioskDeviceId}` });
  });

  it('checks in a booked appointment by its code, typed untidily; early arrivals see their time', async () => {
    const appointment = await bookAppointment('2026-12-03T09:20:00Z');
    const page = await kiosk.post(
      '/kiosk/rathaus/einchecken',
      { code: ` ${appointment.code.toLowerCase().replace('-', '')} `, lang: 'de' },
      '/kiosk/rathaus',
    );
    expect(page.statusCode).toBe(201);
    expect(page.body).toContain('<p class="queue-ticket__number">T 001</p>');
    expect(page.body).toContain('Ihr Termin ist um 10:20 Uhr');
    expect(page.body).toContain('Personalausweis beantragen');
    expect(page.body).not.toContain('Mustermann');
    qrImageOf(page.body);
  });

  it('tells late arrivals that they wait as walk-ins, and early ones when to come back', async () => {
    const late = await bookAppointment('2026-12-03T09:30:00Z', 'Max Spät');
    const tooEarly = await bookAppointment('2026-12-03T11:00:00Z', 'Frida Früh');
    clock = new Date('2026-12-03T10:00:00Z');
    try {
      const page = await kiosk.post(
        '/kiosk/rathaus/einchecken',
        { code: late.code, lang: 'en' },
        '/kiosk/rathaus',
      );
      expect(page.statusCode).toBe(201);
      expect(page.body).toContain('You arrived after your appointment');
      expect(page.body).toContain('You arrived 30 minutes after your appointment.');
      expect(page.body).toMatch(/<p class="queue-ticket__number">W \d{3}<\/p>/);
    } finally {
      clock = TEN;
    }
    const early = await kiosk.post('/kiosk/rathaus/einchecken', { code: tooEarly.code }, '/kiosk/rathaus');
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain('Sie können frühestens 60 Minuten vor Ihrem Termin einchecken.');
  });

  it('re-renders the start screen with the reason on a refusal, changing nothing', async () => {
    const before = (await ticketsToday()).length;
    const appointment = await bookAppointment('2026-12-03T10:00:00Z', 'Doppelt Eingecheckt');
    expect(
      (await kiosk.post('/kiosk/rathaus/einchecken', { code: appointment.code }, '/kiosk/rathaus'))
        .statusCode,
    ).toBe(201);

    const again = await kiosk.post('/kiosk/rathaus/einchecken', { code: appointment.code }, '/kiosk/rathaus');
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('id="error-summary"');
    expect(again.body).toContain('href="#code"');
    expect(again.body).toContain('id="code-error"');
    expect(again.body).toContain('Für diesen Termin gibt es schon eine Wartenummer');
    expect(again.body).toContain(`value="${appointment.code}"`);
    expect(again.body).not.toContain('queue-ticket__number');

    const unknown = await kiosk.post(
      '/kiosk/rathaus/einchecken',
      { code: 'ZZZ-ZZZ', lang: 'en' },
      '/kiosk/rathaus',
    );
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('We found no appointment with this booking code');
    expect(unknown.body).toContain('<html lang="en"');

    const empty = await kiosk.post('/kiosk/rathaus/einchecken', { code: '   ' }, '/kiosk/rathaus');
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Bitte geben Sie Ihren Buchungscode ein.');

    const notWalkIn = await kiosk.post(
      '/kiosk/rathaus/wartenummer',
      { serviceId: 'personalausweis' },
      '/kiosk/rathaus',
    );
    expect(notWalkIn.statusCode).toBe(409);
    expect(notWalkIn.body).toContain('href="#services"');
    expect(notWalkIn.body).toContain('id="services-error"');
    expect(notWalkIn.body).toContain('keine Wartenummer ohne Termin');

    const unknownService = await kiosk.post(
      '/kiosk/rathaus/wartenummer',
      { serviceId: 'gibt-es-nicht' },
      '/kiosk/rathaus',
    );
    expect(unknownService.statusCode).toBe(422);
    const noService = await kiosk.post('/kiosk/rathaus/wartenummer', {}, '/kiosk/rathaus');
    expect(noService.statusCode).toBe(422);
    expect(noService.body).toContain('Bitte wählen Sie Ihr Anliegen.');

    // Only the one successful check-in above made a ticket.
    expect((await ticketsToday()).length).toBe(before + 1);
  });

  it('refuses walk-ins outside the opening hours', async () => {
    const late = await createTestApp({ now: () => new Date('2026-12-03T19:00:00Z') });
    try {
      await late.services.devices.ensureDemoDevices();
      const jar = new CookieJar();
      jar.set(
        DEVICE_COOKIE,
        late.app.signCookie((await late.services.devices.enrol('demo-kiosk-rathaus')).credential),
      );
      const browser = visitor(late.app, jar);
      const page = await browser.post(
        '/kiosk/rathaus/wartenummer',
        { serviceId: 'ausweis-abholung' },
        '/kiosk/rathaus',
      );
      expect(page.statusCode).toBe(409);
      expect(page.body).toContain('Das Bürgeramt ist gerade geschlossen.');
      expect(await late.services.queue.ofDay('rathaus')).toEqual([]);
    } finally {
      await late.close();
    }
  });
});

describe('phone ticket', () => {
  it('answers a wrong or missing secret with a neutral 404 page', async () => {
    const issued = await t.services.queue.issueWalkIn(kioskIssuer(), {
      locationId: 'rathaus',
      serviceIds: ['meldebescheinigung'],
      lang: 'de',
    });
    for (const url of [
      `/ticket/${issued.ticket.id}?k=falsch`,
      `/ticket/${issued.ticket.id}`,
      '/ticket/00000000-0000-4000-8000-000000000000?k=x',
      '/ticket/kein-uuid?k=x',
    ]) {
      const page = await t.app.inject({ method: 'GET', url });
      expect(page.statusCode, url).toBe(404);
      expect(page.body).toContain('Wartenummer nicht gefunden');
      expect(page.body).not.toContain(issued.ticket.number);
    }
  });

  it('shows number, status, people ahead and the estimate; English too', async () => {
    const issued = await t.services.queue.issueWalkIn(kioskIssuer(), {
      locationId: 'rathaus',
      serviceIds: ['ausweis-abholung'],
      lang: 'de',
    });
    const url = `/ticket/${issued.ticket.id}?k=${issued.secret}`;
    const page = await t.app.inject({ method: 'GET', url });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(h1Count(page.body)).toBe(1);
    expect(page.body).toContain(`Wartenummer ${issued.ticket.number}`);
    expect(page.body).toContain('Sie warten.');
    expect(page.body).toContain('Vor Ihnen');
    expect(page.body).toContain(
      `<span id="ticket-ahead">${aheadText(queueMessages('de'), issued.ahead)}</span>`,
    );
    expect(page.body).toContain('aria-live="polite"');
    expect(page.body).toContain('role="alert"');
    expect(page.body).toContain(`data-stream="/ticket/${issued.ticket.id}/events?k=${issued.secret}"`);
    expect(page.body).toContain('<noscript><meta http-equiv="refresh" content="20"');
    expect(page.body).toContain('src="/assets/queue/ticket.js"');

    const english = await t.app.inject({ method: 'GET', url: `${url}&lang=en` });
    expect(english.body).toContain('<html lang="en"');
    expect(english.body).toContain(`Queue number ${issued.ticket.number}`);
    expect(english.body).toContain('Ahead of you');
    // The language chosen at the kiosk is the phone's default.
    const fromKiosk = await t.services.queue.issueWalkIn(kioskIssuer(), {
      locationId: 'rathaus',
      serviceIds: ['ausweis-abholung'],
      lang: 'en',
    });
    const kioskEnglish = await t.app.inject({
      method: 'GET',
      url: `/ticket/${fromKiosk.ticket.id}?k=${fromKiosk.secret}`,
    });
    expect(kioskEnglish.body).toContain('You are waiting.');
  });

  it('says "Sie sind dran" with the counter when called, and shows no name', async () => {
    const appointment = await bookAppointment('2026-12-03T09:10:00Z', 'Hannelore Geheim');
    const issued = await t.services.queue.checkIn(kioskIssuer(), {
      locationId: 'rathaus',
      code: appointment.code,
      lang: 'de',
    });
    const url = `/ticket/${issued.ticket.id}?k=${issued.secret}`;
    const counters = await t.services.locations.counters('rathaus');
    for (let i = 0; i < 20; i++) {
      const ticket = await t.services.queue.findById(issued.ticket.id);
      if (ticket.status === 'called') break;
      const counter = counters[i % counters.length]!;
      const current = await t.services.queue.currentAt(counter.id);
      if (current?.status === 'called') await t.services.queue.startService(actorOf(null), current.id);
      await t.services.queue.callNext(actorOf(null), counter.id);
    }
    const called = await t.services.queue.findById(issued.ticket.id);
    expect(called.status).toBe('called');
    const counterName = counters.find((c) => c.id === called.calledCounterId)!.name;
    const page = await t.app.inject({ method: 'GET', url });
    expect(page.body).toContain(`Sie sind dran: ${counterName}`);
    expect(page.body).not.toContain('Geheim');
    const english = await t.app.inject({ method: 'GET', url: `${url}&lang=en` });
    expect(english.body).toContain(`It’s your turn: ${counterName}`);

    await t.services.queue.startService(actorOf(null), called.id);
    await t.services.queue.finish(actorOf(null), called.id);
    const done = await t.app.inject({ method: 'GET', url });
    expect(done.body).toContain('Erledigt. Vielen Dank für Ihren Besuch!');
    expect(done.body).not.toContain('http-equiv="refresh"');
    expect(done.body).not.toContain('data-stream=');
  });

  it('streams the ticket state as server-sent events; a wrong secret is 404', async () => {
    const issued = await t.services.queue.issueWalkIn(kioskIssuer(), {
      locationId: 'rathaus',
      serviceIds: ['ausweis-abholung'],
      lang: 'de',
    });
    const wrong = await fetch(`${baseUrl}/ticket/${issued.ticket.id}/events?k=falsch`);
    expect(wrong.status).toBe(404);
    await wrong.body?.cancel();

    const stream = await eventStream(`${baseUrl}/ticket/${issued.ticket.id}/events?k=${issued.secret}`);
    try {
      expect(stream.response.status).toBe(200);
      expect(stream.response.headers.get('content-type')).toContain('text/event-stream');
      const first = (await stream.next('ticket')) as Record<string, unknown>;
      expect(first).toMatchObject({ number: issued.ticket.number, status: 'waiting', counter: null });
      expect(Object.keys(first).sort()).toEqual([
        'ahead',
        'counter',
        'estimatedWaitMinutes',
        'number',
        'status',
      ]);
      // A change at the location reaches the phone: here the ticket itself is parked.
      await t.services.queue.park(actorOf(null), issued.ticket.id);
      expect(await stream.next('ticket')).toMatchObject({ number: issued.ticket.number, status: 'parked' });
    } finally {
      stream.close();
    }
  });
});

describe('call display', () => {
  it('is refused (403) without a display device of this location', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/anzeige/rathaus' });
    expect(anonymous.statusCode).toBe(403);
    expect(anonymous.body).toContain('Diese Seite ist die Aufrufanzeige im Wartebereich');
    expect((await kiosk.get('/anzeige/rathaus')).statusCode).toBe(403);
    expect((await display.get('/anzeige/nord')).statusCode).toBe(403);
  });

  it('shows the newest call large and the ones before, numbers and counters only', async () => {
    const page = await display.get('/anzeige/rathaus');
    expect(page.statusCode).toBe(200);
    expect(h1Count(page.body)).toBe(1);
    const calls = await t.services.queue.recentCalls('rathaus');
    expect(calls.length).toBeGreaterThan(0);
    const newest = calls[0]!;
    const current = /<p id="display-current"[^>]*>([\s\S]*?)<\/p>/.exec(page.body)?.[1] ?? '';
    expect(current).toContain(newest.number);
    expect(current).toContain(newest.counterName);
    expect(page.body).toContain('aria-live="polite"');
    expect(page.body).toContain('data-stream="/api/v1/locations/rathaus/calls/stream"');
    expect(page.body).toContain('<noscript><meta http-equiv="refresh" content="10"');
    expect(page.body).toContain('src="/assets/queue/display.js"');
    for (const name of ['Mustermann', 'Geheim', 'Spät', 'Eingecheckt']) expect(page.body).not.toContain(name);

    const english = await display.get('/anzeige/rathaus?lang=en');
    expect(english.body).toContain('Now calling');
    const clerk = await staffSession(t.app, 'teamleitung');
    expect((await clerk.get('/anzeige/rathaus')).statusCode).toBe(200);
  });
});
