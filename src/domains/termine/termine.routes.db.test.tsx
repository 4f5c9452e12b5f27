import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browserish, createTestApp, type TestApp, visitor } from '../../../test/support/test-app.js';

// Thursday 2026-12-03, 05:00 in Berlin; the clock moves for the expiry tests.
let clock = new Date('2026-12-03T04:00:00Z');
const advance = (minutes: number) => {
  clock = new Date(clock.getTime() + minutes * 60_000);
};

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
});
afterAll(() => t?.close());

const timesUrl = (day = '2026-12-03', services = 'personalausweis') =>
  `/termine/zeiten?leistungen=${services}&standort=rathaus&tag=${day}`;

/** The ISO starts offered as submit buttons on a times page. */
const startsOn = (html: string) => [...html.matchAll(/name="start" value="([^"]+)"/g)].map((m) => m[1]!);

const decode = (html: string) => html.replace(/&amp;/g, '&');

async function reserveViaPage(browser: Browserish, start?: string, services = 'personalausweis') {
  const page = await browser.get(timesUrl('2026-12-03', services));
  const chosen = start ?? startsOn(page.body)[5]!;
  const response = await browser.post(
    '/termine/reservieren',
    { leistungen: services, standort: 'rathaus', start: chosen },
    timesUrl('2026-12-03', services),
  );
  return { response, start: chosen };
}

describe('booking pages without JavaScript', () => {
  it('goes from services to location to calendar to times, reserves, and confirms by e-mail', async () => {
    const browser = visitor(t.app);

    // Step 1: services, preselected from the service page link; only bookable ones.
    const choose = await browser.get('/termine?leistung=personalausweis');
    expect(choose.statusCode).toBe(200);
    expect(choose.body.match(/<h1/g)).toHaveLength(1);
    expect(choose.body).toMatch(
      /id="leistung-personalausweis"[^>]*checked|checked[^>]*id="leistung-personalausweis"/,
    );
    expect(choose.body).not.toContain('id="leistung-kinderreisepass"');
    expect(choose.body).toContain('<legend');
    expect(choose.body).toContain('zusammengezählt');

    // No service chosen: the same page with an error summary.
    const none = await browser.get('/termine/standort');
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('id="error-summary"');
    expect(none.body).toContain('href="#leistungen"');

    // Step 2: location; repeated parameters (the GET form) and a comma list both work.
    const both = await browser.get(
      '/termine/standort?leistungen=personalausweis&leistungen=meldebescheinigung',
    );
    expect(both.statusCode).toBe(200);
    expect(both.body).toContain('value="rathaus"');
    expect(both.body).toContain('value="nord"');
    expect(both.body).toContain('href="/standorte/rathaus"');
    expect(both.body).toContain('Markt 2');
    const rathausOnly = await browser.get('/termine/standort?leistungen=personalausweis,eid-karte');
    expect(rathausOnly.body).toContain('value="rathaus"');
    expect(rathausOnly.body).not.toContain('value="nord"');
    const noChoice = await browser.get('/termine/kalender?leistungen=personalausweis');
    expect(noChoice.statusCode).toBe(422);
    expect(noChoice.body).toContain('href="#standort"');

    // Step 3: the month; only days with free times are links.
    const calendar = await browser.get('/termine/kalender?leistungen=personalausweis&standort=rathaus');
    expect(calendar.statusCode).toBe(200);
    const html = decode(calendar.body);
    expect(html).toContain('<caption>Freie Termine im Dezember 2026</caption>');
    expect(html).toContain('<th scope="col"><abbr title="Montag">Mo</abbr></th>');
    const availability = await t.services.termine.availability({
      locationId: 'rathaus',
      serviceIds: ['personalausweis'],
      from: '2026-12-01',
      to: '2026-12-31',
    });
    const linked = [...html.matchAll(/href="\/termine\/zeiten\?[^"]*tag=(2026-12-\d\d)"/g)].map((m) => m[1]);
    expect(linked).toEqual(availability.days.map((day) => day.date));
    expect(linked).not.toContain('2026-12-06'); // Sunday: closed
    expect(linked).not.toContain('2026-12-02'); // the past
    const today = availability.days[0]!;
    expect(html).toContain(`aria-label="3. Dezember, ${today.slots.length} freie Zeiten"`);
    expect(html).toContain('monat=2027-01');
    expect(html).not.toContain('Vorheriger Monat');
    // Months outside the booking window are clamped to it.
    const far = await browser.get(
      '/termine/kalender?leistungen=personalausweis&standort=rathaus&monat=2030-01',
    );
    expect(far.body).toContain('Freie Termine im Februar 2027');
    expect(far.body).not.toContain('Nächster Monat');
    // Coming back from the times page marks the chosen day.
    const back = await browser.get(
      '/termine/kalender?leistungen=personalausweis&standort=rathaus&monat=2026-12&tag=2026-12-04',
    );
    expect(back.body).toMatch(/tag=2026-12-04"[^>]*aria-current="date"/);

    // Step 4: times of a day, as submit buttons of one POST form.
    const times = await browser.get(timesUrl());
    expect(times.statusCode).toBe(200);
    expect(times.body).toContain('action="/termine/reservieren"');
    expect(times.body).toContain('name="_csrf"');
    const starts = startsOn(times.body);
    expect(starts).toHaveLength(today.slots.length);
    expect(starts[0]).toMatch(/^2026-12-03T\d\d:\d\d:00\+01:00$/);

    const { response: reserved } = await reserveViaPage(browser, starts[4]);
    expect(reserved.statusCode).toBe(303);
    const detailsUrl = reserved.headers.location as string;
    expect(detailsUrl).toMatch(/^\/termine\/angaben\/[0-9a-f-]{36}$/);
    const id = detailsUrl.split('/').pop()!;
    expect((await t.services.termine.get(id)).status).toBe('held');

    // Step 5: details with validation.
    const details = await browser.get(detailsUrl);
    expect(details.statusCode).toBe(200);
    expect(details.body).toMatch(/Reserviert bis \d\d:\d\d Uhr/);
    expect(details.body).toContain('href="/datenschutz"');
    expect(details.body).toContain('Personalausweis');
    const invalid = await browser.post(
      detailsUrl,
      { name: '', email: 'kim(at)example', phone: '0211 123' },
      detailsUrl,
    );
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain('id="error-summary"');
    expect(invalid.body).toContain('href="#name"');
    expect(invalid.body).toContain('href="#email"');
    expect(invalid.body).toContain('href="#datenschutz"');
    expect(invalid.body).toContain('value="kim(at)example"');
    expect(invalid.body).toContain('value="0211 123"');
    expect(invalid.body).toContain('Bitte bestätigen Sie, dass Sie den Datenschutzhinweis gelesen haben.');
    expect((await t.services.termine.get(id)).status).toBe('held');

    const submitted = await browser.post(
      detailsUrl,
      { name: 'Kim Musterfrau', email: 'kim@example.org', phone: '', note: '', datenschutz: 'on' },
      detailsUrl,
    );
    expect(submitted.statusCode).toBe(303);
    expect(submitted.headers.location).toBe(`/termine/postfach/${id}`);

    // The back button to the details form lands on the mailbox page, not on a second submission.
    const again = await browser.get(detailsUrl);
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe(`/termine/postfach/${id}`);

    // Step 6: check your mailbox.
    const mailbox = await browser.get(`/termine/postfach/${id}`);
    expect(mailbox.statusCode).toBe(200);
    expect(mailbox.body).toContain('k***@example.org');
    expect(mailbox.body).not.toContain('kim@example.org');
    expect(mailbox.body).toContain('href="/verwaltung/post"');
    expect(mailbox.headers['cache-control']).toBe('no-store');

    // Step 7: the link from the e-mail.
    const [mail] = await t.services.mail.listFor('appointment.confirm-link', id);
    const link = mail!.text.match(/\/termine\/bestaetigen\/[\w-]+\?token=[\w-]+/)![0];
    const token = link.split('token=')[1]!;
    expect((await browser.get(`/termine/bestaetigen/${id}?token=wrong-token`)).statusCode).toBe(404);
    const confirmed = await browser.get(link);
    expect(confirmed.statusCode).toBe(303);
    const manageUrl = confirmed.headers.location as string;
    const code = (await t.services.termine.get(id)).code;
    expect(manageUrl).toBe(`/termine/verwalten/${code}?token=${token}`);
    expect((await t.services.termine.get(id)).status).toBe('confirmed');

    // Step 8: manage page with code, documents, calendar file, move and cancel.
    const manage = await browser.get(manageUrl);
    expect(manage.statusCode).toBe(200);
    expect(manage.body).toContain(code);
    expect(manage.body).toContain('Markt 2');
    const leistung = await t.services.leistungen.get('personalausweis');
    expect(leistung.documents.length).toBeGreaterThan(0);
    expect(manage.body).toContain(leistung.documents[0]!.de.replace(/&/g, '&amp;'));
    expect(decode(manage.body)).toContain(`/termine/verwalten/${code}/kalender.ics?token=${token}`);
    expect(decode(manage.body)).toContain(
      `/termine/kalender?leistungen=personalausweis&standort=rathaus&verschieben=${code}&token=${token}`,
    );
    expect((await browser.get(`/termine/verwalten/${code}?token=nope-nope-nope`)).statusCode).toBe(404);

    const ics = await browser.get(`/termine/verwalten/${code}/kalender.ics?token=${token}`);
    expect(ics.statusCode).toBe(200);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.headers['content-disposition']).toContain('attachment');
    const calendarComponent = new ICAL.Component(ICAL.parse(ics.body));
    expect(calendarComponent.name).toBe('vcalendar');
    const event = new ICAL.Event(calendarComponent.getFirstSubcomponent('vevent')!);
    expect(event.startDate.toJSDate().toISOString()).toBe(new Date(starts[4]!).toISOString());

    // Cancel: the checkbox is the confirmation question.
    const unticked = await browser.post(`/termine/verwalten/${code}/absagen`, { token }, manageUrl);
    expect(unticked.statusCode).toBe(422);
    expect(unticked.body).toContain('href="#absagen"');
    expect((await t.services.termine.get(id)).status).toBe('confirmed');
    const cancelled = await browser.post(
      `/termine/verwalten/${code}/absagen`,
      { token, absagen: 'on' },
      manageUrl,
    );
    expect(cancelled.statusCode).toBe(303);
    expect(cancelled.headers.location).toBe(manageUrl);
    expect((await t.services.termine.get(id)).status).toBe('cancelled');
    const after = await browser.get(manageUrl);
    expect(after.body).toContain('Ihr Termin wurde abgesagt.');
    expect(after.body).toContain('Dieser Termin wurde abgesagt.');
    expect(after.body).not.toContain('/absagen"');
  });

  it('shows the pages in English', async () => {
    const browser = visitor(t.app);
    browser.jar.set('lang', 'en');
    const choose = await browser.get('/termine');
    expect(choose.body).toContain('lang="en"');
    expect(choose.body).toContain('Book an appointment: choose services');
    const calendar = decode(
      (await browser.get('/termine/kalender?leistungen=meldebescheinigung&standort=nord&monat=2026-12')).body,
    );
    expect(calendar).toContain('Free appointments in December 2026');
    expect(calendar).toMatch(/aria-label="4 December, \d+ free times"/);
    expect(calendar).toContain('<abbr title="Monday">Mon</abbr>');
    const { response } = await reserveViaPage(browser, undefined, 'meldebescheinigung');
    const detailsUrl = response.headers.location as string;
    const invalid = await browser.post(detailsUrl, { name: 'Alex', email: '' }, detailsUrl);
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain('There is a problem');
    expect(invalid.body).toContain('Please confirm that you have read the privacy notice.');
  });

  it('answers a lost race with 409 and the fresh times', async () => {
    const browser = visitor(t.app);
    const page = await browser.get(timesUrl('2026-12-03', 'abmeldung'));
    const start = startsOn(page.body)[8]!;
    const day = await t.services.termine.availability({
      locationId: 'rathaus',
      serviceIds: ['abmeldung'],
      from: '2026-12-03',
      to: '2026-12-03',
    });
    const free = day.days[0]!.slots.find((slot) => slot.start.getTime() === new Date(start).getTime())!.free;
    for (let i = 0; i < free; i++) {
      await t.services.termine.reserve({
        locationId: 'rathaus',
        serviceIds: ['abmeldung'],
        start: new Date(start),
      });
    }
    const { response } = await reserveViaPage(browser, start, 'abmeldung');
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('Dieser Termin wurde gerade vergeben');
    const fresh = startsOn(response.body);
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh).not.toContain(start);
  });

  it('refuses a failed captcha with 422 and reserves nothing', async () => {
    const verify = t.services.captcha.verify;
    t.services.captcha.verify = async () => false;
    try {
      const browser = visitor(t.app);
      const { response } = await reserveViaPage(browser, undefined, 'fuehrungszeugnis');
      expect(response.statusCode).toBe(422);
      expect(response.body).toContain('Die Sicherheitsprüfung ist fehlgeschlagen');
      expect(response.body).toContain('href="#captcha"');
    } finally {
      t.services.captcha.verify = verify;
    }
  });

  it('explains an expired hold on the details step and links back to the times', async () => {
    const browser = visitor(t.app);
    const { response } = await reserveViaPage(browser, undefined, 'beglaubigung');
    const detailsUrl = response.headers.location as string;
    const form = await browser.get(detailsUrl);
    expect(form.statusCode).toBe(200);
    advance(11);
    const late = await browser.post(
      detailsUrl,
      { name: 'Spät Kommer', email: 'late@example.org', datenschutz: 'on' },
      detailsUrl,
    );
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('Die Reservierung ist abgelaufen');
    expect(decode(late.body)).toContain(
      '/termine/kalender?leistungen=beglaubigung&standort=rathaus&monat=2026-12',
    );
    await t.services.termine.expire();
    const reopened = await browser.get(detailsUrl);
    expect(reopened.statusCode).toBe(409);
    expect(reopened.body).not.toContain('name="email"');
  });

  it('carries a move (code and token) through calendar, times and reservation', async () => {
    const slot = (
      await t.services.termine.availability({
        locationId: 'rathaus',
        serviceIds: ['haushaltsbescheinigung'],
        from: '2026-12-04',
        to: '2026-12-04',
      })
    ).days[0]!.slots[2]!;
    const held = await t.services.termine.reserve({
      locationId: 'rathaus',
      serviceIds: ['haushaltsbescheinigung'],
      start: slot.start,
    });
    const { secret } = await t.services.termine.requestConfirmation(held.id, {
      name: 'Mo Ver',
      email: 'move@example.org',
      lang: 'de',
    });
    const booked = await t.services.termine.confirm(held.id, secret);
    const browser = visitor(t.app);
    const manage = decode((await browser.get(`/termine/verwalten/${booked.code}?token=${secret}`)).body);
    const moveUrl = manage.match(/href="(\/termine\/kalender\?[^"]*verschieben=[^"]*)"/)![1]!;
    const calendar = decode((await browser.get(moveUrl)).body);
    expect(calendar).toContain(`Sie verschieben Ihren Termin ${booked.code}`);
    const dayUrl = calendar.match(/href="(\/termine\/zeiten\?[^"]*tag=2026-12-07[^"]*)"/)![1]!;
    expect(dayUrl).toContain(`verschieben=${booked.code}&token=${secret}`);
    const times = await browser.get(dayUrl);
    expect(times.body).toContain(`name="verschieben" value="${booked.code}"`);
    expect(times.body).toContain(`name="token" value="${secret}"`);
    const start = startsOn(times.body)[0]!;
    const fields = {
      leistungen: 'haushaltsbescheinigung',
      standort: 'rathaus',
      start,
      verschieben: booked.code,
    };
    const forged = await browser.post(
      '/termine/reservieren',
      { ...fields, token: 'forged-token-123' },
      dayUrl,
    );
    expect(forged.statusCode).toBe(404);
    const moved = await browser.post('/termine/reservieren', { ...fields, token: secret }, dayUrl);
    expect(moved.statusCode).toBe(303);
    const manageUrl = moved.headers.location as string;
    expect(manageUrl).toMatch(new RegExp(`^/termine/verwalten/[A-Z0-9]{3}-[A-Z0-9]{3}\\?token=${secret}$`));
    const newCode = manageUrl.split('/')[3]!.split('?')[0]!;
    expect(newCode).not.toBe(booked.code);
    const page = await browser.get(manageUrl);
    expect(page.body).toContain('Ihr Termin wurde verschoben.');
    expect(page.body).toContain(newCode);
    expect((await t.services.termine.get(held.id)).status).toBe('cancelled');
    // The old link cannot move again: the appointment behind it is cancelled.
    const twice = await browser.post(
      '/termine/reservieren',
      { ...fields, start: startsOn(times.body)[3]!, token: secret },
      dayUrl,
    );
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('Der Termin kann nicht verschoben werden');
  });

  it('answers unknown reservations and broken links with friendly pages', async () => {
    expect((await t.app.inject('/termine/angaben/not-a-uuid')).statusCode).toBe(404);
    expect((await t.app.inject('/termine/angaben/00000000-0000-4000-8000-000000000000')).statusCode).toBe(
      404,
    );
    const invalid = await t.app.inject('/termine/bestaetigen/00000000-0000-4000-8000-000000000000?token=abc');
    expect(invalid.statusCode).toBe(404);
    expect(invalid.body).toContain('Dieser Link ist ungültig');
    expect((await t.app.inject('/termine/verwalten/ABC-DEF?token=x')).statusCode).toBe(404);
  });
});
