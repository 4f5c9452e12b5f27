import { Fragment, type VNode } from 'preact';
import { type FormState, fieldProps } from '../../platform/forms/field-props.js';
import { type LocalizedText, pick } from '../../platform/i18n/localized-text.js';
import { formatDateTime } from '../../platform/time/format.js';
import { DateTime } from '../../platform/views/date-time.js';
import {
  Badge,
  Button,
  Checkbox,
  DescriptionList,
  Heading,
  Link,
  List,
  PostForm,
  Select,
  Table,
  Text,
  Textarea,
} from '../../platform/views/kern.js';
import type { PageContext, StaffIdentity } from '../../platform/views/page-context.js';
import { StaffPage } from '../../platform/views/staff-page.js';
import { type CaseFile, type CaseRecord, type CaseStatus, caseStatuses } from './case-handlers.js';
import type { CaseEvent } from './vorgaenge.repository.js';
import {
  canTransition,
  displayValue,
  keyLabel,
  reviewReasonText,
  statusKinds,
  statusLabels,
} from './vorgaenge.rules.js';

/** Staff pages of the cases (German only). */

export const STAFF_BASE = '/verwaltung/vorgaenge';
export const staffCasePath = (id: string) => `${STAFF_BASE}/${id}`;

type Errors = Record<string, string>;

export function StaffStatusBadge({ status }: { status: CaseStatus }) {
  return <Badge kind={statusKinds[status]}>{statusLabels[status].de}</Badge>;
}

export interface QueueFilter {
  /** '' = all services. */
  service: string;
  /** '' = open cases (default), 'alle' = every status, or one status. */
  status: string;
  /** Only the cases of the clerk looking. */
  mine: boolean;
}

export interface ServiceOption {
  key: string;
  title: LocalizedText;
}

/** The names of services and clerks, for lists. */
export interface Names {
  service(key: string): string;
  staff(id: string | null): string;
}

export function QueuePage({
  ctx,
  cases,
  filter,
  services,
  names,
}: {
  ctx: PageContext;
  cases: CaseRecord[];
  filter: QueueFilter;
  services: ServiceOption[];
  names: Names;
}) {
  const caption =
    filter.status === ''
      ? `Offene Vorgänge, älteste zuerst (${cases.length})`
      : `Vorgänge, älteste zuerst (${cases.length})`;
  return (
    <StaffPage ctx={ctx} title="Vorgänge">
      <Text>
        Online gestellte Anträge, die eine Mitarbeiterin oder einen Mitarbeiter brauchen: übernehmen, prüfen,
        genehmigen oder ablehnen.
      </Text>
      <form method="get" action={STAFF_BASE} class="app-search" novalidate>
        <Select
          name="leistung"
          label="Leistung"
          value={filter.service}
          options={[
            { value: '', label: 'Alle Leistungen' },
            ...services.map((service) => ({ value: service.key, label: pick(service.title, 'de') })),
          ]}
        />
        <Select
          name="status"
          label="Stand"
          value={filter.status}
          options={[
            { value: '', label: 'Offen (eingegangen, in Bearbeitung, genehmigt)' },
            { value: 'alle', label: 'Alle' },
            ...caseStatuses.map((status) => ({ value: status, label: statusLabels[status].de })),
          ]}
        />
        <Checkbox name="meine" label="Nur von mir bearbeitete" checked={filter.mine} />
        <Button variant="secondary">Anzeigen</Button>
      </form>
      {cases.length === 0 ? (
        <Text>Keine Vorgänge gefunden.</Text>
      ) : (
        <Table
          caption={caption}
          head={[
            'Nummer',
            'Leistung',
            'Antragsteller/in',
            'Stand',
            'Prüfgrund',
            'Bearbeitet von',
            'Eingegangen',
          ]}
          rowHeader
          rows={cases.map((record) => [
            <Link href={staffCasePath(record.id)}>{record.number}</Link>,
            names.service(record.serviceKey),
            record.applicantName,
            <StaffStatusBadge status={record.status} />,
            reviewReasonText(record.reviewReason) ?? '–',
            names.staff(record.assignedTo),
            <DateTime value={record.createdAt} />,
          ])}
        />
      )}
    </StaffPage>
  );
}

/** Keys of the eID data that are not shown: the pseudonym is never shown. */
const hiddenIdentityKeys = new Set(['subject']);

function DataList({ data, empty }: { data: Record<string, unknown>; empty: string }) {
  const entries = Object.entries(data);
  if (entries.length === 0) return <Text>{empty}</Text>;
  return (
    <DescriptionList
      items={entries.map(([key, value]) => ({
        key: keyLabel(key),
        // The eID log-in time comes in seconds since 1970 (OIDC auth_time).
        value:
          key === 'authTime' && typeof value === 'number'
            ? formatDateTime(new Date(value * 1000))
            : displayValue(value),
      }))}
    />
  );
}

export interface CasePageProps {
  ctx: PageContext;
  record: CaseRecord;
  events: CaseEvent[];
  names: Names;
  /** The handler's panel (register check etc.), rendered inside the approve form. */
  panel: VNode | null;
  /** The files the service offers the citizen (e.g. the certificate, printed from here for paper). */
  downloads: CaseFile[];
  finishLabel: string;
  /** Whether the service is still registered (otherwise approving is not possible). */
  handlerKnown: boolean;
  errors?: Errors | undefined;
  values?: Record<string, unknown> | undefined;
}

function Actions({ ctx, record, panel, finishLabel, handlerKnown, errors, values, names }: CasePageProps) {
  const staff = ctx.staff as StaffIdentity;
  const token = ctx.csrf();
  const form: FormState = { values: values ?? {}, errors: errors ?? {} };
  const path = staffCasePath(record.id);
  // Only the clerk who has taken a case decides it; the others see who has it and may take it over.
  const mine = record.assignedTo === staff.id;
  const held = record.status === 'in_progress' || record.status === 'approved';
  const canTake = record.status === 'submitted' || (held && !mine);
  const canReject = mine && canTransition(record.status, 'rejected');
  return (
    <>
      {record.status === 'submitted' ? (
        <Text>Der Vorgang wartet auf Bearbeitung. Übernehmen Sie ihn, um ihn zu bearbeiten.</Text>
      ) : null}
      {held ? (
        <Text>
          {mine
            ? 'Sie bearbeiten diesen Vorgang.'
            : `Bearbeitet von ${names.staff(record.assignedTo)}. Um ihn zu bearbeiten, übernehmen Sie ihn.`}
        </Text>
      ) : null}
      {record.status === 'payment_pending' ? (
        <Text>Die Gebühr ist noch nicht bezahlt; der Vorgang kann erst danach bearbeitet werden.</Text>
      ) : null}
      {canTake ? (
        <PostForm action={`${path}/uebernehmen`} token={token} inline>
          <Button variant={record.status === 'submitted' ? 'primary' : 'secondary'}>Übernehmen</Button>
        </PostForm>
      ) : null}
      {record.status === 'in_progress' && mine && handlerKnown ? (
        <section aria-labelledby="genehmigen">
          <Heading level={3} id="genehmigen">
            Genehmigen
          </Heading>
          <PostForm action={`${path}/genehmigen`} token={token}>
            {panel}
            <Button>Genehmigen</Button>
          </PostForm>
        </section>
      ) : null}
      {record.status === 'approved' && mine ? (
        <PostForm action={`${path}/abschliessen`} token={token} inline>
          <Button>{finishLabel}</Button>
        </PostForm>
      ) : null}
      {canReject ? (
        <section aria-labelledby="ablehnen">
          <Heading level={3} id="ablehnen">
            Ablehnen
          </Heading>
          <PostForm action={`${path}/ablehnen`} token={token}>
            <Textarea
              {...fieldProps(form, 'reason')}
              label="Grund der Ablehnung"
              hint="Die Antragstellerin oder der Antragsteller sieht diesen Text auf der Seite des Antrags."
              rows={4}
            />
            <Button variant="secondary">Ablehnen</Button>
          </PostForm>
        </section>
      ) : null}
      {record.status === 'completed' || record.status === 'rejected' ? (
        <Text>Der Vorgang ist abgeschlossen.</Text>
      ) : null}
    </>
  );
}

export function StaffCasePage(props: CasePageProps) {
  const { ctx, record, events, names, errors, values } = props;
  const form: FormState = { values: values ?? {}, errors: errors ?? {} };
  const identity = Object.fromEntries(
    Object.entries(record.identity).filter(([key]) => !hiddenIdentityKeys.has(key)),
  );
  return (
    <StaffPage ctx={ctx} title={`Vorgang ${record.number}`} errors={errors}>
      <p class="kern-body">
        <Link href={STAFF_BASE}>Zurück zur Arbeitsliste</Link>
      </p>
      <DescriptionList
        items={[
          { key: 'Leistung', value: names.service(record.serviceKey) },
          { key: 'Stand', value: <StaffStatusBadge status={record.status} /> },
          { key: 'Antragsteller/in', value: record.applicantName },
          { key: 'E-Mail', value: record.email ?? '–' },
          { key: 'Sprache', value: record.lang === 'en' ? 'Englisch' : 'Deutsch' },
          { key: 'Prüfgrund', value: reviewReasonText(record.reviewReason) ?? '–' },
          { key: 'Bearbeitet von', value: names.staff(record.assignedTo) },
          { key: 'Eingegangen', value: <DateTime value={record.createdAt} /> },
          { key: 'Zuletzt geändert', value: <DateTime value={record.updatedAt} /> },
        ]}
      />
      <Heading level={2}>Daten aus dem Online-Ausweis</Heading>
      <DataList data={identity} empty="Keine Daten." />
      <Heading level={2}>Angaben im Antrag</Heading>
      <DataList data={record.answers} empty="Keine Angaben." />
      <Heading level={2}>Bearbeitung</Heading>
      {props.downloads.length > 0 ? (
        <List
          items={props.downloads.map((file) => (
            <Fragment key={file.id}>
              <Link href={`${staffCasePath(record.id)}/dateien/${encodeURIComponent(file.id)}`}>
                {pick(file.label, 'de')} ({file.filename})
              </Link>
              {file.revokedAt ? (
                <>
                  {' '}
                  <Badge kind="danger">Widerrufen</Badge> am <DateTime value={file.revokedAt} />, nicht mehr
                  gültig
                </>
              ) : null}
            </Fragment>
          ))}
        />
      ) : null}
      <Actions {...props} />
      <Heading level={2}>Interne Notiz</Heading>
      <PostForm action={`${staffCasePath(record.id)}/notiz`} token={ctx.csrf()}>
        <Textarea
          {...fieldProps(form, 'note')}
          label="Notiz"
          hint="Nur für Mitarbeitende sichtbar, nicht für die Antragstellerin oder den Antragsteller."
          rows={3}
        />
        <Button variant="secondary">Notiz speichern</Button>
      </PostForm>
      <Heading level={2}>Verlauf</Heading>
      <Table
        caption="Verlauf mit internen Notizen"
        head={['Zeitpunkt', 'Stand', 'Eintrag', 'Von']}
        rowHeader
        rows={events.map((event) => [
          <DateTime value={event.at} />,
          event.status ? <StaffStatusBadge status={event.status} /> : '–',
          event.internal ? (
            <>
              <Badge kind="warning">Intern</Badge> {pick(event.text, 'de')}
            </>
          ) : (
            pick(event.text, 'de')
          ),
          event.actor ?? '–',
        ])}
      />
    </StaffPage>
  );
}
