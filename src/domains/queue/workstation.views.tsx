import type { ComponentChildren } from 'preact';
import { type FormState, fieldProps } from '../../platform/forms/field-props.js';
import type { SummaryError } from '../../platform/views/kern.js';
import {
  Alert,
  Badge,
  Button,
  ButtonGroup,
  DescriptionList,
  ErrorSummary,
  Heading,
  Link,
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

/** The clerk's workstation (German only); the routes are in workstation.routes.tsx. */

export const WORKSTATION = '/verwaltung/platz';
/** Seconds between the page's own reloads (HTTP Refresh, no JavaScript). */
export const REFRESH_SECONDS = 30;

export interface Option {
  value: string;
  label: string;
}

/** The messages by field id (the first one of each), for the fields of the forms. */
function messagesOf(errors: SummaryError[]): Record<string, string> {
  const messages: Record<string, string> = {};
  for (const { field, message } of errors) messages[field] ??= message;
  return messages;
}

/**
 * A form of the workstation, posted to `${WORKSTATION}/${action}`, with the ticket it acts on where there
 * is one. Without `novalidate`, as these forms have always been: none has a field the browser would check.
 */
function StationForm({
  ctx,
  action,
  ticketId,
  inline,
  children,
}: {
  ctx: PageContext;
  action: string;
  ticketId?: string;
  inline?: boolean;
  children: ComponentChildren;
}) {
  return (
    <PostForm action={`${WORKSTATION}/${action}`} token={ctx.csrf()} inline={inline} novalidate={false}>
      {ticketId ? <input type="hidden" name="ticket" value={ticketId} /> : null}
      {children}
    </PostForm>
  );
}

/**
 * "Vorrang geben" with a reason: for the ticket at the counter, or for one chosen from the queue (`von`
 * tells the route which, and it names the fields' messages by the ids used here).
 */
function GivePriorityForm({
  ctx,
  form,
  target,
}: {
  ctx: PageContext;
  form: FormState;
  target: { ticketId: string } | { waiting: Option[] };
}) {
  const fromQueue = 'waiting' in target;
  const prefix = fromQueue ? 'warteschlange' : 'vorrang';
  return (
    <StationForm ctx={ctx} action="vorrang" ticketId={fromQueue ? undefined : target.ticketId}>
      {fromQueue ? <input type="hidden" name="von" value="warteschlange" /> : null}
      <input type="hidden" name="vorrang" value="ja" />
      {fromQueue ? (
        <>
          <Heading level={3}>Vorrang für eine wartende Person</Heading>
          <Select
            {...fieldProps(form, 'ticket', 'warteschlange-ticket')}
            label="Wartenummer"
            options={target.waiting}
          />
        </>
      ) : null}
      <TextInput
        {...fieldProps(form, 'grund', `${prefix}-grund`)}
        label="Grund für den Vorrang"
        hint="z. B. Schwerbehinderung, Schwangerschaft, Notfall"
      />
      <Button variant="secondary">Vorrang geben</Button>
    </StationForm>
  );
}

/** The choice of location and counter before the clerk starts. */
export function ChooseCounterPage({
  ctx,
  locations,
  location,
  counters,
  errors = [],
}: {
  ctx: PageContext;
  locations: Option[];
  /** The chosen location (second step), if any. */
  location?: Option;
  counters: Option[];
  errors?: SummaryError[];
}) {
  const title = 'Arbeitsplatz wählen';
  const form: FormState = { values: {}, errors: messagesOf(errors) };
  return (
    <StaffLayout ctx={ctx} title={title}>
      <ErrorSummary title="Es gibt ein Problem" errors={errors} />
      <Heading level={1}>{title}</Heading>
      <Text>Wählen Sie den Standort und den Schalter, an dem Sie heute arbeiten.</Text>
      <form method="get" action={WORKSTATION}>
        <Select name="standort" label="Standort" value={location?.value ?? null} options={locations} />
        <Button variant={location ? 'secondary' : 'primary'}>Standort wählen</Button>
      </form>
      {location ? (
        counters.length === 0 ? (
          <Text>Dieser Standort hat keine Schalter.</Text>
        ) : (
          <StationForm ctx={ctx} action="oeffnen">
            <Heading level={2}>Schalter in {location.label}</Heading>
            <Select {...fieldProps(form, 'schalter')} label="Schalter" options={counters} />
            <Button>Schalter öffnen</Button>
          </StationForm>
        )
      ) : null}
    </StaffLayout>
  );
}

export interface CurrentTicket {
  id: string;
  number: string;
  status: 'called' | 'serving';
  kind: 'appointment' | 'walk_in';
  services: Array<{ name: string; documents: string[] }>;
  arrivedAt: string;
  waitedMinutes: number;
  callCount: number;
  maxCalls: number;
  priority: boolean;
  priorityReason: string | null;
  note: string | null;
  appointment?: { name: string | null; time: string; code: string };
}

export interface QueueRow {
  id: string;
  number: string;
  services: string;
  kind: 'appointment' | 'walk_in';
  arrivedAt: string;
  waitingMinutes: number;
  estimate: number | undefined;
  priority: boolean;
  priorityReason: string | null;
}

export interface WorkstationProps {
  ctx: PageContext;
  location: { id: string; name: string };
  counter: { id: string; name: string; serviceNames: string[] };
  current: CurrentTicket | undefined;
  queue: QueueRow[];
  parked: QueueRow[];
  /** The location's services (transfer). */
  services: Option[];
  /** The location's walk-in services (drawing a ticket at the desk). */
  walkInServices: Option[];
  /** The other counters of the location (transfer). */
  counters: Option[];
  refresh: boolean;
  errors?: SummaryError[];
  values?: Record<string, string>;
}

const kindLabel = (kind: 'appointment' | 'walk_in') => (kind === 'appointment' ? 'Termin' : 'ohne Termin');

export function WorkstationPage(props: WorkstationProps) {
  const { ctx, location, counter, current, queue, parked, refresh, errors = [], values = {} } = props;
  const title = `${counter.name} – ${location.name}`;
  const form: FormState = { values, errors: messagesOf(errors) };
  return (
    <StaffLayout ctx={ctx} title={title}>
      <ErrorSummary title="Das ging nicht" errors={errors} />
      <Heading level={1}>{title}</Heading>
      <Text small muted>
        {counter.serviceNames.length === 0
          ? 'Dieser Schalter bearbeitet alle Leistungen.'
          : `Dieser Schalter bearbeitet: ${counter.serviceNames.join(', ')}.`}{' '}
        {refresh ? (
          <>
            Die Seite aktualisiert sich alle {REFRESH_SECONDS} Sekunden.{' '}
            <Link href={`${WORKSTATION}?aktualisieren=nein`} small>
              Automatische Aktualisierung anhalten
            </Link>
          </>
        ) : (
          <>
            Automatische Aktualisierung angehalten.{' '}
            <Link href={WORKSTATION} small>
              Seite aktualisieren und wieder automatisch aktualisieren
            </Link>
          </>
        )}
      </Text>

      <section aria-labelledby="aktuell">
        <Heading level={2} id="aktuell">
          Am Schalter
        </Heading>
        {current ? (
          <CurrentSection {...props} current={current} values={values} />
        ) : (
          <>
            <Text>Gerade ist niemand an diesem Schalter aufgerufen.</Text>
            <StationForm ctx={ctx} action="aufrufen">
              <Button>Nächste Person aufrufen</Button>
            </StationForm>
          </>
        )}
      </section>

      <section aria-labelledby="warteschlange">
        <Heading level={2} id="warteschlange">
          Warteschlange
        </Heading>
        {queue.length === 0 ? (
          <Text>Niemand wartet auf diesen Schalter.</Text>
        ) : (
          <Table
            caption={`Wer an ${counter.name} aufgerufen werden kann, in Aufrufreihenfolge (${queue.length})`}
            head={[
              'Nummer',
              'Leistungen',
              'Art',
              'Angekommen',
              'Wartet seit (Min.)',
              'Schätzung (Min.)',
              'Vorrang',
            ]}
            numeric={[4, 5]}
            rowHeader
            rows={queue.map((row) => [
              row.number,
              row.services,
              kindLabel(row.kind),
              `${row.arrivedAt} Uhr`,
              String(row.waitingMinutes),
              row.estimate === undefined ? '–' : String(row.estimate),
              row.priority ? `Ja${row.priorityReason ? ` (${row.priorityReason})` : ''}` : 'Nein',
            ])}
          />
        )}
        {queue.some((row) => !row.priority) ? (
          <GivePriorityForm
            ctx={ctx}
            form={form}
            target={{
              waiting: queue
                .filter((row) => !row.priority)
                .map((row) => ({ value: row.id, label: `${row.number} (${row.services})` })),
            }}
          />
        ) : null}
      </section>

      <section aria-labelledby="geparkt">
        <Heading level={2} id="geparkt">
          Geparkt
        </Heading>
        {parked.length === 0 ? (
          <Text>Keine geparkten Wartenummern.</Text>
        ) : (
          <Table
            caption={`Geparkte Wartenummern in ${location.name} (${parked.length})`}
            head={['Nummer', 'Leistungen', 'Art', 'Angekommen', 'Aktion']}
            rowHeader
            rows={parked.map((row) => [
              row.number,
              row.services,
              kindLabel(row.kind),
              `${row.arrivedAt} Uhr`,
              <StationForm ctx={ctx} action="zurueckholen" ticketId={row.id}>
                <Button variant="secondary">Zurückholen: {row.number}</Button>
              </StationForm>,
            ])}
          />
        )}
      </section>

      <section aria-labelledby="am-tresen">
        <Heading level={2} id="am-tresen">
          Wartenummer für Vorsprechende
        </Heading>
        {props.walkInServices.length === 0 ? (
          <Text>An diesem Standort gibt es keine Leistung mit Wartenummer ohne Termin.</Text>
        ) : (
          <StationForm ctx={ctx} action="wartenummer">
            <Select
              {...fieldProps(form, 'leistung', 'walkin-leistung')}
              label="Leistung (ohne Termin)"
              options={props.walkInServices}
            />
            <Button variant="secondary">Wartenummer ziehen</Button>
          </StationForm>
        )}
        <StationForm ctx={ctx} action="einchecken">
          <TextInput
            {...fieldProps(form, 'code')}
            label="Buchungscode eines Termins"
            hint="z. B. K7M-4QX"
            width="short"
            autocomplete="off"
          />
          <Button variant="secondary">Termin einchecken</Button>
        </StationForm>
      </section>

      <section aria-labelledby="platz">
        <Heading level={2} id="platz">
          Arbeitsplatz
        </Heading>
        <StationForm ctx={ctx} action="verlassen">
          <Button variant="tertiary">Platz verlassen</Button>
        </StationForm>
      </section>
    </StaffLayout>
  );
}

function CurrentSection({
  ctx,
  current,
  services,
  counters,
  errors = [],
  values = {},
}: WorkstationProps & { current: CurrentTicket }) {
  const called = current.status === 'called';
  const form: FormState = { values, errors: messagesOf(errors) };
  const items: Array<{ key: string; value: ComponentChildren }> = [
    {
      key: 'Status',
      value: called ? `aufgerufen (${current.callCount}. von ${current.maxCalls} Aufrufen)` : 'in Bedienung',
    },
    { key: 'Art', value: kindLabel(current.kind) },
    { key: 'Leistungen', value: current.services.map((s) => s.name).join(', ') },
    { key: 'Angekommen', value: `${current.arrivedAt} Uhr (${current.waitedMinutes} Min. gewartet)` },
  ];
  if (current.appointment) {
    items.push({
      key: 'Termin',
      value: `${current.appointment.time} Uhr, ${current.appointment.name ?? 'ohne Namen'} (Code ${current.appointment.code})`,
    });
  }
  if (current.priority) {
    items.push({
      key: 'Vorrang',
      value: (
        <>
          <Badge kind="warning">Vorrang</Badge> {current.priorityReason ?? ''}
        </>
      ),
    });
  }
  if (current.note) items.push({ key: 'Notiz', value: current.note });
  const documents = current.services.filter((s) => s.documents.length > 0);
  return (
    <>
      <Alert kind={called ? 'info' : 'success'} title={`Wartenummer ${current.number}`} />
      <DescriptionList items={items} />
      {documents.length > 0 ? (
        <>
          <Heading level={3}>Unterlagen prüfen</Heading>
          {documents.map((service) => (
            <>
              {documents.length > 1 ? <Text>{service.name}:</Text> : null}
              <List items={service.documents} />
            </>
          ))}
        </>
      ) : null}
      <ButtonGroup>
        {called ? (
          <>
            <StationForm ctx={ctx} action="beginnen" ticketId={current.id} inline>
              <Button>Bedienung beginnen</Button>
            </StationForm>
            <StationForm ctx={ctx} action="erneut" ticketId={current.id} inline>
              <Button variant="secondary">Erneut aufrufen</Button>
            </StationForm>
            <StationForm ctx={ctx} action="nicht-erschienen" ticketId={current.id} inline>
              <Button variant="secondary">Nicht erschienen</Button>
            </StationForm>
          </>
        ) : (
          <>
            <StationForm ctx={ctx} action="abschliessen" ticketId={current.id} inline>
              <Button>Abschließen</Button>
            </StationForm>
            <StationForm ctx={ctx} action="aufrufen" inline>
              <Button variant="secondary">Abschließen und nächste Person aufrufen</Button>
            </StationForm>
            <StationForm ctx={ctx} action="parken" ticketId={current.id} inline>
              <Button variant="secondary">Parken</Button>
            </StationForm>
          </>
        )}
      </ButtonGroup>

      <Heading level={3}>Weiterleiten</Heading>
      <StationForm ctx={ctx} action="weiterleiten" ticketId={current.id}>
        <Text small>Die Person behält ihre Ankunftszeit und damit ihren Platz in der Reihenfolge.</Text>
        <Select
          {...fieldProps(form, 'leistung', 'transfer-leistung')}
          label="An Leistung"
          options={[{ value: '', label: 'Leistungen behalten' }, ...services]}
        />
        <Select
          {...fieldProps(form, 'schalter', 'transfer-schalter')}
          label="An Schalter"
          options={[{ value: '', label: 'Jeder passende Schalter' }, ...counters]}
        />
        <Button variant="secondary">Weiterleiten</Button>
      </StationForm>

      <Heading level={3}>Vorrang</Heading>
      {current.priority ? (
        <StationForm ctx={ctx} action="vorrang" ticketId={current.id}>
          <input type="hidden" name="vorrang" value="nein" />
          <Button variant="secondary">Vorrang aufheben</Button>
        </StationForm>
      ) : (
        <GivePriorityForm ctx={ctx} form={form} target={{ ticketId: current.id }} />
      )}

      <Heading level={3}>Notiz</Heading>
      <StationForm ctx={ctx} action="notiz" ticketId={current.id}>
        <Textarea
          {...fieldProps(form, 'notiz')}
          label="Notiz zur Wartenummer"
          optional="nur für Mitarbeitende"
          rows={2}
          value={values.notiz ?? current.note ?? ''}
        />
        <Button variant="secondary">Notiz speichern</Button>
      </StationForm>
    </>
  );
}
