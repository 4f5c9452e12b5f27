import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../app.js';
import { actorOf } from '../../platform/audit/actor.js';
import { ValidationError } from '../../platform/errors/errors.js';
import { asArray, formValues, parseForm } from '../../platform/forms/forms.js';
import {
  type FormErrors,
  type FormValues,
  SETTINGS_BASE,
  SETTINGS_ROLES,
  SettingsIndexPage,
  SettingsPage,
} from './queue.admin.views.js';
import { settingsToRow } from './queue.repository.js';
import type { QueueSettings } from './queue.rules.js';

const whole = (min: number, max: number) =>
  z
    .string('required')
    .min(1, 'required')
    .regex(/^\d{1,6}$/, 'number')
    .transform(Number)
    .pipe(z.number().min(min, 'number').max(max, 'number'));

const prefix = z
  .string('required')
  .min(1, 'required')
  .max(3, 'tooLong')
  .regex(/^[A-Za-z]+$/, 'invalid')
  .transform((value) => value.toUpperCase());

/** The rules form; the two prefixes must differ (checked by the service with its own message). */
export const rulesSchema = z.object({
  appointmentPrefix: prefix,
  walkInPrefix: prefix,
  walkInStopMinutesBeforeClose: whole(0, 480),
  checkInEarliestMinutes: whole(0, 480),
  lateToleranceMinutes: whole(0, 240),
  lateRule: z.enum(['walk_in', 'refuse'], 'choice'),
  maxCalls: whole(1, 10),
  recallAfterSeconds: whole(0, 3600),
});

/** One quota field: empty = unlimited, otherwise a whole number 0 to 9999. */
const quotaField = z
  .string('number')
  .regex(/^\d{0,4}$/, 'number')
  .optional()
  .transform((value) => (value === undefined || value === '' ? null : Number(value)));

export const quotasSchema = (serviceIds: string[]) =>
  z.object(Object.fromEntries(serviceIds.map((id) => [`quota-${id}`, quotaField])));

const toSettings = (form: z.infer<typeof rulesSchema>): QueueSettings => ({
  prefixes: { appointment: form.appointmentPrefix, walk_in: form.walkInPrefix },
  walkInStopMinutesBeforeClose: form.walkInStopMinutesBeforeClose,
  checkInEarliestMinutes: form.checkInEarliestMinutes,
  lateToleranceMinutes: form.lateToleranceMinutes,
  lateRule: form.lateRule,
  maxCalls: form.maxCalls,
  recallAfterSeconds: form.recallAfterSeconds,
});

const toValues = (settings: QueueSettings): FormValues => settingsToRow(settings);

type IdParams = { Params: { id: string } };

/**
 * Queue settings per location under /verwaltung/warteschlange (admin, teamleitung): the rules, the daily
 * walk-in quotas and the services of each counter. Registered from workstationRoutes.
 */
export async function queueAdminRoutes(app: FastifyInstance, services: Services) {
  const settings = services.queueSettings;
  const allowed = { preHandler: app.requireStaff(...SETTINGS_ROLES) };

  /**
   * Renders the page of a location; `override` replaces what was saved with what was submitted in the form
   * that failed (its values are kept, the other forms show what is saved).
   */
  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    locationId: string,
    override: { rules?: FormValues; quotas?: FormValues; counters?: FormValues; errors?: FormErrors } = {},
  ) => {
    const location = await services.locations.get(locationId);
    const [rules, quotas, counters, offered] = await Promise.all([
      settings.get(location.id),
      settings.quotas(location.id),
      settings.counters(location.id),
      settings.servicesAt(location.id),
    ]);
    const submittedCounters = override.counters;
    return reply.page(
      <SettingsPage
        ctx={request.pageContext()}
        location={{ id: location.id, name: location.name.de }}
        rules={override.rules ?? toValues(rules)}
        quotas={quotas.map(({ leistung, quota }) => ({
          id: leistung.id,
          name: leistung.name.de,
          value: override.quotas
            ? String(override.quotas[`quota-${leistung.id}`] ?? '')
            : quota === undefined
              ? ''
              : String(quota),
        }))}
        counters={counters.map((counter) => ({
          ...counter,
          serviceIds: submittedCounters
            ? asArray(submittedCounters[`counter-${counter.id}`])
            : counter.serviceIds,
        }))}
        services={offered.map((leistung) => ({
          id: leistung.id,
          name: leistung.name.de,
          walkIn: leistung.walkIn,
        }))}
        errors={override.errors ?? {}}
      />,
    );
  };

  app.get(SETTINGS_BASE, allowed, async (request, reply) => {
    const locations = await services.locations.list();
    return reply.page(
      <SettingsIndexPage
        ctx={request.pageContext()}
        locations={locations.map((location) => ({ id: location.id, name: location.name.de }))}
      />,
    );
  });

  app.get<IdParams>(`${SETTINGS_BASE}/:id`, allowed, async (request, reply) =>
    render(request, reply, request.params.id),
  );

  app.post<IdParams>(`${SETTINGS_BASE}/:id`, allowed, async (request, reply) => {
    const location = await services.locations.get(request.params.id);
    const form = parseForm(rulesSchema, request.body, 'de');
    if (!form.ok) {
      reply.status(422);
      return render(request, reply, location.id, { rules: form.values, errors: form.errors });
    }
    try {
      await settings.update(actorOf(request.staff), location.id, toSettings(form.data));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      reply.status(422);
      return render(request, reply, location.id, {
        rules: formValues(request.body),
        errors: error.fieldErrors,
      });
    }
    return reply.redirectWithFlash(`${SETTINGS_BASE}/${location.id}`, 'Die Regeln wurden gespeichert.');
  });

  app.post<IdParams>(`${SETTINGS_BASE}/:id/kontingente`, allowed, async (request, reply) => {
    const location = await services.locations.get(request.params.id);
    const walkIn = (await settings.quotas(location.id)).map((entry) => entry.leistung.id);
    const form = parseForm(quotasSchema(walkIn), request.body, 'de');
    if (!form.ok) {
      reply.status(422);
      return render(request, reply, location.id, { quotas: form.values, errors: form.errors });
    }
    const quotas = Object.fromEntries(
      walkIn.map((id) => [id, (form.data as Record<string, number | null>)[`quota-${id}`] ?? null]),
    );
    try {
      await settings.updateQuotas(actorOf(request.staff), location.id, quotas);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      reply.status(422);
      return render(request, reply, location.id, {
        quotas: formValues(request.body),
        errors: error.fieldErrors,
      });
    }
    return reply.redirectWithFlash(
      `${SETTINGS_BASE}/${location.id}`,
      'Die Tageskontingente wurden gespeichert.',
    );
  });

  app.post<IdParams>(`${SETTINGS_BASE}/:id/schalter`, allowed, async (request, reply) => {
    const location = await services.locations.get(request.params.id);
    const values = formValues(request.body);
    const assignments = Object.fromEntries(
      asArray(values.counters).map((counterId) => [counterId, asArray(values[`counter-${counterId}`])]),
    );
    try {
      await settings.updateCounterServices(actorOf(request.staff), location.id, assignments);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      reply.status(422);
      return render(request, reply, location.id, { counters: values, errors: error.fieldErrors });
    }
    return reply.redirectWithFlash(
      `${SETTINGS_BASE}/${location.id}`,
      'Die Leistungen der Schalter wurden gespeichert.',
    );
  });
}
