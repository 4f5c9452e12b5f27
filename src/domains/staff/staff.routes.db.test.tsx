import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  csrfTokenOf,
  demoPasswords,
  staffSession,
  type TestApp,
  visitor,
} from '../../../test/support/test-app.js';
import { TEST_TODAY } from '../../../test/support/test-clock.js';

const LOGIN = '/verwaltung/anmelden';

/** Logs in through the form like a browser; returns the visitor and the log-in response. */
async function login(t: TestApp, username: string, password: string, target?: string) {
  const browser = visitor(t.app);
  const fields: Record<string, string> = { username, password };
  if (target) fields.weiter = target;
  const response = await browser.post(
    LOGIN,
    fields,
    target ? `${LOGIN}?weiter=${encodeURIComponent(target)}` : LOGIN,
  );
  return { browser, response };
}

function sessionCookie(response: LightMyRequestResponse) {
  return (response.cookies as Array<Record<string, unknown>>).find(
    (cookie) => cookie.name === 'staff_session',
  );
}

describe('staff log-in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows the log-in form with labelled fields and a CSRF token', async () => {
    const response = await t.app.inject({ method: 'GET', url: LOGIN });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<label class="kern-label" for="username">Benutzername</label>');
    expect(response.body).toContain('<label class="kern-label" for="password">Passwort</label>');
    expect(response.body).toContain('autocomplete="current-password"');
    expect(csrfTokenOf(response.body)).toBeTruthy();
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('sets a signed, httpOnly, strict session cookie for /verwaltung and reaches the overview', async () => {
    const { browser, response } = await login(t, 'admin', demoPasswords.admin);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/verwaltung');
    const cookie = sessionCookie(response);
    expect(cookie).toMatchObject({
      path: '/',
      httpOnly: true,
      sameSite: 'Strict',
      maxAge: 8 * 3600,
    });
    expect(cookie?.expires).toBeInstanceOf(Date);
    // Signed: the raw token is followed by its signature.
    expect(String(cookie?.value)).toMatch(/^[\w-]{43}\.[\w+/-]+/);
    const overview = await browser.get('/verwaltung');
    expect(overview.statusCode).toBe(200);
    expect(overview.body).toContain('Guten Tag, Alex Admin');
    expect(overview.body).toContain('Administration');
    for (const section of ['Leistungen', 'Standorte', 'Benutzer', 'Inhalte', 'Rückmeldungen', 'Protokoll']) {
      expect(overview.body).toContain(`>${section}</a>`);
    }
  });

  it('offers each role only its sections', async () => {
    const team = await staffSession(t.app, 'teamleitung');
    const teamPage = (await team.get('/verwaltung')).body;
    expect(teamPage).toContain('Teamleitung');
    expect(teamPage).toContain('href="/verwaltung/standorte"');
    expect(teamPage).toContain('href="/verwaltung/protokoll"');
    expect(teamPage).not.toContain('href="/verwaltung/benutzer"');
    expect(teamPage).not.toContain('href="/verwaltung/leistungen"');

    const clerk = await staffSession(t.app, 'sachbearbeitung');
    const clerkPage = await clerk.get('/verwaltung');
    expect(clerkPage.statusCode).toBe(200);
    expect(clerkPage.body).toContain('Sachbearbeitung');
    expect(clerkPage.body).not.toContain('href="/verwaltung/protokoll"');
  });

  it('answers a wrong password with 401 and the same message as an unknown user name', async () => {
    const wrong = await login(t, 'teamleitung', 'falsches-passwort');
    const unknown = await login(t, 'niemand', 'falsches-passwort');
    for (const { response } of [wrong, unknown]) {
      expect(response.statusCode).toBe(401);
      expect(response.body).toContain('Benutzername oder Passwort ist falsch.');
      expect(sessionCookie(response)).toBeUndefined();
      expect(response.body).not.toContain('falsches-passwort');
    }
    const strip = (html: string, name: string) =>
      html.replace(/name="_csrf" value="[^"]+"/g, '').replaceAll(`value="${name}"`, '');
    expect(strip(wrong.response.body, 'teamleitung')).toBe(strip(unknown.response.body, 'niemand'));
  });

  it('asks for empty fields with 422 and field messages', async () => {
    const { response } = await login(t, '', '');
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Es gibt ein Problem');
    expect(response.body).toContain('href="#username"');
    expect(response.body).toContain('href="#password"');
  });

  it('rejects a log-in without CSRF token', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: LOGIN,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ username: 'admin', password: demoPasswords.admin }).toString(),
    });
    expect(response.statusCode).toBe(403);
    expect(sessionCookie(response)).toBeUndefined();
  });

  it('sends anonymous visitors to the log-in page and back to where they wanted to go', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/verwaltung/benutzer' });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/verwaltung/anmelden?weiter=%2Fverwaltung%2Fbenutzer');
    const form = await t.app.inject({ method: 'GET', url: anonymous.headers.location as string });
    expect(form.body).toContain('name="weiter" value="/verwaltung/benutzer"');

    const { response } = await login(t, 'admin', demoPasswords.admin, '/verwaltung/benutzer');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/verwaltung/benutzer');
  });

  it('never redirects to another site after log-in', async () => {
    for (const target of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      const { response } = await login(t, 'admin', demoPasswords.admin, target);
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/verwaltung');
    }
  });

  it('sends a logged-in member of staff from the log-in page to the overview', async () => {
    const admin = await staffSession(t.app, 'admin');
    const response = await admin.get(LOGIN);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/verwaltung');
  });

  it('ends the session on log-out: the old cookie no longer works', async () => {
    const admin = await staffSession(t.app, 'admin');
    const oldCookies = admin.jar.header();
    const response = await admin.post('/verwaltung/abmelden', {});
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(LOGIN);
    const cleared = sessionCookie(response);
    expect(cleared).toMatchObject({ value: '', path: '/' });

    const loginPage = await admin.get(LOGIN);
    expect(loginPage.statusCode).toBe(200);
    expect(loginPage.body).toContain('Sie sind abgemeldet.');

    const replay = await t.app.inject({ method: 'GET', url: '/verwaltung', headers: { cookie: oldCookies } });
    expect(replay.statusCode).toBe(303);
    expect(replay.headers.location).toContain(LOGIN);
  });

  it('rejects a log-out without CSRF token and keeps the session', async () => {
    const admin = await staffSession(t.app, 'admin');
    const response = await t.app.inject({
      method: 'POST',
      url: '/verwaltung/abmelden',
      headers: { cookie: admin.jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    expect(response.statusCode).toBe(403);
    expect((await admin.get('/verwaltung')).statusCode).toBe(200);
  });

  it('ignores a forged (unsigned) session cookie', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/verwaltung',
      headers: { cookie: 'staff_session=forged-token' },
    });
    expect(response.statusCode).toBe(303);
  });
});

describe('lock-out and session expiry (pinned clock)', () => {
  let t: TestApp;
  let now = new Date(TEST_TODAY);
  const advance = (minutes: number) => {
    now = new Date(now.getTime() + minutes * 60_000);
  };

  beforeAll(async () => {
    t = await createTestApp({ now: () => now });
  });
  afterAll(async () => {
    await t.close();
  });

  it('locks the account after 5 failures, even for the right password, until the lock runs out', async () => {
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect((await login(t, 'teamleitung', `falsch-${attempt}`)).response.statusCode).toBe(401);
    }
    const fifth = await login(t, 'teamleitung', 'falsch-5');
    expect(fifth.response.statusCode).toBe(423);
    // 09:00 UTC is 10:00 in Berlin; locked for 15 minutes.
    expect(fifth.response.body).toContain(
      'Das Konto ist nach zu vielen Fehlversuchen bis 10:15 Uhr gesperrt.',
    );

    advance(5);
    const right = await login(t, 'teamleitung', demoPasswords.teamleitung);
    expect(right.response.statusCode).toBe(423);
    expect(right.response.body).toContain('bis 10:15 Uhr gesperrt');
    expect(sessionCookie(right.response)).toBeUndefined();

    advance(11);
    // After the lock, one typo does not lock again at once: the count starts afresh.
    expect((await login(t, 'teamleitung', 'noch-ein-tippfehler')).response.statusCode).toBe(401);
    const after = await login(t, 'teamleitung', demoPasswords.teamleitung);
    expect(after.response.statusCode).toBe(303);
  });

  it('locks unknown user names the same way, so the lock does not reveal which names exist', async () => {
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect((await login(t, 'gibt-es-nicht', `falsch-${attempt}`)).response.statusCode).toBe(401);
    }
    const fifth = await login(t, 'gibt-es-nicht', 'falsch-5');
    expect(fifth.response.statusCode).toBe(423);
    expect(fifth.response.body).toContain('Das Konto ist nach zu vielen Fehlversuchen bis');
  });

  it('ends a session after the configured hours (default 8)', async () => {
    const { browser, response } = await login(t, 'admin', demoPasswords.admin);
    expect(response.statusCode).toBe(303);
    advance(8 * 60 - 1);
    expect((await browser.get('/verwaltung')).statusCode).toBe(200);
    advance(2);
    const expired = await browser.get('/verwaltung');
    expect(expired.statusCode).toBe(303);
    expect(expired.headers.location).toBe('/verwaltung/anmelden?weiter=%2Fverwaltung');
  });
});

describe('configured lock-out', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      env: { BUERGERAMT_LOGIN_MAX_FAILURES: '2', BUERGERAMT_LOGIN_LOCK_MINUTES: '30' },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('follows BUERGERAMT_LOGIN_MAX_FAILURES', async () => {
    expect((await login(t, 'sachbearbeitung', 'falsch-1')).response.statusCode).toBe(401);
    expect((await login(t, 'sachbearbeitung', 'falsch-2')).response.statusCode).toBe(423);
    expect((await login(t, 'sachbearbeitung', demoPasswords.sachbearbeitung)).response.statusCode).toBe(423);
  });
});
