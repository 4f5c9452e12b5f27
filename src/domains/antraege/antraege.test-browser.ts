import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import {
  type Browserish,
  CookieJar,
  csrfTokenOf,
  type TestApp,
  visitor,
} from '../../../test/support/test-app.js';
import { testPersons } from '../../demo/test-persons.data.js';
import type { CitizenIdentity } from '../../platform/eid/citizen.js';
import { CITIZEN_SESSION_COOKIE } from '../../platform/eid/eid.plugin.js';

export interface UploadPart {
  name: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface CitizenBrowser extends Browserish {
  identity: CitizenIdentity;
  /** Posts a form of the page `url` (its CSRF token) to `action` (default: the page itself). */
  submit(
    url: string,
    fields: Record<string, string | string[]>,
    action?: string,
  ): Promise<LightMyRequestResponse>;
  /** Posts with the CSRF token of a page loaded earlier (`html`): a second click on an old form. */
  resubmit(html: string, action: string, fields: Record<string, string>): Promise<LightMyRequestResponse>;
  /** The same as multipart/form-data with files. */
  upload(url: string, fields: Record<string, string>, files: UploadPart[]): Promise<LightMyRequestResponse>;
  /** Follows a redirect (path of the Location header, also for absolute URLs). */
  follow(response: LightMyRequestResponse): Promise<LightMyRequestResponse>;
}

/** The eID identity of a demo test person (`subject` contains `key`, e.g. 'erika'). */
export function testIdentity(key: string): CitizenIdentity {
  const person = testPersons.find((candidate) => candidate.subject.includes(key));
  if (!person) throw new Error(`no test person ${key}`);
  return { subject: person.subject, ...person.eid };
}

export function pathOf(location: string | string[] | number | undefined): string {
  const url = new URL(String(location), 'http://localhost');
  return `${url.pathname}${url.search}`;
}

/** A browser logged in with the eID as a demo test person (a real citizen session of the eID plugin). */
export async function citizenBrowser(t: TestApp, key: string, lang?: 'de' | 'en'): Promise<CitizenBrowser> {
  const identity = testIdentity(key);
  const jar = new CookieJar();
  const session = await t.services.citizenSessions.start(identity, undefined);
  jar.set(CITIZEN_SESSION_COOKIE, t.app.signCookie(session.token));
  if (lang) jar.set('lang', lang);
  const browser = visitor(t.app, jar);
  const tokenOf = async (url: string) => csrfTokenOf((await browser.get(url)).body);
  return {
    ...browser,
    identity,
    submit: (url, fields, action) => browser.post(action ?? url, fields, url),
    async resubmit(html, action, fields) {
      const response = await t.app.inject({
        method: 'POST',
        url: action,
        headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrfTokenOf(html), ...fields }).toString(),
      });
      jar.store(response);
      return response;
    },
    async upload(url, fields, files) {
      const token = await tokenOf(url);
      const boundary = `----buergeramt${randomBytes(8).toString('hex')}`;
      const chunks: Buffer[] = [];
      const text = (value: string) => chunks.push(Buffer.from(value, 'utf8'));
      for (const [name, value] of Object.entries({ _csrf: token, ...fields })) {
        text(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
      }
      for (const file of files) {
        text(
          `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.contentType}\r\n\r\n`,
        );
        chunks.push(file.data);
        text('\r\n');
      }
      text(`--${boundary}--\r\n`);
      const response = await t.app.inject({
        method: 'POST',
        url,
        headers: { cookie: jar.header(), 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: Buffer.concat(chunks),
      });
      jar.store(response);
      return response;
    },
    follow: (response) => browser.get(pathOf(response.headers.location)),
  };
}
