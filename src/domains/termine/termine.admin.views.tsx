import type { ComponentChildren } from 'preact';
import { type FormState, fieldProps } from '../../platform/forms/field-props.js';
import { berlinDateOf, formatDate, formatTime, toIsoWithOffset } from '../../platform/time/berlin-time.js';
import { formatDateTime } from '../../platform/time/format.js';
import {
  Alert,
  Badge,
  Button,
  ButtonGroup,
  Checkbox,
  DescriptionList,
  ErrorSummary,
  Fieldset,
  Heading,
  Link,
  LinkButton,
  PostForm,
  Select,
  Table,
  Text,
  Textarea,
  TextInput,
} from '../../platform/views/kern.js';
import { StaffLayout } from '../../platform/views/layout.js';
import type { PageContext } from '../../platform/views/page-context.js';
import type { Offer } from './availability.rules.js';
import { type FormErrors, type FormValues, noErrors, serviceIdsOf, str } from './termine.admin.form.js';
import type { Appointment } from './termine.repository.js';
import type { AppointmentStatus } from './termine.tables.js';

/** Staff pages for appointments (German only). */

export const BASE = '/verwaltung/termine';
const SUMMARY_TITLE = 'Es gibt ein Problem';

export interface LocationOption {
  id: string;
  name: string;
  retired: boolean;
}

export interface ServiceOption {
  id: string;
  name: string;
}

/** Roles that may close a day or a time range. */
export const CLOSING_ROLES = ['admin', 'teamleitung'] as const;
export const mayClose = (ctx: PageContext): boolean =>
  Boolean(ctx.staff && (CLOSING_ROLES as readonly string[]).includes(ctx.staff.role));

const statusLabels: Record<AppointmentStatus, string> = {
  held: 'reserviert',
  pending: 'unbestätigt',
  confirmed: 'bestätigt',
  cancelled: 'abgesagt',
  expired: 'abgelaufen',
  no_show: 'nicht erschienen',
};
const statusKinds: Record<AppointmentStatus, 'info' | 'success' | 'warning' | 'danger'> = {
  held: 'info',
  pending: 'warning',
  confirmed: 'success',
  cancelled: 'danger',
  expired: 'danger',
  no_show: 'danger',
};

export function StatusBadge({ status }: { status: AppointmentStatus }) {
  return <Badge kind={statusKinds[status]}>{statusLabels[status]}</Badge>;
}

export function dayUrl(locationId: string, day: string): string {
  return `${BASE}?standort=${encodeURIComponent(locationId)}&tag=${day}`;
}

const timeRange = (appointment: Appointment) =>
  `${formatTime(appointment.startsAt)}–${formatTime(appointment.endsAt)}`;

const locationOptions = (locations: LocationOption[]) =>
  locations.map((location) => ({
    value: location.id,
    label: location.retired ? `${location.name} (stillgelegt)` : location.name,
  }));

function servicesText(appointment: Appointment, serviceNames: Map<string, string>): string {
  return appointment.serviceIds.map((id) => serviceNames.get(id) ?? id).join(', ');
}

const activeLocations = (locations: LocationOption[]) => locations.filter((location) => !location.retired);

/** Optional contact details of the person a staff member books for. */
const optionalContact = { optional: 'optional', autocomplete: 'off' } as const;
/** The optional ends of a time range to close. */
const optionalTime = { type: 'time', optional: 'optional', width: 'short' } as const;

/** The location of the day view, the booking and the closing forms. */
function LocationSelect({
  locations,
  value,
  error,
  hint,
}: {
  locations: LocationOption[];
  value: string;
  error: string | undefined;
  hint?: string;
}) {
  return (
    <Select
      name="standort"
      label="Standort"
      value={value}
      options={locationOptions(locations)}
      error={error}
      hint={hint}
    />
  );
}

/** The day of the day view, the booking and the closing forms. */
function DayInput({ value, error, width }: { value: string; error: string | undefined; width?: 'medium' }) {
  return <TextInput name="tag" label="Tag" type="date" value={value} error={error} width={width} />;
}

/** The submit button and the way back without a change. */
function SubmitOrCancel({ submit, cancelHref }: { submit: string; cancelHref: string }) {
  return (
    <ButtonGroup>
      <Button>{submit}</Button>
      <LinkButton href={cancelHref} variant="secondary">
        Abbrechen
      </LinkButton>
    </ButtonGroup>
  );
}

function Page({
  ctx,
  title,
  errors = noErrors,
  children,
}: {
  ctx: PageContext;
  title: string;
  errors?: FormErrors;
  children: ComponentChildren;
}) {
  return (
    <StaffLayout ctx={ctx} title={title}>
      <ErrorSummary title={SUMMARY_TITLE} errors={errors.summary} />
      <Heading level={1}>{title}</Heading>
      {children}
    </StaffLayout>
  );
}

// ---- day view

function Contact({ appointment }: { appointment: Appointment }) {
  if (!appointment.name) return <>–</>;
  return (
    <>
      {appointment.name}
      {appointment.phone ? (
        <>
          <br />
          <span class="kern-body--small">Tel. {appointment.phone}</span>
        </>
      ) : null}
      {appointment.email ? (
        <>
          <br />
          <span class="kern-body--small">{appointment.email}</span>
        </>
      ) : null}
    </>
  );
}

function Actions({ ctx, appointment, now }: { ctx: PageContext; appointment: Appointment; now: Date }) {
  const time = formatTime(appointment.startsAt);
  const actions: ComponentChildren[] = [];
  if (['held', 'pending', 'confirmed'].includes(appointment.status)) {
    actions.push(<Link href={`${BASE}/${appointment.id}/absagen`}>Termin um {time} Uhr absagen</Link>);
  }
  if (appointment.status === 'confirmed' && appointment.startsAt <= now) {
    actions.push(
      <PostForm action={`${BASE}/${appointment.id}/nicht-erschienen`} token={ctx.csrf()} inline>
        <Button variant="secondary">{time} Uhr: nicht erschienen</Button>
      </PostForm>,
    );
  }
  if (actions.length === 0) return <>–</>;
  return (
    <>
      {actions.map((action, index) => (
        <>
          {index > 0 ? <br /> : null}
          {action}
        </>
      ))}
    </>
  );
}

export function DayPage({
  ctx,
  locations,
  locationId,
  locationName,
  day,
  dayValue,
  previousDay,
  nextDay,
  rows,
  serviceNames,
  now,
  errors = noErrors,
}: {
  ctx: PageContext;
  locations: LocationOption[];
  locationId: string;
  locationName: string;
  /** The valid day shown, or null when the input was invalid. */
  day: string | null;
  /** What the date field shows. */
  dayValue: string;
  previousDay: string | null;
  nextDay: string | null;
  rows: Appointment[];
  serviceNames: Map<string, string>;
  now: Date;
  errors?: FormErrors;
}) {
  const active = rows.filter((row) => ['held', 'pending', 'confirmed'].includes(row.status)).length;
  return (
    <Page ctx={ctx} title="Termine" errors={errors}>
      <form method="get" action={BASE} class="app-search" novalidate>
        <LocationSelect locations={locations} value={locationId} error={errors.fields.standort} />
        <DayInput value={dayValue} error={errors.fields.tag} />
        <Button variant="secondary">Anzeigen</Button>
      </form>
      {day ? (
        <>
          <nav aria-label="Tage blättern">
            <ButtonGroup>
              {previousDay ? (
                <Link href={dayUrl(locationId, previousDay)}>
                  Vorheriger Tag ({formatDate(previousDay, 'de')})
                </Link>
              ) : null}
              {nextDay ? (
                <Link href={dayUrl(locationId, nextDay)}>Nächster Tag ({formatDate(nextDay, 'de')})</Link>
              ) : null}
            </ButtonGroup>
          </nav>
          <ButtonGroup>
            <LinkButton href={`${BASE}/neu?standort=${encodeURIComponent(locationId)}&tag=${day}`}>
              Termin buchen
            </LinkButton>
            {mayClose(ctx) ? (
              <LinkButton
                href={`${BASE}/schliessen?standort=${encodeURIComponent(locationId)}&tag=${day}`}
                variant="secondary"
              >
                Tag oder Zeitraum schließen
              </LinkButton>
            ) : null}
            {ctx.staff?.role === 'admin' ? (
              <LinkButton href={`${BASE}/regeln/${encodeURIComponent(locationId)}`} variant="tertiary">
                Buchungsregeln
              </LinkButton>
            ) : null}
          </ButtonGroup>
          <Heading level={2}>
            {formatDate(day, 'de')}, {locationName}
          </Heading>
          {rows.length === 0 ? (
            <Text>An diesem Tag gibt es keine Termine.</Text>
          ) : (
            <>
              <Text>
                {active === 1 ? '1 aktiver Termin' : `${active} aktive Termine`}, insgesamt {rows.length}.
              </Text>
              <Table
                caption={`Termine am ${formatDate(day, 'de')} – ${locationName}`}
                head={['Uhrzeit', 'Leistungen', 'Name', 'Status', 'Buchungsnummer', 'Aktionen']}
                rows={rows.map((appointment) => [
                  timeRange(appointment),
                  servicesText(appointment, serviceNames),
                  <Contact appointment={appointment} />,
                  <>
                    <StatusBadge status={appointment.status} />
                    {appointment.channel === 'internal' ? (
                      <>
                        <br />
                        <span class="kern-body--small">intern gebucht</span>
                      </>
                    ) : null}
                    {appointment.cancelReason ? (
                      <>
                        <br />
                        <span class="kern-body--small">Grund: {appointment.cancelReason}</span>
                      </>
                    ) : null}
                  </>,
                  <code>{appointment.code}</code>,
                  <Actions ctx={ctx} appointment={appointment} now={now} />,
                ])}
              />
            </>
          )}
        </>
      ) : null}
    </Page>
  );
}

// ---- booking for a caller

export type TimesState =
  | { kind: 'none' }
  | { kind: 'offers'; slots: Offer[]; durationMinutes: number }
  | { kind: 'empty'; durationMinutes: number };

export function BookingPage({
  ctx,
  locations,
  locationId,
  services,
  values,
  times,
  errors = noErrors,
}: {
  ctx: PageContext;
  locations: LocationOption[];
  locationId: string;
  services: ServiceOption[];
  values: FormValues;
  times: TimesState;
  errors?: FormErrors;
}) {
  const chosen = serviceIdsOf(values.leistungen);
  const day = str(values, 'tag');
  const form: FormState = { values, errors: errors.fields, text: str };
  return (
    <Page ctx={ctx} title="Termin buchen" errors={errors}>
      <Text>
        Für Anrufe und Vorsprachen: gebucht wird aus dem internen Kontingent. Der Termin ist sofort
        verbindlich, ein Bestätigungslink ist nicht nötig.
      </Text>
      <Text>
        <Link href={day ? `${BASE}?standort=${encodeURIComponent(locationId)}&tag=${day}` : BASE}>
          Zurück zur Tagesübersicht
        </Link>
      </Text>
      <section aria-labelledby="step-1" class="app-section">
        <Heading level={2} id="step-1">
          1. Standort, Leistungen und Tag
        </Heading>
        <form method="get" action={`${BASE}/neu`} novalidate>
          <LocationSelect
            locations={activeLocations(locations)}
            value={locationId}
            error={errors.fields.standort}
            hint="Nach einem Wechsel des Standorts „Freie Zeiten anzeigen“ wählen: die Leistungen richten sich nach dem Standort."
          />
          <Fieldset legend="Leistungen" id="leistungen" error={errors.fields.leistungen}>
            {services.length === 0 ? (
              <Text>An diesem Standort werden keine Leistungen angeboten.</Text>
            ) : (
              services.map((service) => (
                <Checkbox
                  name="leistungen"
                  id={`leistung-${service.id}`}
                  value={service.id}
                  label={service.name}
                  checked={chosen.includes(service.id)}
                />
              ))
            )}
          </Fieldset>
          <DayInput value={day} error={errors.fields.tag} width="medium" />
          <Button variant="secondary" name="aktion" value="zeiten">
            Freie Zeiten anzeigen
          </Button>
        </form>
      </section>
      {times.kind === 'none' ? null : (
        <section aria-labelledby="step-2" class="app-section">
          <Heading level={2} id="step-2">
            2. Uhrzeit und Angaben zur Person
          </Heading>
          {times.kind === 'empty' ? (
            <Alert kind="info" title="Keine freien Zeiten">
              <Text>
                Am {formatDate(day, 'de')} ist im internen Kontingent keine Zeit für {times.durationMinutes}{' '}
                Minuten mehr frei. Bitte wählen Sie einen anderen Tag.
              </Text>
            </Alert>
          ) : (
            <PostForm action={`${BASE}/neu`} token={ctx.csrf()}>
              <input type="hidden" name="standort" value={locationId} />
              <input type="hidden" name="tag" value={day} />
              {chosen.map((id) => (
                <input type="hidden" name="leistungen" value={id} />
              ))}
              <Select
                {...fieldProps(form, 'start')}
                label="Uhrzeit"
                hint={`Dauer: ${times.durationMinutes} Minuten. In Klammern die im internen Kontingent freien Plätze.`}
                options={[
                  { value: '', label: 'Bitte wählen' },
                  ...times.slots.map((slot) => ({
                    value: toIsoWithOffset(slot.start),
                    label: `${formatTime(slot.start)} Uhr (${slot.free} frei)`,
                  })),
                ]}
              />
              <Fieldset legend="Angaben zur Person">
                <TextInput {...fieldProps(form, 'name')} label="Name" autocomplete="off" />
                <TextInput
                  {...fieldProps(form, 'phone')}
                  {...optionalContact}
                  label="Telefonnummer"
                  type="tel"
                  width="medium"
                />
                <TextInput
                  {...fieldProps(form, 'email')}
                  {...optionalContact}
                  label="E-Mail-Adresse"
                  type="email"
                  hint="Eine Bestätigung per E-Mail wird bei Buchungen durch die Verwaltung noch nicht verschickt. Bitte nennen Sie die Buchungsnummer am Telefon."
                />
                <Textarea {...fieldProps(form, 'note')} label="Hinweis" optional="optional" rows={3} />
              </Fieldset>
              <Button>Termin verbindlich buchen</Button>
            </PostForm>
          )}
        </section>
      )}
    </Page>
  );
}

// ---- cancelling one appointment

function AppointmentDetails({
  appointment,
  locationName,
  serviceNames,
}: {
  appointment: Appointment;
  locationName: string;
  serviceNames: Map<string, string>;
}) {
  return (
    <DescriptionList
      items={[
        {
          key: 'Termin',
          value: `${formatDate(berlinDateOf(appointment.startsAt), 'de')}, ${timeRange(appointment)} Uhr`,
        },
        { key: 'Standort', value: locationName },
        { key: 'Leistungen', value: servicesText(appointment, serviceNames) },
        { key: 'Name', value: <Contact appointment={appointment} /> },
        { key: 'Buchungsnummer', value: <code>{appointment.code}</code> },
        { key: 'Status', value: <StatusBadge status={appointment.status} /> },
        ...(appointment.cancelledAt
          ? [{ key: 'Abgesagt am', value: formatDateTime(appointment.cancelledAt) }]
          : []),
      ]}
    />
  );
}

export function CancelPage({
  ctx,
  appointment,
  locationName,
  serviceNames,
  values = {},
  errors = noErrors,
}: {
  ctx: PageContext;
  appointment: Appointment;
  locationName: string;
  serviceNames: Map<string, string>;
  values?: FormValues;
  errors?: FormErrors;
}) {
  const active = ['held', 'pending', 'confirmed'].includes(appointment.status);
  const back = dayUrl(appointment.locationId, berlinDateOf(appointment.startsAt));
  const form: FormState = { values, errors: errors.fields, text: str };
  return (
    <Page ctx={ctx} title="Termin absagen" errors={errors}>
      <AppointmentDetails appointment={appointment} locationName={locationName} serviceNames={serviceNames} />
      {active ? (
        <PostForm action={`${BASE}/${appointment.id}/absagen`} token={ctx.csrf()}>
          <Textarea
            {...fieldProps(form, 'grund')}
            label="Grund der Absage"
            hint={
              appointment.email
                ? 'Der Grund steht in der E-Mail, mit der die Bürgerin oder der Bürger über die Absage informiert wird.'
                : 'Es ist keine E-Mail-Adresse hinterlegt: bitte informieren Sie die Person auf anderem Weg.'
            }
            rows={3}
          />
          <SubmitOrCancel submit="Termin absagen" cancelHref={back} />
        </PostForm>
      ) : (
        <>
          <Alert kind="info" title="Dieser Termin ist nicht mehr aktiv." />
          <Text>
            <Link href={back}>Zurück zur Tagesübersicht</Link>
          </Text>
        </>
      )}
    </Page>
  );
}

// ---- closing a day or a time range

/** The two ends of the time range: both empty close the whole day. */
const RANGE_ENDS = [
  { name: 'von', label: 'Von', hint: 'Zum Beispiel 12:00. Leer: ab Tagesbeginn.' },
  { name: 'bis', label: 'Bis', hint: 'Zum Beispiel 15:30. Leer: bis Tagesende.' },
];

export function ClosurePage({
  ctx,
  locations,
  values,
  errors = noErrors,
}: {
  ctx: PageContext;
  locations: LocationOption[];
  values: FormValues;
  errors?: FormErrors;
}) {
  const locationId = str(values, 'standort');
  const day = str(values, 'tag');
  const form: FormState = { values, errors: errors.fields, text: str };
  return (
    <Page ctx={ctx} title="Tag oder Zeitraum schließen" errors={errors}>
      <Text>
        Wenn der Standort kurzfristig schließen muss: alle Termine im Zeitraum werden abgesagt, und jede
        Bürgerin und jeder Bürger mit E-Mail-Adresse erhält eine Nachricht mit dem Grund. Die Zeit wird
        gesperrt und weder online noch intern noch über die Warteliste wieder angeboten. Das lässt sich nicht
        rückgängig machen.
      </Text>
      <Text>
        Für geplante Schließtage tragen Sie die Schließung bitte zusätzlich beim Standort unter „Schließungen
        und Sonderöffnungen“ ein.
      </Text>
      <PostForm action={`${BASE}/schliessen`} token={ctx.csrf()}>
        <LocationSelect
          locations={activeLocations(locations)}
          value={locationId}
          error={errors.fields.standort}
        />
        <DayInput value={day} error={errors.fields.tag} width="medium" />
        <Fieldset legend="Zeitraum">
          <Text small>Beide Felder leer lassen, um den ganzen Tag zu schließen.</Text>
          {RANGE_ENDS.map((end) => (
            <TextInput {...fieldProps(form, end.name)} {...optionalTime} label={end.label} hint={end.hint} />
          ))}
        </Fieldset>
        <Textarea
          {...fieldProps(form, 'grund')}
          label="Grund"
          hint="Er steht in der E-Mail an die Bürgerinnen und Bürger, zum Beispiel „Stromausfall im Rathaus“."
          rows={3}
        />
        <SubmitOrCancel
          submit="Termine absagen und Zeit sperren"
          cancelHref={locationId && day ? dayUrl(locationId, day) : BASE}
        />
      </PostForm>
    </Page>
  );
}
