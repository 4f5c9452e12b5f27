import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  clickTo,
  expectAccessible,
  expectManagePage,
  h1,
  main,
  openNewestMail,
  switchLanguage,
  useE2E,
  visit,
} from './browser.js';

// axe-core takes a few seconds per page on a busy machine: the flows get more time than one page.
const FLOW_TIMEOUT = 240_000;

// A Thursday morning in Berlin, one week after the day the test database's demo data is seeded for
// (2026-11-26): the booking window, the holds and the e-mail deadlines never depend on the real date.
const NOW = new Date('2026-12-03T06:00:00Z');

const session = useE2E({ now: () => new Date(NOW) });
const { freshPage } = session;

interface Texts {
  bookLink: string;
  locationTitle: string;
  calendarTitle: string;
  timesTitle: string;
  detailsTitle: string;
  continue: string;
  nameLabel: string;
  emailLabel: string;
  privacyCheckbox: string;
  submitDetails: string;
  mailboxTitle: string;
}

const de: Texts = {
  bookLink: 'Termin buchen',
  locationTitle: 'Termin buchen: Standort wählen',
  calendarTitle: 'Termin buchen: Tag wählen',
  timesTitle: 'Termin buchen: Uhrzeit wählen',
  detailsTitle: 'Termin buchen: Ihre Angaben',
  continue: 'Weiter',
  nameLabel: 'Vor- und Nachname',
  emailLabel: 'E-Mail-Adresse',
  privacyCheckbox: 'Ich habe den Datenschutzhinweis gelesen.',
  submitDetails: 'Termin anfragen',
  mailboxTitle: 'Bitte prüfen Sie Ihr E-Mail-Postfach',
};

const en: Texts = {
  bookLink: 'Book an appointment',
  locationTitle: 'Book an appointment: choose a location',
  calendarTitle: 'Book an appointment: choose a day',
  timesTitle: 'Book an appointment: choose a time',
  detailsTitle: 'Book an appointment: your details',
  continue: 'Continue',
  nameLabel: 'First and last name',
  emailLabel: 'E-mail address',
  privacyCheckbox: 'I have read the privacy notice.',
  submitDetails: 'Request appointment',
  mailboxTitle: 'Please check your e-mail inbox',
};

/** Service page → "Termin buchen" → services (pre-selected) → location. Ends on the calendar. */
async function serviceToCalendar(page: Page, t: Texts): Promise<void> {
  await clickTo(
    page,
    main(page).getByRole('link', { name: t.bookLink, exact: true }),
    /\/termine\?leistung=personalausweis$/,
  );
  // Step 1: the service of the page is already ticked.
  const personalausweis = main(page).locator('input[name="leistungen"][value="personalausweis"]');
  await expect(personalausweis.isChecked()).resolves.toBe(true);
  await expectAccessible(page);
  await clickTo(page, main(page).getByRole('button', { name: t.continue }), /\/termine\/standort\?/);

  // Step 2: the location.
  await expect(h1(page)).resolves.toBe(t.locationTitle);
  await expectAccessible(page);
  await main(page).locator('input[name="standort"][value="rathaus"]').check();
  await clickTo(page, main(page).getByRole('button', { name: t.continue }), /\/termine\/kalender\?/);
  await expect(h1(page)).resolves.toBe(t.calendarTitle);
}

/** On the calendar: opens the `index`-th free day. Ends on the times page of that day. */
async function pickDay(page: Page, t: Texts, index = 0): Promise<string> {
  const free = page.locator('table.app-calendar td.app-calendar__day--free a');
  await expect(free.count()).resolves.toBeGreaterThan(index);
  await expectAccessible(page);
  const day = free.nth(index);
  const href = (await day.getAttribute('href')) ?? '';
  const date = new URL(href, session.e2e.baseUrl).searchParams.get('tag') ?? '';
  expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  // Not before the pinned clock's day (same-day booking is allowed: earliestDaysAhead is 0).
  expect(date >= '2026-12-03', date).toBe(true);
  await clickTo(page, day, /\/termine\/zeiten\?/);
  await expect(h1(page)).resolves.toBe(t.timesTitle);
  return date;
}

/** On the times page: reserves the `index`-th free time. Ends wherever the POST leads. */
async function pickTime(page: Page, index = 0, next: RegExp): Promise<string> {
  const times = main(page).locator('ul.app-times button[name="start"]');
  await expect(times.count()).resolves.toBeGreaterThan(index);
  await expectAccessible(page);
  const time = times.nth(index);
  const start = (await time.getAttribute('value')) ?? '';
  await clickTo(page, time, next);
  return start;
}

/** The details form; `privacy: false` leaves the checkbox empty. */
async function fillDetails(page: Page, t: Texts, name: string, email: string, privacy: boolean) {
  await main(page).getByLabel(t.nameLabel, { exact: true }).fill(name);
  await main(page).getByLabel(t.emailLabel, { exact: true }).fill(email);
  const checkbox = main(page).getByLabel(t.privacyCheckbox, { exact: true });
  if (privacy) await checkbox.check();
  else await expect(checkbox.isChecked()).resolves.toBe(false);
  await main(page).getByRole('button', { name: t.submitDetails }).click();
}

/**
 * The demo outbox (/verwaltung/post, open in demo mode): opens the newest mail to `email` and follows
 * the confirmation link in it. Ends on the manage page; returns the booking code.
 */
async function confirmThroughOutbox(page: Page, email: string): Promise<string> {
  // The confirmation request just sent.
  await openNewestMail(page, email);
  const confirm = main(page).locator('a[href*="/termine/bestaetigen/"]');
  await expect(confirm.count()).resolves.toBe(1);
  await clickTo(page, confirm, /\/termine\/verwalten\/[^/?]+\?token=/);
  return expectManagePage(page);
}

/** The booking up to the confirmation e-mail, from the service page. Returns the day chosen. */
async function bookUntilMailbox(
  page: Page,
  email: string,
  options: { validationError: boolean },
): Promise<string> {
  await visit(page, '/leistungen/personalausweis');
  await expectAccessible(page);
  await serviceToCalendar(page, de);
  const day = await pickDay(page, de);
  await pickTime(page, 0, /\/termine\/angaben\/[0-9a-f-]{36}$/);

  // Step 5: details.
  await expect(h1(page)).resolves.toBe(de.detailsTitle);
  await expectAccessible(page);
  if (options.validationError) {
    await fillDetails(page, de, 'Erika Mustermann', email, false);
    await page.waitForURL(/\/termine\/angaben\/[0-9a-f-]{36}$/);
    const summary = page.locator('#error-summary');
    await expect(summary.isVisible()).resolves.toBe(true);
    await expect(summary.innerText()).resolves.toContain(
      'Bitte bestätigen Sie, dass Sie den Datenschutzhinweis gelesen haben.',
    );
    // What was typed stays.
    await expect(main(page).getByLabel(de.nameLabel, { exact: true }).inputValue()).resolves.toBe(
      'Erika Mustermann',
    );
    await expectAccessible(page);
  }
  await Promise.all([
    page.waitForURL(/\/termine\/postfach\/[0-9a-f-]{36}$/),
    fillDetails(page, de, 'Erika Mustermann', email, true),
  ]);

  // Step 6: check the mailbox.
  await expect(h1(page)).resolves.toBe(de.mailboxTitle);
  await expectAccessible(page);
  return day;
}

/** The calendar file of the manage page: downloaded, text/calendar, one event. */
async function downloadCalendar(page: Page, code: string): Promise<void> {
  const link = main(page).getByRole('link', { name: 'Zum Kalender hinzufügen' });
  const [response, download] = await Promise.all([
    page.waitForResponse((candidate) => candidate.url().includes('/kalender.ics')),
    page.waitForEvent('download'),
    link.click(),
  ]);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^text\/calendar\b/);
  expect(download.suggestedFilename()).toBe(`termin-${code}.ics`);
  const path = await download.path();
  const ics = await readFile(path, 'utf8');
  expect(ics).toContain('BEGIN:VCALENDAR');
  expect(ics).toContain('BEGIN:VEVENT');
}

describe('booking an appointment', () => {
  test(
    'with JavaScript: service page → booking → e-mail → manage → calendar file → move → cancel',
    async () => {
      const { page, problems } = await freshPage();
      const email = 'erika.js@example.org';
      const day = await bookUntilMailbox(page, email, { validationError: false });
      const code = await confirmThroughOutbox(page, email);
      await expect(main(page).innerText()).resolves.toContain('Ihr Termin ist gebucht.');
      await expectAccessible(page);
      await downloadCalendar(page, code);

      // Move: the link leads through calendar and times with the appointment's services and location.
      await clickTo(
        page,
        main(page).getByRole('link', { name: 'Einen anderen Termin wählen' }),
        /\/termine\/kalender\?.*verschieben=/,
      );
      await expect(h1(page)).resolves.toBe(de.calendarTitle);
      await expect(main(page).innerText()).resolves.toContain(`Sie verschieben Ihren Termin ${code}.`);
      // Another day than the one booked.
      const free = page.locator('table.app-calendar td.app-calendar__day--free a');
      const hrefs = await free.evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
      const other = hrefs.findIndex((href) => !href.includes(`tag=${day}`));
      expect(other).toBeGreaterThanOrEqual(0);
      await pickDay(page, de, other);
      await expect(main(page).innerText()).resolves.toContain(`Sie verschieben Ihren Termin ${code}.`);
      await pickTime(page, 0, /\/termine\/verwalten\/[^/?]+\?token=/);

      // The manage page of the new appointment.
      const newCode = await expectManagePage(page);
      expect(newCode).not.toBe(code);
      await expect(page.getByText('Ihr Termin wurde verschoben.').first().isVisible()).resolves.toBe(true);
      await expectAccessible(page);

      // Cancel it.
      await main(page).getByLabel('Ja, ich möchte diesen Termin absagen.', { exact: true }).check();
      await clickTo(
        page,
        main(page).getByRole('button', { name: 'Termin absagen' }),
        new RegExp(`/termine/verwalten/${newCode}\\?token=`),
      );
      await expect(page.getByText('Ihr Termin wurde abgesagt.').first().isVisible()).resolves.toBe(true);
      await expect(main(page).innerText()).resolves.toContain('Dieser Termin wurde abgesagt.');
      await expect(main(page).getByRole('button', { name: 'Termin absagen' }).count()).resolves.toBe(0);
      await expectAccessible(page);

      // The e-mails of the whole story, oldest first: opt-in link, confirmation, confirmation of the
      // moved appointment (the old one is cancelled silently), cancellation.
      const mails = (await session.e2e.app.services.mail.list()).filter((mail) => mail.recipient === email);
      expect(mails.map((mail) => mail.kind).reverse()).toEqual([
        'appointment.confirm-link',
        'appointment.confirmed',
        'appointment.confirmed',
        'appointment.cancelled',
      ]);
      expect(problems).toEqual([]);
    },
    FLOW_TIMEOUT,
  );

  test(
    'without JavaScript: the same booking, with a validation error on the details step',
    async () => {
      const { page, problems } = await freshPage({ javaScript: false });
      const email = 'erika.nojs@example.org';
      await bookUntilMailbox(page, email, { validationError: true });
      const code = await confirmThroughOutbox(page, email);
      await expect(main(page).innerText()).resolves.toContain('Ihr Termin ist gebucht.');
      await expect(
        main(page).getByRole('link', { name: 'Zum Kalender hinzufügen' }).getAttribute('href'),
      ).resolves.toContain(`/termine/verwalten/${code}/kalender.ics?token=`);
      await expectAccessible(page);
      expect(problems).toEqual([]);
    },
    FLOW_TIMEOUT,
  );

  test(
    'in English: the header switch, then calendar and times',
    async () => {
      const { page, problems } = await freshPage();
      await visit(page, '/leistungen/personalausweis');
      await switchLanguage(page, 'English');
      await expectAccessible(page);
      await serviceToCalendar(page, en);
      await expect(page.locator('table.app-calendar caption').innerText()).resolves.toMatch(
        /^Free appointments in (December|January) 202[67]$/,
      );
      await pickDay(page, en);
      await expect(
        main(page)
          .getByRole('group', { name: /^Free times on / })
          .isVisible(),
      ).resolves.toBe(true);
      await pickTime(page, 0, /\/termine\/angaben\/[0-9a-f-]{36}$/);
      await expect(h1(page)).resolves.toBe(en.detailsTitle);
      await expectAccessible(page);
      expect(problems).toEqual([]);
    },
    FLOW_TIMEOUT,
  );
});
