import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { CookieJar, csrfTokenOf, openTestDatabase } from '../../../test/support/test-app.js';
import { buildApp } from '../../app.js';
import { testPersons } from '../../demo/test-persons.data.js';
import { loadConfig } from '../config/config.js';
import type { DatabaseHandle } from '../db/database.js';
import { CitizenLayout } from '../views/layout.js';

/** Test support for the citizen log-in: an app with protected test routes, and a browser for app.inject. */

export const SECRET = 'test-secret-test-secret-test-secret-0123';
export const ORIGIN = 'http://localhost:3000';
export const HIGH = '/mein-bereich/test-hoch';
export const ANY = '/mein-bereich/test-angemeldet';

export const erika = testPersons.find((person) => person.eid.givenNames === 'Erika')!;
export const tim = testPersons.find((person) => person.eid.givenNames === 'Tim')!;

export interface EidTestApp {
  app: FastifyInstance;
  database: DatabaseHandle;
  close(): Promise<void>;
}

/** The demo app plus two protected test routes (a service at level HOCH, and any log-in). */
export async function eidTestApp(
  env: Record<string, string> = {},
  database?: DatabaseHandle,
): Promise<EidTestApp> {
  const ownDatabase = database === undefined;
  const db = database ?? (await openTestDatabase());
  const config = loadConfig({
    BUERGERAMT_DEMO: 'on',
    LOG_LEVEL: 'silent',
    BUERGERAMT_CAPTCHA: 'off',
    BUERGERAMT_RATE_LIMIT: 'off',
    ...env,
  });
  const { app } = await buildApp({ config, database: db, cookieSecret: SECRET, logger: false });
  app.get(HIGH, { preHandler: app.requireCitizen('HOCH') }, async (request) => ({
    citizen: request.citizen,
  }));
  app.get(ANY, { preHandler: app.requireCitizen() }, async (request, reply) =>
    reply.page(
      <CitizenLayout ctx={request.pageContext()} title="Mein Bereich">
        <h1>Mein Bereich</h1>
      </CitizenLayout>,
    ),
  );
  await app.ready();
  return {
    app,
    database: db,
    close: async () => {
      await app.close();
      if (ownDatabase) await db.close();
    },
  };
}

function local(url: string): string {
  if (url.startsWith(ORIGIN)) return url.slice(ORIGIN.length) || '/';
  if (url.startsWith('/')) return url;
  throw new Error(`not a URL of this app: ${url}`);
}

/** A browser: cookies, forms with CSRF tokens, and redirects followed on request. */
export class Browser {
  /** Every URL visited by `follow`, in order. */
  readonly visited: string[] = [];

  constructor(
    private readonly app: FastifyInstance,
    readonly jar = new CookieJar(),
  ) {}

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({
      method: 'GET',
      url: local(url),
      headers: { cookie: this.jar.header(), ...headers },
    });
    this.jar.store(response);
    return response;
  }

  async post(url: string, fields: Record<string, string>): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({
      method: 'POST',
      url: local(url),
      headers: { cookie: this.jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });
    this.jar.store(response);
    return response;
  }

  /** Follows 30x answers (GET) until a page. */
  async follow(response: LightMyRequestResponse): Promise<LightMyRequestResponse> {
    let current = response;
    for (let hops = 0; hops < 12 && current.statusCode >= 300 && current.statusCode < 400; hops++) {
      const location = String(current.headers.location);
      this.visited.push(location);
      current = await this.get(location);
    }
    return current;
  }

  async open(url: string): Promise<LightMyRequestResponse> {
    return this.follow(await this.get(url));
  }
}

export function interactionUid(browser: Browser): string {
  const last = [...browser.visited].reverse().find((url) => url.includes('/dev-idp/interaction/'));
  const uid = last?.match(/\/dev-idp\/interaction\/([^/?]+)/)?.[1];
  if (!uid) throw new Error(`no interaction in ${browser.visited.join(' → ')}`);
  return uid;
}

/**
 * oidc-provider's self-submitting form (e.g. when another person logs in at the IdP over an open
 * session, it first ends that session): submitted as a browser would, then followed.
 */
async function submitAutoForm(
  browser: Browser,
  page: LightMyRequestResponse,
): Promise<LightMyRequestResponse> {
  const form = page.body.match(/<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/);
  if (!page.body.includes('document.forms[0].submit()') || !form?.[1]) return page;
  const fields: Record<string, string> = {};
  for (const input of (form[2] ?? '').matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
    if (input[1]) fields[input[1]] = input[2] ?? '';
  }
  browser.visited.push(form[1]);
  return browser.follow(await browser.post(form[1], fields));
}

/** From the person picker (already open) through the PIN page; returns the page after the callback. */
export async function pickAndEnterPin(
  browser: Browser,
  picker: LightMyRequestResponse,
  subject: string,
): Promise<LightMyRequestResponse> {
  const uid = interactionUid(browser);
  const chosen = await browser.post(`/dev-idp/interaction/${uid}`, {
    _csrf: csrfTokenOf(picker.body),
    person: subject,
  });
  expect(chosen.statusCode).toBe(303);
  const pinPage = await browser.follow(chosen);
  expect(pinPage.statusCode).toBe(200);
  const done = await browser.follow(
    await browser.post(`/dev-idp/interaction/${uid}/pin`, {
      _csrf: csrfTokenOf(pinPage.body),
      pin: '123456',
    }),
  );
  return submitAutoForm(browser, done);
}

/** The whole log-in of `subject`, starting at `target`. */
export async function logIn(
  browser: Browser,
  target: string,
  subject: string,
): Promise<LightMyRequestResponse> {
  const picker = await browser.open(target);
  expect(picker.statusCode).toBe(200);
  expect(picker.body).toContain('Testperson');
  return pickAndEnterPin(browser, picker, subject);
}

export function sessionCookie(response: LightMyRequestResponse) {
  return (
    response.cookies as Array<{ name: string; value: string; httpOnly?: boolean; sameSite?: string }>
  ).find((cookie) => cookie.name === 'citizen_session');
}
