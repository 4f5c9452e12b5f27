import jsQRModule, { type QRCode } from 'jsqr';
import type { Locator, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { actorOf } from '../../src/platform/audit/actor.js';
import { clickTo, expectAccessible, h1, main, useE2E, visit } from './browser.js';

const FLOW_TIMEOUT = 240_000;
// jsqr is a CommonJS bundle whose module object is the function itself (its types say default export).
type Decode = (data: Uint8ClampedArray, width: number, height: number) => QRCode | null;
const jsQR = ((jsQRModule as unknown as { default?: Decode }).default ?? jsQRModule) as Decode;

const text = (locator: Locator) => locator.innerText();
/** Thursday 2026-12-03, 10:00 in Berlin: the Rathaus is open. */
const now = () => new Date('2026-12-03T09:00:00Z');

/** Reads the QR code on the printed ticket the way a phone camera would: from the rendered pixels. */
async function scanQr(page: Page): Promise<string> {
  const image = page.getByRole('img', { name: /QR/ });
  const png = PNG.sync.read(await image.screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  if (!code) throw new Error('no QR code readable on the ticket');
  return code.data;
}

/** Enrols this browser as one of the demo devices (kiosk or display), as the README tells a tester. */
async function enrol(page: Page, code: string, target: RegExp): Promise<void> {
  await visit(page, `/geraete/anmelden?code=${code}`);
  await expectAccessible(page);
  await clickTo(page, page.getByRole('button', { name: 'Diesen Browser als Gerät anmelden' }), target);
}

describe('the queue on site in the browser: kiosk, workstation, call display and phone ticket', () => {
  const env = useE2E({ now });
  const { freshPage } = env;

  it(
    'checks in at the kiosk; the call reaches display and phone within a second; the clerk serves and finishes',
    async () => {
      const { e2e } = env;
      const { services } = e2e.app;
      await services.devices.ensureDemoDevices();
      const appointment = await services.termineStaff.book(actorOf(null), {
        locationId: 'rathaus',
        serviceIds: ['personalausweis'],
        start: new Date('2026-12-03T09:00:00Z'),
        name: 'Erika Mustermann',
        email: null,
        phone: null,
        note: null,
      });

      // The kiosk in the lobby: the citizen types (or scans) the booking code.
      const kiosk = await freshPage();
      await enrol(kiosk.page, 'demo-kiosk-rathaus', /\/kiosk\/rathaus$/);
      await expect(h1(kiosk.page)).resolves.toBe('Willkommen');
      await expectAccessible(kiosk.page);
      await kiosk.page.getByLabel('Buchungscode').fill(appointment.code.toLowerCase());
      await kiosk.page.getByRole('button', { name: 'Einchecken' }).click();
      expect(await text(main(kiosk.page))).toContain('T 001');
      await expectAccessible(kiosk.page);
      const phoneUrl = await scanQr(kiosk.page);
      expect(phoneUrl).toMatch(new RegExp(`^${e2e.baseUrl}/ticket/[0-9a-f-]{36}\\?k=`));

      // The call display in the waiting area.
      const display = await freshPage();
      await enrol(display.page, 'demo-anzeige-rathaus', /\/anzeige\/rathaus$/);
      await expectAccessible(display.page);
      expect(await text(display.page.locator('#display-current'))).not.toContain('T 001');

      // The citizen's phone, from the QR code.
      const phone = await freshPage();
      await phone.page.goto(phoneUrl);
      await expect(h1(phone.page)).resolves.toContain('T 001');
      expect(await text(phone.page.locator('#ticket-ahead'))).toMatch(/Sie sind als Nächstes dran|Person/);
      await expectAccessible(phone.page);

      // The clerk's workstation.
      const clerk = await freshPage();
      await visit(clerk.page, '/verwaltung/anmelden?weiter=/verwaltung/platz');
      await clerk.page.getByLabel('Benutzername', { exact: true }).fill('sachbearbeitung');
      await clerk.page.getByLabel('Passwort', { exact: true }).fill('sachb-demo-2026');
      await clickTo(clerk.page, clerk.page.getByRole('button', { name: 'Anmelden' }), /\/verwaltung\/platz/);
      await expectAccessible(clerk.page);
      await clerk.page.getByLabel('Standort').selectOption('rathaus');
      await clerk.page.getByRole('button', { name: 'Standort wählen' }).click();
      await clerk.page.getByLabel('Schalter').selectOption({ index: 0 });
      const counterName = (
        await clerk.page.getByLabel('Schalter').locator('option:checked').innerText()
      ).trim();
      await clerk.page.getByRole('button', { name: 'Schalter öffnen' }).click();
      expect(await text(main(clerk.page))).toContain('T 001');
      await expectAccessible(clerk.page);

      // "Nächste Person aufrufen": display and phone must show it within a second.
      const calledAt = Date.now();
      await clerk.page.getByRole('button', { name: 'Nächste Person aufrufen' }).click();
      await expect
        .poll(() => display.page.locator('#display-current').innerText(), { interval: 20, timeout: 1_000 })
        .toContain('T 001');
      await expect
        .poll(() => phone.page.locator('#ticket-alert').innerText(), { interval: 20, timeout: 1_000 })
        .toContain(`Sie sind dran: ${counterName}`);
      expect(Date.now() - calledAt).toBeLessThan(3_000);
      expect(await text(display.page.locator('#display-current'))).toContain(counterName);
      // Numbers and counters only: the citizen's name never reaches the display.
      expect(await text(display.page.locator('body'))).not.toContain('Mustermann');
      await expectAccessible(display.page);
      await expectAccessible(phone.page);

      // The clerk sees who was called, with the appointment's details, and serves.
      expect(await text(main(clerk.page))).toContain('Erika Mustermann');
      await clerk.page.getByRole('button', { name: 'Bedienung beginnen' }).click();
      expect(await text(main(clerk.page))).toContain('T 001');
      await clerk.page.getByRole('button', { name: 'Abschließen', exact: true }).click();
      await expect
        .poll(() => phone.page.locator('#ticket-status').innerText(), { timeout: 2_000 })
        .toContain('Erledigt');
      await expectAccessible(clerk.page);

      for (const session of [kiosk, display, phone, clerk]) expect(session.problems).toEqual([]);
    },
    FLOW_TIMEOUT,
  );

  it(
    'draws a walk-in ticket at the kiosk and follows it on the phone without JavaScript',
    async () => {
      await env.e2e.app.services.devices.ensureDemoDevices();
      const kiosk = await freshPage({ javaScript: false });
      await visit(kiosk.page, '/geraete/anmelden?code=demo-kiosk-rathaus');
      await clickTo(
        kiosk.page,
        kiosk.page.getByRole('button', { name: 'Diesen Browser als Gerät anmelden' }),
        /\/kiosk\/rathaus$/,
      );
      await expectAccessible(kiosk.page);
      await kiosk.page
        .getByRole('button', { name: /Abholung/ })
        .first()
        .click();
      await expect(h1(kiosk.page)).resolves.toBe('Ihre Wartenummer');
      expect(await text(main(kiosk.page))).toMatch(/W \d{3}/);
      await expectAccessible(kiosk.page);
      const phoneUrl = await scanQr(kiosk.page);

      const phone = await freshPage({ javaScript: false });
      await phone.page.goto(phoneUrl);
      await expect(h1(phone.page)).resolves.toMatch(/W \d{3}/);
      expect(await text(main(phone.page))).toContain('Vor Ihnen');
      await expectAccessible(phone.page);
      // Without JavaScript the page reloads itself (a refresh inside <noscript>).
      expect(await phone.page.locator('noscript').count()).toBe(1);

      // English, for visitors who do not read German.
      await phone.page.goto(`${phoneUrl}&lang=en`);
      expect(await text(main(phone.page))).toContain('Ahead of you');
      await expectAccessible(phone.page);
      for (const session of [kiosk, phone]) expect(session.problems).toEqual([]);
    },
    FLOW_TIMEOUT,
  );
});
