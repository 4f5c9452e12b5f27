import type { LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { CookieJar, csrfTokenOf } from '../../../test/support/test-app.js';
import { citizenSessions } from './eid.tables.js';
import {
  ANY,
  Browser,
  type EidTestApp,
  eidTestApp,
  erika,
  HIGH,
  interactionUid,
  logIn,
  ORIGIN,
  pickAndEnterPin,
  SECRET,
  sessionCookie,
  tim,
} from './eid.test-support.js';
import { openTransaction, sealTransaction, transactionKey } from './login-transaction.js';

/** Only the identity provider's cookies of `browser`: its session there, none of ours. */
function idpCookiesOf(browser: Browser): CookieJar {
  const jar = new CookieJar();
  for (const pair of browser.jar.header().split('; ')) {
    const [name, ...value] = pair.split('=');
    if (name?.startsWith('dev_idp_')) jar.set(name, value.join('='));
  }
  return jar;
}

function cookieOf(browser: Browser, name: string): string | undefined {
  for (const pair of browser.jar.header().split('; ')) {
    const [key, ...value] = pair.split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** The clock moves on by `ms` (Date only; it keeps running): sessions and tokens age. */
function advanceClock(ms: number): void {
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  vi.setSystemTime(Date.now() + ms);
}

/**
 * Our log-in started, but the authorization request reaches the identity provider without `prompt`
 * and `max_age`: as with a provider that ignores them. Follows the redirects up to our callback.
 */
async function logInIgnoringPrompt(browser: Browser, target: string): Promise<LightMyRequestResponse> {
  const toIdp = await browser.get(`/portal/anmelden?weiter=${encodeURIComponent(target)}`);
  const authorization = new URL(String(toIdp.headers.location));
  expect(authorization.searchParams.get('prompt')).toBe('login');
  authorization.searchParams.delete('prompt');
  authorization.searchParams.delete('max_age');
  return browser.follow(await browser.get(authorization.href));
}

describe('citizen log-in with the dev IdP', () => {
  let t: EidTestApp;
  beforeAll(async () => {
    t = await eidTestApp();
  });
  afterAll(async () => {
    await t.close();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test('Erika: protected page → log-in → person → wrong PIN once → right PIN → back, at level HOCH', async () => {
    const browser = new Browser(t.app);
    const start = await browser.get(HIGH);
    expect(start.statusCode).toBe(303);
    expect(start.headers.location).toBe(`/portal/anmelden?weiter=${encodeURIComponent(HIGH)}`);

    const toIdp = await browser.get(String(start.headers.location));
    expect(toIdp.statusCode).toBe(303);
    const authorization = new URL(String(toIdp.headers.location));
    expect(authorization.origin + authorization.pathname).toBe(`${ORIGIN}/dev-idp/auth`);
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorization.searchParams.get('state')).toBeTruthy();
    expect(authorization.searchParams.get('nonce')).toBeTruthy();
    expect(authorization.searchParams.get('redirect_uri')).toBe(`${ORIGIN}/portal/anmelden/rueckkehr`);
    // Always a new authentication: never the provider's session of whoever used the browser before.
    expect(authorization.searchParams.get('prompt')).toBe('login');
    expect(authorization.searchParams.get('max_age')).toBe('0');
    // The transaction (with the PKCE verifier) is in an encrypted cookie, not readable in the browser.
    const transactionCookie = (toIdp.cookies as Array<{ name: string; value: string; path?: string }>).find(
      (cookie) => cookie.name === 'citizen_login',
    );
    expect(transactionCookie?.path).toBe('/portal/anmelden');
    expect(transactionCookie?.value).not.toContain(authorization.searchParams.get('state'));

    const picker = await browser.follow(toIdp);
    expect(picker.statusCode).toBe(200);
    expect(picker.body).toContain('<html lang="de"');
    expect(picker.body).toContain('Erika Mustermann');
    expect(picker.body).toContain(erika.note.de);
    expect(picker.body).toContain('Tim Wagner');

    const uid = interactionUid(browser);
    const chosen = await browser.post(`/dev-idp/interaction/${uid}`, {
      _csrf: csrfTokenOf(picker.body),
      person: erika.subject,
    });
    expect(chosen.statusCode).toBe(303);
    const pinPage = await browser.follow(chosen);
    expect(pinPage.body).toContain('Demo-PIN: 123456');
    expect(pinPage.body).toContain('Verbleibende Versuche: 3');

    const wrong = await browser.post(`/dev-idp/interaction/${uid}/pin`, {
      _csrf: csrfTokenOf(pinPage.body),
      pin: '654321',
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Die PIN ist falsch. Sie haben noch 2 Versuch(e).');
    expect(wrong.body).toContain('Verbleibende Versuche: 2');
    expect(wrong.body).toContain('Es gibt ein Problem');
    expect(wrong.body).toContain('href="#pin"');

    const right = await browser.post(`/dev-idp/interaction/${uid}/pin`, {
      _csrf: csrfTokenOf(wrong.body),
      pin: '123456',
    });
    expect(right.statusCode).toBe(303);
    const done = await browser.follow(right);
    const callback = browser.visited.find((url) => url.includes('/portal/anmelden/rueckkehr'));
    expect(callback).toMatch(/[?&]code=/);
    expect(callback).toMatch(/[?&]iss=/);
    expect(browser.visited.at(-1)).toBe(HIGH);
    expect(done.statusCode).toBe(200);
    expect(done.json().citizen).toEqual({
      subject: erika.subject,
      givenNames: 'Erika',
      familyName: 'Mustermann',
      birthDate: '1964-08-12',
      placeOfBirth: 'Berlin',
      address: { street: 'Heidestraße', houseNumber: '17', postalCode: '41460', city: 'Neuss' },
      trustLevel: 'HOCH',
      authTime: expect.any(Number),
    });

    // The session: a random token in a signed, httpOnly, SameSite=Lax cookie; the table has its hash.
    const rows = await t.database.db.select().from(citizenSessions);
    const row = rows.find((candidate) => candidate.claims.subject === erika.subject);
    expect(row?.idToken).toMatch(/^ey/);
    expect(row?.tokenHash).toMatch(/^[0-9a-f]{64}$/);

    const page = await browser.get(ANY);
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('Angemeldet als <strong>Erika Mustermann</strong>');
    expect(page.body).toContain('action="/portal/abmelden"');
  });

  test('the session cookie is httpOnly and SameSite=Lax; an already logged-in citizen skips the log-in', async () => {
    const browser = new Browser(t.app);
    const picker = await browser.open(`/portal/anmelden?weiter=${encodeURIComponent(ANY)}`);
    const uid = interactionUid(browser);
    const chosen = await browser.follow(
      await browser.post(`/dev-idp/interaction/${uid}`, {
        _csrf: csrfTokenOf(picker.body),
        person: erika.subject,
      }),
    );
    const right = await browser.post(`/dev-idp/interaction/${uid}/pin`, {
      _csrf: csrfTokenOf(chosen.body),
      pin: '123456',
    });
    let response = right;
    let cookie: ReturnType<typeof sessionCookie>;
    while (response.statusCode === 303 && !cookie) {
      response = await browser.get(String(response.headers.location));
      cookie = sessionCookie(response);
    }
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    // Signed like the staff cookie: the raw token plus a signature.
    expect(cookie?.value).toMatch(/^[\w-]{43}\.[\w%+/=-]+$/);
    expect(response.headers.location).toBe(ANY);

    const again = await browser.get(`/portal/anmelden?weiter=${encodeURIComponent(HIGH)}`);
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe(HIGH);
  });

  test('log-out ends our session and the IdP session: the next log-in asks for the person again', async () => {
    const browser = new Browser(t.app);
    await logIn(browser, HIGH, erika.subject);

    // Without a session of ours (e.g. a log-out that found none), the IdP still knows the citizen,
    // but our log-in asks for the person and the PIN again (prompt=login) …
    const other = new Browser(t.app, idpCookiesOf(browser));
    const asked = await other.open(`/portal/anmelden?weiter=${encodeURIComponent(HIGH)}`);
    expect(asked.statusCode).toBe(200);
    expect(other.visited.some((url) => url.includes('/dev-idp/interaction/'))).toBe(true);
    expect(asked.body).toContain('Testperson');
    expect(sessionCookie(asked)).toBeUndefined();

    // … and the log-out still ends the IdP session: end_session_endpoint with id_token_hint.
    const page = await browser.get(ANY);
    const logout = await browser.post('/portal/abmelden', { _csrf: csrfTokenOf(page.body) });
    expect(logout.statusCode).toBe(303);
    const endSession = new URL(String(logout.headers.location));
    expect(endSession.origin + endSession.pathname).toBe(`${ORIGIN}/dev-idp/session/end`);
    expect(endSession.searchParams.get('id_token_hint')).toMatch(/^ey/);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${ORIGIN}/portal/abgemeldet`);
    expect(sessionCookie(logout)?.value).toBe('');
    expect(await browser.get(HIGH).then((response) => response.statusCode)).toBe(303);

    const confirm = await browser.get(String(logout.headers.location));
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('<html lang="de"');
    expect(confirm.body).toContain('<h1 class="kern-heading-x-large">Abmelden</h1>');
    expect(confirm.headers['content-security-policy']).toContain("default-src 'self'");
    const action = confirm.body.match(/<form method="post" action="([^"]+)"/)?.[1];
    const xsrf = confirm.body.match(/name="xsrf" value="([^"]+)"/)?.[1];
    expect(action).toBe(`${ORIGIN}/dev-idp/session/end/confirm`);
    const confirmed = await browser.post(action!, { xsrf: xsrf!, logout: 'yes' });
    expect(confirmed.statusCode).toBe(303);
    expect(confirmed.headers.location).toBe(`${ORIGIN}/portal/abgemeldet`);
    const loggedOut = await browser.follow(confirmed);
    expect(loggedOut.statusCode).toBe(200);
    expect(loggedOut.body).toContain('Sie sind abgemeldet');
    expect(loggedOut.body).not.toContain('Angemeldet als');

    const rows = await t.database.db.select().from(citizenSessions);
    expect(rows.filter((row) => row.idToken === endSession.searchParams.get('id_token_hint'))).toEqual([]);

    browser.visited.length = 0;
    const picker = await browser.open(`/portal/anmelden?weiter=${encodeURIComponent(HIGH)}`);
    expect(picker.statusCode).toBe(200);
    expect(picker.body).toContain('Testperson');
    expect(browser.visited.some((url) => url.includes('/dev-idp/interaction/'))).toBe(true);
  });

  test('after our session has ended (60 min) the next log-in asks for person and PIN again, although the IdP session is still open', async () => {
    const browser = new Browser(t.app);
    await logIn(browser, HIGH, erika.subject);
    expect((await browser.get(HIGH)).statusCode).toBe(200);

    advanceClock(61 * 60 * 1000);
    const start = await browser.get(HIGH);
    expect(start.statusCode).toBe(303);
    expect(start.headers.location).toBe(`/portal/anmelden?weiter=${encodeURIComponent(HIGH)}`);
    browser.visited.length = 0;
    const picker = await browser.follow(start);
    expect(picker.statusCode).toBe(200);
    expect(browser.visited.some((url) => url.includes('/dev-idp/interaction/'))).toBe(true);
    expect(picker.body).toContain('Testperson');
    expect(picker.body).not.toContain('Angemeldet als');

    // Somebody else at the same browser logs in with their own card.
    const done = await pickAndEnterPin(browser, picker, tim.subject);
    expect(done.statusCode).toBe(403);
    expect(done.body).toContain('Angemeldet als <strong>Tim Wagner</strong>');
  });

  test('an IdP that ignores prompt=login cannot log the previous citizen in: an old auth_time is refused', async () => {
    const browser = new Browser(t.app);
    await logIn(browser, HIGH, erika.subject);

    // Our session has ended; the IdP session (2 h) has not.
    advanceClock(61 * 60 * 1000);
    const shared = new Browser(t.app, idpCookiesOf(browser));
    const refused = await logInIgnoringPrompt(shared, HIGH);
    expect(shared.visited.some((url) => url.includes('/dev-idp/interaction/'))).toBe(false);
    expect(shared.visited.some((url) => url.includes('/portal/anmelden/rueckkehr?code='))).toBe(true);
    expect(refused.body).toContain('Anmeldung nicht gelungen');
    expect(refused.body).toContain('Die Anmeldung konnte nicht abgeschlossen werden');
    expect(refused.body).toContain(`href="/portal/anmelden?weiter=${encodeURIComponent(HIGH)}"`);
    expect(sessionCookie(refused)).toBeUndefined();
    expect((await shared.get(HIGH)).statusCode).toBe(303);

    // A few seconds are enough: the authentication must be after the start of this log-in.
    const soon = new Browser(t.app);
    await logIn(soon, HIGH, erika.subject);
    advanceClock(5 * 1000);
    const again = new Browser(t.app, idpCookiesOf(soon));
    const alsoRefused = await logInIgnoringPrompt(again, HIGH);
    expect(alsoRefused.statusCode).toBe(401);
    expect(alsoRefused.body).toContain('Anmeldung nicht gelungen');
    expect(sessionCookie(alsoRefused)).toBeUndefined();
  });

  test('the callback compares auth_time with the start of the log-in kept in the login cookie', async () => {
    const browser = new Browser(t.app);
    const picker = await browser.open(HIGH);
    // The login cookie says the log-in started later than the PIN will be entered.
    const key = transactionKey(SECRET);
    const transaction = openTransaction(cookieOf(browser, 'citizen_login'), key, new Date());
    expect(transaction?.startedAt).toBeLessThanOrEqual(Date.now());
    browser.jar.set(
      'citizen_login',
      sealTransaction({ ...transaction!, startedAt: Date.now() + 10 * 60 * 1000 }, key),
    );
    const refused = await pickAndEnterPin(browser, picker, erika.subject);
    expect(refused.statusCode).toBe(401);
    expect(refused.body).toContain('Anmeldung nicht gelungen');
    expect(sessionCookie(refused)).toBeUndefined();
  });

  test('Tim (ELSTER, SUBSTANTIELL) is logged in, but a service at level HOCH explains why not (403)', async () => {
    const browser = new Browser(t.app);
    const refused = await logIn(browser, HIGH, tim.subject);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('Anmeldung mit dem Personalausweis nötig');
    expect(refused.body).toContain('Vertrauensniveau „substanziell“');
    expect(refused.body).toContain('Vertrauensniveau „hoch“');
    expect(refused.body).toContain('AusweisApp');
    expect(refused.body).toContain('ELSTER-Zertifikat');
    expect(refused.body).toContain('href="/termine"');
    expect(refused.body).toContain('Angemeldet als <strong>Tim Wagner</strong>');
    expect(refused.body).toContain(`name="weiter" value="${HIGH}"`);

    const any = await browser.get(ANY);
    expect(any.statusCode).toBe(200);

    const english = await browser.get(HIGH, { cookie: `${browser.jar.header()}; lang=en` });
    expect(english.statusCode).toBe(403);
    expect(english.body).toContain('Log-in with the ID card needed');
    expect(english.body).toContain('trust level “substantial”');
    expect(english.body).toContain('Log out and log in again with the ID card');

    // "Log out and log in again": after the IdP's log-out the landing page offers the log-in for the service.
    const logout = await browser.post('/portal/abmelden', { _csrf: csrfTokenOf(refused.body), weiter: HIGH });
    const endSession = new URL(String(logout.headers.location));
    expect(endSession.searchParams.get('state')).toBe(HIGH);
    const confirm = await browser.get(String(logout.headers.location));
    const xsrf = confirm.body.match(/name="xsrf" value="([^"]+)"/)?.[1];
    const landing = await browser.follow(
      await browser.post('/dev-idp/session/end/confirm', { xsrf: xsrf!, logout: 'yes' }),
    );
    expect(browser.visited.at(-1)).toBe(`${ORIGIN}/portal/abgemeldet?state=${encodeURIComponent(HIGH)}`);
    expect(landing.body).toContain(`href="/portal/anmelden?weiter=${encodeURIComponent(HIGH)}"`);
  });

  test('cancel at the IdP: a clear page with "log in again", no session, never a 500', async () => {
    const browser = new Browser(t.app);
    const picker = await browser.open(HIGH);
    const uid = interactionUid(browser);
    const cancelled = await browser.follow(
      await browser.post(`/dev-idp/interaction/${uid}/abbrechen`, { _csrf: csrfTokenOf(picker.body) }),
    );
    expect(browser.visited.some((url) => url.includes('error=access_denied'))).toBe(true);
    expect(cancelled.statusCode).toBe(401);
    expect(cancelled.body).toContain('Anmeldung abgebrochen');
    expect(cancelled.body).toContain(`href="/portal/anmelden?weiter=${encodeURIComponent(HIGH)}"`);
    expect(sessionCookie(cancelled)).toBeUndefined();
    expect((await browser.get(HIGH)).statusCode).toBe(303);
  });

  test('tampered state, a replayed callback or no transaction: error pages, never a 500', async () => {
    const browser = new Browser(t.app);
    const picker = await browser.open(HIGH);
    const uid = interactionUid(browser);
    const chosen = await browser.follow(
      await browser.post(`/dev-idp/interaction/${uid}`, {
        _csrf: csrfTokenOf(picker.body),
        person: erika.subject,
      }),
    );
    let response = await browser.post(`/dev-idp/interaction/${uid}/pin`, {
      _csrf: csrfTokenOf(chosen.body),
      pin: '123456',
    });
    while (!String(response.headers.location).includes('/portal/anmelden/rueckkehr')) {
      response = await browser.get(String(response.headers.location));
    }
    const callback = new URL(String(response.headers.location));
    const tampered = new URL(callback);
    tampered.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    const invalid = await browser.get(tampered.href);
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('Anmeldung ungültig');
    expect(invalid.body).toContain(`href="/portal/anmelden?weiter=${encodeURIComponent(HIGH)}"`);
    expect(sessionCookie(invalid)).toBeUndefined();

    // The transaction cookie is gone now: the genuine callback cannot be used any more either.
    const replay = await browser.get(callback.href);
    expect(replay.statusCode).toBe(400);
    expect(replay.body).toContain('Anmeldung abgelaufen');

    const forged = new Browser(t.app);
    forged.jar.set('citizen_login', 'Zm9yZ2Vk');
    const noTransaction = await forged.get('/portal/anmelden/rueckkehr?code=abc&state=def');
    expect(noTransaction.statusCode).toBe(400);
    expect(noTransaction.body).toContain('Anmeldung abgelaufen');
    const idpError = await forged.get('/portal/anmelden/rueckkehr?error=server_error');
    expect(idpError.statusCode).toBe(400);
  });

  test('PIN page: format errors cost no try, three wrong PINs block it; no person chosen is a field error', async () => {
    const browser = new Browser(t.app);
    const picker = await browser.open(HIGH);
    const uid = interactionUid(browser);

    const none = await browser.post(`/dev-idp/interaction/${uid}`, { _csrf: csrfTokenOf(picker.body) });
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('Bitte wählen Sie eine der angebotenen Möglichkeiten.');
    expect(none.body).toContain('href="#person"');

    const pinPage = await browser.follow(
      await browser.post(`/dev-idp/interaction/${uid}`, {
        _csrf: csrfTokenOf(none.body),
        person: erika.subject,
      }),
    );
    const short = await browser.post(`/dev-idp/interaction/${uid}/pin`, {
      _csrf: csrfTokenOf(pinPage.body),
      pin: '12',
    });
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain('Die PIN besteht aus genau 6 Ziffern.');
    expect(short.body).toContain('Verbleibende Versuche: 3');
    const empty = await browser.post(`/dev-idp/interaction/${uid}/pin`, {
      _csrf: csrfTokenOf(short.body),
      pin: '',
    });
    expect(empty.body).toContain('Bitte geben Sie Ihre PIN ein.');

    let last = empty;
    for (const expected of [422, 422, 423]) {
      last = await browser.post(`/dev-idp/interaction/${uid}/pin`, {
        _csrf: csrfTokenOf(last.body),
        pin: '000000',
      });
      expect(last.statusCode).toBe(expected);
    }
    expect(last.body).toContain('PIN gesperrt');
    expect(last.body).not.toContain('name="pin"');
    // Even the right PIN does not help now.
    const blocked = await browser.post(`/dev-idp/interaction/${uid}/pin`, {
      _csrf: csrfTokenOf(last.body),
      pin: '123456',
    });
    expect(blocked.statusCode).toBe(423);

    const cancelled = await browser.follow(
      await browser.post(`/dev-idp/interaction/${uid}/abbrechen`, { _csrf: csrfTokenOf(blocked.body) }),
    );
    expect(cancelled.statusCode).toBe(401);
  });

  test('an interaction of another browser or an unknown one: a clear 400 page', async () => {
    const browser = new Browser(t.app);
    await browser.open(HIGH);
    const uid = interactionUid(browser);
    const stranger = new Browser(t.app);
    const foreign = await stranger.get(`/dev-idp/interaction/${uid}`);
    expect(foreign.statusCode).toBe(400);
    expect(foreign.body).toContain('Anmeldung abgelaufen');
    const unknown = await browser.get('/dev-idp/interaction/unknown-uid');
    expect(unknown.statusCode).toBe(400);
  });

  test('a foreign return path falls back to the citizen area', async () => {
    const browser = new Browser(t.app);
    await logIn(browser, `/portal/anmelden?weiter=${encodeURIComponent('//evil.example/x')}`, erika.subject);
    expect(browser.visited.at(-1)).toBe('/mein-bereich');

    // Paths that normalise to `//evil.com`: at the log-in of a logged-in citizen (redirected at once),
    // at the log-out and on the logged-out page.
    for (const weiter of [
      '/..//evil.com',
      '/.//evil.com',
      '/%2e%2e//evil.com',
      '/\\evil.com',
      '/\t/evil.com',
    ]) {
      const again = await browser.get(`/portal/anmelden?weiter=${encodeURIComponent(weiter)}`);
      expect(again.statusCode).toBe(303);
      expect(again.headers.location).toBe('/mein-bereich');
      const loggedOut = await browser.get(`/portal/abgemeldet?state=${encodeURIComponent(weiter)}`);
      expect(loggedOut.statusCode).toBe(200);
      expect(loggedOut.body).not.toContain('href="/portal/anmelden?weiter=');
    }
    const page = await browser.get(ANY);
    const logout = await browser.post('/portal/abmelden', {
      _csrf: csrfTokenOf(page.body),
      weiter: '/..//evil.com',
    });
    expect(new URL(String(logout.headers.location)).searchParams.get('state')).toBeNull();
    expect(String(logout.headers.location)).not.toContain('evil.com');
  });
});

describe('citizen log-in without an identity provider', () => {
  let t: EidTestApp;
  beforeAll(async () => {
    t = await eidTestApp({ BUERGERAMT_DEMO: 'off', BUERGERAMT_COOKIE_SECRET: SECRET });
  });
  afterAll(async () => {
    await t.close();
  });

  test('the portal log-in says it is not configured (503); no dev IdP outside demo mode', async () => {
    const browser = new Browser(t.app);
    const login = await browser.get('/portal/anmelden');
    expect(login.statusCode).toBe(503);
    expect(login.body).toContain('Anmeldung zurzeit nicht möglich');
    expect((await browser.get(HIGH)).statusCode).toBe(503);
    expect((await browser.get('/dev-idp/.well-known/openid-configuration')).statusCode).toBe(404);
  });
});

describe('citizen log-in with an unreachable identity broker', () => {
  let t: EidTestApp;
  beforeAll(async () => {
    t = await eidTestApp({
      BUERGERAMT_OIDC_ISSUER: 'http://127.0.0.1:9/realms/buerger',
      BUERGERAMT_OIDC_CLIENT_ID: 'buergeramt',
      BUERGERAMT_OIDC_CLIENT_SECRET: 'secret',
    });
  });
  afterAll(async () => {
    await t.close();
  });

  test('502 page with "try again"; the broker origin may receive our log-out form redirect (CSP)', async () => {
    const browser = new Browser(t.app);
    const login = await browser.get(`/portal/anmelden?weiter=${encodeURIComponent(HIGH)}`);
    expect(login.statusCode).toBe(502);
    expect(login.body).toContain('Anmeldedienst nicht erreichbar');
    expect(login.body).toContain(`href="/portal/anmelden?weiter=${encodeURIComponent(HIGH)}"`);
    expect(login.headers['content-security-policy']).toContain("form-action 'self' http://127.0.0.1:9");
    expect((await browser.get('/dev-idp/.well-known/openid-configuration')).statusCode).toBe(404);
  });
});
