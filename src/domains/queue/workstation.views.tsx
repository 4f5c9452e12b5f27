import type { ComponentChildren } from 'preact';
import type { SummaryError } from '../../platform/views/kern.js';
import {
  Alert,
  Badge,
  Button,
  ButtonGroup,
  CsrfField,
  DescriptionList,
  ErrorSummary,
  Heading,
  Link,
  List,
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
          <form method="post" action={`${WORKSTATION}/oeffnen`}>
            <CsrfField token={ctx.csrf()} />
            <Heading level={2}>Schalter in {location.label}</Heading>
            <Select name="schalter" label="Schalter" options={counters} error={errorOf(errors, 'schalter')} />
            <Button>Schalter öffnen</Button>
          </form>
        )
      ) : null}
    </StaffLayout>
  );
}

const errorOf = (errors: SummaryError[], field: string) => errors.find((e) => e.field === field)?.message;

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

function TicketForm({
  ctx,
  action,
  ticketId,
  inline,
  children,
}: {
  ctx: PageContext;
  action: string;
  ticketId: string;
  inline?: boolean;
  children: ComponentChildren;
}) {
  return (
    <form method="post" action={`${WORKSTATION}/${action}`} class={inline ? 'app-inline-form' : undefined}>
      <CsrfField token={ctx.csrf()} />
      <input type="hidden" name="ticket" value={ticketId} />
      {children}
    </form>
  );
}

export function WorkstationPage(props: WorkstationProps) {
  const { ctx, location, counter, current, queue, parked, refresh, errors = [], values = {} } = props;
  const title = `${counter.name} – ${location.name}`;
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
            <form method="post" action={`${WORKSTATION}/aufrufen`}>
              <CsrfField token={ctx.csrf()} />
              <Button>Nächste Person aufrufen</Button>
            </form>
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
          <form method="post" action={`${WORKSTATION}/vorrang`}>
            <CsrfField token={ctx.csrf()} />
            <input type="hidden" name="von" value="warteschlange" />
            <input type="hidden" name="vorrang" value="ja" />
            <Heading level={3}>Vorrang für eine wartende Person</Heading>
            <Select
              name="ticket"
              id="warteschlange-ticket"
              label="Wartenummer"
              value={values['warteschlange-ticket'] ?? null}
              options={queue
                .filter((row) => !row.priority)
                .map((row) => ({ value: row.id, label: `${row.number} (${row.services})` }))}
              error={errorOf(errors, 'warteschlange-ticket')}
            />
            <TextInput
              name="grund"
              id="warteschlange-grund"
              label="Grund für den Vorrang"
              hint="z. B. Schwerbehinderung, Schwangerschaft, Notfall"
              value={values['warteschlange-grund'] ?? ''}
              error={errorOf(errors, 'warteschlange-grund')}
            />
            <Button variant="secondary">Vorrang geben</Button>
          </form>
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
              <TicketForm ctx={ctx} action="zurueckholen" ticketId={row.id}>
                <Button variant="secondary">Zurückholen: {row.number}</Button>
              </TicketForm>,
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
          <form method="post" action={`${WORKSTATION}/wartenummer`}>
            <CsrfField token={ctx.csrf()} />
            <Select
              name="leistung"
              id="walkin-leistung"
              label="Leistung (ohne Termin)"
              value={values['walkin-leistung'] ?? null}
              options={props.walkInServices}
              error={errorOf(errors, 'walkin-leistung')}
            />
            <Button variant="secondary">Wartenummer ziehen</Button>
          </form>
        )}
        <form method="post" action={`${WORKSTATION}/einchecken`}>
          <CsrfField token={ctx.csrf()} />
          <TextInput
            name="code"
            label="Buchungscode eines Termins"
            hint="z. B. K7M-4QX"
            value={values.code ?? ''}
            error={errorOf(errors, 'code')}
            width="short"
            autocomplete="off"
          />
          <Button variant="secondary">Termin einchecken</Button>
        </form>
      </section>

      <section aria-labelledby="platz">
        <Heading level={2} id="platz">
          Arbeitsplatz
        </Heading>
        <form method="post" action={`${WORKSTATION}/verlassen`}>
          <CsrfField token={ctx.csrf()} />
          <Button variant="tertiary">Platz verlassen</Button>
        </form>
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
            <TicketForm ctx={ctx} action="beginnen" ticketId={current.id} inline>
              <Button>Bedienung beginnen</Button>
            </TicketForm>
            <TicketForm ctx={ctx} action="erneut" ticketId={current.id} inline>
              <Button variant="secondary">Erneut aufrufen</Button>
            </TicketForm>
            <TicketForm ctx={ctx} action="nicht-erschienen" ticketId={current.id} inline>
              <Button variant="secondary">Nicht erschienen</Button>
            </TicketForm>
          </>
        ) : (
          <>
            <TicketForm ctx={ctx} action="abschliessen" ticketId={current.id} inline>
              <Button>Abschließen</Button>
            </TicketForm>
            <form method="post" action={`${WORKSTATION}/aufrufen`} class="app-inline-form">
              <CsrfField token={ctx.csrf()} />
              <Button variant="secondary">Abschließen und nächste Person aufrufen</Button>
            </form>
            <TicketForm ctx={ctx} action="parken" ticketId={current.id} inline>
              <Button variant="secondary">Parken</Button>
            </TicketForm>
          </>
        )}
      </ButtonGroup>

      <Heading level={3}>Weiterleiten</Heading>
      <TicketForm ctx={ctx} action="weiterleiten" ticketId={current.id}>
        <Text small>Die Person behält ihre Ankunftszeit und damit ihren Platz in der Reihenfolge.</Text>
        <Select
          name="leistung"
          id="transfer-leistung"
          label="An Leistung"
          value={values['transfer-leistung'] ?? ''}
          options={[{ value: '', label: 'Leistungen behalten' }, ...services]}
          error={errorOf(errors, 'transfer-leistung')}
        />
        <Select
          name="schalter"
          id="transfer-schalter"
          label="An Schalter"
          value={values['transfer-schalter'] ?? ''}
          options={[{ value: '', label: 'Jeder passende Schalter' }, ...counters]}
          error={errorOf(errors, 'transfer-schalter')}
        />
        <Button variant="secondary">Weiterleiten</Button>
      </TicketForm>

      <Heading level={3}>Vorrang</Heading>
      <TicketForm ctx={ctx} action="vorrang" ticketId={current.id}>
        {current.priority ? (
          <>
            <input type="hidden" name="vorrang" value="nein" />
            <Button variant="secondary">Vorrang aufheben</Button>
          </>
        ) : (
          <>
            <input type="hidden" name="vorrang" value="ja" />
            <TextInput
              name="grund"
              id="vorrang-grund"
              label="Grund für den Vorrang"
              hint="z. B. Schwerbehinderung, Schwangerschaft, Notfall"
              value={values['vorrang-grund'] ?? ''}
              error={errorOf(errors, 'vorrang-grund')}
            />
            <Button variant="secondary">Vorrang geben</Button>
          </>
        )}
      </TicketForm>

      <Heading level={3}>Notiz</Heading>
      <TicketForm ctx={ctx} action="notiz" ticketId={current.id}>
        <Textarea
          name="notiz"
          label="Notiz zur Wartenummer"
          optional="nur für Mitarbeitende"
          rows={2}
          value={values.notiz ?? current.note ?? ''}
          error={errorOf(errors, 'notiz')}
        />
        <Button variant="secondary">Notiz speichern</Button>
      </TicketForm>
    </>
  );
}
