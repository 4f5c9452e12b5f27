import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../app.js';
import { actorOf } from '../../platform/audit/actor.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors/errors.js';
import { formValues } from '../../platform/forms/forms.js';
import {
  addDays,
  berlinDateOf,
  formatDate,
  formatTime,
  isValidDate,
} from '../../platform/time/berlin-time.js';
import {
  type FormErrors,
  type FormValues,
  isId,
  isUuid,
  normalizeDate,
  parseBookingForm,
  parseCancelForm,
  parseClosureForm,
  serviceIdsOf,
  str,
  toFormErrors,
} from './termine.admin.form.js';
import {
  BASE,
  BookingPage,
  CancelPage,
  CLOSING_ROLES,
  ClosurePage,
  DayPage,
  dayUrl,
  type LocationOption,
  type ServiceOption,
  type TimesState,
} from './termine.admin.views.js';
import type { Appointment } from './termine.repository.js';
import { closureRange, type TermineStaffService } from './termine.staff.service.js';

type Query = Record<string, string | string[] | undefined>;
type IdParams = { Params: { id: string } };

/**
 * Staff pages for appointments under /verwaltung/termine: day view, booking for callers (internal quota),
 * cancelling, closing a day or a time range (admin, teamleitung), marking no-shows.
 * TODO(lead): once `Services` has `termineStaff`, the intersection type below can become plain `Services`.
 */
export async function termineAdminRoutes(
  app: FastifyInstance,
  services: Services & { termineStaff: TermineStaffService },
) {
  const { termineStaff: staff, termine, locations, leistungen } = services;
  const anyStaff = { preHandler: app.requireStaff() };
  const closing = { preHandler: app.requireStaff(...CLOSING_ROLES) };
  const actor = (request: FastifyRequest) => actorOf(request.staff);

  const locationOptions = async (): Promise<LocationOption[]> =>
    (await locations.listAll()).map((location) => ({
      id: location.id,
      name: location.name.de,
      retired: Boolean(location.retiredAt),
    }));

  /** German names of all services, retired ones included (old appointments may name them). */
  const serviceNames = async (): Promise<Map<string, string>> =>
    new Map((await leistungen.list({ includeRetired: true })).map((l) => [l.id, l.name.de]));

  /** Active services offered at a location, by name. */
  const servicesAt = async (locationId: string): Promise<ServiceOption[]> => {
    const all = await leistungen.list();
    const byService = await leistungen.locationIdsByLeistung(all.map((l) => l.id));
    return all
      .filter((l) => byService.get(l.id)?.includes(locationId))
      .map((l) => ({ id: l.id, name: l.name.de }));
  };

  /** The location asked for, or the first active one. 404 for an unknown id. */
  const pickLocation = (all: LocationOption[], wanted: string): LocationOption => {
    if (wanted) {
      const found = isId(wanted) ? all.find((location) => location.id === wanted) : undefined;
      if (!found) throw new NotFoundError('Diesen Standort gibt es nicht.');
      return found;
    }
    const first = all.find((location) => !location.retired) ?? all[0];
    if (!first) throw new NotFoundError('Es gibt noch keinen Standort.');
    return first;
  };

  const findAppointment = async (id: string): Promise<Appointment> => {
    if (!isUuid(id)) throw new NotFoundError('Diesen Termin gibt es nicht.');
    return staff.get(id);
  };

  // -- day view

  app.get<{ Querystring: Query }>(BASE, anyStaff, async (request, reply) => {
    const query = formValues(request.query);
    const all = await locationOptions();
    const location = pickLocation(all, str(query, 'standort'));
    const dayValue = str(query, 'tag') ? normalizeDate(str(query, 'tag')) : staff.today();
    const valid = isValidDate(dayValue);
    const day = valid ? dayValue : null;
    const rows = day ? await staff.dayList(location.id, day) : [];
    if (!valid) reply.status(422);
    return reply.page(
      <DayPage
        ctx={request.pageContext()}
        locations={all}
        locationId={location.id}
        locationName={location.name}
        day={day}
        dayValue={dayValue}
        previousDay={day ? addDays(day, -1) : null}
        nextDay={day ? addDays(day, 1) : null}
        rows={rows}
        serviceNames={await serviceNames()}
        now={staff.currentTime()}
        errors={
          valid
            ? undefined
            : toFormErrors({ tag: 'Bitte geben Sie ein Datum im Format TT.MM.JJJJ oder JJJJ-MM-TT ein.' })
        }
      />,
    );
  });

  // -- booking for a caller

  /**
   * Renders the booking page. Step 2 (times and personal details) appears once location, services and
   * day are valid; the free times come from the internal quota.
   */
  const bookingPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: FormValues,
    errors: Record<string, string> = {},
    options: { askedForTimes?: boolean; status?: number } = {},
  ) => {
    const all = await locationOptions();
    const active = all.filter((location) => !location.retired);
    const wanted = str(values, 'standort');
    const location = pickLocation(active, wanted);
    const offered = await servicesAt(location.id);
    const chosen = serviceIdsOf(values.leistungen);
    const day = str(values, 'tag') ? normalizeDate(str(values, 'tag')) : '';
    const fieldErrors = { ...errors };
    let times: TimesState = { kind: 'none' };
    if (
      (options.askedForTimes ?? true) &&
      !fieldErrors.leistungen &&
      !fieldErrors.tag &&
      !fieldErrors.standort
    ) {
      if (chosen.length === 0) fieldErrors.leistungen = 'Bitte wählen Sie mindestens eine Leistung.';
      if (!isValidDate(day))
        fieldErrors.tag = 'Bitte geben Sie ein Datum im Format TT.MM.JJJJ oder JJJJ-MM-TT ein.';
      else if (day < staff.today()) fieldErrors.tag = 'Der Tag liegt in der Vergangenheit.';
      if (!fieldErrors.leistungen && !fieldErrors.tag) {
        try {
          const availability = await termine.availability({
            locationId: location.id,
            serviceIds: chosen,
            from: day,
            to: day,
            channel: 'internal',
          });
          const slots = availability.days.find((entry) => entry.date === day)?.slots ?? [];
          times =
            slots.length > 0
              ? { kind: 'offers', slots, durationMinutes: availability.durationMinutes }
              : { kind: 'empty', durationMinutes: availability.durationMinutes };
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          fieldErrors.leistungen = error.fieldErrors.serviceIds ?? error.userMessage;
        }
      }
    }
    const formErrors: FormErrors = toFormErrors(fieldErrors);
    if (options.status) reply.status(options.status);
    else if (formErrors.summary.length > 0) reply.status(422);
    return reply.page(
      <BookingPage
        ctx={request.pageContext()}
        locations={all}
        locationId={location.id}
        services={offered}
        values={{ ...values, tag: day, leistungen: chosen }}
        times={times}
        errors={formErrors}
      />,
    );
  };

  app.get<{ Querystring: Query }>(`${BASE}/neu`, anyStaff, async (request, reply) => {
    const values = formValues(request.query);
    if (!str(values, 'tag')) values.tag = staff.today();
    // A link from the day view has no services yet: step 1 only. The step-1 button sends aktion=zeiten.
    const askedForTimes = serviceIdsOf(values.leistungen).length > 0 || str(values, 'aktion') === 'zeiten';
    return bookingPage(request, reply, values, {}, { askedForTimes });
  });

  app.post(`${BASE}/neu`, anyStaff, async (request, reply) => {
    const form = parseBookingForm(request.body);
    if (!form.ok) return bookingPage(request, reply, form.values, form.errors.fields, { status: 422 });
    const input = form.data;
    let booked: Appointment;
    try {
      booked = await staff.book(actor(request), {
        locationId: input.standort,
        serviceIds: input.leistungen,
        start: input.start,
        name: input.name,
        email: input.email,
        phone: input.phone,
        note: input.note,
      });
    } catch (error) {
      const values = formValues(request.body);
      if (error instanceof ConflictError) {
        return bookingPage(
          request,
          reply,
          { ...values, start: '' },
          { start: 'Diese Zeit ist nicht mehr frei. Bitte wählen Sie eine andere.' },
          { status: 409 },
        );
      }
      if (error instanceof ValidationError) {
        const fields = error.fieldErrors;
        return bookingPage(
          request,
          reply,
          values,
          fields.serviceIds ? { leistungen: fields.serviceIds } : { tag: fields.from ?? error.userMessage },
          { status: 422 },
        );
      }
      throw error;
    }
    const day = berlinDateOf(booked.startsAt);
    return reply.redirectWithFlash(
      dayUrl(booked.locationId, day),
      `Der Termin am ${formatDate(day, 'de')} um ${formatTime(booked.startsAt)} Uhr ist gebucht. Buchungsnummer: ${booked.code}.`,
    );
  });

  // -- closing a day or a time range (before /:id routes, so "schliessen" is never taken for an id)

  app.get<{ Querystring: Query }>(`${BASE}/schliessen`, closing, async (request, reply) => {
    const query = formValues(request.query);
    const all = await locationOptions();
    const location = pickLocation(
      all.filter((l) => !l.retired),
      str(query, 'standort'),
    );
    const tag = str(query, 'tag') ? normalizeDate(str(query, 'tag')) : staff.today();
    return reply.page(
      <ClosurePage
        ctx={request.pageContext()}
        locations={all}
        values={{ standort: location.id, tag: isValidDate(tag) ? tag : '' }}
      />,
    );
  });

  app.post(`${BASE}/schliessen`, closing, async (request, reply) => {
    const all = await locationOptions();
    const form = parseClosureForm(request.body, staff.today());
    const rerender = (errors: FormErrors) =>
      reply
        .status(422)
        .page(
          <ClosurePage
            ctx={request.pageContext()}
            locations={all}
            values={formValues(request.body)}
            errors={errors}
          />,
        );
    if (!form.ok) return rerender(form.errors);
    const { standort, tag, von, bis, grund } = form.data;
    if (!all.some((location) => location.id === standort && !location.retired)) {
      return rerender(toFormErrors({ standort: 'Bitte wählen Sie einen der angebotenen Standorte.' }));
    }
    if (closureRange(tag, von, bis).to <= staff.currentTime()) {
      return rerender(toFormErrors({ bis: 'Dieser Zeitraum ist schon vorbei.' }));
    }
    const probe = (await servicesAt(standort))[0]?.id;
    const result = await staff.closeRange(actor(request), {
      locationId: standort,
      day: tag,
      from: von,
      to: bis,
      reason: grund,
      ...(probe ? { probeServiceId: probe } : {}),
    });
    const count = result.cancelled.length;
    const range = von || bis ? `von ${von ?? '00:00'} bis ${bis ?? '24:00'} Uhr` : 'ganztägig';
    return reply.redirectWithFlash(
      dayUrl(standort, tag),
      `${count === 1 ? '1 Termin wurde' : `${count} Termine wurden`} abgesagt. Die Zeit am ${formatDate(tag, 'de')} ist ${range} gesperrt.`,
    );
  });

  // -- cancelling one appointment

  const cancelPage = async (
    request: FastifyRequest<IdParams>,
    reply: FastifyReply,
    values: FormValues = {},
    errors?: FormErrors,
  ) => {
    const appointment = await findAppointment(request.params.id);
    const location = await locations.getForAdmin(appointment.locationId);
    if (errors) reply.status(422);
    return reply.page(
      <CancelPage
        ctx={request.pageContext()}
        appointment={appointment}
        locationName={location.name.de}
        serviceNames={await serviceNames()}
        values={values}
        errors={errors}
      />,
    );
  };

  app.get<IdParams>(`${BASE}/:id/absagen`, anyStaff, (request, reply) => cancelPage(request, reply));

  app.post<IdParams>(`${BASE}/:id/absagen`, anyStaff, async (request, reply) => {
    const appointment = await findAppointment(request.params.id);
    const form = parseCancelForm(request.body);
    if (!form.ok) return cancelPage(request, reply, form.values, form.errors);
    const cancelled = await staff.cancel(actor(request), appointment.id, form.data.grund);
    return reply.redirectWithFlash(
      dayUrl(cancelled.locationId, berlinDateOf(cancelled.startsAt)),
      cancelled.email && appointment.status !== 'held'
        ? `Der Termin ${cancelled.code} wurde abgesagt. ${cancelled.name ?? 'Die Person'} wird per E-Mail informiert.`
        : `Der Termin ${cancelled.code} wurde abgesagt.`,
    );
  });

  // -- no-show

  app.post<IdParams>(`${BASE}/:id/nicht-erschienen`, anyStaff, async (request, reply) => {
    const appointment = await findAppointment(request.params.id);
    const updated = await staff.markNoShow(actor(request), appointment.id);
    return reply.redirectWithFlash(
      dayUrl(updated.locationId, berlinDateOf(updated.startsAt)),
      `Der Termin ${updated.code} um ${formatTime(updated.startsAt)} Uhr ist als „nicht erschienen“ vermerkt.`,
    );
  });
}
