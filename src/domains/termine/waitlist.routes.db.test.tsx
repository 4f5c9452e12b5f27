import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browserish, createTestApp, type TestApp, visitor } from '../../../test/support/test-app.js';
import { formatTime } from '../../platform/time/berlin-time.js';
import { waitlistEntries } from './termine.tables.js';

// Thursday 2026-12-03, 05:00 in Berlin; the clock moves for the expiry tests at the end.
let clock = new Date('2026-12-03T04:00:00Z');
const advance = (minutes: number) => {
  clock = new Date(clock.getTime() + minutes * 60_000);
};

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
});
afterAll(() => t?.close());

const decode = (html: string) => html.replace(/&amp;/g, '&');
const JOIN = '/termine/warteliste';

/** A complete, valid join form for one person. */
const joinFields = (name: string, email: string): Record<string, string | string[]> => ({
  leistungen: 'meldebescheinigung',
  standorte: 'rathaus',
  von: '2026-12-04',
  bis: '2026-12-10',
  tageszeiten: ['vormittag', 'nachmittag'],
  name,
  email,
  datenschutz: 'on',
});

/** The path (with query) of the first link in a mail that matches. */
function linkIn(text: string, pattern: RegExp): string {
  const match = text.match(pattern);
  if (!match) throw new Error(`no link ${pattern} in:\n${text}`);
  return match[0];
}

async function mailTo(kind: string, email: string) {
  const mails = (await t.services.mail.list(500)).filter(
    (mail) => mail.kind === kind && mail.recipient === email,
  );
  return mails[0]; // the newest
}

async function entryStatus(id: string) {
  const [entry] = await t.database.db.select().from(waitlistEntries).where(eq(waitlistEntries.id, id));
  return entry!.status;
}

/** Joins via the form and opens the opt-in link; the entry id and the link paths from the mail. */
async function joinAndActivate(browser: Browserish, name: string, email: string) {
  const joined = await browser.post(JOIN, joinFields(name, email), JOIN);
  expect(joined.statusCode).toBe(303);
  expect(joined.headers.location).toBe('/termine/warteliste/postfach');
  const mail = await mailTo('waitlist.opt-in', email);
  const entryId = mail!.reference!;
  expect(await t.services.mail.listFor('waitlist.opt-in', entryId)).toHaveLength(1);
  const optIn = linkIn(mail!.text, /\/termine\/warteliste\/[\w-]+\/bestaetigen\?token=[\w-]+/);
  const leave = linkIn(mail!.text, /\/termine\/warteliste\/[\w-]+\/abmelden\?token=[\w-]+/);
  advance(1);
  const activated = await browser.get(optIn);
  expect(activated.statusCode).toBe(200);
  return { entryId, optIn, leave, activated };
}

/** Books and confirms a time on 2026-12-04 (as someone else) through the service. */
async function bookConfirmed(email: string, slotIndex: number) {
  const day = await t.services.termine.availability({
    locationId: 'rathaus',
    serviceIds: ['meldebescheinigung'],
    from: '2026-12-04',
    to: '2026-12-04',
  });
  const held = await t.services.termine.reserve({
    locationId: 'rathaus',
    serviceIds: ['meldebescheinigung'],
    start: day.days[0]!.slots[slotIndex]!.start,
  });
  const { secret } = await t.services.termine.requestConfirmation(held.id, {
    name: 'Booker',
    email,
    lang: 'de',
  });
  return t.services.termine.confirm(held.id, secret);
}

/** A booked time is cancelled: the waiting list gets an offer; returns the offer link. */
async function freeATime(bookerEmail: string, slotIndex: number, waitingEmail: string) {
  const booked = await bookConfirmed(bookerEmail, slotIndex);
  await t.services.termine.cancel(booked.id, { reason: null, by: 'citizen' });
  const mail = await mailTo('waitlist.offer', waitingEmail);
  expect(mail).toBeDefined();
  return { booked, offerUrl: linkIn(mail!.text, /\/termine\/angebot\/[\w-]+\?token=[\w-]+/) };
}

const tokenOf = (url: string) => new URL(url, 'http://x').searchParams.get('token')!;

describe('waiting-list pages without JavaScript', () => {
  it('shows the form, preselected from the calendar link, and explains how it works', async () => {
    const browser = visitor(t.app);
    const page = await browser.get(`${JOIN}?leistungen=meldebescheinigung&standort=rathaus`);
    expect(page.statusCode).toBe(200);
    expect(page.body.match(/<h1/g)).toHaveLength(1);
    expect(page.body).toMatch(
      /id="leistung-meldebescheinigung"[^>]*checked|checked[^>]*id="leistung-meldebescheinigung"/,
    );
    expect(page.body).toMatch(/id="standort-rathaus"[^>]*checked|checked[^>]*id="standort-rathaus"/);
    expect(page.body).not.toMatch(/id="standort-nord"[^>]*checked|checked[^>]*id="standort-nord"/);
    expect(page.body).not.toContain('id="leistung-kinderreisepass"'); // not bookable online
    expect(page.body).toContain('value="2026-12-04"'); // today + 1
    expect(page.body).toContain('value="2027-01-02"'); // today + 30
    expect(page.body).toContain('vormittags (bis 12 Uhr)');
    expect(page.body).toContain('nachmittags (ab 12 Uhr)');
    expect(page.body).toContain('24 Stunden');
    expect(page.body).toContain('Reihenfolge der Anmeldung');
    expect(page.body).toContain('name="datenschutz"');
    expect(page.body).toContain('name="_csrf"');
  });

  it('refuses invalid input with 422, a summary and the values kept; then joins, opts in, is offered and accepts', async () => {
    const browser = visitor(t.app);
    const email = 'anna@example.org';

    // Form errors: nothing chosen, bad e-mail, no privacy tick.
    const invalid = await browser.post(
      JOIN,
      { leistungen: 'meldebescheinigung', von: '2026-12-04', bis: '2026-12-10', name: 'Anna', email: 'anna' },
      JOIN,
    );
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain('id="error-summary"');
    for (const field of ['standorte', 'tageszeiten', 'email', 'datenschutz']) {
      expect(invalid.body).toContain(`href="#${field}"`);
    }
    expect(invalid.body).not.toContain('href="#name"');
    expect(invalid.body).toContain('value="Anna"');
    expect(invalid.body).toContain('value="anna"');
    expect(invalid.body).toMatch(
      /checked[^>]*id="leistung-meldebescheinigung"|id="leistung-meldebescheinigung"[^>]*checked/,
    );

    // The service's own checks (period in the wrong order, a service that is not bookable online).
    const serviceErrors = await browser.post(
      JOIN,
      { ...joinFields('Anna', email), leistungen: 'kinderreisepass', von: '2026-12-10', bis: '2026-12-04' },
      JOIN,
    );
    expect(serviceErrors.statusCode).toBe(422);
    expect(serviceErrors.body).toContain('href="#leistungen"');
    expect(serviceErrors.body).toContain('href="#bis"');
    expect(serviceErrors.body).toContain('Das Ende des Zeitraums muss nach dem Anfang liegen.');
    expect(serviceErrors.body).toContain('value="2026-12-10"');
    expect(await t.database.db.select().from(waitlistEntries)).toHaveLength(0);

    // Valid: post/redirect/get to the mailbox page.
    const { entryId, activated, leave } = await joinAndActivate(browser, 'Anna Beispiel', email);
    const mailbox = await browser.get('/termine/warteliste/postfach');
    expect(mailbox.statusCode).toBe(200);
    expect(mailbox.body).toContain('href="/verwaltung/post"');
    expect(activated.body).toContain('Sie stehen auf der Warteliste');
    expect(decode(activated.body)).toContain(`href="${leave}"`);
    expect(await entryStatus(entryId)).toBe('active');

    // A time becomes free: the offer page, with accept and decline as POST forms.
    const { booked, offerUrl } = await freeATime('booker@example.org', 2, email);
    const offer = await browser.get(offerUrl);
    expect(offer.statusCode).toBe(200);
    expect(offer.headers['cache-control']).toBe('no-store');
    expect(offer.body).toContain('Reserviert für Sie bis Freitag, 4. Dezember 2026');
    expect(offer.body).toContain('Termin annehmen');
    expect(offer.body).toContain('Ablehnen');
    expect(offer.body).toContain('Meldebescheinigung');
    expect(offer.body).toContain('Freitag, 4. Dezember 2026');
    expect(offer.body).toContain(`${formatTime(booked.startsAt)} bis`);
    expect(offer.body.match(/name="_csrf"/g)).toHaveLength(2);

    const offerId = offerUrl.split('/')[3]!.split('?')[0]!;
    const token = tokenOf(offerUrl);
    const accepted = await browser.post(`/termine/angebot/${offerId}/annehmen`, { token }, offerUrl);
    expect(accepted.statusCode).toBe(303);
    const manage = accepted.headers.location as string;
    expect(manage).toMatch(/^\/termine\/verwalten\/[A-Z0-9]{3}-[A-Z0-9]{3}\?token=/);
    const managePage = await browser.get(manage);
    expect(managePage.statusCode).toBe(200);
    const code = decodeURIComponent(manage.split('/')[3]!.split('?')[0]!);
    expect(managePage.body).toContain(code);
    expect(managePage.body).toContain('Ihr Termin ist gebucht');
    expect(await entryStatus(entryId)).toBe('booked');

    // The offer link again (a second click in the e-mail): the booking.
    const again = await browser.get(offerUrl);
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe(manage);

    // A wrong token: a friendly 404.
    const wrong = await browser.get(`/termine/angebot/${offerId}?token=wrong-token-123`);
    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).toContain('Dieser Link ist ungültig');
  });

  it('declines an offer (the next person gets it), lets people leave, and says when an offer expired', async () => {
    const browser = visitor(t.app);
    const bert = await joinAndActivate(browser, 'Bert', 'bert@example.org');
    const carla = await joinAndActivate(visitor(t.app), 'Carla', 'carla@example.org');

    const { offerUrl } = await freeATime('booker2@example.org', 4, 'bert@example.org');
    const offerId = offerUrl.split('/')[3]!.split('?')[0]!;
    const declined = await browser.post(
      `/termine/angebot/${offerId}/ablehnen`,
      { token: tokenOf(offerUrl) },
      offerUrl,
    );
    expect(declined.statusCode).toBe(303);
    expect(declined.headers.location).toBe('/termine/warteliste/abgelehnt');
    const declinedPage = await browser.get('/termine/warteliste/abgelehnt');
    expect(declinedPage.body).toContain('Abgelehnt');
    expect(declinedPage.body).toContain('Sie bleiben auf der Warteliste');
    expect(await entryStatus(bert.entryId)).toBe('active');
    const carlasOffer = await mailTo('waitlist.offer', 'carla@example.org');
    expect(carlasOffer).toBeDefined();
    // The declined offer is gone.
    expect((await browser.get(offerUrl)).statusCode).toBe(409);

    // Leaving: the link shows a confirmation (GET changes nothing), the button leaves.
    const confirm = await browser.get(bert.leave);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Ja, abmelden');
    expect(await entryStatus(bert.entryId)).toBe('active');
    const left = await browser.post(bert.leave.split('?')[0]!, { token: tokenOf(bert.leave) }, bert.leave);
    expect(left.statusCode).toBe(303);
    expect(left.headers.location).toBe('/termine/warteliste/abgemeldet');
    expect((await browser.get('/termine/warteliste/abgemeldet')).body).toContain('Sie sind abgemeldet');
    expect(await entryStatus(bert.entryId)).toBe('left');
    const wrongLeave = await browser.post(
      bert.leave.split('?')[0]!,
      { token: 'not-the-token-1' },
      bert.leave,
    );
    expect(wrongLeave.statusCode).toBe(404);

    // Carla does not answer in time: the offer expires.
    const carlaOfferUrl = linkIn(carlasOffer!.text, /\/termine\/angebot\/[\w-]+\?token=[\w-]+/);
    advance(24 * 60 + 1);
    await t.services.termine.expire();
    const expired = await browser.get(carlaOfferUrl);
    expect(expired.statusCode).toBe(409);
    expect(expired.body).toContain('Dieses Angebot ist abgelaufen');
    const carlaOfferId = carlaOfferUrl.split('/')[3]!.split('?')[0]!;
    const late = await browser.post(
      `/termine/angebot/${carlaOfferId}/annehmen`,
      { token: tokenOf(carlaOfferUrl) },
      '/termine/warteliste',
    );
    expect(late.statusCode).toBe(409);
    expect(await entryStatus(carla.entryId)).toBe('expired');
  });

  it('answers invalid and expired opt-in links with friendly pages', async () => {
    const browser = visitor(t.app);
    const invalid = await browser.get(
      '/termine/warteliste/00000000-0000-4000-8000-000000000000/bestaetigen?token=abcdefghijklmnop',
    );
    expect(invalid.statusCode).toBe(404);
    expect(invalid.body).toContain('Dieser Link ist ungültig');
    expect((await browser.get('/termine/warteliste/kaputt/bestaetigen')).statusCode).toBe(404);

    const joined = await browser.post(JOIN, joinFields('Dora', 'dora@example.org'), JOIN);
    expect(joined.statusCode).toBe(303);
    const mail = await mailTo('waitlist.opt-in', 'dora@example.org');
    advance(24 * 60);
    const expired = await browser.get(
      linkIn(mail!.text, /\/termine\/warteliste\/[\w-]+\/bestaetigen\?token=[\w-]+/),
    );
    expect(expired.statusCode).toBe(409);
    expect(expired.body).toContain('Dieser Bestätigungslink ist abgelaufen');
  });

  it('speaks English with the language cookie', async () => {
    const browser = visitor(t.app);
    browser.jar.set('lang', 'en');
    const page = await browser.get(JOIN);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Join the waiting list');
    expect(page.body).toContain('24 hours');
    expect(page.body).toContain('mornings (until 12 noon)');
    const invalid = await browser.post(
      JOIN,
      { ...joinFields('Eve', 'eve@example.org'), bis: '2026-12-01' },
      JOIN,
    );
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain('The end of the period must be after its start.');
    expect(invalid.body).toContain('There is a problem');
  });
});
