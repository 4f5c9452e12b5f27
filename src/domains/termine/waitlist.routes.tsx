import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../app.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors/errors.js';
import { checkbox } from '../../platform/forms/forms.js';
import { rateLimitHook } from '../../platform/rate-limit/rate-limit.js';
import { addDays } from '../../platform/time/berlin-time.js';
import type { PageContext } from '../../platform/views/page-context.js';
import type { Leistung } from '../leistungen/leistungen.repository.js';
import type { Location } from '../locations/locations.repository.js';
import { isUuid, parseServiceIds, single } from './termine.form.js';
import type { Appointment } from './termine.repository.js';
import {
  linkToken,
  parseJoinForm,
  parseLocationIds,
  parseTimesOfDay,
  serviceFieldErrors,
} from './waitlist.form.js';
import { waitlistMessages } from './waitlist.messages.js';
import {
  ActivatedPage,
  type JoinFormValues,
  JoinMailboxPage,
  JoinPage,
  LeaveConfirmPage,
  NoticePage,
  OfferPage,
} from './waitlist.views.js';

type Query = Record<string, string | string[] | undefined>;

/** Pages with a personal link token are never stored by caches, nor is the token passed on as referrer. */
function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
}

const manageUrl = (code: string, token: string) =>
  `/termine/verwalten/${encodeURIComponent(code)}?token=${encodeURIComponent(token)}`;

/** Citizen pages of the waiting list ("Terminagent"): join, opt-in, leave, and the offers it makes. */
export async function waitlistRoutes(app: FastifyInstance, services: Services) {
  const { waitlist } = services;

  // The same per-IP budget as reserving a time (a shared group): each join sends an e-mail.
  const joinLimit = rateLimitHook(services.rateLimiter, {
    group: 'reservation',
    limit: 10,
    windowSeconds: 600,
  });

  const bookable = async () =>
    (await services.leistungen.list()).filter((leistung) => leistung.bookableOnline);

  /** Services and locations by id, in the order given (unknown ids are left out). */
  async function named(
    serviceIds: string[],
    locationIds: string[],
  ): Promise<{ leistungen: Leistung[]; locations: Location[] }> {
    const [allServices, allLocations] = await Promise.all([
      services.leistungen.list({ includeRetired: true }),
      services.locations.listAll(),
    ]);
    const serviceById = new Map(allServices.map((leistung) => [leistung.id, leistung]));
    const locationById = new Map(allLocations.map((location) => [location.id, location]));
    return {
      leistungen: serviceIds.flatMap((id) => serviceById.get(id) ?? []),
      locations: locationIds.flatMap((id) => locationById.get(id) ?? []),
    };
  }

  async function joinPage(
    ctx: PageContext,
    reply: FastifyReply,
    values: JoinFormValues,
    errors?: Record<string, string>,
  ): Promise<FastifyReply> {
    const [leistungen, locations] = await Promise.all([bookable(), services.locations.list()]);
    if (errors && Object.keys(errors).length > 0) reply.status(422);
    return noStore(reply).page(
      <JoinPage
        ctx={ctx}
        services={leistungen}
        locations={locations}
        values={values}
        errors={errors}
        offerHours={services.waitlist.offerHours}
      />,
    );
  }

  const problem = (
    ctx: PageContext,
    reply: FastifyReply,
    kind: 'invalid' | 'optInExpired' | 'offerExpired',
  ) => {
    const t = waitlistMessages(ctx.lang);
    const pages = {
      invalid: [404, t('linkInvalidTitle'), t('linkInvalidText')],
      optInExpired: [409, t('optInExpiredTitle'), t('optInExpiredText')],
      offerExpired: [
        409,
        t('offerExpiredTitle'),
        t('offerExpiredText', { hours: services.waitlist.offerHours }),
      ],
    } as const;
    const [status, title, text] = pages[kind];
    return noStore(reply)
      .status(status)
      .page(<NoticePage ctx={ctx} title={title} text={text} joinLink={kind !== 'invalid'} />);
  };

  // ---- join

  app.get<{ Querystring: Query }>('/termine/warteliste', async (request, reply) => {
    const ctx = request.pageContext();
    const today = services.locations.today();
    return joinPage(ctx, reply, {
      serviceIds: parseServiceIds([
        single(request.query.leistung),
        ...parseServiceIds(request.query.leistungen),
      ]),
      locationIds: parseLocationIds(request.query.standort, request.query.standorte),
      fromDate: addDays(today, 1),
      toDate: addDays(today, 30),
      timesOfDay: ['vormittag', 'nachmittag'],
      name: '',
      email: '',
      privacy: false,
    });
  });

  app.post('/termine/warteliste', { preHandler: joinLimit }, async (request, reply) => {
    const ctx = request.pageContext();
    const body = (request.body ?? {}) as Record<string, unknown>;
    const kept: JoinFormValues = {
      serviceIds: parseServiceIds(body.leistungen),
      locationIds: parseLocationIds(body.standorte),
      fromDate: single(body.von),
      toDate: single(body.bis),
      timesOfDay: parseTimesOfDay(body.tageszeiten),
      name: single(body.name),
      email: single(body.email),
      privacy: checkbox(body.datenschutz),
    };
    const form = parseJoinForm(body, ctx.lang);
    if (!form.ok) return joinPage(ctx, reply, kept, form.errors);
    try {
      await waitlist.join({ ...form.data, lang: ctx.lang });
    } catch (error) {
      if (error instanceof ValidationError) {
        return joinPage(ctx, reply, kept, serviceFieldErrors(error.fieldErrors, ctx.lang));
      }
      throw error;
    }
    return reply.redirect('/termine/warteliste/postfach', 303);
  });

  app.get('/termine/warteliste/postfach', async (request, reply) => {
    return noStore(reply).page(<JoinMailboxPage ctx={request.pageContext()} />);
  });

  // ---- the opt-in link

  app.get<{ Params: { id: string }; Querystring: Query }>(
    '/termine/warteliste/:id/bestaetigen',
    async (request, reply) => {
      const ctx = request.pageContext();
      const { id } = request.params;
      const token = linkToken(request.query.token);
      if (!isUuid(id) || !token) return problem(ctx, reply, 'invalid');
      try {
        const entry = await waitlist.activate(id, token);
        const { leistungen, locations } = await named(entry.serviceIds, entry.locationIds);
        return noStore(reply).page(
          <ActivatedPage
            offerHours={services.waitlist.offerHours}
            ctx={ctx}
            entry={entry}
            services={leistungen}
            locations={locations}
            leaveHref={`/termine/warteliste/${encodeURIComponent(id)}/abmelden?token=${encodeURIComponent(token)}`}
          />,
        );
      } catch (error) {
        if (error instanceof NotFoundError) return problem(ctx, reply, 'invalid');
        if (error instanceof ConflictError) return problem(ctx, reply, 'optInExpired');
        throw error;
      }
    },
  );

  // ---- leave: the link shows a confirmation, only the POST changes anything

  app.get<{ Params: { id: string }; Querystring: Query }>(
    '/termine/warteliste/:id/abmelden',
    async (request, reply) => {
      const ctx = request.pageContext();
      const token = linkToken(request.query.token);
      if (!isUuid(request.params.id) || !token) return problem(ctx, reply, 'invalid');
      return noStore(reply).page(<LeaveConfirmPage ctx={ctx} id={request.params.id} token={token} />);
    },
  );

  app.post<{ Params: { id: string } }>('/termine/warteliste/:id/abmelden', async (request, reply) => {
    const ctx = request.pageContext();
    const token = linkToken((request.body as Record<string, unknown> | undefined)?.token);
    if (!isUuid(request.params.id) || !token) return problem(ctx, reply, 'invalid');
    try {
      await waitlist.leave(request.params.id, token);
    } catch (error) {
      if (error instanceof NotFoundError) return problem(ctx, reply, 'invalid');
      throw error;
    }
    return reply.redirect('/termine/warteliste/abgemeldet', 303);
  });

  app.get('/termine/warteliste/abgemeldet', async (request, reply) => {
    const ctx = request.pageContext();
    const t = waitlistMessages(ctx.lang);
    return noStore(reply).page(<NoticePage ctx={ctx} title={t('leftTitle')} text={t('leftText')} />);
  });

  // ---- offers

  /** The offer behind a link, or null (unknown id or wrong token: the same neutral 404). */
  async function offerOf(id: string, token: string): Promise<Appointment | null> {
    if (!isUuid(id) || !token) return null;
    try {
      return await waitlist.findOffer(id, token);
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }

  app.get<{ Params: { id: string }; Querystring: Query }>('/termine/angebot/:id', async (request, reply) => {
    const ctx = request.pageContext();
    const token = linkToken(request.query.token);
    const offer = await offerOf(request.params.id, token);
    if (!offer) return problem(ctx, reply, 'invalid');
    // Accepted already (the back button, a second click in the e-mail): the booking itself.
    if (offer.status === 'confirmed') return reply.redirect(manageUrl(offer.code, token), 303);
    if (offer.status !== 'held') return problem(ctx, reply, 'offerExpired');
    const { leistungen, locations } = await named(offer.serviceIds, [offer.locationId]);
    return noStore(reply).page(
      <OfferPage ctx={ctx} offer={offer} services={leistungen} location={locations[0]!} token={token} />,
    );
  });

  app.post<{ Params: { id: string } }>('/termine/angebot/:id/annehmen', async (request, reply) => {
    const ctx = request.pageContext();
    const token = linkToken((request.body as Record<string, unknown> | undefined)?.token);
    if (!isUuid(request.params.id) || !token) return problem(ctx, reply, 'invalid');
    try {
      const booked = await waitlist.accept(request.params.id, token);
      return reply.redirectWithFlash(
        manageUrl(booked.code, token),
        waitlistMessages(ctx.lang)('acceptedFlash'),
      );
    } catch (error) {
      if (error instanceof NotFoundError) return problem(ctx, reply, 'invalid');
      if (error instanceof ConflictError) return problem(ctx, reply, 'offerExpired');
      throw error;
    }
  });

  app.post<{ Params: { id: string } }>('/termine/angebot/:id/ablehnen', async (request, reply) => {
    const ctx = request.pageContext();
    const token = linkToken((request.body as Record<string, unknown> | undefined)?.token);
    const offer = await offerOf(request.params.id, token);
    if (!offer) return problem(ctx, reply, 'invalid');
    if (offer.status === 'confirmed') return reply.redirect(manageUrl(offer.code, token), 303);
    if (offer.status !== 'held') return problem(ctx, reply, 'offerExpired');
    await waitlist.decline(offer.id, token);
    return reply.redirect('/termine/warteliste/abgelehnt', 303);
  });

  app.get('/termine/warteliste/abgelehnt', async (request, reply) => {
    const ctx = request.pageContext();
    const t = waitlistMessages(ctx.lang);
    return noStore(reply).page(<NoticePage ctx={ctx} title={t('declinedTitle')} text={t('declinedText')} />);
  });
}
