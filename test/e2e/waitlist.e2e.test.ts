import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  clickTo,
  expectAccessible,
  expectManagePage,
  h1,
  main,
  openNewestMail,
  useE2E,
  visit,
} from './browser.js';

// axe-core takes a few seconds per page on a busy machine: the flows get more time than one page.
const FLOW_TIMEOUT = 240_000;

// A Thursday morning in Berlin; the waiting list asks for the Friday after (2026-12-04), mornings.
const NOW = new Date('2026-12-03T06:00:00Z');
const DAY = '2026-12-04';

const session = useE2E({ now: () => new Date(NOW) });
const { freshPage } = session;

/** The newest e-mail of `kind` to `email` (the outbox lists newest first). */
async function newestMail(email: string, kind: string) {
  const mails = (await session.e2e.app.services.mail.list()).filter(
    (mail) => mail.recipient === email && mail.kind === kind,
  );
  expect(mails.length, `${kind} to ${email}`).toBeGreaterThan(0);
  return mails[0]!;
}

/** The first link in `text` whose path matches `path`, relative to the app (it starts with the base URL). */
function linkIn(text: string, path: RegExp): string {
  const link = text.match(new RegExp(`https?://[^\\s<>"]*${path.source}[^\\s<>"]*`))?.[0];
  expect(link, `link ${path} in the e-mail`).toBeDefined();
  expect(link!.startsWith(session.e2e.baseUrl)).toBe(true);
  return link!.slice(session.e2e.baseUrl.length);
}

/**
 * The registration form from the link with service and location: submitted once invalid (name, e-mail
 * and privacy notice missing), then filled in. Ends on the check-mail page.
 */
async function joinUntilMailbox(page: Page, name: string, email: string): Promise<void> {
  await visit(page, '/termine/warteliste?leistungen=meldebescheinigung&standort=rathaus');
  await expect(h1(page)).resolves.toBe('Auf die Warteliste setzen lassen');
  await expect(main(page).locator('#leistung-meldebescheinigung').isChecked()).resolves.toBe(true);
  await expect(main(page).locator('#standort-rathaus').isChecked()).resolves.toBe(true);
  await expectAccessible(page);

  // Invalid: nothing but the pre-filled choices.
  const [response] = await Promise.all([
    page.waitForResponse(
      (candidate) =>
        candidate.request().method() === 'POST' && /\/termine\/warteliste$/.test(candidate.url()),
    ),
    main(page).getByRole('button', { name: 'Auf die Warteliste setzen' }).click(),
  ]);
  expect(response.status()).toBe(422);
  await page.waitForLoadState();
  const summary = page.locator('#error-summary');
  await expect(summary.isVisible()).resolves.toBe(true);
  await expect(summary.innerText()).resolves.toContain(
    'Bitte bestätigen Sie, dass Sie den Datenschutzhinweis gelesen haben.',
  );
  // The choices made stay.
  await expect(main(page).locator('#leistung-meldebescheinigung').isChecked()).resolves.toBe(true);
  await expectAccessible(page);

  // Valid: the Friday after, mornings only.
  await main(page).getByLabel('Frühestens am', { exact: true }).fill(DAY);
  await main(page).getByLabel('Spätestens am', { exact: true }).fill(DAY);
  await main(page).getByLabel('vormittags (bis 12 Uhr)', { exact: true }).check();
  const afternoon = main(page).locator('#tageszeit-nachmittag');
  if (await afternoon.isChecked()) await afternoon.uncheck();
  await main(page).getByLabel('Vor- und Nachname', { exact: true }).fill(name);
  await main(page).getByLabel('E-Mail-Adresse', { exact: true }).fill(email);
  await main(page).getByLabel('Ich habe den Datenschutzhinweis gelesen.', { exact: true }).check();
  await clickTo(
    page,
    main(page).getByRole('button', { name: 'Auf die Warteliste setzen' }),
    /\/termine\/warteliste\/postfach$/,
  );
  await expect(h1(page)).resolves.toBe('Bitte prüfen Sie Ihr E-Mail-Postfach');
  await expectAccessible(page);
}

/** The opt-in page after the link: on the list, with the wishes as registered. */
async function expectOnTheList(page: Page): Promise<void> {
  await expect(h1(page)).resolves.toBe('Sie stehen auf der Warteliste');
  const text = await main(page).innerText();
  expect(text).toContain('Meldebescheinigung');
  expect(text).toContain('vormittags');
  expect(text).not.toContain('nachmittags');
  await expectAccessible(page);
}

/** Books and confirms a morning appointment on DAY through the services, then cancels it. */
async function bookAndCancelMorning(): Promise<Date> {
  const { termine } = session.e2e.app.services;
  const availability = await termine.availability({
    locationId: 'rathaus',
    serviceIds: ['meldebescheinigung'],
    from: DAY,
    to: DAY,
  });
  const morning = availability.days[0]?.slots.find(
    (slot) =>
      Number(
        new Intl.DateTimeFormat('de-DE', { hour: 'numeric', hourCycle: 'h23', timeZone: 'Europe/Berlin' })
          .format(slot.start)
          .replace(/\D/g, ''),
      ) < 12,
  );
  expect(morning, `a free morning time on ${DAY}`).toBeDefined();
  const held = await termine.reserve({
    locationId: 'rathaus',
    serviceIds: ['meldebescheinigung'],
    start: morning!.start,
  });
  const { secret } = await termine.requestConfirmation(held.id, {
    name: 'Max Bucher',
    email: 'bucher@example.org',
    lang: 'de',
  });
  const booked = await termine.confirm(held.id, secret);
  await termine.cancel(booked.id, { reason: null, by: 'citizen' });
  return booked.startsAt;
}

describe('the waiting list', () => {
  test(
    'with JavaScript: register → opt-in from the outbox → offer after a cancellation → accept',
    async () => {
      const { page, problems } = await freshPage();
      const email = 'wartende.js@example.org';
      await joinUntilMailbox(page, 'Wilma Wartend', email);

      // The opt-in link, from the demo outbox.
      await openNewestMail(page, email);
      const optIn = main(page).locator('a[href*="/termine/warteliste/"][href*="/bestaetigen?token="]');
      await expect(optIn.count()).resolves.toBe(1);
      await clickTo(page, optIn, /\/termine\/warteliste\/[0-9a-f-]{36}\/bestaetigen\?token=/);
      await expectOnTheList(page);

      // A morning appointment that day is cancelled: the time is offered to the first one waiting.
      const startsAt = await bookAndCancelMorning();
      const offerMail = await newestMail(email, 'waitlist.offer');
      await visit(page, linkIn(offerMail.text, /\/termine\/angebot\//));
      await expect(h1(page)).resolves.toBe('Ein Termin für Sie');
      await expect(main(page).getByRole('button', { name: 'Ablehnen' }).isVisible()).resolves.toBe(true);
      await expectAccessible(page);

      await clickTo(
        page,
        main(page).getByRole('button', { name: 'Termin annehmen' }),
        /\/termine\/verwalten\/[^/?]+\?token=/,
      );
      const code = await expectManagePage(page);
      await expect(page.getByText('Ihr Termin ist gebucht.').first().isVisible()).resolves.toBe(true);
      await expectAccessible(page);

      // The booking is the cancelled time, and the confirmation went out.
      const booking = (await session.e2e.app.services.mail.list()).find(
        (mail) => mail.recipient === email && mail.kind === 'appointment.confirmed',
      );
      expect(booking).toBeDefined();
      const accepted = await session.e2e.app.services.termine.findForCitizen(
        code,
        new URL(page.url()).searchParams.get('token')!,
      );
      expect(accepted.startsAt.getTime()).toBe(startsAt.getTime());
      expect(problems).toEqual([]);
    },
    FLOW_TIMEOUT,
  );

  test(
    'without JavaScript: register with a validation error → opt-in link → on the list',
    async () => {
      const { page, problems } = await freshPage({ javaScript: false });
      const email = 'wartende.nojs@example.org';
      await joinUntilMailbox(page, 'Nora Ohneskript', email);
      const optInMail = await newestMail(email, 'waitlist.opt-in');
      await visit(page, linkIn(optInMail.text, /\/termine\/warteliste\/[0-9a-f-]{36}\/bestaetigen\?token=/));
      await expectOnTheList(page);
      await expect(
        main(page).getByRole('link', { name: 'Von der Warteliste abmelden' }).getAttribute('href'),
      ).resolves.toMatch(/\/termine\/warteliste\/[0-9a-f-]{36}\/abmelden\?token=/);
      expect(problems).toEqual([]);
    },
    FLOW_TIMEOUT,
  );
});
