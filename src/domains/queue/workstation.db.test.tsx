import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browserish,
  createTestApp,
  staffSession,
  type TestApp,
} from '../../../test/support/test-app.js';
import { actorOf } from '../../platform/audit/actor.js';
import type { Counter } from '../locations/locations.repository.js';

/** Thursday 2026-12-03, 10:00 in Berlin: the Rathaus is open (07:30–12:30). */
const START = new Date('2026-12-03T09:00:00Z');
const PLATZ = '/verwaltung/platz';

describe('staff workstation /verwaltung/platz', () => {
  let t: TestApp;
  let now = START;
  let counters: Counter[];
  let clerk: Browserish;
  const system = actorOf(null);

  const advance = (seconds: number) => {
    now = new Date(now.getTime() + seconds * 1000);
  };

  const ticketByNumber = async (number: string) => {
    const ticket = (await t.services.queue.ofDay('rathaus')).find((row) => row.number === number);
    if (!ticket) throw new Error(`no ticket ${number}`);
    return ticket;
  };

  /** Posts a workstation form and returns the page after the redirect (with its one-time message). */
  const act = async (session: Browserish, path: string, fields: Record<string, string> = {}) => {
    const response = await session.post(`${PLATZ}/${path}`, fields);
    if (response.statusCode !== 303) return response;
    expect(response.headers.location).toBe(PLATZ);
    return session.get(PLATZ);
  };

  const open = async (session: Browserish, counter: Counter) => {
    const response = await session.post(`${PLATZ}/oeffnen`, { schalter: counter.id });
    expect(response.statusCode).toBe(303);
  };

  /** Draws a walk-in ticket at the desk; a second later, so arrival order is certain. */
  const draw = async (session: Browserish = clerk, service = 'ausweis-abholung') => {
    advance(1);
    const page = await act(session, 'wartenummer', { leistung: service });
    expect(page.statusCode).toBe(200);
    const number = /Wartenummer (W \d{3}) gezogen/.exec(page.body)?.[1];
    if (!number) throw new Error(`no number on the page: ${page.statusCode}`);
    return ticketByNumber(number);
  };

  /** Ends every open ticket of the day, so each test starts with an empty queue. */
  const drain = async () => {
    const queue = t.services.queue;
    for (const state of (await queue.board('rathaus')).order) {
      if (state.ticket.status === 'parked') await queue.unpark(system, state.ticket.id);
    }
    for (const counter of counters) {
      for (;;) {
        const current = await queue.currentAt(counter.id);
        if (current?.status === 'called') await queue.startService(system, current.id);
        if (current) await queue.finish(system, current.id);
        if (!(await queue.callNext(system, counter.id))) break;
      }
    }
    expect((await queue.board('rathaus')).order).toEqual([]);
  };

  beforeAll(async () => {
    t = await createTestApp({ now: () => now });
    counters = await t.services.locations.counters('rathaus');
    clerk = await staffSession(t.app, 'sachbearbeitung');
  });
  afterEach(async () => {
    await drain();
    advance(60);
  });
  afterAll(() => t.close());

  it('lets a clerk choose location and counter first, remembered in a signed cookie', async () => {
    const choose = await clerk.get(PLATZ);
    expect(choose.statusCode).toBe(200);
    expect(choose.body).toContain('Arbeitsplatz wählen');
    expect(choose.body).not.toContain('name="schalter"');
    const second = await clerk.get(`${PLATZ}?standort=rathaus`);
    expect(second.body).toContain('Schalter in Bürgeramt im Rathaus');
    expect(second.body).toContain(`value="${counters[0]!.id}"`);

    // Actions need a counter first.
    const early = await clerk.post(`${PLATZ}/aufrufen`, {});
    expect(early.statusCode).toBe(303);
    expect((await clerk.get(PLATZ)).body).toContain('Bitte wählen Sie zuerst Ihren Arbeitsplatz.');

    const wrong = await clerk.post(`${PLATZ}/oeffnen`, { schalter: 'kein-schalter' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('href="#schalter"');

    await open(clerk, counters[0]!);
    expect(clerk.jar.header()).toMatch(/workstation=[^;]*\./);
    const screen = await clerk.get(PLATZ);
    expect(screen.statusCode).toBe(200);
    expect(screen.body).toContain('Schalter 1 in Bürgeramt im Rathaus ist geöffnet.');
    expect(screen.body).toContain('<h1 class="kern-heading-x-large">Schalter 1 – Bürgeramt im Rathaus</h1>');
    expect(screen.body).toContain('Nächste Person aufrufen');
    // It reloads itself without JavaScript (HTTP refresh), unless the clerk pauses it.
    expect(screen.headers.refresh).toBe('30; url=/verwaltung/platz');
    const paused = await clerk.get(`${PLATZ}?aktualisieren=nein`);
    expect(paused.headers.refresh).toBeUndefined();
    expect(paused.body).toContain('Automatische Aktualisierung angehalten');

    // The cookie belongs to this clerk: another member of staff with it chooses again.
    const lead = await staffSession(t.app, 'teamleitung');
    const cookie = /workstation=([^;]+)/.exec(clerk.jar.header())![1]!;
    lead.jar.set('workstation', cookie);
    expect((await lead.get(PLATZ)).body).toContain('Arbeitsplatz wählen');
    // A forged cookie is ignored.
    lead.jar.set('workstation', `${counters[1]!.id}:whatever`);
    expect((await lead.get(PLATZ)).body).toContain('Arbeitsplatz wählen');
  });

  it('draws a walk-in ticket for a caller at the desk and lists it in the queue', async () => {
    const ticket = await draw();
    expect(ticket).toMatchObject({ kind: 'walk_in', status: 'waiting', issuedBy: 'staff:sachbearbeitung' });
    const page = await clerk.get(PLATZ);
    expect(page.body).toContain('Wer an Schalter 1 aufgerufen werden kann');
    expect(page.body).toMatch(new RegExp(`<th scope="row"[^>]*>${ticket.number}</th>`));
    expect(page.body).toContain('ohne Termin');
    const [entry] = await t.services.audit.list({ entityType: 'ticket', entityId: ticket.id });
    expect(entry).toMatchObject({ action: 'ticket.issue', actorName: expect.any(String) });

    const empty = await clerk.post(`${PLATZ}/wartenummer`, { leistung: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('href="#walkin-leistung"');
    const notWalkIn = await clerk.post(`${PLATZ}/wartenummer`, { leistung: 'personalausweis' });
    expect(notWalkIn.statusCode).toBe(409);
    expect(notWalkIn.body).toContain('Für diese Leistung gibt es keine Wartenummer ohne Termin.');
    expect(notWalkIn.headers.refresh).toBeUndefined();
    expect((await t.services.queue.ofDay('rathaus')).filter((row) => row.status === 'waiting')).toHaveLength(
      1,
    );
  });

  it('calls the next person, shows them, and refuses another call while they are called', async () => {
    const nobody = await act(clerk, 'aufrufen');
    expect(nobody.body).toContain('Niemand wartet.');

    const first = await draw();
    const second = await draw();
    const page = await act(clerk, 'aufrufen');
    expect(page.body).toContain(`${first.number} ist aufgerufen.`);
    expect(page.body).toContain(`Wartenummer ${first.number}`);
    expect(page.body).toContain('aufgerufen (1. von 3 Aufrufen)');
    expect(page.body).toContain('Unterlagen prüfen');
    expect(page.body).toContain('Erneut aufrufen');
    expect(page.body).toContain('Nicht erschienen');
    expect(page.body).toContain('Bedienung beginnen');
    expect(await t.services.queue.currentAt(counters[0]!.id)).toMatchObject({
      id: first.id,
      status: 'called',
    });

    const again = await clerk.post(`${PLATZ}/aufrufen`, {});
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Die aufgerufene Person ist noch nicht da');
    expect(again.body).toContain('href="#aktuell"');
    expect((await ticketByNumber(second.number)).status).toBe('waiting');
    const [call] = await t.services.audit.list({ entityType: 'ticket', entityId: first.id });
    expect(call!.action).toBe('ticket.call');
  });

  it('recalls only after the pause and marks a no-show after the third unanswered call', async () => {
    const ticket = await draw();
    await act(clerk, 'aufrufen');
    const tooSoon = await clerk.post(`${PLATZ}/erneut`, { ticket: ticket.id });
    expect(tooSoon.statusCode).toBe(409);
    expect(tooSoon.body).toContain('erst nach einer kurzen Wartezeit');

    advance(61);
    let page = await act(clerk, 'erneut', { ticket: ticket.id });
    expect(page.body).toContain(`${ticket.number} ist erneut aufgerufen (2. Aufruf).`);
    advance(61);
    page = await act(clerk, 'erneut', { ticket: ticket.id });
    expect(page.body).toContain('(3. Aufruf)');
    expect(page.body).toContain('aufgerufen (3. von 3 Aufrufen)');
    advance(61);
    page = await act(clerk, 'erneut', { ticket: ticket.id });
    expect(page.body).toContain(`${ticket.number} hat sich nach 3 Aufrufen nicht gemeldet`);
    expect(page.body).toContain('als nicht erschienen vermerkt');
    expect(page.body).toContain('Gerade ist niemand an diesem Schalter aufgerufen.');
    expect((await ticketByNumber(ticket.number)).status).toBe('no_show');
    const actions = (await t.services.audit.list({ entityType: 'ticket', entityId: ticket.id })).map(
      (entry) => entry.action,
    );
    expect(actions).toEqual([
      'ticket.no_show',
      'ticket.recall',
      'ticket.recall',
      'ticket.call',
      'ticket.issue',
    ]);
  });

  it('marks a called person as not there', async () => {
    const ticket = await draw();
    await act(clerk, 'aufrufen');
    const page = await act(clerk, 'nicht-erschienen', { ticket: ticket.id });
    expect(page.body).toContain(`${ticket.number} ist als nicht erschienen vermerkt.`);
    expect((await ticketByNumber(ticket.number)).status).toBe('no_show');
  });

  it('starts and finishes service, audited', async () => {
    const ticket = await draw();
    await act(clerk, 'aufrufen');
    advance(30);
    let page = await act(clerk, 'beginnen', { ticket: ticket.id });
    expect(page.body).toContain(`Bedienung von ${ticket.number} begonnen.`);
    expect(page.body).toContain('in Bedienung');
    expect(page.body).toContain('Abschließen');
    expect(page.body).toContain('Parken');
    advance(300);
    page = await act(clerk, 'abschliessen', { ticket: ticket.id });
    expect(page.body).toContain(`${ticket.number} ist abgeschlossen.`);
    const done = await ticketByNumber(ticket.number);
    expect(done.status).toBe('done');
    expect(done.finishedAt).toEqual(now);
    const actions = (await t.services.audit.list({ entityType: 'ticket', entityId: ticket.id })).map(
      (entry) => entry.action,
    );
    expect(actions.slice(0, 2)).toEqual(['ticket.done', 'ticket.serving']);
    // Finishing twice is refused and changes nothing.
    const twice = await clerk.post(`${PLATZ}/abschliessen`, { ticket: ticket.id });
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('Diese Aktion ist für die Wartenummer in ihrem Zustand nicht möglich.');
  });

  it('parks a person and takes them back in their place by arrival', async () => {
    const first = await draw();
    const second = await draw();
    await act(clerk, 'aufrufen');
    await act(clerk, 'beginnen', { ticket: first.id });
    let page = await act(clerk, 'parken', { ticket: first.id });
    expect(page.body).toContain(`${first.number} ist geparkt.`);
    expect(page.body).toContain('Geparkte Wartenummern in Bürgeramt im Rathaus (1)');
    expect(page.body).toContain(`Zurückholen: ${first.number}`);
    expect((await ticketByNumber(first.number)).status).toBe('parked');

    page = await act(clerk, 'zurueckholen', { ticket: first.id });
    expect(page.body).toContain(`${first.number} wartet wieder`);
    expect(page.body).toContain('Keine geparkten Wartenummern.');
    const { waiting } = await t.services.queue.queueFor(counters[0]!.id);
    expect(waiting.map((state) => state.ticket.number)).toEqual([first.number, second.number]);
  });

  it('transfers to another service and counter and keeps the arrival time', async () => {
    const first = await draw();
    const second = await draw();
    await act(clerk, 'aufrufen');
    const missing = await clerk.post(`${PLATZ}/weiterleiten`, {
      ticket: first.id,
      leistung: '',
      schalter: '',
    });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Bitte wählen Sie eine Leistung oder einen Schalter.');

    advance(120);
    const page = await act(clerk, 'weiterleiten', {
      ticket: first.id,
      leistung: 'meldebescheinigung',
      schalter: counters[1]!.id,
    });
    expect(page.body).toContain(`${first.number} ist weitergeleitet an Schalter 2.`);
    const moved = await ticketByNumber(first.number);
    expect(moved).toMatchObject({
      status: 'waiting',
      serviceIds: ['meldebescheinigung'],
      counterId: counters[1]!.id,
      arrivedAt: first.arrivedAt,
    });
    // Only Schalter 2 may call it now, and there it is first (arrived earlier than the second ticket).
    const atFirst = await t.services.queue.queueFor(counters[0]!.id);
    expect(atFirst.waiting.map((state) => state.ticket.id)).toEqual([second.id]);
    const atSecond = await t.services.queue.queueFor(counters[1]!.id);
    expect(atSecond.waiting.map((state) => state.ticket.id)).toEqual([first.id, second.id]);
  });

  it('gives priority with a reason, which moves a waiting person to the front', async () => {
    const first = await draw();
    const second = await draw();
    const third = await draw();
    const noReason = await clerk.post(`${PLATZ}/vorrang`, {
      von: 'warteschlange',
      vorrang: 'ja',
      ticket: third.id,
      grund: '',
    });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain('href="#warteschlange-grund"');
    expect((await ticketByNumber(third.number)).priority).toBe(false);

    const page = await act(clerk, 'vorrang', {
      von: 'warteschlange',
      vorrang: 'ja',
      ticket: third.id,
      grund: 'Schwangerschaft',
    });
    expect(page.body).toContain(`${third.number} hat Vorrang (Schwangerschaft).`);
    expect(page.body).toContain('Ja (Schwangerschaft)');
    const { waiting } = await t.services.queue.queueFor(counters[0]!.id);
    expect(waiting.map((state) => state.ticket.id)).toEqual([third.id, first.id, second.id]);
    const called = await act(clerk, 'aufrufen');
    expect(called.body).toContain(`${third.number} ist aufgerufen.`);
    expect(called.body).toContain('Vorrang aufheben');
    const [entry] = await t.services.audit.list({ entityType: 'ticket', entityId: third.id, limit: 2 });
    expect(entry!.action).toBe('ticket.call');
  });

  it('keeps a note on the current ticket', async () => {
    const ticket = await draw();
    await act(clerk, 'aufrufen');
    const tooLong = await clerk.post(`${PLATZ}/notiz`, { ticket: ticket.id, notiz: 'x'.repeat(501) });
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.body).toContain('Der Text ist zu lang.');
    const page = await act(clerk, 'notiz', { ticket: ticket.id, notiz: 'Holt die Geburtsurkunde <b>' });
    expect(page.body).toContain(`Notiz zu ${ticket.number} gespeichert.`);
    expect(page.body).toContain('Holt die Geburtsurkunde &lt;b');
    expect(page.body).not.toContain('Geburtsurkunde <b>');
    expect((await ticketByNumber(ticket.number)).note).toBe('Holt die Geburtsurkunde <b>');
    const [entry] = await t.services.audit.list({ entityType: 'ticket', entityId: ticket.id });
    expect(entry!.action).toBe('ticket.note');
  });

  it('checks in a booking code at the desk and shows the appointment when called', async () => {
    const appointment = await t.services.termineStaff.book(system, {
      locationId: 'rathaus',
      serviceIds: ['personalausweis'],
      start: new Date(now.getTime() + 20 * 60_000 - (now.getTime() % 600_000)),
      name: 'Erika Mustermann',
      email: null,
      phone: null,
      note: null,
    });
    const unknown = await clerk.post(`${PLATZ}/einchecken`, { code: 'ZZZ-ZZZ' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('Zu diesem Buchungscode gibt es keinen Termin.');
    expect(unknown.body).toContain('href="#code"');
    expect(unknown.body).toContain('value="ZZZ-ZZZ"');

    let page = await act(clerk, 'einchecken', { code: appointment.code.toLowerCase().replace('-', ' ') });
    expect(page.body).toMatch(/Termin eingecheckt: Wartenummer T \d{3}\./);
    const twice = await clerk.post(`${PLATZ}/einchecken`, { code: appointment.code });
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('Dieser Termin ist bereits eingecheckt.');

    page = await act(clerk, 'aufrufen');
    expect(page.body).toContain('Erika Mustermann');
    expect(page.body).toContain(`Code ${appointment.code}`);
    expect(page.body).toContain('Unterlagen prüfen');
    expect(page.body).toMatch(/>Termin</);
    // Many small forms on one page: every id is used once (labels, error summary links).
    const ids = [...page.body.matchAll(/ id="([^"]+)"/g)].map((match) => match[1]);
    expect(ids.length).toBeGreaterThan(10);
    expect(new Set(ids).size).toBe(ids.length);
    expect(page.body.match(/<h1/g)).toHaveLength(1);
  });

  it('never gives two counters the same ticket when they call at once', async () => {
    const colleague = await staffSession(t.app, 'teamleitung');
    await open(colleague, counters[1]!);
    const first = await draw();
    const second = await draw();
    const [a, b] = await Promise.all([
      clerk.post(`${PLATZ}/aufrufen`, {}),
      colleague.post(`${PLATZ}/aufrufen`, {}),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([303, 303]);
    const called = await Promise.all([
      t.services.queue.currentAt(counters[0]!.id),
      t.services.queue.currentAt(counters[1]!.id),
    ]);
    expect(called.map((ticket) => ticket?.id).sort()).toEqual([first.id, second.id].sort());

    // Six counters at once for three people: three get one each, three get nobody.
    await drain();
    const tickets = [await draw(), await draw(), await draw()];
    const results = await Promise.all(
      counters.map((counter) => t.services.queue.callNext(system, counter.id)),
    );
    const ids = results.filter((ticket) => ticket !== undefined).map((ticket) => ticket.id);
    expect(ids.sort()).toEqual(tickets.map((ticket) => ticket.id).sort());
    expect(results.filter((ticket) => ticket === undefined)).toHaveLength(3);
  });

  it('closes the counter when the clerk leaves', async () => {
    const page = await act(clerk, 'verlassen');
    expect(page.body).toContain('Sie haben Schalter 1 verlassen.');
    expect(page.body).toContain('Arbeitsplatz wählen');
    expect(clerk.jar.header()).not.toContain('workstation=');
  });
});
