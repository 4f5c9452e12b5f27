import type { FastifyInstance, FastifyReply, preHandlerAsyncHookHandler } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../app.js';
import { checkbox, parseForm } from '../../platform/forms/forms.js';
import { rateLimitHook } from '../../platform/rate-limit/rate-limit.js';
import type { PageContext } from '../../platform/views/page-context.js';
import { flowUrl, single } from '../termine/termine.form.js';
import { publicLookup, STATUS_RATE_LIMIT } from './dokumente.api.js';
import { dokumenteMessages } from './dokumente.messages.js';
import type { PublicStatus } from './dokumente.service.js';
import {
  type PickupPlace,
  SIGNUP_PATH,
  SIGNUP_SENT_PATH,
  SignupPage,
  SignupSentPage,
  type SignupValues,
  STATUS_PATH,
  StatusPage,
} from './dokumente.views.js';

type Query = Record<string, string | string[] | undefined>;

/** The service of the catalogue for collecting a finished document (booking link when bookable online). */
const PICKUP_SERVICE = 'ausweis-abholung';

/** A status answer (the serial number is in the URL) is neither cached nor passed on as referrer. */
function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
}

const signupSchema = z.object({
  nummer: z.string('required').min(1, 'required').max(100, 'tooLong'),
  code: z.string('required').min(1, 'required').max(40, 'tooLong'),
  email: z.string('required').min(1, 'required').max(254, 'tooLong').pipe(z.email('email')),
  einwilligung: z.unknown().refine(checkbox, 'required'),
});

function parseSignup(body: Record<string, unknown>, ctx: PageContext) {
  const t = dokumenteMessages(ctx.lang);
  const parsed = parseForm(signupSchema, body, ctx.lang);
  if (parsed.ok) return parsed;
  // The field's own words where the generic "please fill in" would say too little.
  const errors = { ...parsed.errors };
  if (errors.nummer && single(body.nummer) === '') errors.nummer = t('serialRequired');
  if (errors.code && single(body.code) === '') errors.code = t('codeRequired');
  if (errors.einwilligung) errors.einwilligung = t('consentRequired');
  // In the order of the fields on the page (the error summary keeps it).
  const ordered: Record<string, string> = {};
  for (const field of ['nummer', 'code', 'email', 'einwilligung']) {
    if (errors[field]) ordered[field] = errors[field];
  }
  return { ok: false as const, errors: ordered };
}

/** Citizen pages of ID documents: /ausweisstatus (status query) and the sign-up for the "ready" e-mail. */
export async function dokumenteRoutes(app: FastifyInstance, services: Services) {
  // One budget per IP shared with the API's status query; only queries count, not the empty form.
  const statusLimit = rateLimitHook(services.rateLimiter, STATUS_RATE_LIMIT);
  const limitQueries: preHandlerAsyncHookHandler = async function (request, reply) {
    if ((request.query as Query).nummer === undefined) return;
    return statusLimit.call(this, request, reply);
  };
  // Each sign-up is a guess at a code: a small budget.
  const signupLimit = rateLimitHook(services.rateLimiter, {
    group: 'document-signup',
    limit: 10,
    windowSeconds: 600,
  });

  /** The pickup place with its opening hours, and the booking link when pickup is bookable there online. */
  async function pickupPlace(status: PublicStatus): Promise<PickupPlace | undefined> {
    const locationId = status.pickup.locationId;
    const detail = await services.locations.detail(locationId).catch(() => undefined);
    if (!detail) return undefined;
    if (status.status !== 'bereit_zur_abholung') return { detail, bookingHref: null };
    const [service, offeredAt] = await Promise.all([
      services.leistungen.get(PICKUP_SERVICE).catch(() => undefined),
      services.leistungen.locationIdsByLeistung([PICKUP_SERVICE]),
    ]);
    const bookable = Boolean(service?.bookableOnline && offeredAt.get(PICKUP_SERVICE)?.includes(locationId));
    return {
      detail,
      bookingHref: bookable
        ? flowUrl('/termine/kalender', { serviceIds: [PICKUP_SERVICE], locationId })
        : null,
    };
  }

  app.get<{ Querystring: Query }>(STATUS_PATH, { preHandler: limitQueries }, async (request, reply) => {
    const ctx = request.pageContext();
    noStore(reply);
    const raw = request.query.nummer;
    if (raw === undefined) return reply.page(<StatusPage ctx={ctx} answer={{ kind: 'none' }} />);
    const input = (Array.isArray(raw) ? (raw[0] ?? '') : raw).trim();
    if (input === '') return reply.status(422).page(<StatusPage ctx={ctx} answer={{ kind: 'empty' }} />);
    const { serial, found } = await publicLookup(services.dokumente, input);
    if (!found) return reply.page(<StatusPage ctx={ctx} answer={{ kind: 'neutral', echo: serial }} />);
    const place = await pickupPlace(found);
    return reply.page(
      <StatusPage ctx={ctx} answer={{ kind: 'found', echo: serial, status: found, place }} />,
    );
  });

  app.get<{ Querystring: Query }>(SIGNUP_PATH, async (request, reply) => {
    const ctx = request.pageContext();
    const values: SignupValues = {
      nummer: single(request.query.nummer).slice(0, 40),
      code: '',
      email: '',
      consent: false,
    };
    return noStore(reply).page(<SignupPage ctx={ctx} values={values} />);
  });

  app.post(SIGNUP_PATH, { preHandler: signupLimit }, async (request, reply) => {
    const ctx = request.pageContext();
    const body = (request.body ?? {}) as Record<string, unknown>;
    const form = parseSignup(body, ctx);
    if (!form.ok) {
      const values: SignupValues = {
        nummer: single(body.nummer),
        code: single(body.code),
        email: single(body.email),
        consent: checkbox(body.einwilligung),
      };
      return noStore(reply)
        .status(422)
        .page(<SignupPage ctx={ctx} values={values} errors={form.errors} />);
    }
    // Right or wrong, known or not: the same answer. Only the service knows whether anything was stored.
    await services.dokumente.signUp({
      serialNumber: form.data.nummer,
      code: form.data.code,
      email: form.data.email,
      lang: ctx.lang,
    });
    return reply.redirect(SIGNUP_SENT_PATH, 303);
  });

  app.get(SIGNUP_SENT_PATH, async (request, reply) => {
    return noStore(reply).page(<SignupSentPage ctx={request.pageContext()} />);
  });
}
