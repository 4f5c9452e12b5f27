import type { ComponentChildren } from 'preact';
import { type FormState, fieldProps } from '../../platform/forms/field-props.js';
import { checkbox } from '../../platform/forms/forms.js';
import { formatDateTime } from '../../platform/time/format.js';
import {
  Alert,
  Button,
  ButtonGroup,
  Checkbox,
  DescriptionList,
  ErrorSummary,
  Fieldset,
  Heading,
  Link,
  LinkButton,
  List,
  PostForm,
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
  str,
  WEEKDAYS_DE,
  weeklyField,
  weeklyLabel,
} from './locations.forms.js';
import type { Counter, Location, LocationException } from './locations.repository.js';
import { MAX_EXCEPTION_INTERVALS, MAX_WEEKLY_INTERVALS } from './locations.service.js';

/** Staff pages for locations (German only); the routes are in locations.admin.routes.tsx. */

export const BASE = '/verwaltung/standorte';
const SUMMARY_TITLE = 'Es gibt ein Problem';
const noErrors: FormErrors = { fields: {}, summary: [] };

type Section = 'stammdaten' | 'oeffnungszeiten' | 'schliessungen' | 'schalter';

/** The pages of one location, in the order of the navigation; each label is also its page's title. */
const SECTION_LABELS: Record<Section, string> = {
  stammdaten: 'Stammdaten',
  oeffnungszeiten: 'Öffnungszeiten',
  schliessungen: 'Schließungen und Sonderöffnungen',
  schalter: 'Schalter',
};
/** Sections that only admin sees; teamleitung edits opening hours and closures only. */
const ADMIN_SECTIONS: readonly Section[] = ['stammdaten', 'schalter'];

const sectionHref = (location: Location, section: Section) =>
  section === 'stammdaten' ? `${BASE}/${location.id}` : `${BASE}/${location.id}/${section}`;

export function nameOf(location: Location): string {
  return location.name.de;
}

/** Sub-navigation between the pages of one location; the staff member only sees what the role allows. */
function LocationNav({ ctx, location, current }: { ctx: PageContext; location: Location; current: Section }) {
  const admin = ctx.staff?.role === 'admin';
  const sections = (Object.keys(SECTION_LABELS) as Section[]).filter(
    (section) => admin || !ADMIN_SECTIONS.includes(section),
  );
  return (
    <nav aria-label={`Bereiche des Standorts ${nameOf(location)}`}>
      <List
        items={[
          <Link href={BASE}>Alle Standorte</Link>,
          ...sections.map((section) =>
            section === current ? (
              <strong>{SECTION_LABELS[section]}</strong>
            ) : (
              <Link href={sectionHref(location, section)}>{SECTION_LABELS[section]}</Link>
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

/** The frame of every page of one location: title, messages, navigation and the retired notice. */
function LocationPage({
  ctx,
  location,
  current,
  title = SECTION_LABELS[current],
  errors = noErrors,
  children,
}: {
  ctx: PageContext;
  location: Location;
  current: Section;
  /** Default: the section's label. */
  title?: string;
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

// ---- form pieces

/** A location's form: the values shown (stored or submitted) and the messages after a failed save. */
export interface LocationFormProps {
  ctx: PageContext;
  location: Location;
  values: FormValues;
  errors?: FormErrors;
}

// ---- list

export function ListPage({
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

function MasterDataFields({ form }: { form: FormState }) {
  const input = (
    name: string,
    extra: { hint?: string; type?: 'email' | 'tel'; optional?: boolean; width?: 'short' | 'medium' } = {},
  ) => (
    <TextInput
      {...fieldProps(form, name)}
      label={MASTER_DATA_LABELS[name]!}
      hint={extra.hint}
      type={extra.type}
      optional={extra.optional ? 'optional' : undefined}
      width={extra.width}
    />
  );
  const area = (name: string, optional: boolean) => (
    <Textarea
      {...fieldProps(form, name)}
      label={MASTER_DATA_LABELS[name]!}
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
          checked={checkbox(form.values.closedOnDec24)}
        />
        <Checkbox
          name="closedOnDec31"
          label={MASTER_DATA_LABELS.closedOnDec31!}
          checked={checkbox(form.values.closedOnDec31)}
        />
        {input('sortOrder', { hint: 'Kleinere Zahlen stehen in Listen weiter oben.', width: 'short' })}
      </Fieldset>
    </>
  );
}

export function NewLocationPage({
  ctx,
  values,
  errors = noErrors,
}: {
  ctx: PageContext;
  values: FormValues;
  errors?: FormErrors;
}) {
  const form: FormState = { values, errors: errors.fields, text: str };
  return (
    <StaffLayout ctx={ctx} title="Neuer Standort">
      <ErrorSummary title={SUMMARY_TITLE} errors={errors.summary} />
      <Heading level={1}>Neuer Standort</Heading>
      <Text>
        <Link href={BASE}>Zurück zu allen Standorten</Link>
      </Text>
      <PostForm action={`${BASE}/neu`} token={ctx.csrf()}>
        <TextInput
          {...fieldProps(form, 'id')}
          label={MASTER_DATA_LABELS.id!}
          hint="Kleinbuchstaben, Ziffern und Bindestriche, zum Beispiel „sued“. Sie erscheint in der Adresse der Standortseite und kann später nicht geändert werden."
          width="medium"
        />
        <MasterDataFields form={form} />
        <Button>Standort anlegen</Button>
      </PostForm>
    </StaffLayout>
  );
}

export function EditLocationPage({ ctx, location, values, errors = noErrors }: LocationFormProps) {
  return (
    <LocationPage ctx={ctx} location={location} current="stammdaten" errors={errors}>
      {location.retiredAt ? (
        <DescriptionList
          items={[
            { key: 'Kennung', value: location.id },
            { key: 'Adresse', value: `${location.street}, ${location.postalCode} ${location.town}` },
          ]}
        />
      ) : (
        <>
          <PostForm action={`${BASE}/${location.id}`} token={ctx.csrf()}>
            <MasterDataFields form={{ values, errors: errors.fields, text: str }} />
            <Button>Stammdaten speichern</Button>
          </PostForm>
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

export function RetirePage({
  ctx,
  location,
  error,
}: {
  ctx: PageContext;
  location: Location;
  error?: string;
}) {
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
          <PostForm action={`${BASE}/${location.id}/stilllegen`} token={ctx.csrf()}>
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
          </PostForm>
        </>
      )}
    </LocationPage>
  );
}

// ---- weekly hours

type IntervalPart = 'opens' | 'closes';

/**
 * Opening and closing time of each interval, as a grid: the weekly hours of one weekday, and the special
 * hours of a closure or special opening. `field` and `label` name the field of an interval's part.
 */
function IntervalFields({
  count,
  field,
  label,
  form,
}: {
  count: number;
  field: (index: number, part: IntervalPart) => string;
  label: (index: number, part: IntervalPart) => string;
  form: FormState;
}) {
  return (
    <div class="app-hours-grid">
      {Array.from({ length: count }, (_, index) =>
        (['opens', 'closes'] as const).map((part) => (
          <TextInput
            {...fieldProps(form, field(index, part))}
            label={label(index, part)}
            autocomplete="off"
          />
        )),
      )}
    </div>
  );
}

export function HoursPage({ ctx, location, values, errors = noErrors }: LocationFormProps) {
  const readOnly = Boolean(location.retiredAt);
  const form: FormState = { values, errors: errors.fields, text: str };
  return (
    <LocationPage ctx={ctx} location={location} current="oeffnungszeiten" errors={errors}>
      <Text>
        Tragen Sie je Wochentag bis zu {MAX_WEEKLY_INTERVALS} Zeiträume ein, Uhrzeiten im Format HH:MM (zum
        Beispiel 07:30). Lassen Sie beide Felder eines Zeitraums leer, wenn es ihn nicht gibt; ein Tag ohne
        Zeitraum ist geschlossen. Feiertage, Schließungen und Sonderöffnungen werden automatisch
        berücksichtigt.
      </Text>
      <PostForm action={`${BASE}/${location.id}/oeffnungszeiten`} token={ctx.csrf()}>
        {WEEKDAYS_DE.map((dayName, i) => {
          const weekday = i + 1;
          return (
            <Fieldset legend={dayName} id={`tag-${weekday}`}>
              <IntervalFields
                count={MAX_WEEKLY_INTERVALS}
                field={(index, part) => weeklyField(weekday, index, part)}
                label={(index, part) => weeklyLabel(weekday, index, part)}
                form={form}
              />
            </Fieldset>
          );
        })}
        {readOnly ? null : <Button>Öffnungszeiten speichern</Button>}
      </PostForm>
    </LocationPage>
  );
}

// ---- exceptions

/** The dates of a closure or special opening, TT.MM.JJJJ. */
const dateField = { width: 'short', autocomplete: 'off' } as const;

function exceptionHours(exception: LocationException): string {
  if (exception.kind === 'closed') return 'geschlossen';
  return exception.intervals.map((i) => `${i.opens}–${i.closes} Uhr`).join(', ');
}

function exceptionRange(exception: LocationException): string {
  return exception.fromDate === exception.toDate
    ? germanDate(exception.fromDate)
    : `${germanDate(exception.fromDate)} bis ${germanDate(exception.toDate)}`;
}

export function ExceptionsPage({
  ctx,
  location,
  upcoming,
  past,
  values,
  errors = noErrors,
}: LocationFormProps & { upcoming: LocationException[]; past: LocationException[] }) {
  const readOnly = Boolean(location.retiredAt);
  const csrf = ctx.csrf();
  const form: FormState = { values, errors: errors.fields, text: str };
  const reason = (e: LocationException) => (e.reason.en ? `${e.reason.de} / ${e.reason.en}` : e.reason.de);
  return (
    <LocationPage ctx={ctx} location={location} current="schliessungen" errors={errors}>
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
                    <PostForm
                      action={`${BASE}/${location.id}/schliessungen/${exception.id}/loeschen`}
                      token={csrf}
                      inline
                    >
                      <Button variant="secondary">Eintrag {exceptionRange(exception)} löschen</Button>
                    </PostForm>,
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
          <PostForm action={`${BASE}/${location.id}/schliessungen`} token={csrf}>
            <Fieldset legend="Zeitraum">
              <TextInput
                {...fieldProps(form, 'from')}
                {...dateField}
                label="Von (Datum)"
                hint="TT.MM.JJJJ, zum Beispiel 24.12.2027"
              />
              <TextInput
                {...fieldProps(form, 'to')}
                {...dateField}
                label="Bis (Datum)"
                optional="optional"
                hint="Leer lassen, wenn der Eintrag nur einen Tag betrifft."
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
              <IntervalFields
                count={MAX_EXCEPTION_INTERVALS}
                field={exceptionIntervalField}
                label={exceptionIntervalLabel}
                form={form}
              />
            </Fieldset>
            <TextInput
              {...fieldProps(form, 'reason_de')}
              label="Grund (Deutsch)"
              hint="Zum Beispiel „Personalversammlung“. Wird auf der Standortseite angezeigt."
            />
            <TextInput {...fieldProps(form, 'reason_en')} label="Grund (Englisch)" optional="optional" />
            <Button>Eintrag hinzufügen</Button>
          </PostForm>
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

export function CountersPage({
  ctx,
  location,
  counters,
  values,
  errors = noErrors,
}: LocationFormProps & { counters: Counter[] }) {
  const readOnly = Boolean(location.retiredAt);
  const csrf = ctx.csrf();
  const active = counters.filter((counter) => !counter.retiredAt);
  const retired = counters.filter((counter) => counter.retiredAt);
  const action = `${BASE}/${location.id}/schalter`;
  const form: FormState = { values, errors: errors.fields, text: str };
  return (
    <LocationPage ctx={ctx} location={location} current="schalter" errors={errors}>
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
                    <PostForm action={action} token={csrf}>
                      <input type="hidden" name="counterId" value={counter.id} />
                      <TextInput
                        {...fieldProps(form, 'name', counterFieldId(counter))}
                        label={`Neuer Name für „${counter.name}“`}
                        // The stored name, until a rename of this counter was submitted.
                        value={
                          counterFieldId(counter) in values
                            ? str(values, counterFieldId(counter))
                            : counter.name
                        }
                        width="medium"
                      />
                      <Button variant="secondary" name="aktion" value="umbenennen">
                        „{counter.name}“ umbenennen
                      </Button>
                    </PostForm>,
                    <PostForm action={action} token={csrf} inline>
                      <input type="hidden" name="counterId" value={counter.id} />
                      <Button variant="secondary" name="aktion" value="stilllegen">
                        „{counter.name}“ stilllegen
                      </Button>
                    </PostForm>,
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
          <PostForm action={action} token={csrf}>
            <TextInput
              {...fieldProps(form, 'name')}
              id="name"
              label="Name des neuen Schalters"
              hint="Zum Beispiel „Schalter 7“."
              width="medium"
            />
            <Button name="aktion" value="anlegen">
              Schalter hinzufügen
            </Button>
          </PostForm>
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
