import type { FastifyInstance } from 'fastify';
import type { Services } from '../../app.js';
import { actorOf } from '../../platform/audit/actor.js';
import { parseForm, summaryErrors } from '../../platform/forms/forms.js';
import { formatDateTime } from '../../platform/time/format.js';
import {
  Button,
  Checkbox,
  CsrfField,
  ErrorSummary,
  Fieldset,
  Heading,
  Table,
  Text,
  Textarea,
  TextInput,
} from '../../platform/views/kern.js';
import { StaffLayout } from '../../platform/views/layout.js';
import type { PageContext } from '../../platform/views/page-context.js';
import { cityFormSchema } from './city.form.js';
import type { City, Feedback } from './city.repository.js';

function str(values: Record<string, unknown>, key: string): string {
  const value = values[key];
  return typeof value === 'string' ? value : '';
}

function cityToValues(city: City): Record<string, unknown> {
  return {
    name: city.name,
    authority: city.authority,
    street: city.street,
    postalCode: city.postalCode,
    town: city.town,
    phone: city.phone,
    email: city.email,
    website: city.website ?? '',
    hotline115: city.hotline115 === 1 ? 'on' : undefined,
    logoSvg: city.logoSvg ?? '',
    imprint_de: city.imprint.de,
    imprint_en: city.imprint.en ?? '',
    privacy_de: city.privacy.de,
    privacy_en: city.privacy.en ?? '',
    accessibility_de: city.accessibility.de,
    accessibility_en: city.accessibility.en ?? '',
  };
}

function ContentForm({
  ctx,
  values,
  errors = {},
}: {
  ctx: PageContext;
  values: Record<string, unknown>;
  errors?: Record<string, string>;
}) {
  const text = (
    name: string,
    label: string,
    extra: { hint?: string; type?: 'email' | 'url' | 'tel' } = {},
  ) => <TextInput name={name} label={label} value={str(values, name)} error={errors[name]} {...extra} />;
  const area = (name: string, label: string) => (
    <Textarea
      name={name}
      label={label}
      value={str(values, name)}
      error={errors[name]}
      rows={10}
      hint="Absätze durch eine Leerzeile trennen."
    />
  );
  return (
    <StaffLayout ctx={ctx} title="Inhalte und Stammdaten der Stadt">
      <ErrorSummary title="Es gibt ein Problem" errors={summaryErrors(errors)} />
      <Heading level={1}>Inhalte und Stammdaten der Stadt</Heading>
      <form method="post" action="/verwaltung/inhalte" novalidate>
        <CsrfField token={ctx.csrf()} />
        <Fieldset legend="Stadt und Kontakt">
          {text('name', 'Name der Stadt')}
          {text('authority', 'Behörde (Kopf- und Fußzeile)')}
          {text('street', 'Straße und Hausnummer')}
          {text('postalCode', 'Postleitzahl')}
          {text('town', 'Ort')}
          {text('phone', 'Telefon', { type: 'tel' })}
          {text('email', 'E-Mail', { type: 'email' })}
          {text('website', 'Website (optional)', { type: 'url' })}
          <Checkbox
            name="hotline115"
            label="Die Stadt nimmt an der Behördennummer 115 teil"
            checked={values.hotline115 === 'on'}
          />
        </Fieldset>
        <Fieldset legend="Impressum">
          {area('imprint_de', 'Impressum (Deutsch)')}
          {area('imprint_en', 'Impressum (Englisch, optional)')}
        </Fieldset>
        <Fieldset legend="Datenschutzerklärung">
          {area('privacy_de', 'Datenschutzerklärung (Deutsch)')}
          {area('privacy_en', 'Datenschutzerklärung (Englisch, optional)')}
        </Fieldset>
        <Fieldset legend="Erklärung zur Barrierefreiheit">
          {area('accessibility_de', 'Erklärung zur Barrierefreiheit (Deutsch)')}
          {area('accessibility_en', 'Erklärung zur Barrierefreiheit (Englisch, optional)')}
        </Fieldset>
        <Button>Speichern</Button>
      </form>
    </StaffLayout>
  );
}

function FeedbackList({ ctx, feedback }: { ctx: PageContext; feedback: Feedback[] }) {
  const csrf = ctx.csrf();
  return (
    <StaffLayout ctx={ctx} title="Rückmeldungen zur Barrierefreiheit">
      <Heading level={1}>Rückmeldungen zur Barrierefreiheit</Heading>
      {feedback.length === 0 ? <Text>Es sind keine Rückmeldungen eingegangen.</Text> : null}
      {feedback.length > 0 ? (
        <Table
          caption="Eingegangene Meldungen, neueste zuerst"
          head={['Eingang', 'Seite', 'Nachricht', 'Kontakt', 'Status']}
          rows={feedback.map((item) => [
            formatDateTime(item.createdAt),
            item.pageUrl ?? '–',
            item.message,
            [item.name, item.email].filter(Boolean).join(', ') || '–',
            item.handledAt ? (
              `erledigt ${formatDateTime(item.handledAt)}`
            ) : (
              <form method="post" action={`/verwaltung/rueckmeldungen/${item.id}/erledigt`}>
                <input type="hidden" name="_csrf" value={csrf} />
                <Button variant="secondary">Als erledigt markieren</Button>
              </form>
            ),
          ])}
        />
      ) : null}
    </StaffLayout>
  );
}

export async function cityAdminRoutes(app: FastifyInstance, services: Services) {
  app.get('/verwaltung/inhalte', { preHandler: app.requireStaff('admin') }, async (request, reply) => {
    const city = await services.city.get();
    return reply.page(<ContentForm ctx={request.pageContext()} values={cityToValues(city)} />);
  });

  app.post('/verwaltung/inhalte', { preHandler: app.requireStaff('admin') }, async (request, reply) => {
    const form = parseForm(cityFormSchema, request.body, 'de');
    if (!form.ok) {
      return reply
        .status(422)
        .page(<ContentForm ctx={request.pageContext()} values={form.values} errors={form.errors} />);
    }
    const data = form.data;
    await services.city.update(actorOf(request.staff), {
      name: data.name,
      authority: data.authority,
      street: data.street,
      postalCode: data.postalCode,
      town: data.town,
      phone: data.phone,
      email: data.email,
      website: data.website,
      hotline115: data.hotline115 ? 1 : 0,
      logoSvg: data.logoSvg,
      imprint: { de: data.imprint_de, ...(data.imprint_en ? { en: data.imprint_en } : {}) },
      privacy: { de: data.privacy_de, ...(data.privacy_en ? { en: data.privacy_en } : {}) },
      accessibility: {
        de: data.accessibility_de,
        ...(data.accessibility_en ? { en: data.accessibility_en } : {}),
      },
    });
    return reply.redirectWithFlash('/verwaltung/inhalte', 'Die Inhalte wurden gespeichert.');
  });

  app.get(
    '/verwaltung/rueckmeldungen',
    { preHandler: app.requireStaff('admin', 'teamleitung') },
    async (request, reply) => {
      return reply.page(
        <FeedbackList ctx={request.pageContext()} feedback={await services.city.listFeedback()} />,
      );
    },
  );

  app.post<{ Params: { id: string } }>(
    '/verwaltung/rueckmeldungen/:id/erledigt',
    { preHandler: app.requireStaff('admin', 'teamleitung') },
    async (request, reply) => {
      const id = Number.parseInt(request.params.id, 10);
      if (!Number.isSafeInteger(id)) return reply.redirect('/verwaltung/rueckmeldungen', 303);
      await services.city.markFeedbackHandled(actorOf(request.staff), id);
      return reply.redirectWithFlash(
        '/verwaltung/rueckmeldungen',
        'Die Rückmeldung ist als erledigt markiert.',
      );
    },
  );
}
