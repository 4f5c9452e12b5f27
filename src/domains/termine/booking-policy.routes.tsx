import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../app.js';
import { actorOf } from '../../platform/audit/actor.js';
import { ValidationError } from '../../platform/errors/errors.js';
import { formValues, parseForm, summaryErrors } from '../../platform/forms/forms.js';
import { isValidTime } from '../../platform/time/berlin-time.js';
import { Button, CsrfField, ErrorSummary, Heading, Text, TextInput } from '../../platform/views/kern.js';
import { StaffLayout } from '../../platform/views/layout.js';
import type { PageContext } from '../../platform/views/page-context.js';
import type { BookingPolicy } from './availability.rules.js';

const int = (min: number, max: number) =>
  z.coerce.number('number').int('number').min(min, 'number').max(max, 'number');

/** The booking rules of one location (ZMS-style), edited by admins. */
export const policySchema = z
  .object({
    slotMinutes: int(5, 60),
    onlineSharePercent: int(0, 100),
    earliestDaysAhead: int(0, 30),
    latestDaysAhead: int(1, 180),
    releaseTime: z.string().refine(isValidTime, 'time'),
    minLeadMinutes: int(0, 1440),
  })
  .refine((policy) => policy.earliestDaysAhead <= policy.latestDaysAhead, {
    path: ['latestDaysAhead'],
    message: 'invalid',
  });

const labels: Record<keyof BookingPolicy, [string, string]> = {
  slotMinutes: [
    'Zeitraster in Minuten',
    'Länge eines Zeitfensters (5 bis 60). Änderungen gelten für Tage, die noch nicht gebucht werden konnten.',
  ],
  onlineSharePercent: [
    'Online-Anteil der Schalter in Prozent',
    'Der Rest ist das interne Kontingent für Telefon und Verwaltung.',
  ],
  earliestDaysAhead: ['Frühestens buchbar (Tage im Voraus)', '0 = ab heute'],
  latestDaysAhead: ['Spätestens buchbar (Tage im Voraus)', 'Der Buchungshorizont, z. B. 60'],
  releaseTime: ['Freigabe des neuesten Tages um (Uhrzeit)', 'Nicht um Mitternacht: z. B. 08:00'],
  minLeadMinutes: ['Mindestvorlauf in Minuten', 'Am selben Tag frühestens so viele Minuten ab jetzt'],
};

function PolicyPage({
  ctx,
  locationId,
  locationName,
  values,
  errors = {},
}: {
  ctx: PageContext;
  locationId: string;
  locationName: string;
  values: Record<string, unknown>;
  errors?: Record<string, string>;
}) {
  const title = `Buchungsregeln: ${locationName}`;
  return (
    <StaffLayout ctx={ctx} title={title}>
      <ErrorSummary title="Es gibt ein Problem" errors={summaryErrors(errors)} />
      <Heading level={1}>{title}</Heading>
      <Text>Diese Regeln bestimmen, welche Zeiten Bürgerinnen und Bürger online buchen können.</Text>
      <form method="post" action={`/verwaltung/termine/regeln/${locationId}`} novalidate>
        <CsrfField token={ctx.csrf()} />
        {(Object.keys(labels) as Array<keyof BookingPolicy>).map((field) => (
          <TextInput
            name={field}
            label={labels[field][0]}
            hint={labels[field][1]}
            value={String(values[field] ?? '')}
            error={errors[field]}
            width="short"
            inputmode={field === 'releaseTime' ? 'text' : 'numeric'}
          />
        ))}
        <Button>Regeln speichern</Button>
      </form>
    </StaffLayout>
  );
}

export async function bookingPolicyRoutes(app: FastifyInstance, services: Services) {
  const admin = { preHandler: app.requireStaff('admin') };

  app.get<{ Params: { id: string } }>('/verwaltung/termine/regeln/:id', admin, async (request, reply) => {
    const location = await services.locations.getForAdmin(request.params.id);
    const policy = await services.termine.policy(location.id);
    return reply.page(
      <PolicyPage
        ctx={request.pageContext()}
        locationId={location.id}
        locationName={location.name.de}
        values={{ ...policy }}
      />,
    );
  });

  app.post<{ Params: { id: string } }>('/verwaltung/termine/regeln/:id', admin, async (request, reply) => {
    const location = await services.locations.getForAdmin(request.params.id);
    const form = parseForm(policySchema, request.body, 'de');
    if (!form.ok) {
      return reply
        .status(422)
        .page(
          <PolicyPage
            ctx={request.pageContext()}
            locationId={location.id}
            locationName={location.name.de}
            values={form.values}
            errors={form.errors}
          />,
        );
    }
    try {
      await services.termineStaff.savePolicy(actorOf(request.staff), location.id, form.data);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply
        .status(422)
        .page(
          <PolicyPage
            ctx={request.pageContext()}
            locationId={location.id}
            locationName={location.name.de}
            values={formValues(request.body)}
            errors={error.fieldErrors}
          />,
        );
    }
    return reply.redirectWithFlash(
      `/verwaltung/termine/regeln/${location.id}`,
      'Die Buchungsregeln wurden gespeichert.',
    );
  });
}
