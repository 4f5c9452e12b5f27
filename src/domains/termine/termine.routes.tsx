import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ComponentChildren } from 'preact';
import type { Services } from '../../app.js';
import { CaptchaField } from '../../platform/captcha/captcha.widget.js';
import { ConflictError, NotFoundError } from '../../platform/errors/errors.js';
import type { Lang } from '../../platform/i18n/i18n.js';
import { rateLimitHook } from '../../platform/rate-limit/rate-limit.js';
import { addDays, berlinDateOf, isValidDate } from '../../platform/time/berlin-time.js';
import type { PageContext } from '../../platform/views/page-context.js';
import type { Leistung } from '../leistungen/leistungen.repository.js';
import type { Location } from '../locations/locations.repository.js';
import { monthGrid } from './availability.rules.js';
import {
  type FlowState,
  firstOfMonth,
  flowUrl,
  isBookingCode,
  isLocationId,
  isUuid,
  lastOfMonth,
  MAX_SERVICES,
  monthOf,
  moveOf,
  parseCancelForm,
  parseDetailsForm,
  parseMonth,
  parseReserveForm,
  parseServiceIds,
  shiftMonth,
  single,
} from './termine.form.js';
import { termineMessages } from './termine.messages.js';
import type { Appointment } from './termine.repository.js';
import {
  CalendarPage,
  ChooseLocationPage,
  ChooseServicesPage,
  DetailsPage,
  type DetailsProblem,
  ExpiredPage,
  LinkProblemPage,
  MailboxPage,
  ManagePage,
  type TimesNotice,
  TimesPage,
} from './termine.views.js';

type Query = Record<string, string | string[] | undefined>;

// ---- captcha (ALTCHA proof of work, src/platform/captcha; a signed fallback token without JavaScript)

function captchaField(services: Services, lang: Lang): ComponentChildren {
  return (
    <CaptchaField
      lang={lang}
      enabled={services.captcha.enabled}
      fallbackToken={services.captcha.fallbackChallenge()}
    />
  );
}

async function captchaPassed(services: Services, body: Record<string, unknown>): Promise<boolean> {
  const payload = typeof body.captcha === 'string' && body.captcha ? body.captcha : undefined;
  const fallback = typeof body.captcha_fallback === 'string' ? body.captcha_fallback : undefined;
  return services.captcha.verify(payload, fallback);
}

// ---- helpers

/** Pages with a reservation, personal data or a manage token are never stored by caches. */
function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
}

async function servicesByIds(services: Services, ids: string[], forStaff = false): Promise<Leistung[]> {
  return Promise.all(
    ids.map((id) => (forStaff ? services.leistungen.getForStaff(id) : services.leistungen.get(id))),
  );
}

function stateOf(query: Query): FlowState {
  const locationId = single(query.standort);
  return {
    serviceIds: parseServiceIds(query.leistungen).slice(0, MAX_SERVICES),
    locationId: isLocationId(locationId) ? locationId : undefined,
    move: moveOf(query),
  };
}

/** Back to the calendar of an appointment's services, location and month. */
function restartHref(appointment: Appointment): string {
  return flowUrl('/termine/kalender', {
    serviceIds: appointment.serviceIds,
    locationId: appointment.locationId,
    month: monthOf(berlinDateOf(appointment.startsAt)),
  });
}

/** Which of the service's conflicts a details submission ran into. */
function problemOf(error: ConflictError): DetailsProblem {
  if (/abgelaufen/.test(error.userMessage)) return 'expired';
  if (/bereits \d+ Termine/.test(error.userMessage)) return 'limitCount';
  return 'limitService';
}

/** Citizen pages of the online booking: services → location → day → time → details → opt-in → manage. */
export async function termineRoutes(app: FastifyInstance, services: Services) {
  const { termine } = services;

  const bookable = async () =>
    (await services.leistungen.list()).filter((leistung) => leistung.bookableOnline);

  /** Step 2, also re-rendered with an error when the location form was sent without a choice. */
  async function locationStep(
    ctx: PageContext,
    reply: FastifyReply,
    state: FlowState,
    error?: string,
  ): Promise<FastifyReply> {
    const t = termineMessages(ctx.lang);
    const all = await bookable();
    const byId = new Map(all.map((leistung) => [leistung.id, leistung]));
    const chosen = state.serviceIds.map((id) => byId.get(id)).filter((l): l is Leistung => l !== undefined);
    if (chosen.length === 0 || chosen.length !== state.serviceIds.length) {
      return reply
        .status(422)
        .page(
          <ChooseServicesPage
            ctx={ctx}
            services={all}
            selected={chosen.map((l) => l.id)}
            error={t('servicesRequired')}
            move={state.move}
          />,
        );
    }
    const [locationIds, locations] = await Promise.all([
      services.leistungen.locationIdsByLeistung(state.serviceIds),
      services.locations.list(),
    ]);
    const offering = locations.filter((location) =>
      state.serviceIds.every((id) => locationIds.get(id)?.includes(location.id)),
    );
    if (error) reply.status(422);
    return reply.page(
      <ChooseLocationPage ctx={ctx} state={state} leistungen={chosen} locations={offering} error={error} />,
    );
  }

  /** The selection behind steps 3 and 4: services and location (404 when unknown). */
  async function selection(state: FlowState): Promise<{ leistungen: Leistung[]; location: Location }> {
    const [leistungen, location] = await Promise.all([
      servicesByIds(services, state.serviceIds),
      services.locations.get(state.locationId!),
    ]);
    return { leistungen, location };
  }

  async function timesStep(
    ctx: PageContext,
    reply: FastifyReply,
    state: FlowState,
    day: string,
    notice?: TimesNotice,
  ): Promise<FastifyReply> {
    const { leistungen, location } = await selection(state);
    const availability = await termine.availability({
      locationId: location.id,
      serviceIds: state.serviceIds,
      from: day,
      to: day,
    });
    const slots = availability.days.find((entry) => entry.date === day)?.slots ?? [];
    if (notice === 'taken') reply.status(409);
    else if (notice) reply.status(422);
    return reply.page(
      <TimesPage
        ctx={ctx}
        state={state}
        leistungen={leistungen}
        location={location}
        durationMinutes={availability.durationMinutes}
        day={day}
        slots={slots}
        captcha={captchaField(services, ctx.lang)}
        notice={notice}
      />,
    );
  }

  // Step 1: services
  // The same per-IP budgets as the JSON API (shared groups), so pages are no way around them.
  const availabilityLimit = rateLimitHook(services.rateLimiter, {
    group: 'availability',
    limit: 60,
    windowSeconds: 60,
  });
  const reservationLimit = rateLimitHook(services.rateLimiter, {
    group: 'reservation',
    limit: 10,
    windowSeconds: 600,
  });

  app.get<{ Querystring: Query }>('/termine', async (request, reply) => {
    const ctx = request.pageContext();
    const selected = parseServiceIds([
      single(request.query.leistung),
      ...parseServiceIds(request.query.leistungen),
    ]);
    return reply.page(
      <ChooseServicesPage
        ctx={ctx}
        services={await bookable()}
        selected={selected}
        move={moveOf(request.query)}
      />,
    );
  });

  // Step 2: location
  app.get<{ Querystring: Query }>('/termine/standort', async (request, reply) => {
    const ctx = request.pageContext();
    const state = stateOf(request.query);
    if (parseServiceIds(request.query.leistungen).length > MAX_SERVICES) {
      return reply
        .status(422)
        .page(
          <ChooseServicesPage
            ctx={ctx}
            services={await bookable()}
            selected={state.serviceIds}
            error={termineMessages(ctx.lang)('servicesTooMany', { max: MAX_SERVICES })}
            move={state.move}
          />,
        );
    }
    return locationStep(ctx, reply, state);
  });

  // Step 3: calendar of a month
  app.get<{ Querystring: Query }>(
    '/termine/kalender',
    { preHandler: availabilityLimit },
    async (request, reply) => {
      const ctx = request.pageContext();
      const state = stateOf(request.query);
      if (state.serviceIds.length === 0) return reply.redirect('/termine', 303);
      if (!state.locationId) {
        return locationStep(ctx, reply, state, termineMessages(ctx.lang)('locationRequired'));
      }
      const { leistungen, location } = await selection(state);
      const policy = await termine.policy(location.id);
      const today = services.locations.today();
      const first = addDays(today, policy.earliestDaysAhead);
      const last = addDays(today, policy.latestDaysAhead);
      const requested = single(request.query.monat);
      let month = parseMonth(requested) ? requested : null;
      if (month && month < monthOf(first)) month = monthOf(first);
      if (month && month > monthOf(last)) month = monthOf(last);
      // One availability call per page: the month asked for, or (first visit) the whole window, to open
      // the first month with free times and to know when nothing at all is free.
      const from = month && firstOfMonth(month) > first ? firstOfMonth(month) : first;
      const to = month && lastOfMonth(month) < last ? lastOfMonth(month) : last;
      const availability = await termine.availability({
        locationId: location.id,
        serviceIds: state.serviceIds,
        from,
        to,
      });
      const nothingFree = !month && availability.days.length === 0;
      month ??= availability.days[0] ? monthOf(availability.days[0].date) : monthOf(first);
      const shown = month;
      const parsed = parseMonth(shown)!;
      const freeByDay = new Map(
        availability.days
          .filter((day) => day.date.startsWith(shown) && day.slots.length > 0)
          .map((day) => [day.date, day.slots.length]),
      );
      const tag = single(request.query.tag);
      return reply.page(
        <CalendarPage
          ctx={ctx}
          state={{ ...state, month: shown }}
          leistungen={leistungen}
          location={location}
          durationMinutes={availability.durationMinutes}
          data={{
            month: shown,
            weeks: monthGrid(parsed.year, parsed.month),
            freeByDay,
            previousMonth: shown > monthOf(first) ? shiftMonth(shown, -1) : null,
            nextMonth: shown < monthOf(last) ? shiftMonth(shown, 1) : null,
            nothingFree,
            lastDate: last,
            selectedDay: isValidDate(tag) ? tag : undefined,
          }}
        />,
      );
    },
  );

  // Step 4: times of a day
  app.get<{ Querystring: Query }>(
    '/termine/zeiten',
    { preHandler: availabilityLimit },
    async (request, reply) => {
      const ctx = request.pageContext();
      const state = stateOf(request.query);
      const day = single(request.query.tag);
      if (state.serviceIds.length === 0) return reply.redirect('/termine', 303);
      if (!state.locationId || !isValidDate(day)) {
        return reply.redirect(flowUrl('/termine/kalender', state), 303);
      }
      return timesStep(ctx, reply, state, day);
    },
  );

  app.post('/termine/reservieren', { preHandler: reservationLimit }, async (request, reply) => {
    const ctx = request.pageContext();
    const body = (request.body ?? {}) as Record<string, unknown>;
    const form = parseReserveForm(body, ctx.lang);
    const state: FlowState = {
      serviceIds: form.serviceIds,
      locationId: isLocationId(form.locationId) ? form.locationId : undefined,
      move: moveOf(body),
    };
    if (state.serviceIds.length === 0) return reply.redirect('/termine', 303);
    if (!state.locationId) return reply.redirect(flowUrl('/termine/standort', state), 303);
    if (!form.ok) return reply.redirect(flowUrl('/termine/kalender', state), 303);
    const day = berlinDateOf(form.data.start);
    if (!(await captchaPassed(services, body))) return timesStep(ctx, reply, state, day, 'captcha');
    if (state.move) {
      // The appointment being moved must exist and belong to the token (same neutral 404 otherwise).
      const old = await citizenAppointment(state.move.code, state.move.token);
      if (!old)
        return noStore(reply)
          .status(404)
          .page(<LinkProblemPage ctx={ctx} kind="invalid" />);
      if (old.status !== 'confirmed') {
        return noStore(reply)
          .status(409)
          .page(<LinkProblemPage ctx={ctx} kind="notMovable" />);
      }
    }
    let held: Appointment;
    try {
      held = await termine.reserve({
        locationId: state.locationId,
        serviceIds: state.serviceIds,
        start: form.data.start,
      });
    } catch (error) {
      if (error instanceof ConflictError) return timesStep(ctx, reply, state, day, 'taken');
      throw error;
    }
    if (!state.move) return reply.redirect(`/termine/angaben/${held.id}`, 303);
    // Moving: the new time is final and the old one cancelled in one transaction; contact data stays.
    const { code, token } = state.move;
    try {
      const moved = await termine.move(code, token, held.id);
      return reply.redirectWithFlash(
        `/termine/verwalten/${encodeURIComponent(moved.code)}?token=${encodeURIComponent(token)}`,
        termineMessages(ctx.lang)('movedFlash'),
      );
    } catch (error) {
      if (!(error instanceof ConflictError || error instanceof NotFoundError)) throw error;
      // Give the new time back at once instead of waiting for the hold to run out.
      await termine.cancel(held.id, { reason: null, by: 'citizen' }).catch(() => undefined);
      return noStore(reply)
        .status(409)
        .page(<LinkProblemPage ctx={ctx} kind="notMovable" />);
    }
  });

  // Step 5: details
  async function detailsStep(
    ctx: PageContext,
    reply: FastifyReply,
    appointment: Appointment,
    options: {
      values?: Record<string, unknown>;
      errors?: Record<string, string>;
      problem?: DetailsProblem;
    } = {},
  ): Promise<FastifyReply> {
    const [leistungen, location] = await Promise.all([
      servicesByIds(services, appointment.serviceIds, true),
      services.locations.getForAdmin(appointment.locationId),
    ]);
    if (options.problem) reply.status(409);
    else if (options.errors && Object.keys(options.errors).length > 0) reply.status(422);
    return noStore(reply).page(
      <DetailsPage
        ctx={ctx}
        appointment={appointment}
        leistungen={leistungen}
        location={location}
        values={options.values}
        errors={options.errors}
        problem={options.problem}
        restartHref={restartHref(appointment)}
      />,
    );
  }

  async function reservation(id: string): Promise<Appointment> {
    if (!isUuid(id)) throw new NotFoundError('Diese Reservierung gibt es nicht.');
    return termine.get(id);
  }

  app.get<{ Params: { id: string }; Querystring: Query }>('/termine/angaben/:id', async (request, reply) => {
    const ctx = request.pageContext();
    const appointment = await reservation(request.params.id);
    if (appointment.status === 'pending' || appointment.status === 'confirmed') {
      return reply.redirect(`/termine/postfach/${appointment.id}`, 303);
    }
    if (appointment.status !== 'held') return detailsStep(ctx, reply, appointment, { problem: 'expired' });
    return detailsStep(ctx, reply, appointment);
  });

  app.post<{ Params: { id: string }; Querystring: Query }>('/termine/angaben/:id', async (request, reply) => {
    const ctx = request.pageContext();
    const appointment = await reservation(request.params.id);
    if (appointment.status === 'pending' || appointment.status === 'confirmed') {
      return reply.redirect(`/termine/postfach/${appointment.id}`, 303);
    }
    if (appointment.status !== 'held') return detailsStep(ctx, reply, appointment, { problem: 'expired' });
    const form = parseDetailsForm(request.body, ctx.lang);
    if (!form.ok) return detailsStep(ctx, reply, appointment, { values: form.values, errors: form.errors });
    try {
      await termine.requestConfirmation(appointment.id, { ...form.data, lang: ctx.lang });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const problem = problemOf(error);
      const current = await termine.get(appointment.id);
      return detailsStep(ctx, reply, current, {
        values: problem === 'expired' ? {} : (request.body as Record<string, unknown>),
        problem,
      });
    }
    return reply.redirect(`/termine/postfach/${appointment.id}`, 303);
  });

  // Step 6: check the mailbox
  app.get<{ Params: { id: string } }>('/termine/postfach/:id', async (request, reply) => {
    const ctx = request.pageContext();
    const appointment = await reservation(request.params.id);
    if (appointment.status === 'held') return reply.redirect(`/termine/angaben/${appointment.id}`, 303);
    if (appointment.status !== 'pending' && appointment.status !== 'confirmed') {
      return noStore(reply)
        .status(409)
        .page(<ExpiredPage ctx={ctx} restartHref={restartHref(appointment)} />);
    }
    return noStore(reply).page(<MailboxPage ctx={ctx} appointment={appointment} />);
  });

  // Step 7: the link in the opt-in e-mail
  app.get<{ Params: { id: string }; Querystring: Query }>(
    '/termine/bestaetigen/:id',
    async (request, reply) => {
      const ctx = request.pageContext();
      const token = single(request.query.token);
      const invalid = () =>
        noStore(reply)
          .status(404)
          .page(<LinkProblemPage ctx={ctx} kind="invalid" />);
      if (!isUuid(request.params.id) || !token) return invalid();
      try {
        const confirmed = await termine.confirm(request.params.id, token);
        return reply.redirect(
          `/termine/verwalten/${encodeURIComponent(confirmed.code)}?token=${encodeURIComponent(token)}`,
          303,
        );
      } catch (error) {
        if (error instanceof NotFoundError) return invalid();
        if (error instanceof ConflictError) {
          return noStore(reply)
            .status(409)
            .page(<LinkProblemPage ctx={ctx} kind="expired" />);
        }
        throw error;
      }
    },
  );

  // Step 8: manage
  async function citizenAppointment(code: string, token: string): Promise<Appointment | null> {
    if (!isBookingCode(code) || !token) return null;
    try {
      return await termine.findForCitizen(code, token);
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }

  async function managePage(
    ctx: PageContext,
    reply: FastifyReply,
    appointment: Appointment,
    token: string,
    cancelError?: string,
  ): Promise<FastifyReply> {
    const [leistungen, location] = await Promise.all([
      servicesByIds(services, appointment.serviceIds, true),
      services.locations.getForAdmin(appointment.locationId),
    ]);
    if (cancelError) reply.status(422);
    return noStore(reply).page(
      <ManagePage
        ctx={ctx}
        appointment={appointment}
        leistungen={leistungen}
        location={location}
        token={token}
        cancelError={cancelError}
      />,
    );
  }

  app.get<{ Params: { code: string }; Querystring: Query }>(
    '/termine/verwalten/:code',
    async (request, reply) => {
      const ctx = request.pageContext();
      const token = single(request.query.token);
      const appointment = await citizenAppointment(request.params.code, token);
      if (!appointment)
        return noStore(reply)
          .status(404)
          .page(<LinkProblemPage ctx={ctx} kind="invalid" />);
      return managePage(ctx, reply, appointment, token);
    },
  );

  app.get<{ Params: { code: string }; Querystring: Query }>(
    '/termine/verwalten/:code/kalender.ics',
    async (request, reply) => {
      const ctx = request.pageContext();
      const token = single(request.query.token);
      const appointment = await citizenAppointment(request.params.code, token);
      if (!appointment)
        return noStore(reply)
          .status(404)
          .page(<LinkProblemPage ctx={ctx} kind="invalid" />);
      const ics = await termine.calendarFor(appointment, token);
      return noStore(reply)
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="termin-${appointment.code}.ics"`)
        .send(ics);
    },
  );

  app.post<{ Params: { code: string } }>('/termine/verwalten/:code/absagen', async (request, reply) => {
    const ctx = request.pageContext();
    const form = parseCancelForm(request.body, ctx.lang);
    const appointment = await citizenAppointment(request.params.code, form.token);
    if (!appointment)
      return noStore(reply)
        .status(404)
        .page(<LinkProblemPage ctx={ctx} kind="invalid" />);
    if (!form.ok) return managePage(ctx, reply, appointment, form.token, form.errors.absagen);
    const manage = `/termine/verwalten/${encodeURIComponent(appointment.code)}?token=${encodeURIComponent(form.token)}`;
    try {
      await termine.cancel(appointment.id, { reason: null, by: 'citizen' });
    } catch (error) {
      // Already cancelled or expired (a second click, the back button): the manage page says so.
      if (error instanceof ConflictError) return reply.redirect(manage, 303);
      throw error;
    }
    return reply.redirectWithFlash(manage, termineMessages(ctx.lang)('cancelledFlash'));
  });
}
