import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import type { Services } from '../../app.js';
import { actorOf } from '../../platform/audit/actor.js';
import { ValidationError } from '../../platform/errors/errors.js';
import { checkbox, formValues, parseForm } from '../../platform/forms/forms.js';
import type { LocalizedText } from '../../platform/i18n/localized-text.js';
import { formatDateTime } from '../../platform/time/format.js';
import {
  Alert,
  Button,
  ButtonGroup,
  Checkbox,
  CsrfField,
  DescriptionList,
  ErrorSummary,
  Fieldset,
  Heading,
  Link,
  LinkButton,
  List,
  Select,
  Table,
  Text,
  Textarea,
  TextInput,
} from '../../platform/views/kern.js';
import { StaffLayout } from '../../platform/views/layout.js';
import type { PageContext } from '../../platform/views/page-context.js';
import {
  exceptionIntervalField,
  exceptionIntervalLabel,
  type FormErrors,
  type FormValues,
  germanDate,
  MASTER_DATA_LABELS,
  masterDataErrors,
  masterDataSchema,
  newLocationSchema,
  parseExceptionForm,
  parseWeeklyForm,
  str,
  toFormErrors,
  WEEKDAYS_DE,
  weeklyField,
  weeklyLabel,
  weeklyToValues,
} from './locations.forms.js';
import type { Counter, Location, LocationException, LocationValues } from './locations.repository.js';
import { MAX_EXCEPTION_INTERVALS, MAX_WEEKLY_INTERVALS } from './locations.service.js';

const BASE = '/verwaltung/standorte';
const SUMMARY_TITLE = 'Es gibt ein Problem';
const noErrors: FormErrors = { fields: {}, summary: [] };

type Section = 'stammdaten' | 'oeffnungszeiten' | 'schliessungen' | 'schalter';

function nameOf(location: Location): string {
  return location.name.de;
}

function localized(de: string, en: string): LocalizedText {
  return en ? { de, en } : { de };
}

/** Sub-navigation between the pages of one location; the staff member only sees what the role allows. */
function LocationNav({ ctx, location, current }: { ctx: PageContext; location: Location; current: Section }) {
  const admin = ctx.staff?.role === 'admin';
  const sections: Array<{ key: Section; href: string; label: string; show: boolean }> = [
    { key: 'stammdaten', href: `${BASE}/${location.id}`, label: 'Stammdaten', show: admin },
    {
      key: 'oeffnungszeiten',
      href: `${BASE}/${location.id}/oeffnungszeiten`,
      label: 'Öffnungszeiten',
      show: true,
    },
    {
      key: 'schliessungen',
      href: `${BASE}/${location.id}/schliessungen`,
      label: 'Schließungen und Sonderöffnungen',
      show: true,
    },
    { key: 'schalter', href: `${BASE}/${location.id}/schalter`, label: 'Schalter', show: admin },
  ];
  return (
    <nav aria-label={`Bereiche des Standorts ${nameOf(location)}`}>
      <List
        items={[
          <Link href={BASE}>Alle Standorte</Link>,
          ...sections
            .filter((section) => section.show)
            .map((section) =>
              section.key === current ? (
                <strong>{section.label}</strong>
              ) : (
                <Link href={section.href}>{section.label}</Link>
              ),
            ),
          <Link href={`/standorte/${location.id}`}>Öffentliche Seite ansehen</Link>,
        ]}
      />
    </nav>
  );
}

function RetiredNotice({ location }: { location: Location }) {
  if (!location.retiredAt) return null;
  return (
    <Alert kind="warning" title="Dieser Standort ist stillgelegt.">
      <Text>Stillgelegt am {formatDateTime(location.retiredAt)}. Änderungen sind nicht mehr möglich.</Text>
    </Alert>
  );
}

function LocationPage({
  ctx,
  location,
  current,
  title,
  errors = noErrors,
  children,
}: {
  ctx: PageContext;
  location: Location;
  current: Section;
  title: string;
  errors?: FormErrors;
  children: ComponentChildren;
}) {
  return (
    <StaffLayout ctx={ctx} title={`${title}: ${nameOf(location)}`}>
      <ErrorSummary title={SUMMARY_TITLE} errors={errors.summary} />
      <Heading level={1}>
        {title}: {nameOf(location)}
      </Heading>
      <LocationNav ctx={ctx} location={location} current={current} />
      <RetiredNotice location={location} />
      {children}
    </StaffLayout>
  );
}

// ---- list

function ListPage({
  ctx,
  rows,
}: {
  ctx: PageContext;
  rows: Array<{ location: Location; counters: number }>;
}) {
  const admin = ctx.staff?.role === 'admin';
  return (
    <StaffLayout ctx={ctx} title="Standorte">
      <Heading level={1}>Standorte</Heading>
      <Text>
        {admin
          ? 'Wählen Sie einen Standort, um Stammdaten, Öffnungszeiten, Schließungen und Schalter zu bearbeiten.'
          : 'Wählen Sie einen Standort, um Öffnungszeiten, Schließungen und Sonderöffnungen zu bearbeiten.'}
      </Text>
      {admin ? (
        <ButtonGroup>
          <LinkButton href={`${BASE}/neu`}>Neuen Standort anlegen</LinkButton>
        </ButtonGroup>
      ) : null}
      <Table
        caption="Alle Standorte"
        head={['Name', 'Kennung', 'Adresse', 'Aktive Schalter', 'Status']}
        numeric={[3]}
        rows={rows.map(({ location, counters }) => [
          <Link href={admin ? `${BASE}/${location.id}` : `${BASE}/${location.id}/oeffnungszeiten`}>
            {nameOf(location)}
          </Link>,
          <code>{location.id}</code>,
          `${location.street}, ${location.postalCode} ${location.town}`,
          String(counters),
          location.retiredAt ? `stillgelegt am ${formatDateTime(location.retiredAt)}` : 'aktiv',
        ])}
      />
    </StaffLayout>
  );
}

// ---- master data

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

function MasterDataFields({ values, errors }: { values: FormValues; errors: FormErrors }) {
  const input = (
    name: string,
    extra: { hint?: string; type?: 'email' | 'tel'; optional?: boolean; width?: 'short' | 'medium' } = {},
  ) => (
    <TextInput
      name={name}
      label={MASTER_DATA_LABELS[name]!}
      value={str(values, name)}
      error={errors.fields[name]}
      hint={extra.hint}
      type={extra.type}
      optional={extra.optional ? 'optional' : undefined}
      width={extra.width}
    />
  );
  const area = (name: string, optional: boolean) => (
    <Textarea
      name={name}
      label={MASTER_DATA_LABELS[name]!}
      value={str(values, name)}
      error={errors.fields[name]}
      optional={optional ? 'optional' : undefined}
      hint="Absätze durch eine Leerzeile trennen."
    />
  );
  return (
    <>
      <Fieldset legend="Name und Adresse">
        {input('name_de')}
        {input('name_en', { optional: true })}
        {input('street')}
        {input('postalCode', { width: 'short' })}
        {input('town')}
      </Fieldset>
      <Fieldset legend="Kontakt">
        {input('phone', { type: 'tel', optional: true })}
        {input('email', { type: 'email', optional: true })}
      </Fieldset>
      <Fieldset legend="Hinweise für Bürgerinnen und Bürger">
        {area('directions_de', true)}
        {area('directions_en', true)}
        {area('accessibility_de', true)}
        {area('accessibility_en', true)}
      </Fieldset>
      <Fieldset legend="Besondere Tage und Reihenfolge">
        <Checkbox
          name="closedOnDec24"
          label={MASTER_DATA_LABELS.closedOnDec24!}
          checked={checkbox(values.closedOnDec24)}
        />
        <Checkbox
          name="closedOnDec31"
          label={MASTER_DATA_LABELS.closedOnDec31!}
          checked={checkbox(values.closedOnDec31)}
        />
        {input('sortOrder', { hint: 'Kleinere Zahlen stehen in Listen weiter oben.', width: 'short' })}
      </Fieldset>
    </>
  );
}

function NewLocationPage({
  ctx,
  values,
  errors = noErrors,
}: {
  ctx: PageContext;
  values: FormValues;
  errors?: FormErrors;
}) {
  return (
    <StaffLayout ctx={ctx} title="Neuer Standort">
      <ErrorSummary title={SUMMARY_TITLE} errors={errors.summary} />
      <Heading level={1}>Neuer Standort</Heading>
      <Text>
        <Link href={BASE}>Zurück zu allen Standorten</Link>
      </Text>
      <form method="post" action={`${BASE}/neu`} novalidate>
        <CsrfField token={ctx.csrf()} />
        <TextInput
          name="id"
          label={MASTER_DATA_LABELS.id!}
          hint="Kleinbuchstaben, Ziffern und Bindestriche, zum Beispiel „sued“. Sie erscheint in der Adresse der Standortseite und kann später nicht geändert werden."
          value={str(values, 'id')}
          error={errors.fields.id}
          width="medium"
        />
        <MasterDataFields values={values} errors={errors} />
        <Button>Standort anlegen</Button>
      </form>
    </StaffLayout>
  );
}

function EditLocationPage({
  ctx,
  location,
  values,
  errors = noErrors,
}: {
  ctx: PageContext;
  location: Location;
  values: FormValues;
  errors?: FormErrors;
}) {
  return (
    <LocationPage ctx={ctx} location={location} current="stammdaten" title="Stammdaten" errors={errors}>
      {location.retiredAt ? (
        <DescriptionList
          items={[
            { key: 'Kennung', value: location.id },
            { key: 'Adresse', value: `${location.street}, ${location.postalCode} ${location.town}` },
          ]}
        />
      ) : (
        <>
          <form method="post" action={`${BASE}/${location.id}`} novalidate>
            <CsrfField token={ctx.csrf()} />
            <MasterDataFields values={values} errors={errors} />
            <Button>Stammdaten speichern</Button>
          </form>
          <section aria-labelledby="retire-heading" class="app-section">
            <Heading level={2} id="retire-heading">
              Standort stilllegen
            </Heading>
            <Text>
              Ein stillgelegter Standort erscheint nicht mehr auf den Seiten für Bürgerinnen und Bürger. Er
              wird nicht gelöscht; seine Daten bleiben im Protokoll erhalten.
            </Text>
            <LinkButton href={`${BASE}/${location.id}/stilllegen`} variant="secondary">
              Standort stilllegen …
            </LinkButton>
          </section>
        </>
      )}
    </LocationPage>
  );
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

function RetirePage({ ctx, location, error }: { ctx: PageContext; location: Location; error?: string }) {
  const errors: FormErrors = error
    ? { fields: { bestaetigung: error }, summary: [{ field: 'bestaetigung', message: error }] }
    : noErrors;
  return (
    <LocationPage
      ctx={ctx}
      location={location}
      current="stammdaten"
      title="Standort stilllegen"
      errors={errors}
    >
      {location.retiredAt ? null : (
        <>
          <Text>
            Nach dem Stilllegen erscheint der Standort „{nameOf(location)}“ nicht mehr in der Standortliste,
            auf der Startseite und in der Schnittstelle. Die Daten bleiben erhalten. Das lässt sich hier nicht
            rückgängig machen.
          </Text>
          <form method="post" action={`${BASE}/${location.id}/stilllegen`} novalidate>
            <CsrfField token={ctx.csrf()} />
            <Checkbox
              name="bestaetigung"
              label={`Ja, ich möchte den Standort „${nameOf(location)}“ stilllegen.`}
              error={errors.fields.bestaetigung}
            />
            <ButtonGroup>
              <Button>Standort endgültig stilllegen</Button>
              <LinkButton href={`${BASE}/${location.id}`} variant="secondary">
                Abbrechen
              </LinkButton>
            </ButtonGroup>
          </form>
        </>
      )}
    </LocationPage>
  );
}

// ---- weekly hours

function HoursPage({
  ctx,
  location,
  values,
  errors = noErrors,
}: {
  ctx: PageContext;
  location: Location;
  values: FormValues;
  errors?: FormErrors;
}) {
  const readOnly = Boolean(location.retiredAt);
  return (
    <LocationPage
      ctx={ctx}
      location={location}
      current="oeffnungszeiten"
      title="Öffnungszeiten"
      errors={errors}
    >
      <Text>
        Tragen Sie je Wochentag bis zu {MAX_WEEKLY_INTERVALS} Zeiträume ein, Uhrzeiten im Format HH:MM (zum
        Beispiel 07:30). Lassen Sie beide Felder eines Zeitraums leer, wenn es ihn nicht gibt; ein Tag ohne
        Zeitraum ist geschlossen. Feiertage, Schließungen und Sonderöffnungen werden automatisch
        berücksichtigt.
      </Text>
      <form method="post" action={`${BASE}/${location.id}/oeffnungszeiten`} novalidate>
        <CsrfField token={ctx.csrf()} />
        {WEEKDAYS_DE.map((dayName, i) => {
          const weekday = i + 1;
          return (
            <Fieldset legend={dayName} id={`tag-${weekday}`}>
              <div class="app-hours-grid">
                {Array.from({ length: MAX_WEEKLY_INTERVALS }, (_, index) =>
                  (['opens', 'closes'] as const).map((part) => {
                    const name = weeklyField(weekday, index, part);
                    return (
                      <TextInput
                        name={name}
                        label={weeklyLabel(weekday, index, part)}
                        value={str(values, name)}
                        error={errors.fields[name]}
                        autocomplete="off"
                      />
                    );
                  }),
                )}
              </div>
            </Fieldset>
          );
        })}
        {readOnly ? null : <Button>Öffnungszeiten speichern</Button>}
      </form>
    </LocationPage>
  );
}

// ---- exceptions

function exceptionHours(exception: LocationException): string {
  if (exception.kind === 'closed') return 'geschlossen';
  return exception.intervals.map((i) => `${i.opens}–${i.closes} Uhr`).join(', ');
}

function exceptionRange(exception: LocationException): string {
  return exception.fromDate === exception.toDate
    ? germanDate(exception.fromDate)
    : `${germanDate(exception.fromDate)} bis ${germanDate(exception.toDate)}`;
}

function ExceptionsPage({
  ctx,
  location,
  upcoming,
  past,
  values,
  errors = noErrors,
}: {
  ctx: PageContext;
  location: Location;
  upcoming: LocationException[];
  past: LocationException[];
  values: FormValues;
  errors?: FormErrors;
}) {
  const readOnly = Boolean(location.retiredAt);
  const csrf = ctx.csrf();
  const reason = (e: LocationException) => (e.reason.en ? `${e.reason.de} / ${e.reason.en}` : e.reason.de);
  return (
    <LocationPage
      ctx={ctx}
      location={location}
      current="schliessungen"
      title="Schließungen und Sonderöffnungen"
      errors={errors}
    >
      <Text>
        Einträge hier gehen den regelmäßigen Öffnungszeiten und den Feiertagen vor. Der Grund wird auf der
        Standortseite angezeigt.
      </Text>
      <section aria-labelledby="upcoming-heading" class="app-section">
        <Heading level={2} id="upcoming-heading">
          Aktuelle und künftige Einträge
        </Heading>
        {upcoming.length === 0 ? (
          <Text>Es sind keine Schließungen oder Sonderöffnungen eingetragen.</Text>
        ) : (
          <Table
            caption="Aktuelle und künftige Schließungen und Sonderöffnungen"
            head={
              readOnly
                ? ['Zeitraum', 'Öffnungszeiten', 'Grund']
                : ['Zeitraum', 'Öffnungszeiten', 'Grund', 'Aktion']
            }
            rows={upcoming.map((exception) => [
              exceptionRange(exception),
              exceptionHours(exception),
              reason(exception),
              ...(readOnly
                ? []
                : [
                    <form
                      method="post"
                      action={`${BASE}/${location.id}/schliessungen/${exception.id}/loeschen`}
                      class="app-inline-form"
                    >
                      <CsrfField token={csrf} />
                      <Button variant="secondary">Eintrag {exceptionRange(exception)} löschen</Button>
                    </form>,
                  ]),
            ])}
          />
        )}
      </section>
      {readOnly ? null : (
        <section aria-labelledby="new-heading" class="app-section">
          <Heading level={2} id="new-heading">
            Neuen Eintrag hinzufügen
          </Heading>
          <form method="post" action={`${BASE}/${location.id}/schliessungen`} novalidate>
            <CsrfField token={csrf} />
            <Fieldset legend="Zeitraum">
              <TextInput
                name="from"
                label="Von (Datum)"
                hint="TT.MM.JJJJ, zum Beispiel 24.12.2027"
                value={str(values, 'from')}
                error={errors.fields.from}
                width="short"
                autocomplete="off"
              />
              <TextInput
                name="to"
                label="Bis (Datum)"
                optional="optional"
                hint="Leer lassen, wenn der Eintrag nur einen Tag betrifft."
                value={str(values, 'to')}
                error={errors.fields.to}
                width="short"
                autocomplete="off"
              />
            </Fieldset>
            <Select
              name="kind"
              label="Art"
              value={str(values, 'kind') || 'closed'}
              error={errors.fields.kind}
              options={[
                { value: 'closed', label: 'Ganztägig geschlossen' },
                { value: 'hours', label: 'Besondere Öffnungszeiten' },
              ]}
            />
            <Fieldset legend="Besondere Öffnungszeiten (nur bei dieser Art)">
              <div class="app-hours-grid">
                {Array.from({ length: MAX_EXCEPTION_INTERVALS }, (_, index) =>
                  (['opens', 'closes'] as const).map((part) => {
                    const name = exceptionIntervalField(index, part);
                    return (
                      <TextInput
                        name={name}
                        label={exceptionIntervalLabel(index, part)}
                        value={str(values, name)}
                        error={errors.fields[name]}
                        autocomplete="off"
                      />
                    );
                  }),
                )}
              </div>
            </Fieldset>
            <TextInput
              name="reason_de"
              label="Grund (Deutsch)"
              hint="Zum Beispiel „Personalversammlung“. Wird auf der Standortseite angezeigt."
              value={str(values, 'reason_de')}
              error={errors.fields.reason_de}
            />
            <TextInput
              name="reason_en"
              label="Grund (Englisch)"
              optional="optional"
              value={str(values, 'reason_en')}
              error={errors.fields.reason_en}
            />
            <Button>Eintrag hinzufügen</Button>
          </form>
        </section>
      )}
      {past.length > 0 ? (
        <section aria-labelledby="past-heading" class="app-section">
          <Heading level={2} id="past-heading">
            Vergangene Einträge
          </Heading>
          <Table
            caption="Vergangene Schließungen und Sonderöffnungen, neueste zuerst"
            head={['Zeitraum', 'Öffnungszeiten', 'Grund']}
            rows={past.map((exception) => [
              exceptionRange(exception),
              exceptionHours(exception),
              reason(exception),
            ])}
          />
        </section>
      ) : null}
    </LocationPage>
  );
}

// ---- counters

const counterFieldId = (counter: Counter) => `name-${counter.id}`;

function CountersPage({
  ctx,
  location,
  counters,
  values,
  errors = noErrors,
}: {
  ctx: PageContext;
  location: Location;
  counters: Counter[];
  values: FormValues;
  errors?: FormErrors;
}) {
  const readOnly = Boolean(location.retiredAt);
  const csrf = ctx.csrf();
  const active = counters.filter((counter) => !counter.retiredAt);
  const retired = counters.filter((counter) => counter.retiredAt);
  const action = `${BASE}/${location.id}/schalter`;
  return (
    <LocationPage ctx={ctx} location={location} current="schalter" title="Schalter" errors={errors}>
      <Text>
        Schalter sind die Arbeitsplätze, an denen Bürgerinnen und Bürger bedient werden. Stillgelegte Schalter
        bleiben im Protokoll erhalten.
      </Text>
      <section aria-labelledby="active-heading" class="app-section">
        <Heading level={2} id="active-heading">
          Aktive Schalter ({active.length})
        </Heading>
        {active.length === 0 ? (
          <Text>An diesem Standort gibt es keine aktiven Schalter.</Text>
        ) : (
          <Table
            caption="Aktive Schalter"
            head={readOnly ? ['Name'] : ['Name', 'Umbenennen', 'Stilllegen']}
            rows={active.map((counter) => [
              counter.name,
              ...(readOnly
                ? []
                : [
                    <form method="post" action={action} novalidate>
                      <CsrfField token={csrf} />
                      <input type="hidden" name="counterId" value={counter.id} />
                      <TextInput
                        name="name"
                        id={counterFieldId(counter)}
                        label={`Neuer Name für „${counter.name}“`}
                        value={
                          counterFieldId(counter) in values
                            ? str(values, counterFieldId(counter))
                            : counter.name
                        }
                        error={errors.fields[counterFieldId(counter)]}
                        width="medium"
                      />
                      <Button variant="secondary" name="aktion" value="umbenennen">
                        „{counter.name}“ umbenennen
                      </Button>
                    </form>,
                    <form method="post" action={action} class="app-inline-form">
                      <CsrfField token={csrf} />
                      <input type="hidden" name="counterId" value={counter.id} />
                      <Button variant="secondary" name="aktion" value="stilllegen">
                        „{counter.name}“ stilllegen
                      </Button>
                    </form>,
                  ]),
            ])}
          />
        )}
      </section>
      {readOnly ? null : (
        <section aria-labelledby="add-heading" class="app-section">
          <Heading level={2} id="add-heading">
            Schalter hinzufügen
          </Heading>
          <form method="post" action={action} novalidate>
            <CsrfField token={csrf} />
            <TextInput
              name="name"
              id="name"
              label="Name des neuen Schalters"
              hint="Zum Beispiel „Schalter 7“."
              value={str(values, 'name')}
              error={errors.fields.name}
              width="medium"
            />
            <Button name="aktion" value="anlegen">
              Schalter hinzufügen
            </Button>
          </form>
        </section>
      )}
      {retired.length > 0 ? (
        <section aria-labelledby="retired-heading" class="app-section">
          <Heading level={2} id="retired-heading">
            Stillgelegte Schalter
          </Heading>
          <Table
            caption="Stillgelegte Schalter"
            head={['Name', 'Stillgelegt am']}
            rows={retired.map((counter) => [counter.name, formatDateTime(counter.retiredAt!)])}
          />
        </section>
      ) : null}
    </LocationPage>
  );
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

  // -- exceptions

  const exceptionsPage = async (
    request: FastifyRequest<IdParams>,
    reply: FastifyReply,
    values: FormValues = {},
    errors?: FormErrors,
  ) => {
    const location = await locations.getForAdmin(request.params.id);
    const all = await locations.exceptions(location.id);
    const today = locations.today();
    const upcoming = all.filter((e) => e.toDate >= today);
    const past = all
      .filter((e) => e.toDate < today)
      .reverse()
      .slice(0, 20);
    if (errors) reply.status(422);
    return reply.page(
      <ExceptionsPage
        ctx={request.pageContext()}
        location={location}
        upcoming={upcoming}
        past={past}
        values={values}
        errors={errors}
      />,
    );
  };

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

  const countersPage = async (
    request: FastifyRequest<IdParams>,
    reply: FastifyReply,
    values: FormValues = {},
    errors?: FormErrors,
  ) => {
    const location = await locations.getForAdmin(request.params.id);
    const counters = await locations.counters(location.id, { includeRetired: true });
    if (errors) reply.status(422);
    return reply.page(
      <CountersPage
        ctx={request.pageContext()}
        location={location}
        counters={counters}
        values={values}
        errors={errors}
      />,
    );
  };

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
