import type { FastifyRequest, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browserish,
  createTestApp,
  staffSession,
  type TestApp,
  visitor,
} from '../../../test/support/test-app.js';
import { AuditRepository } from '../../platform/audit/audit.repository.js';
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE } from './device-auth.js';
import { DevicesRepository } from './devices.repository.js';
import { AUTH_CACHE_MS, type Device, DevicesService, demoDevices, sha256 } from './devices.service.js';

// Thursday 2026-12-03, 09:00 in Berlin; the clock moves for the cache, last-seen and expiry tests.
let clock = new Date('2026-12-03T08:00:00Z');
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

let t: TestApp;
let admin: Browserish;
beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  admin = await staffSession(t.app, 'admin');
});
afterAll(() => t?.close());

const ENROL = '/geraete/anmelden';

/** The enrolment link shown (once) on the page after registering or reissuing. */
function linkOn(page: LightMyRequestResponse): { url: string; code: string } {
  const match = page.body.match(/value="(http:\/\/localhost:\d+\/geraete\/anmelden\?code=([A-Za-z0-9_-]+))"/);
  if (!match?.[1] || !match[2]) throw new Error('no enrolment link on the page');
  return { url: match[1], code: match[2] };
}

async function register(fields: { locationId: string; kind: string; name: string }) {
  const page = await admin.post('/verwaltung/geraete', fields);
  expect(page.statusCode).toBe(200);
  const device = (await t.services.devices.list()).find((entry) => entry.name === fields.name);
  if (!device) throw new Error(`device ${fields.name} was not created`);
  return { page, device, ...linkOn(page) };
}

/** A fresh browser that opens the link and presses the button. */
async function enrolBrowser(code: string) {
  const browser = visitor(t.app);
  const page = `${ENROL}?code=${encodeURIComponent(code)}`;
  const preview = await browser.get(page);
  // An invalid link's page has no form: then the token comes from another page (default).
  const response = await browser.post(ENROL, { code }, preview.statusCode === 200 ? page : undefined);
  return { browser, preview, response };
}

/** A request as a route would see it, with the browser's cookies or a bearer token. */
function requestWith(headers: { cookie?: string; authorization?: string }): FastifyRequest {
  const cookies = Object.fromEntries(
    (headers.cookie ?? '')
      .split('; ')
      .filter(Boolean)
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  );
  return {
    headers: headers.authorization ? { authorization: headers.authorization } : {},
    cookies,
    unsignCookie: (value: string) => t.app.unsignCookie(value),
  } as unknown as FastifyRequest;
}

const deviceOf = (browser: Browserish) =>
  t.services.devices.deviceFromRequest(requestWith({ cookie: browser.jar.header() }));

async function rowOf(id: string) {
  const row = await new DevicesRepository(t.database.db).findById(id);
  if (!row) throw new Error('no device row');
  return row;
}

const auditOf = (id: string) => t.services.audit.list({ entityType: 'device', entityId: id });

describe('access', () => {
  it('lets only admins see and change devices', async () => {
    for (const role of ['teamleitung', 'sachbearbeitung'] as const) {
      const session = await staffSession(t.app, role);
      expect((await session.get('/verwaltung/geraete')).statusCode).toBe(403);
      const post = await session.post('/verwaltung/geraete', {
        locationId: 'rathaus',
        kind: 'kiosk',
        name: 'X',
      });
      expect(post.statusCode).toBe(403);
      expect((await session.get('/verwaltung')).body).not.toContain('href="/verwaltung/geraete"');
    }
    expect(await t.services.devices.list()).toEqual([]);
    const anonymous = await t.app.inject({ method: 'GET', url: '/verwaltung/geraete' });
    expect(anonymous.statusCode).toBe(303);
    expect((await admin.get('/verwaltung')).body).toContain('href="/verwaltung/geraete"');
  });

  it('answers 403 to a revoke or reissue from a non-admin', async () => {
    const session = await staffSession(t.app, 'teamleitung');
    const id = '00000000-0000-4000-8000-000000000000';
    expect((await session.post(`/verwaltung/geraete/${id}/sperren`, {})).statusCode).toBe(403);
    expect((await session.post(`/verwaltung/geraete/${id}/anmeldelink`, {})).statusCode).toBe(403);
  });
});

describe('registration form', () => {
  it('answers invalid input with 422, field messages and the values kept, changing nothing', async () => {
    const response = await admin.post('/verwaltung/geraete', { locationId: '', kind: 'drucker', name: '  ' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('id="error-summary"');
    expect(response.body).toContain('href="#locationId"');
    expect(response.body).toContain('href="#kind"');
    expect(response.body).toContain('href="#name"');
    expect(response.body).toContain('id="name-error"');

    const unknownLocation = await admin.post('/verwaltung/geraete', {
      locationId: 'atlantis',
      kind: 'display',
      name: 'Anzeige Atlantis',
    });
    expect(unknownLocation.statusCode).toBe(422);
    expect(unknownLocation.body).toContain('id="locationId-error"');
    expect(unknownLocation.body).toContain('value="Anzeige Atlantis"');

    const tooLong = await admin.post('/verwaltung/geraete', {
      locationId: 'rathaus',
      kind: 'kiosk',
      name: 'x'.repeat(81),
    });
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.body).toContain(`value="${'x'.repeat(81)}"`);

    expect(await t.services.devices.list()).toEqual([]);
    expect(await t.services.audit.list({ entityType: 'device' })).toEqual([]);
  });
});

describe('a kiosk from registration to revocation', () => {
  let kiosk: Device;
  let code: string;
  let first: Browserish;

  it('registers a kiosk and shows its link once; only the hash is stored', async () => {
    const registered = await register({ locationId: 'rathaus', kind: 'kiosk', name: 'Kiosk Eingang' });
    kiosk = registered.device;
    code = registered.code;
    expect(registered.page.headers['cache-control']).toBe('no-store');
    expect(registered.page.body).toContain('Anmeldelink für „Kiosk Eingang“');
    expect(registered.url).toBe(`http://localhost:3000/geraete/anmelden?code=${code}`);
    // 256 random bits, base64url.
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(kiosk).toMatchObject({ kind: 'kiosk', locationId: 'rathaus', link: 'open', enrolledAt: null });
    expect(kiosk.enrolmentUntil?.getTime()).toBe(clock.getTime() + 7 * 86_400_000);

    const row = await rowOf(kiosk.id);
    expect(row.enrolmentHash).toBe(sha256(code));
    expect(row.credentialHash).toBeNull();

    const list = await admin.get('/verwaltung/geraete');
    expect(list.body).toContain('Kiosk Eingang');
    expect(list.body).toContain('Link offen');
    // The link appears on the one page after registering, never again.
    expect(list.body).not.toContain(code);

    const [created] = await auditOf(kiosk.id);
    expect(created).toMatchObject({ action: 'device.create', actorName: 'Alex Admin' });
    expect(JSON.stringify(created)).not.toContain(code);
    expect(JSON.stringify(created)).not.toContain(sha256(code));
  });

  it('shows what the link will do without using it up', async () => {
    const page = await visitor(t.app).get(`${ENROL}?code=${code}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Kiosk Eingang');
    expect(page.body).toContain('Bürgeramt im Rathaus');
    expect(page.body).toContain('Diesen Browser als Gerät anmelden');
    expect(page.headers['set-cookie']?.toString() ?? '').not.toContain(`${DEVICE_COOKIE}=`);

    const english = await t.app.inject({
      method: 'GET',
      url: `${ENROL}?code=${code}`,
      headers: { 'accept-language': 'en' },
    });
    expect(english.statusCode).toBe(200);
    expect(english.body).toContain('Register this browser as the device');
    expect(english.body).toContain('Citizen office in the town hall');

    expect((await rowOf(kiosk.id)).enrolmentHash).toBe(sha256(code));
  });

  it('enrols a browser: signed httpOnly cookie, redirect to the kiosk page', async () => {
    const { browser, response } = await enrolBrowser(code);
    first = browser;
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/kiosk/rathaus');
    const cookie = (response.cookies as Array<Record<string, unknown>>).find(
      (entry) => entry.name === DEVICE_COOKIE,
    );
    expect(cookie).toMatchObject({
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      maxAge: DEVICE_COOKIE_MAX_AGE,
    });
    // Signed: the value is the credential plus a signature.
    const unsigned = t.app.unsignCookie(String(cookie?.value));
    expect(unsigned.valid).toBe(true);
    expect(unsigned.value).toMatch(new RegExp(`^${kiosk.id}\\.[A-Za-z0-9_-]{43}$`));

    const row = await rowOf(kiosk.id);
    expect(row.enrolledAt?.getTime()).toBe(clock.getTime());
    expect(row.enrolmentHash).toBeNull();
    expect(row.credentialHash).toBe(sha256(unsigned.value!));

    const actions = (await auditOf(kiosk.id)).map((entry) => entry.action);
    expect(actions).toEqual(['device.enrol', 'device.create']);
  });

  it('authenticates the cookie and a bearer token, not a forged one', async () => {
    const device = await deviceOf(first);
    expect(device).toMatchObject({ id: kiosk.id, kind: 'kiosk', locationId: 'rathaus' });
    expect((await rowOf(kiosk.id)).lastSeenAt?.getTime()).toBe(clock.getTime());

    const raw = first.jar.header().match(/device=([^;]+)/)?.[1] ?? '';
    const credential = t.app.unsignCookie(raw).value!;
    const bearer = await t.services.devices.deviceFromRequest(
      requestWith({ authorization: `Bearer ${credential}` }),
    );
    expect(bearer?.id).toBe(kiosk.id);

    // The credential without a signature, a forged signature, a guessed secret: nothing.
    expect(
      await t.services.devices.deviceFromRequest(requestWith({ cookie: `device=${credential}` })),
    ).toBeUndefined();
    expect(
      await t.services.devices.deviceFromRequest(requestWith({ cookie: `device=${credential}.AAAA` })),
    ).toBeUndefined();
    expect(await t.services.devices.authenticate(`${kiosk.id}.${'A'.repeat(43)}`)).toBeUndefined();
    expect(await t.services.devices.authenticate('kein-geraet')).toBeUndefined();
    expect(await t.services.devices.authenticate(undefined)).toBeUndefined();
    expect(await t.services.devices.deviceFromRequest(requestWith({}))).toBeUndefined();
  });

  it('writes last_seen_at at most once a minute', async () => {
    const seen = (await rowOf(kiosk.id)).lastSeenAt!.getTime();
    advance(30_000);
    expect(await deviceOf(first)).toBeDefined();
    expect((await rowOf(kiosk.id)).lastSeenAt?.getTime()).toBe(seen);
    advance(31_000);
    expect(await deviceOf(first)).toBeDefined();
    expect((await rowOf(kiosk.id)).lastSeenAt?.getTime()).toBe(clock.getTime());
  });

  it('does not accept the link a second time and changes nothing', async () => {
    const before = await rowOf(kiosk.id);
    const again = await enrolBrowser(code);
    expect(again.preview.statusCode).toBe(404);
    expect(again.response.statusCode).toBe(404);
    expect(again.response.body).toContain('Anmeldelink ungültig');
    expect(again.response.body).toContain('bereits verwendet');
    expect(again.browser.jar.header()).not.toContain(`${DEVICE_COOKIE}=`);
    expect(await rowOf(kiosk.id)).toEqual(before);
    expect(await deviceOf(first)).toBeDefined();

    const english = await t.app.inject({
      method: 'GET',
      url: `${ENROL}?code=${code}`,
      headers: { 'accept-language': 'en' },
    });
    expect(english.statusCode).toBe(404);
    expect(english.body).toContain('Invalid registration link');
    expect(english.body).toContain('already been used');

    for (const url of [ENROL, `${ENROL}?code=`, `${ENROL}?code=${'x'.repeat(300)}`]) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(404);
    }
  });

  it('a new link moves the device to another browser; the old browser works until then', async () => {
    const reissued = await admin.post(`/verwaltung/geraete/${kiosk.id}/anmeldelink`, {});
    expect(reissued.statusCode).toBe(200);
    expect(reissued.headers['cache-control']).toBe('no-store');
    expect(reissued.body).toContain('Ein neuer Anmeldelink wurde erzeugt.');
    const { code: second } = linkOn(reissued);
    expect(second).not.toBe(code);
    expect(await deviceOf(first)).toBeDefined();

    const { browser, response } = await enrolBrowser(second);
    expect(response.statusCode).toBe(303);
    expect(await deviceOf(browser)).toMatchObject({ id: kiosk.id });
    // One browser per device: the earlier credential was replaced (and dropped from the cache at once).
    expect(await deviceOf(first)).toBeUndefined();
    first = browser;
    expect((await auditOf(kiosk.id)).map((entry) => entry.action)).toEqual([
      'device.enrol',
      'device.reissue',
      'device.enrol',
      'device.create',
    ]);
  });

  it('revoking ends authentication at once on this node and within 10 s on others', async () => {
    // Another node: its own service instance (and cache) on the same database.
    const otherNode = new DevicesService(
      new DevicesRepository(t.database.db),
      new AuditRepository(t.database.db),
      { publicUrl: 'http://localhost:3000', demo: true, secret: 'other' },
      () => clock,
    );
    const credential = t.app.unsignCookie(first.jar.header().match(/device=([^;]+)/)?.[1] ?? '').value!;
    expect(await otherNode.authenticate(credential)).toBeDefined();

    const response = await admin.post(`/verwaltung/geraete/${kiosk.id}/sperren`, {});
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/verwaltung/geraete');
    expect(await deviceOf(first)).toBeUndefined();

    expect(await otherNode.authenticate(credential)).toBeDefined();
    advance(AUTH_CACHE_MS);
    expect(await otherNode.authenticate(credential)).toBeUndefined();

    const list = await admin.get('/verwaltung/geraete');
    expect(list.body).toContain('Gesperrt');
    expect(list.body).not.toContain(`/verwaltung/geraete/${kiosk.id}/sperren`);
    expect((await auditOf(kiosk.id))[0]).toMatchObject({ action: 'device.revoke', actorName: 'Alex Admin' });

    // Revoked stays revoked.
    expect((await admin.post(`/verwaltung/geraete/${kiosk.id}/sperren`, {})).statusCode).toBe(409);
    expect((await admin.post(`/verwaltung/geraete/${kiosk.id}/anmeldelink`, {})).statusCode).toBe(409);
    expect((await admin.post('/verwaltung/geraete/kein-uuid/sperren', {})).statusCode).toBe(404);
  });

  it('an open link of a revoked device fails with 410', async () => {
    const { device, code: open } = await register({
      locationId: 'nord',
      kind: 'display',
      name: 'Anzeige Nord',
    });
    await admin.post(`/verwaltung/geraete/${device.id}/sperren`, {});
    const { preview, response, browser } = await enrolBrowser(open);
    expect(preview.statusCode).toBe(410);
    expect(response.statusCode).toBe(410);
    expect(response.body).toContain('gesperrt');
    expect(browser.jar.header()).not.toContain(`${DEVICE_COOKIE}=`);
    expect((await rowOf(device.id)).enrolledAt).toBeNull();
  });
});

describe('a call display', () => {
  it('a reissued link replaces the open one; the display goes to /anzeige/<location>', async () => {
    const { device, code: old } = await register({
      locationId: 'nord',
      kind: 'display',
      name: 'Anzeige Flur',
    });
    const { code: fresh } = linkOn(await admin.post(`/verwaltung/geraete/${device.id}/anmeldelink`, {}));
    expect((await enrolBrowser(old)).response.statusCode).toBe(404);
    const { browser, response } = await enrolBrowser(fresh);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/anzeige/nord');
    expect(await deviceOf(browser)).toMatchObject({ id: device.id, kind: 'display' });
  });
});

describe('demo devices', () => {
  it('are created once, for the rathaus, with the fixed codes', async () => {
    const links = await t.services.devices.ensureDemoDevices();
    expect(links.map((link) => [link.device.name, link.device.kind, link.url])).toEqual([
      ['Kiosk Foyer', 'kiosk', 'http://localhost:3000/geraete/anmelden?code=demo-kiosk-rathaus'],
      ['Anzeige Wartebereich', 'display', 'http://localhost:3000/geraete/anmelden?code=demo-anzeige-rathaus'],
    ]);
    const again = await t.services.devices.ensureDemoDevices();
    expect(again.map((link) => link.device.id)).toEqual(links.map((link) => link.device.id));
    const names = (await t.services.devices.list()).map((device) => device.name);
    expect(names.filter((name) => name === 'Kiosk Foyer')).toHaveLength(1);
  });

  it('enrol any number of browsers with the fixed codes', async () => {
    const browsers: Browserish[] = [];
    for (let round = 0; round < 2; round++) {
      const { response, browser } = await enrolBrowser('demo-kiosk-rathaus');
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/kiosk/rathaus');
      browsers.push(browser);
      advance(61_000);
    }
    for (const browser of browsers) expect(await deviceOf(browser)).toMatchObject({ name: 'Kiosk Foyer' });

    const display = await enrolBrowser('demo-anzeige-rathaus');
    expect(display.preview.body).toContain('Anzeige Wartebereich');
    expect(display.response.headers.location).toBe('/anzeige/rathaus');
    expect(await deviceOf(display.browser)).toMatchObject({ kind: 'display' });

    const list = await admin.get('/verwaltung/geraete');
    expect(list.body).toContain('fester Demo-Code');
  });

  it('a revoked demo device is replaced on the next start', async () => {
    const [kioskLink] = await t.services.devices.ensureDemoDevices();
    const staff = (await staffSession(t.app, 'admin')).post;
    await staff(`/verwaltung/geraete/${kioskLink!.device.id}/sperren`, {});
    expect((await enrolBrowser('demo-kiosk-rathaus')).response.statusCode).toBe(410);
    const [replacement] = await t.services.devices.ensureDemoDevices();
    expect(replacement!.device.id).not.toBe(kioskLink!.device.id);
    const { browser, response } = await enrolBrowser('demo-kiosk-rathaus');
    expect(response.statusCode).toBe(303);
    expect(await deviceOf(browser)).toMatchObject({ id: replacement!.device.id });
  });

  it('exist only in demo mode; outside it a fixed code counts as expired', async () => {
    const production = new DevicesService(
      new DevicesRepository(t.database.db),
      new AuditRepository(t.database.db),
      { publicUrl: 'https://buergeramt.example', demo: false, secret: 'x' },
      () => clock,
    );
    await expect(production.ensureDemoDevices()).rejects.toThrow('demo mode');
    await expect(production.enrol(demoDevices[0].code)).rejects.toMatchObject({
      reason: 'expired',
      statusCode: 410,
    });
  });
});

describe('expiry', () => {
  it('a link older than seven days fails with 410 and enrols nothing', async () => {
    const { device, code } = await register({ locationId: 'rathaus', kind: 'kiosk', name: 'Kiosk Altbau' });
    advance(7 * 86_400_000 + 60_000);
    const { preview, response, browser } = await enrolBrowser(code);
    expect(preview.statusCode).toBe(410);
    expect(response.statusCode).toBe(410);
    expect(response.body).toContain('abgelaufen');
    expect(browser.jar.header()).not.toContain(`${DEVICE_COOKIE}=`);
    const row = await rowOf(device.id);
    expect(row.enrolledAt).toBeNull();
    expect(row.credentialHash).toBeNull();
    const list = await (await staffSession(t.app, 'admin')).get('/verwaltung/geraete');
    expect(list.body).toContain('Anmeldelink abgelaufen');
  });
});
