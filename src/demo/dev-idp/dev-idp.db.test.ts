import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CookieJar, openTestDatabase } from '../../../test/support/test-app.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import {
  ANY,
  Browser,
  eidTestApp,
  erika,
  HIGH,
  logIn,
  ORIGIN,
  tim,
} from '../../platform/eid/eid.test-support.js';
import { devIdpAdapter } from './dev-idp.adapter.js';
import { devIdpKeys, devIdpStore } from './dev-idp.tables.js';

const ISSUER = `${ORIGIN}/dev-idp`;

describe('the development identity provider', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  test('discovery: our issuer, code flow with PKCE S256, the trust levels as acr, RP-initiated log-out', async () => {
    const t = await eidTestApp({}, database);
    try {
      const response = await t.app.inject({
        method: 'GET',
        url: '/dev-idp/.well-known/openid-configuration',
      });
      expect(response.statusCode).toBe(200);
      const metadata = response.json();
      expect(metadata).toMatchObject({
        issuer: ISSUER,
        authorization_endpoint: `${ISSUER}/auth`,
        token_endpoint: `${ISSUER}/token`,
        end_session_endpoint: `${ISSUER}/session/end`,
        response_types_supported: ['code'],
        code_challenge_methods_supported: ['S256'],
        acr_values_supported: ['NORMAL', 'SUBSTANTIELL', 'HOCH'],
      });
      expect(metadata.claims_supported).toEqual(
        expect.arrayContaining([
          'sub',
          'acr',
          'given_name',
          'family_name',
          'birthdate',
          'place_of_birth',
          'address',
        ]),
      );
    } finally {
      await t.close();
    }
  });

  test('an authorization request without PKCE is refused; an unknown client gets an accessible error page', async () => {
    const t = await eidTestApp({}, database);
    try {
      const withoutPkce = new URLSearchParams({
        client_id: 'buergeramt-demo',
        redirect_uri: `${ORIGIN}/portal/anmelden/rueckkehr`,
        response_type: 'code',
        scope: 'openid profile address',
        state: 'abc',
      });
      const refused = await t.app.inject({ method: 'GET', url: `/dev-idp/auth?${withoutPkce}` });
      expect(refused.statusCode).toBe(303);
      const back = new URL(String(refused.headers.location));
      expect(back.pathname).toBe('/portal/anmelden/rueckkehr');
      expect(back.searchParams.get('error')).toBe('invalid_request');
      expect(back.searchParams.get('error_description')).toContain('PKCE');

      const unknown = await t.app.inject({
        method: 'GET',
        url: '/dev-idp/auth?client_id=someone-else&response_type=code&scope=openid',
      });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.body).toContain('<html lang="de"');
      expect(unknown.body).toContain('<h1 class="kern-heading-x-large">Fehler bei der Anmeldung</h1>');
      expect(unknown.body).toContain('Fehlercode: invalid_client');
      expect(unknown.headers['content-security-policy']).toContain("script-src 'self'");
    } finally {
      await t.close();
    }
  });

  test('revoking a grant removes only the rows of that model: an interaction with the same grant stays', async () => {
    const Adapter = devIdpAdapter(database.db);
    const tokens = new Adapter('AccessToken');
    const interactions = new Adapter('Interaction');
    await tokens.upsert('token-1', { grantId: 'grant-1' }, 60);
    await interactions.upsert('interaction-1', { grantId: 'grant-1', uid: 'interaction-1' }, 60);
    await tokens.revokeByGrantId('grant-1');
    expect(await tokens.find('token-1')).toBeUndefined();
    expect(await interactions.find('interaction-1')).toMatchObject({ grantId: 'grant-1' });
  });

  test('another person logs in over an open IdP session: the IdP ends it and finishes the new log-in', async () => {
    const t = await eidTestApp({}, database);
    try {
      const first = new Browser(t.app);
      await logIn(first, HIGH, erika.subject);
      const jar = new CookieJar();
      for (const pair of first.jar.header().split('; ')) {
        const [name, ...value] = pair.split('=');
        if (name?.startsWith('dev_idp_')) jar.set(name, value.join('='));
      }
      // The same browser, our session gone: the picker again, and someone else chooses themself.
      const shared = new Browser(t.app, jar);
      const page = await logIn(shared, ANY, tim.subject);
      expect(shared.visited).toContain(`${ISSUER}/session/end/confirm`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Angemeldet als <strong>Tim Wagner</strong>');
    } finally {
      await t.close();
    }
  });

  test('signing key and IdP session are kept in the database: both survive a restart', async () => {
    const first = await eidTestApp({}, database);
    const browser = new Browser(first.app);
    await logIn(browser, HIGH, erika.subject);
    const jwks = (await first.app.inject({ method: 'GET', url: '/dev-idp/jwks' })).json();
    const keys = await database.db.select().from(devIdpKeys);
    expect(keys).toHaveLength(1);
    expect(jwks.keys.map((key: { kid: string }) => key.kid)).toEqual([keys[0]?.jwk.kid]);
    expect(JSON.stringify(jwks)).not.toContain('"d":');
    const sessions = await database.db.select().from(devIdpStore);
    expect(sessions.some((row) => row.model === 'Session')).toBe(true);
    await first.close();

    // A new app on the same database, the browser keeps only the IdP's cookies (our session is new).
    const second = await eidTestApp({}, database);
    try {
      const again = (await second.app.inject({ method: 'GET', url: '/dev-idp/jwks' })).json();
      expect(again).toEqual(jwks);
      const jar = new CookieJar();
      for (const pair of browser.jar.header().split('; ')) {
        const [name, ...value] = pair.split('=');
        if (name?.startsWith('dev_idp_')) jar.set(name, value.join('='));
      }
      const returning = new Browser(second.app, jar);
      // Our log-in asks for the person and PIN again whatever the IdP knows (prompt=login, max_age=0) …
      const picker = await returning.open(HIGH);
      expect(picker.statusCode).toBe(200);
      expect(returning.visited.some((url) => url.includes('/dev-idp/interaction/'))).toBe(true);
      expect(picker.body).toContain('Testperson');
      // … but the IdP session is still there: a request without them gets a code at once (single sign-on).
      const start = await returning.get(`/portal/anmelden?weiter=${encodeURIComponent(HIGH)}`);
      const authorization = new URL(String(start.headers.location));
      expect(authorization.searchParams.get('prompt')).toBe('login');
      expect(authorization.searchParams.get('max_age')).toBe('0');
      authorization.searchParams.delete('prompt');
      authorization.searchParams.delete('max_age');
      let response = await returning.get(authorization.href);
      for (let hops = 0; hops < 5 && !String(response.headers.location).includes('/rueckkehr'); hops++) {
        expect(response.statusCode).toBe(303);
        expect(String(response.headers.location)).not.toContain('/dev-idp/interaction/');
        response = await returning.get(String(response.headers.location));
      }
      expect(String(response.headers.location)).toMatch(/\/portal\/anmelden\/rueckkehr\?code=/);
    } finally {
      await second.close();
    }
  });
});
