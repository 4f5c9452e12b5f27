import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type Services } from '../../src/app.js';
import { loadConfig } from '../../src/platform/config/config.js';
import { type DatabaseHandle, openDatabase } from '../../src/platform/db/database.js';
import { openTestDatabase } from './test-database.js';

export { openTestDatabase };

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  database: DatabaseHandle;
  close(): Promise<void>;
}

/**
 * A second app node on the same PostgreSQL database as `t` (its own pool, caches and event listener),
 * for tests of what travels between nodes; undefined on PGlite (one process only).
 */
export async function secondNode(
  t: TestApp,
  options: { now?: () => Date; listen?: boolean } = {},
): Promise<
  | { app: FastifyInstance; database: DatabaseHandle; url: string | undefined; close(): Promise<void> }
  | undefined
> {
  if (t.database.kind !== 'postgres') return undefined;
  const database = await openDatabase({
    kind: 'postgres',
    url: (t.database.pool as unknown as { options: { connectionString: string } }).options.connectionString,
    poolSize: 4,
  });
  const { app } = await buildApp({
    config: loadConfig({ BUERGERAMT_DEMO: 'on', BUERGERAMT_CAPTCHA: 'off', BUERGERAMT_RATE_LIMIT: 'off' }),
    database,
    cookieSecret: 'test-secret-test-secret-test-secret-0123',
    logger: false,
    ...(options.now ? { now: options.now } : {}),
  });
  let url: string | undefined;
  if (options.listen) url = await app.listen({ port: 0, host: '127.0.0.1' });
  else await app.ready();
  return {
    app,
    database,
    url,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export async function createTestApp(
  options: {
    now?: () => Date;
    env?: Record<string, string>;
    /** Runs on the built app before it is made ready (e.g. to register a handler or add a hook). */
    setup?: (built: Pick<TestApp, 'app' | 'services'>) => void;
  } = {},
): Promise<TestApp> {
  const database = await openTestDatabase();
  // Captcha and rate limits have their own tests; elsewhere they would only slow the tests down.
  const config = loadConfig({
    BUERGERAMT_DEMO: 'on',
    LOG_LEVEL: 'silent',
    BUERGERAMT_CAPTCHA: 'off',
    BUERGERAMT_RATE_LIMIT: 'off',
    // The local register and payment provider answer at once in tests (demo mode gives them latency).
    BUERGERAMT_REGISTER_DELAY_MS: '0',
    BUERGERAMT_PAYMENT_DELAY_MS: '0',
    ...options.env,
  });
  const { app, services } = await buildApp({
    config,
    database,
    cookieSecret: 'test-secret-test-secret-test-secret-0123',
    logger: false,
    ...(options.now ? { now: options.now } : {}),
  });
  options.setup?.({ app, services });
  await app.ready();
  return {
    app,
    services,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export const demoPasswords = {
  admin: 'admin-demo-2026',
  teamleitung: 'team-demo-2026',
  sachbearbeitung: 'sachb-demo-2026',
} as const;

/** A cookie jar that follows Set-Cookie headers, enough for app.inject tests. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: LightMyRequestResponse): void {
    for (const cookie of response.cookies as Array<{
      name: string;
      value: string;
      maxAge?: number;
      expires?: Date;
    }>) {
      const expired =
        cookie.maxAge === 0 ||
        (cookie.expires && cookie.expires.getTime() <= Date.now() && cookie.value === '');
      if (expired || cookie.value === '') this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  set(name: string, value: string): void {
    this.cookies.set(name, value);
  }
}

/** Extracts the CSRF token of the first form on a page. */
export function csrfTokenOf(html: string): string {
  const match = html.match(/name="_csrf" value="([^"]+)"/);
  if (!match?.[1]) throw new Error('no CSRF token on the page');
  return match[1];
}

export interface Browserish {
  jar: CookieJar;
  get(url: string): Promise<LightMyRequestResponse>;
  /** Fetches a CSRF token from `formPage` (default: the URL itself for GET-able forms) and posts the fields. */
  post(
    url: string,
    fields: Record<string, string | string[]>,
    formPage?: string,
  ): Promise<LightMyRequestResponse>;
}

/** A visitor with cookies: GETs pages, posts forms with the CSRF token of a page it has loaded. */
export function visitor(app: FastifyInstance, jar = new CookieJar()): Browserish {
  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url, headers: { cookie: jar.header() } });
    jar.store(response);
    return response;
  };
  const post = async (url: string, fields: Record<string, string | string[]>, formPage?: string) => {
    const page = await get(formPage ?? '/barrierefreiheit/rueckmeldung');
    const token = csrfTokenOf(page.body);
    const body = new URLSearchParams();
    body.append('_csrf', token);
    for (const [key, value] of Object.entries(fields)) {
      for (const item of Array.isArray(value) ? value : [value]) body.append(key, item);
    }
    const response = await app.inject({
      method: 'POST',
      url,
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
    jar.store(response);
    return response;
  };
  return { jar, get, post };
}

/** A logged-in member of staff. Forms are posted with a CSRF token from the dashboard page. */
export async function staffSession(
  app: FastifyInstance,
  username: keyof typeof demoPasswords,
): Promise<Browserish> {
  const browser = visitor(app);
  const response = await browser.post(
    '/verwaltung/anmelden',
    { username, password: demoPasswords[username] },
    '/verwaltung/anmelden',
  );
  if (response.statusCode !== 303) throw new Error(`log-in as ${username} failed: ${response.statusCode}`);
  return {
    jar: browser.jar,
    get: browser.get,
    post: (url, fields, formPage) => browser.post(url, fields, formPage ?? '/verwaltung'),
  };
}
