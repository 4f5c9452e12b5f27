import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Interaction, InteractionResults, default as Provider } from 'oidc-provider';
import { z } from 'zod';
import type { Database } from '../../platform/db/database.js';
import { DEV_IDP_PATH } from '../../platform/eid/eid.config.js';
import { parseForm, validationMessages } from '../../platform/forms/forms.js';
import { type TestPerson, testPersons } from '../test-persons.data.js';
import { devIdpAdapter } from './dev-idp.adapter.js';
import { devIdpSigningKey } from './dev-idp.keys.js';
import { devIdpMessages } from './dev-idp.messages.js';
import { createDevProvider, type DevIdpSettings, INTERACTION_SECONDS } from './dev-idp.provider.js';
import { ExpiredPage, PersonPage, PinPage } from './dev-idp.views.js';

export const DEMO_PIN = '123456';
/** Like the ID card: three tries (the card then wants the PUK). */
export const PIN_TRIES = 3;

export interface DevIdpOptions extends Omit<DevIdpSettings, 'signingKey' | 'adapter'> {
  db: Database;
}

interface PinState {
  subject: string;
  failures: number;
}

type Params = { uid: string };

/**
 * The built-in development identity provider (demo mode without an issuer), mounted at /dev-idp: it
 * behaves like BundID behind a broker. oidc-provider (a Koa app) answers its protocol endpoints; the
 * interaction pages (pick a test person, enter the PIN as in the AusweisApp, cancel) are ours.
 */
export const devIdpPlugin = fp<DevIdpOptions>(
  async (app: FastifyInstance, options) => {
    const adapter = devIdpAdapter(options.db);
    // Created on first use: an app (or test) that never logs a citizen in generates no key.
    let started: Promise<{ provider: Provider; callback: ReturnType<Provider['callback']> }> | undefined;
    const providerOf = () => {
      started ??= devIdpSigningKey(options.db).then(
        (signingKey) => {
          const provider = createDevProvider({ ...options, signingKey, adapter });
          return { provider, callback: provider.callback() };
        },
        (error: unknown) => {
          started = undefined;
          throw error;
        },
      );
      return started;
    };
    const issuer = new URL(options.issuer);
    const persons = new Map(testPersons.map((person) => [person.subject, person]));
    // The person chosen and the wrong PINs so far, per interaction (stored with the provider's state).
    const pinStore = new adapter('DevIdpPin');
    const pins = {
      get: async (uid: string) => (await pinStore.find(uid)) as PinState | undefined,
      set: (uid: string, state: PinState) => pinStore.upsert(uid, { ...state }, INTERACTION_SECONDS),
      delete: (uid: string) => pinStore.destroy(uid),
    };

    /**
     * The protocol endpoints go to oidc-provider untouched: hijacked in onRequest, before Fastify parses
     * the body (the provider reads it itself) and before our CSRF check (the token endpoint is called by
     * the client, not a browser form; the provider's forms carry its own xsrf token). Our security
     * headers (CSP) are copied onto the raw response; the provider adds hashes for its inline scripts.
     */
    const mount = async (request: FastifyRequest, reply: FastifyReply) => {
      const { callback } = await providerOf();
      reply.hijack();
      const raw = request.raw as IncomingMessage & { originalUrl?: string };
      const res = reply.raw;
      for (const [name, value] of Object.entries(reply.getHeaders())) {
        if (value !== undefined) res.setHeader(name, value as string);
      }
      const url = raw.url ?? DEV_IDP_PATH;
      raw.originalUrl = url;
      raw.url = url.slice(DEV_IDP_PATH.length) || '/';
      raw.headers.host = issuer.host;
      raw.headers['x-forwarded-host'] = issuer.host;
      raw.headers['x-forwarded-proto'] = issuer.protocol.replace(':', '');
      await new Promise<void>((resolve) => {
        res.once('finish', resolve);
        res.once('close', resolve);
        void callback(raw, res);
      });
    };
    app.route({
      method: ['GET', 'POST'],
      url: `${DEV_IDP_PATH}/*`,
      onRequest: mount,
      handler: async () => undefined,
    });

    const expired = (request: FastifyRequest, reply: FastifyReply) =>
      reply.status(400).page(<ExpiredPage lang={request.lang} portalHref={options.portalUrl} />);

    /** The interaction of this browser (its cookie) with this uid, or undefined. */
    const interactionOf = async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => {
      reply.header('cache-control', 'no-store');
      const { provider } = await providerOf();
      let details: Interaction;
      try {
        details = await provider.interactionDetails(request.raw, reply.raw);
      } catch {
        return undefined;
      }
      return details.uid === request.params.uid ? details : undefined;
    };

    const finish = async (request: FastifyRequest, reply: FastifyReply, result: InteractionResults) => {
      const { provider } = await providerOf();
      let returnTo: string;
      try {
        returnTo = await provider.interactionResult(request.raw, reply.raw, result, {
          mergeWithLastSubmission: false,
        });
      } catch {
        // Expired between the page and the answer.
        return expired(request, reply);
      }
      return reply.redirect(returnTo, 303);
    };

    /** What every interaction page gets: its language, the interaction and the CSRF token. */
    const pageProps = (request: FastifyRequest<{ Params: Params }>) => ({
      lang: request.lang,
      uid: request.params.uid,
      csrf: request.pageContext().csrf(),
    });

    const personPage = (
      request: FastifyRequest<{ Params: Params }>,
      reply: FastifyReply,
      extra: { selected?: string; error?: string } = {},
    ) => reply.page(<PersonPage {...pageProps(request)} persons={testPersons} {...extra} />);

    const pinPage = (
      request: FastifyRequest<{ Params: Params }>,
      reply: FastifyReply,
      person: TestPerson,
      state: PinState,
      error?: string,
    ) =>
      reply.page(
        <PinPage
          {...pageProps(request)}
          person={person}
          triesLeft={PIN_TRIES - state.failures}
          {...(error ? { error } : {})}
        />,
      );

    const base = `${DEV_IDP_PATH}/interaction/:uid`;

    app.get<{ Params: Params }>(base, async (request, reply) => {
      const details = await interactionOf(request, reply);
      if (!details) return expired(request, reply);
      return personPage(request, reply, { selected: (await pins.get(details.uid))?.subject ?? '' });
    });

    const personSchema = z.object({
      person: z.enum(testPersons.map((person) => person.subject) as [string, ...string[]], {
        error: 'choice',
      }),
    });
    app.post<{ Params: Params }>(base, async (request, reply) => {
      const details = await interactionOf(request, reply);
      if (!details) return expired(request, reply);
      const form = parseForm(personSchema, request.body, request.lang);
      if (!form.ok) {
        reply.status(422);
        return personPage(request, reply, {
          error: form.errors.person ?? validationMessages(request.lang)('choice'),
        });
      }
      await pins.set(details.uid, { subject: form.data.person, failures: 0 });
      return reply.redirect(`${DEV_IDP_PATH}/interaction/${encodeURIComponent(details.uid)}/pin`, 303);
    });

    app.get<{ Params: Params }>(`${base}/pin`, async (request, reply) => {
      const details = await interactionOf(request, reply);
      if (!details) return expired(request, reply);
      const state = await pins.get(details.uid);
      const person = state && persons.get(state.subject);
      if (!state || !person)
        return reply.redirect(`${DEV_IDP_PATH}/interaction/${encodeURIComponent(details.uid)}`, 303);
      return pinPage(request, reply, person, state);
    });

    app.post<{ Params: Params }>(`${base}/pin`, async (request, reply) => {
      const details = await interactionOf(request, reply);
      if (!details) return expired(request, reply);
      const state = await pins.get(details.uid);
      const person = state && persons.get(state.subject);
      if (!state || !person)
        return reply.redirect(`${DEV_IDP_PATH}/interaction/${encodeURIComponent(details.uid)}`, 303);
      const t = devIdpMessages(request.lang);
      if (state.failures >= PIN_TRIES) return pinPage(request, reply.status(423), person, state);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const pin = typeof body.pin === 'string' ? body.pin.trim() : '';
      // A malformed PIN does not reach the card: it costs no try.
      if (!pin) return pinPage(request, reply.status(422), person, state, t('pinRequired'));
      if (!/^\d{6}$/.test(pin)) return pinPage(request, reply.status(422), person, state, t('pinFormat'));
      if (pin !== DEMO_PIN) {
        state.failures += 1;
        await pins.set(details.uid, state);
        const triesLeft = PIN_TRIES - state.failures;
        const status = triesLeft > 0 ? 422 : 423;
        return pinPage(request, reply.status(status), person, state, t('pinWrong', { tries: triesLeft }));
      }
      await pins.delete(details.uid);
      const high = person.eid.trustLevel === 'HOCH';
      return finish(request, reply, {
        login: {
          accountId: person.subject,
          acr: person.eid.trustLevel,
          // RFC 8176: the ID card is a hardware key with a PIN; ELSTER a software certificate with a password.
          amr: high ? ['hwk', 'pin'] : ['swk', 'pwd'],
          remember: false,
        },
      });
    });

    app.post<{ Params: Params }>(`${base}/abbrechen`, async (request, reply) => {
      const details = await interactionOf(request, reply);
      if (!details) return expired(request, reply);
      await pins.delete(details.uid);
      return finish(request, reply, {
        error: 'access_denied',
        error_description: 'Die Anmeldung wurde abgebrochen.',
      });
    });
  },
  { name: 'dev-idp', dependencies: ['security', 'views'] },
);
