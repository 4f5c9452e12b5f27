import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { Services } from '../../app.js';
import { actorOf } from '../../platform/audit/actor.js';
import { ValidationError } from '../../platform/errors/errors.js';
import { checkbox, formValues, parseForm } from '../../platform/forms/forms.js';
import type { LocalizedText } from '../../platform/i18n/localized-text.js';
import {
  BASE,
  CountersPage,
  EditLocationPage,
  ExceptionsPage,
  HoursPage,
  ListPage,
  type LocationFormProps,
  NewLocationPage,
  nameOf,
  RetirePage,
} from './locations.admin.views.js';
import {
  type FormErrors,
  type FormValues,
  masterDataErrors,
  masterDataSchema,
  newLocationSchema,
  parseExceptionForm,
  parseWeeklyForm,
  str,
  toFormErrors,
  weeklyToValues,
} from './locations.forms.js';
import type { Location, LocationValues } from './locations.repository.js';

/** Staff routes for locations; the pages are in locations.admin.views.tsx. */

// ---- master data: stored location <-> form fields

function localized(de: string, en: string): LocalizedText {
  return en ? { de, en } : { de };
}

function locationToValues(location: Location): FormValues {
  return {
    name_de: location.name.de,
    name_en: location.name.en ?? '',
    street: location.street,
    postalCode: location.postalCode,
    town: location.town,
    phone: location.phone ?? '',
    email: location.email ?? '',
    directions_de: location.directions.de,
    directions_en: location.directions.en ?? '',
    accessibility_de: location.accessibility.de,
    accessibility_en: location.accessibility.en ?? '',
    closedOnDec24: location.closedOnDec24 ? 'on' : undefined,
    closedOnDec31: location.closedOnDec31 ? 'on' : undefined,
    sortOrder: String(location.sortOrder),
  };
}

function masterValues(data: {
  name_de: string;
  name_en: string;
  street: string;
  postalCode: string;
  town: string;
  phone: string;
  email: string;
  directions_de: string;
  directions_en: string;
  accessibility_de: string;
  accessibility_en: string;
  closedOnDec24?: 'on';
  closedOnDec31?: 'on';
  sortOrder: string;
}): LocationValues {
  return {
    name: localized(data.name_de, data.name_en),
    street: data.street,
    postalCode: data.postalCode,
    town: data.town,
    phone: data.phone || null,
    email: data.email || null,
    directions: localized(data.directions_de, data.directions_en),
    accessibility: localized(data.accessibility_de, data.accessibility_en),
    closedOnDec24: data.closedOnDec24 === 'on',
    closedOnDec31: data.closedOnDec31 === 'on',
    sortOrder: data.sortOrder ? Number(data.sortOrder) : 0,
  };
}

// ---- routes

type IdParams = { Params: { id: string } };

/** Staff pages for locations: admin edits everything, teamleitung opening hours and closures only. */
export async function locationsAdminRoutes(app: FastifyInstance, services: Services) {
  const { locations } = services;
  const adminOnly = { preHandler: app.requireStaff('admin') };
  const hoursStaff = { preHandler: app.requireStaff('admin', 'teamleitung') };
  const actor = (request: FastifyRequest) => actorOf(request.staff);

  app.get(BASE, hoursStaff, async (request, reply) => {
    return reply.page(<ListPage ctx={request.pageContext()} rows={await locations.listForAdmin()} />);
  });

  // -- new location

  app.get(`${BASE}/neu`, adminOnly, async (request, reply) => {
    return reply.page(
      <NewLocationPage
        ctx={request.pageContext()}
        values={{ closedOnDec24: 'on', closedOnDec31: 'on', sortOrder: '0' }}
      />,
    );
  });

  app.post(`${BASE}/neu`, adminOnly, async (request, reply) => {
    const form = parseForm(newLocationSchema, request.body, 'de');
    if (!form.ok) {
      return reply
        .status(422)
        .page(
          <NewLocationPage
            ctx={request.pageContext()}
            values={form.values}
            errors={masterDataErrors(form.errors)}
          />,
        );
    }
    try {
      await locations.create(actor(request), form.data.id, masterValues(form.data));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply
        .status(422)
        .page(
          <NewLocationPage
            ctx={request.pageContext()}
            values={formValues(request.body)}
            errors={masterDataErrors(error.fieldErrors)}
          />,
        );
    }
    return reply.redirectWithFlash(
      `${BASE}/${form.data.id}/oeffnungszeiten`,
      'Der Standort wurde angelegt. Tragen Sie jetzt die Öffnungszeiten ein.',
    );
  });

  // -- master data

  app.get<IdParams>(`${BASE}/:id`, adminOnly, async (request, reply) => {
    const location = await locations.getForAdmin(request.params.id);
    return reply.page(
      <EditLocationPage
        ctx={request.pageContext()}
        location={location}
        values={locationToValues(location)}
      />,
    );
  });

  app.post<IdParams>(`${BASE}/:id`, adminOnly, async (request, reply) => {
    const location = await locations.getForAdmin(request.params.id);
    const rerender = (values: FormValues, fieldErrors: Record<string, string>) =>
      reply
        .status(422)
        .page(
          <EditLocationPage
            ctx={request.pageContext()}
            location={location}
            values={values}
            errors={masterDataErrors(fieldErrors)}
          />,
        );
    const form = parseForm(masterDataSchema, request.body, 'de');
    if (!form.ok) return rerender(form.values, form.errors);
    try {
      await locations.update(actor(request), location.id, masterValues(form.data));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return rerender(formValues(request.body), error.fieldErrors);
    }
    return reply.redirectWithFlash(`${BASE}/${location.id}`, 'Die Stammdaten wurden gespeichert.');
  });

  // -- retire

  app.get<IdParams>(`${BASE}/:id/stilllegen`, adminOnly, async (request, reply) => {
    const location = await locations.getForAdmin(request.params.id);
    return reply.page(<RetirePage ctx={request.pageContext()} location={location} />);
  });

  app.post<IdParams>(`${BASE}/:id/stilllegen`, adminOnly, async (request, reply) => {
    const location = await locations.getForAdmin(request.params.id);
    if (!checkbox(formValues(request.body).bestaetigung)) {
      return reply
        .status(422)
        .page(
          <RetirePage
            ctx={request.pageContext()}
            location={location}
            error="Bitte bestätigen Sie, dass Sie den Standort stilllegen möchten."
          />,
        );
    }
    await locations.retire(actor(request), location.id);
    return reply.redirectWithFlash(BASE, `Der Standort „${nameOf(location)}“ wurde stillgelegt.`);
  });

  // -- weekly hours

  app.get<IdParams>(`${BASE}/:id/oeffnungszeiten`, hoursStaff, async (request, reply) => {
    const location = await locations.getForAdmin(request.params.id);
    const weekly = await locations.weekly(location.id);
    return reply.page(
      <HoursPage ctx={request.pageContext()} location={location} values={weeklyToValues(weekly)} />,
    );
  });

  app.post<IdParams>(`${BASE}/:id/oeffnungszeiten`, hoursStaff, async (request, reply) => {
    const location = await locations.getForAdmin(request.params.id);
    const values = formValues(request.body);
    const rerender = (errors: FormErrors) =>
      reply
        .status(422)
        .page(<HoursPage ctx={request.pageContext()} location={location} values={values} errors={errors} />);
    const form = parseWeeklyForm(values);
    if (!form.ok) return rerender(form.errors);
    try {
      await locations.replaceWeeklyHours(actor(request), location.id, form.entries);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return rerender(toFormErrors(error.fieldErrors, { hours: 'Öffnungszeiten' }));
    }
    return reply.redirectWithFlash(
      `${BASE}/${location.id}/oeffnungszeiten`,
      'Die Öffnungszeiten wurden gespeichert.',
    );
  });

  /** A location's page with a form; shown again with status 422 when the form came back with messages. */
  const formPage =
    (render: (form: LocationFormProps) => Promise<VNode>) =>
    async (
      request: FastifyRequest<IdParams>,
      reply: FastifyReply,
      values: FormValues = {},
      errors?: FormErrors,
    ) => {
      const location = await locations.getForAdmin(request.params.id);
      const page = await render({ ctx: request.pageContext(), location, values, errors });
      if (errors) reply.status(422);
      return reply.page(page);
    };

  // -- exceptions

  const exceptionsPage = formPage(async (form) => {
    const all = await locations.exceptions(form.location.id);
    const today = locations.today();
    const upcoming = all.filter((e) => e.toDate >= today);
    const past = all
      .filter((e) => e.toDate < today)
      .reverse()
      .slice(0, 20);
    return <ExceptionsPage {...form} upcoming={upcoming} past={past} />;
  });

  app.get<IdParams>(`${BASE}/:id/schliessungen`, hoursStaff, (request, reply) =>
    exceptionsPage(request, reply),
  );

  app.post<IdParams>(`${BASE}/:id/schliessungen`, hoursStaff, async (request, reply) => {
    const location = await locations.getForAdmin(request.params.id);
    const values = formValues(request.body);
    const form = parseExceptionForm(values, locations.today());
    if (!form.ok) return exceptionsPage(request, reply, values, form.errors);
    try {
      await locations.addException(actor(request), location.id, form.input);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return exceptionsPage(request, reply, values, toFormErrors(error.fieldErrors, {}));
    }
    return reply.redirectWithFlash(`${BASE}/${location.id}/schliessungen`, 'Der Eintrag wurde hinzugefügt.');
  });

  app.post<{ Params: { id: string; exceptionId: string } }>(
    `${BASE}/:id/schliessungen/:exceptionId/loeschen`,
    hoursStaff,
    async (request, reply) => {
      const { id, exceptionId } = request.params;
      await locations.deleteException(actor(request), id, exceptionId);
      return reply.redirectWithFlash(`${BASE}/${id}/schliessungen`, 'Der Eintrag wurde gelöscht.');
    },
  );

  // -- counters

  const countersPage = formPage(async (form) => (
    <CountersPage {...form} counters={await locations.counters(form.location.id, { includeRetired: true })} />
  ));

  app.get<IdParams>(`${BASE}/:id/schalter`, adminOnly, (request, reply) => countersPage(request, reply));

  app.post<IdParams>(`${BASE}/:id/schalter`, adminOnly, async (request, reply) => {
    const location = await locations.getForAdmin(request.params.id);
    const values = formValues(request.body);
    const action = str(values, 'aktion');
    const counterId = str(values, 'counterId');
    const name = str(values, 'name');
    // The rename forms share the field name "name"; messages go to the field of the counter concerned.
    const fieldId = action === 'umbenennen' ? `name-${counterId}` : 'name';
    const label = action === 'umbenennen' ? 'Neuer Name' : 'Name des neuen Schalters';
    try {
      if (action === 'anlegen') {
        await locations.addCounter(actor(request), location.id, name);
        return reply.redirectWithFlash(
          `${BASE}/${location.id}/schalter`,
          `Der Schalter „${name}“ wurde hinzugefügt.`,
        );
      }
      if (action === 'umbenennen') {
        await locations.renameCounter(actor(request), location.id, counterId, name);
        return reply.redirectWithFlash(
          `${BASE}/${location.id}/schalter`,
          `Der Schalter heißt jetzt „${name}“.`,
        );
      }
      if (action === 'stilllegen') {
        const counter = await locations.retireCounter(actor(request), location.id, counterId);
        return reply.redirectWithFlash(
          `${BASE}/${location.id}/schalter`,
          `Der Schalter „${counter.name}“ wurde stillgelegt.`,
        );
      }
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const message = error.fieldErrors.name ?? error.userMessage;
      return countersPage(
        request,
        reply,
        { [fieldId]: name },
        toFormErrors({ [fieldId]: message }, { [fieldId]: label }),
      );
    }
    throw new ValidationError({ aktion: 'Unbekannte Aktion.' });
  });
}
