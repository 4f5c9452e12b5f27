import type { ComponentChildren } from 'preact';
import { type FormState, fieldProps } from '../../platform/forms/field-props.js';
import { DateTime } from '../../platform/views/date-time.js';
import {
  Alert,
  Badge,
  Button,
  ButtonGroup,
  Checkbox,
  DescriptionList,
  Fieldset,
  FileInput,
  Heading,
  Link,
  LinkButton,
  List,
  PostForm,
  RadioGroup,
  Select,
  Table,
  Text,
  Textarea,
  TextInput,
} from '../../platform/views/kern.js';
import type { PageContext } from '../../platform/views/page-context.js';
import { StaffPage } from '../../platform/views/staff-page.js';
import type { Location } from '../locations/locations.repository.js';
import { CSV_MAX_BYTES, DELIVERY_MAX } from './dokumente.form.js';
import type { IdDocument, IdDocumentEvent } from './dokumente.repository.js';
import { documentTypeLabels, type ScanResult, statusLabels } from './dokumente.rules.js';
import { hasPinLetter } from './dokumente.service.js';
import { type DocumentStatus, documentStatuses, documentTypes } from './dokumente.tables.js';

/** Staff pages for ID documents (German only). */

export const BASE = '/verwaltung/dokumente';
export const documentPath = (id: string) => `${BASE}/${id}`;
export const handoverPath = (serial?: string) =>
  serial ? `${BASE}/ausgabe?nummer=${encodeURIComponent(serial)}` : `${BASE}/ausgabe`;

type Values = Record<string, unknown>;
type Errors = Record<string, string>;

/** A checkbox as submitted (ticked is 'on'), with its message. */
const checkboxProps = (form: FormState, name: string) => ({
  name,
  checked: form.values[name] === 'on',
  error: form.errors[name],
});

export const typeLabel = (document: Pick<IdDocument, 'documentType'>) =>
  documentTypeLabels[document.documentType].de;

const statusKinds: Record<DocumentStatus, 'info' | 'success' | 'warning' | 'danger'> = {
  in_bearbeitung: 'info',
  bereit_zur_abholung: 'success',
  ausgehaendigt: 'info',
  in_direktversand: 'info',
  direktversand_zugestellt: 'info',
  direktversand_fehlgeschlagen: 'danger',
  ungueltig: 'warning',
  vernichtet: 'warning',
};

export function StatusBadge({ status }: { status: DocumentStatus }) {
  return <Badge kind={statusKinds[status]}>{statusLabels[status].de}</Badge>;
}

/** A status as stored in the history (text): its label, or as stored when unknown. */
const statusText = (status: string) =>
  (documentStatuses as readonly string[]).includes(status)
    ? statusLabels[status as DocumentStatus].de
    : status;

function When({ value }: { value: Date | null }) {
  return value ? <DateTime value={value} /> : <>–</>;
}

/** '1990-05-17' → '17.05.1990'. */
export function birthDateText(date: string | null): string {
  const match = date?.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : (date ?? '–');
}

export type LocationNames = Map<string, string>;
export const locationNamesOf = (locations: Location[]): LocationNames =>
  new Map(locations.map((location) => [location.id, location.name.de]));
const locationName = (names: LocationNames, id: string) => names.get(id) ?? id;

/** The section's own navigation, under the page heading. */
function SectionNav() {
  return (
    <nav aria-label="Ausweisdokumente">
      <List
        items={[
          <Link href={BASE}>Übersicht</Link>,
          <Link href={`${BASE}/neu`}>Antrag erfassen</Link>,
          <Link href={`${BASE}/lieferung`}>Lieferung</Link>,
          <Link href={handoverPath()}>Ausgabe</Link>,
          <Link href={`${BASE}/erinnerungen`}>Nicht abgeholt</Link>,
          <Link href={`${BASE}/vernichtung`}>Vernichtung</Link>,
        ]}
      />
    </nav>
  );
}

function Page({
  ctx,
  title,
  errors,
  children,
}: {
  ctx: PageContext;
  title: string;
  errors?: Errors | undefined;
  children: ComponentChildren;
}) {
  return (
    <StaffPage ctx={ctx} title={title} errors={errors}>
      <SectionNav />
      {children}
    </StaffPage>
  );
}

const statusOptions = (all: string) => [
  { value: '', label: all },
  ...documentStatuses.map((status) => ({ value: status, label: statusLabels[status].de })),
];

const locationOptions = (locations: Location[], first: string) => [
  { value: '', label: first },
  ...locations.map((location) => ({
    value: location.id,
    label: location.retiredAt ? `${location.name.de} (stillgelegt)` : location.name.de,
  })),
];

/** Further columns of a document table: head and a cell per document. */
interface ExtraColumns {
  head: string[];
  cells: (document: IdDocument) => ComponentChildren[];
}

/** The documents in a table, or the sentence `empty` when there are none. */
function DocumentTable({
  caption,
  empty,
  documents,
  names,
  extra,
}: {
  caption: string;
  empty: string;
  documents: IdDocument[];
  names: LocationNames;
  extra: ExtraColumns;
}) {
  if (documents.length === 0) return <Text>{empty}</Text>;
  return (
    <Table
      caption={caption}
      head={['Seriennummer', 'Dokument', 'Name', 'Abholort', 'Status', ...extra.head]}
      rows={documents.map((document) => [
        <Link href={documentPath(document.id)}>{document.serialNumber}</Link>,
        typeLabel(document),
        document.applicantName ?? '–',
        locationName(names, document.locationId),
        <StatusBadge status={document.status} />,
        ...extra.cells(document),
      ])}
    />
  );
}

// ---- overview

export function OverviewPage({
  ctx,
  counts,
  documents,
  locations,
  filter,
}: {
  ctx: PageContext;
  counts: Array<{ status: DocumentStatus; count: number }>;
  documents: IdDocument[];
  locations: Location[];
  filter: { q: string; status: DocumentStatus | undefined; standort: string | undefined };
}) {
  const names = locationNamesOf(locations);
  const countOf = (status: DocumentStatus) => counts.find((entry) => entry.status === status)?.count ?? 0;
  const filtered = Boolean(filter.q || filter.status || filter.standort);
  return (
    <Page ctx={ctx} title="Ausweisdokumente">
      <ButtonGroup>
        <LinkButton href={`${BASE}/neu`}>Antrag erfassen</LinkButton>
        <LinkButton href={`${BASE}/lieferung`} variant="secondary">
          Lieferung erfassen
        </LinkButton>
        <LinkButton href={handoverPath()} variant="secondary">
          Ausgabe am Schalter
        </LinkButton>
      </ButtonGroup>
      <Table
        caption="Dokumente je Status"
        head={['Status', 'Anzahl']}
        numeric={[1]}
        rowHeader
        rows={documentStatuses.map((status) => [
          <Link href={`${BASE}?status=${status}`}>{statusLabels[status].de}</Link>,
          countOf(status),
        ])}
      />
      <Heading level={2}>Suchen</Heading>
      <form method="get" action={BASE} class="app-search" novalidate>
        <TextInput
          name="q"
          label="Seriennummer oder Name"
          type="search"
          value={filter.q}
          autocomplete="off"
        />
        <Select name="status" label="Status" value={filter.status ?? ''} options={statusOptions('Alle')} />
        <Select
          name="standort"
          label="Abholort"
          value={filter.standort ?? ''}
          options={locationOptions(locations, 'Alle')}
        />
        <Button variant="secondary">Suchen</Button>
      </form>
      <DocumentTable
        caption={filtered ? `Suchergebnis (${documents.length})` : 'Zuletzt geändert'}
        empty={filtered ? 'Keine Dokumente gefunden.' : 'Es sind noch keine Dokumente erfasst.'}
        documents={documents}
        names={names}
        extra={{ head: ['Seit'], cells: (document) => [<When value={document.statusChangedAt} />] }}
      />
    </Page>
  );
}

// ---- record an application

const typeOptions = [
  { value: '', label: 'Bitte wählen' },
  ...documentTypes.map((type) => ({ value: type, label: documentTypeLabels[type].de })),
];

export function RecordPage({
  ctx,
  locations,
  values = {},
  errors,
}: {
  ctx: PageContext;
  locations: Location[];
  values?: Values;
  errors?: Errors | undefined;
}) {
  const form: FormState = { values, errors: errors ?? {} };
  const contactLang = fieldProps(form, 'contactLang');
  return (
    <Page ctx={ctx} title="Antrag erfassen" errors={errors}>
      <Text>
        Nach dem Speichern erscheint der Abholschein zum Ausdrucken. Sein Code für die Benachrichtigung wird
        nur dieses eine Mal angezeigt.
      </Text>
      <PostForm action={`${BASE}/neu`} token={ctx.csrf()}>
        <Select {...fieldProps(form, 'documentType')} label="Dokument" options={typeOptions} />
        <TextInput
          {...fieldProps(form, 'serialNumber')}
          label="Seriennummer des neuen Dokuments"
          hint="9 Zeichen, Ziffern und Buchstaben; ein O wird als Null gelesen."
          autocomplete="off"
          width="medium"
        />
        <TextInput
          {...fieldProps(form, 'applicantName')}
          label="Name der antragstellenden Person"
          hint="Nur für die Ausgabe am Schalter; wird nach der Aufbewahrungsfrist gelöscht."
          autocomplete="off"
        />
        <TextInput
          {...fieldProps(form, 'applicantBirthDate')}
          label="Geburtsdatum"
          hint="TT.MM.JJJJ"
          autocomplete="off"
          width="short"
        />
        <Select
          {...fieldProps(form, 'locationId')}
          label="Abholort"
          options={locationOptions(
            locations.filter((location) => !location.retiredAt),
            'Bitte wählen',
          )}
        />
        <Fieldset legend="Benachrichtigung, wenn das Dokument abholbereit ist (freiwillig)">
          <TextInput
            {...fieldProps(form, 'contactEmail')}
            label="E-Mail-Adresse"
            optional="freiwillig"
            type="email"
            autocomplete="off"
          />
          <TextInput
            {...fieldProps(form, 'contactPhone')}
            label="Mobilnummer für eine SMS"
            optional="freiwillig"
            type="tel"
            autocomplete="off"
            width="medium"
          />
          <Select
            {...contactLang}
            value={contactLang.value || 'de'}
            label="Sprache der Nachricht"
            options={[
              { value: 'de', label: 'Deutsch' },
              { value: 'en', label: 'Englisch' },
            ]}
          />
          <Checkbox
            {...checkboxProps(form, 'contactConsent')}
            label="Die Person willigt ein, dass wir die Kontaktdaten für diese eine Nachricht speichern. Sie werden nach dem Versand gelöscht."
          />
        </Fieldset>
        <ButtonGroup>
          <Button>Speichern und Abholschein anzeigen</Button>
          <LinkButton href={BASE} variant="tertiary">
            Abbrechen
          </LinkButton>
        </ButtonGroup>
      </PostForm>
    </Page>
  );
}

// ---- details

const sourceLabels: Record<IdDocumentEvent['source'], string> = {
  staff: 'Verwaltung',
  api: 'Fachverfahren',
  system: 'automatisch',
};

/** What the button for a status change says. */
const actionLabels: Record<DocumentStatus, string> = {
  in_bearbeitung: 'In Herstellung',
  bereit_zur_abholung: 'Eingetroffen: abholbereit',
  ausgehaendigt: 'Aushändigen',
  in_direktversand: 'Per Post verschickt (Direktversand)',
  direktversand_zugestellt: 'Zustellung bestätigt',
  direktversand_fehlgeschlagen: 'Zustellung fehlgeschlagen',
  ungueltig: 'Für ungültig erklären',
  vernichtet: 'Vernichtet',
};

const oldDocumentLabels: Record<'invalidated' | 'returned' | 'none', string> = {
  invalidated: 'entwertet und zurückgegeben',
  returned: 'abgegeben',
  none: 'keines vorhanden',
};

function Handover({ document }: { document: IdDocument }) {
  const checklist = document.handover;
  if (!checklist) return <>–</>;
  const items = [
    `Identität geprüft: ${checklist.identityChecked ? 'ja' : 'nein'}`,
    ...(hasPinLetter(document.documentType)
      ? [`PIN-Brief vorgelegt: ${checklist.pinLetterReceived ? 'ja' : 'nein'}`]
      : []),
    `Bisheriges Dokument: ${oldDocumentLabels[checklist.oldDocument]}`,
    `Abgeholt von einer bevollmächtigten Person: ${checklist.authorisedPerson ? 'ja' : 'nein'}`,
  ];
  return (
    <>
      <When value={document.handedOverAt} />
      <List items={items} />
    </>
  );
}

function Contact({ document }: { document: IdDocument }) {
  const parts = [document.contactEmail, document.contactPhone].filter(Boolean).join(', ');
  if (!parts) return <>{document.notifiedAt ? 'gelöscht nach dem Versand' : 'keine'}</>;
  return (
    <>
      {parts} (Einwilligung <When value={document.contactConsentAt} />, Sprache {document.contactLang})
    </>
  );
}

export function DetailPage({
  ctx,
  document,
  events,
  names,
  next,
  mayReissue,
}: {
  ctx: PageContext;
  document: IdDocument;
  events: IdDocumentEvent[];
  names: LocationNames;
  next: DocumentStatus[];
  mayReissue: boolean;
}) {
  const buttons = next.filter((status) => status !== 'ausgehaendigt');
  return (
    <Page ctx={ctx} title={`${typeLabel(document)} ${document.serialNumber}`}>
      <DescriptionList
        items={[
          { key: 'Status', value: <StatusBadge status={document.status} /> },
          { key: 'Seriennummer', value: document.serialNumber },
          { key: 'Dokument', value: typeLabel(document) },
          { key: 'Abholort', value: locationName(names, document.locationId) },
          { key: 'Name', value: document.applicantName ?? '–' },
          { key: 'Geburtsdatum', value: birthDateText(document.applicantBirthDate) },
          { key: 'Beantragt', value: <When value={document.appliedAt} /> },
          { key: 'Abholbereit seit', value: <When value={document.readyAt} /> },
          { key: 'Benachrichtigt', value: <When value={document.notifiedAt} /> },
          { key: 'Erinnert', value: <When value={document.reminderSentAt} /> },
          { key: 'Kontakt für die Benachrichtigung', value: <Contact document={document} /> },
          { key: 'Ausgehändigt', value: <Handover document={document} /> },
          ...(document.personalDataPurgedAt
            ? [{ key: 'Persönliche Daten gelöscht', value: <When value={document.personalDataPurgedAt} /> }]
            : []),
        ]}
      />
      <Heading level={2}>Status ändern</Heading>
      {next.length === 0 ? (
        <Text>Der Status ist abgeschlossen; er kann nicht mehr geändert werden.</Text>
      ) : (
        <>
          {next.includes('ausgehaendigt') ? (
            <ButtonGroup>
              <LinkButton href={handoverPath(document.serialNumber)}>Aushändigen (mit Checkliste)</LinkButton>
            </ButtonGroup>
          ) : null}
          {buttons.length > 0 ? (
            <PostForm action={`${documentPath(document.id)}/status`} token={ctx.csrf()}>
              <ButtonGroup>
                {buttons.map((status) => (
                  <Button name="to" value={status} variant="secondary">
                    {actionLabels[status]}
                  </Button>
                ))}
              </ButtonGroup>
            </PostForm>
          ) : null}
        </>
      )}
      {mayReissue ? (
        <>
          <Heading level={2}>Abholschein</Heading>
          <Text>
            Ein neuer Abholschein bekommt einen neuen Code für die Benachrichtigung; der Code auf dem
            bisherigen Abholschein gilt dann nicht mehr.
          </Text>
          <PostForm action={`${documentPath(document.id)}/abholschein`} token={ctx.csrf()}>
            <Button variant="secondary">Neuen Abholschein drucken</Button>
          </PostForm>
        </>
      ) : null}
      <Table
        caption="Verlauf"
        head={['Zeitpunkt', 'Status vorher', 'Status nachher', 'Durch']}
        rows={events.map((event) => [
          <When value={event.at} />,
          event.fromStatus ? statusText(event.fromStatus) : '–',
          statusText(event.toStatus),
          `${event.actorName} (${sourceLabels[event.source]})`,
        ])}
      />
    </Page>
  );
}

// ---- delivery

const resultLabels: Record<
  ScanResult['kind'],
  { text: string; kind: 'success' | 'info' | 'warning' | 'danger' }
> = {
  recognised: { text: 'Erkannt: jetzt abholbereit', kind: 'success' },
  unknown: { text: 'Unbekannt', kind: 'warning' },
  duplicate: { text: 'Doppelt gescannt', kind: 'info' },
  malformed: { text: 'Keine gültige Seriennummer', kind: 'danger' },
  not_allowed: { text: 'Nicht möglich', kind: 'warning' },
};

export interface DeliveryOutcome {
  results: ScanResult[];
  updated: number;
}

function ResultBadge({ result }: { result: ScanResult }) {
  const label = resultLabels[result.kind];
  return (
    <Badge kind={label.kind}>
      {result.kind === 'not_allowed'
        ? `${label.text} (Status: ${statusLabels[result.status].de})`
        : label.text}
    </Badge>
  );
}

function DeliveryResult({ outcome }: { outcome: DeliveryOutcome }) {
  const count = (kind: ScanResult['kind']) => outcome.results.filter((result) => result.kind === kind).length;
  const problems = outcome.results.length - count('recognised');
  return (
    <section aria-labelledby="ergebnis">
      <Heading level={2} id="ergebnis">
        Ergebnis
      </Heading>
      <Alert
        kind={problems === 0 ? 'success' : 'warning'}
        title={
          outcome.updated === 1
            ? '1 Dokument ist jetzt abholbereit.'
            : `${outcome.updated} Dokumente sind jetzt abholbereit.`
        }
        live
      >
        <Text>
          Erkannt: {count('recognised')}, unbekannt: {count('unknown')}, doppelt: {count('duplicate')}, keine
          gültige Nummer: {count('malformed')}, nicht möglich: {count('not_allowed')}.
        </Text>
      </Alert>
      <Table
        caption="Gescannte Nummern"
        head={['Nr.', 'Seriennummer', 'Ergebnis']}
        numeric={[0]}
        rows={outcome.results.map((result, index) => [
          index + 1,
          result.kind === 'recognised' ? (
            <Link href={documentPath(result.documentId)}>{result.serial}</Link>
          ) : (
            result.serial || '–'
          ),
          <ResultBadge result={result} />,
        ])}
      />
    </section>
  );
}

export function DeliveryPage({
  ctx,
  values = {},
  errors,
  outcome,
}: {
  ctx: PageContext;
  values?: Values;
  errors?: Errors | undefined;
  outcome?: DeliveryOutcome | undefined;
}) {
  const form: FormState = { values, errors: errors ?? {} };
  return (
    <Page ctx={ctx} title="Lieferung der Bundesdruckerei" errors={errors}>
      {outcome ? <DeliveryResult outcome={outcome} /> : null}
      <Heading level={2}>Seriennummern scannen</Heading>
      <Text>
        Scannen Sie die Dokumente nacheinander in das Feld; der Scanner schließt jede Nummer mit einer neuen
        Zeile ab. Erkannte Dokumente werden abholbereit, alle zusammen oder keines.
      </Text>
      <PostForm action={`${BASE}/lieferung`} token={ctx.csrf()}>
        <Textarea
          {...fieldProps(form, 'serials')}
          label="Seriennummern, eine je Zeile"
          hint={`Höchstens ${DELIVERY_MAX} Nummern auf einmal.`}
          rows={10}
        />
        <ButtonGroup>
          <Button>Lieferung übernehmen</Button>
        </ButtonGroup>
      </PostForm>
      <Heading level={2}>Lieferliste hochladen</Heading>
      <Text>
        Eine CSV-Datei mit der Seriennummer in der ersten Spalte (Trennzeichen Semikolon oder Komma), eine
        Kopfzeile ist erlaubt. Enthält eine Zeile keine gültige Seriennummer, wird die ganze Liste nicht
        übernommen.
      </Text>
      <PostForm action={`${BASE}/lieferung/datei`} token={ctx.csrf()} multipart>
        <FileInput
          name="file"
          label="Lieferliste (CSV)"
          hint={`Höchstens ${Math.round(CSV_MAX_BYTES / 1024)} KB.`}
          accept=".csv,text/csv,text/plain"
          error={form.errors.file}
        />
        <ButtonGroup>
          <Button>Liste übernehmen</Button>
        </ButtonGroup>
      </PostForm>
    </Page>
  );
}

// ---- handover at the desk

export function HandoverPage({
  ctx,
  nummer,
  lookupError,
  document,
  names,
  values = {},
  errors,
}: {
  ctx: PageContext;
  /** The number as scanned or typed. */
  nummer: string;
  lookupError?: string | undefined;
  document?: IdDocument | undefined;
  names: LocationNames;
  values?: Values;
  errors?: Errors | undefined;
}) {
  const summary = lookupError ? { nummer: lookupError } : errors;
  const form: FormState = { values, errors: errors ?? {} };
  return (
    <Page ctx={ctx} title="Ausgabe am Schalter" errors={summary}>
      <form method="get" action={`${BASE}/ausgabe`} class="app-search" novalidate>
        <TextInput
          name="nummer"
          label="Seriennummer"
          hint="Scannen oder tippen; ein O wird als Null gelesen."
          value={nummer}
          error={lookupError}
          autocomplete="off"
          autofocus={!document}
        />
        <Button variant="secondary">Suchen</Button>
      </form>
      {document ? (
        <section aria-labelledby="dokument">
          <Heading level={2} id="dokument">
            {typeLabel(document)} {document.serialNumber}
          </Heading>
          <DescriptionList
            items={[
              { key: 'Name', value: document.applicantName ?? '–' },
              { key: 'Geburtsdatum', value: birthDateText(document.applicantBirthDate) },
              { key: 'Dokument', value: typeLabel(document) },
              { key: 'Status', value: <StatusBadge status={document.status} /> },
              { key: 'Abholort', value: locationName(names, document.locationId) },
            ]}
          />
          {document.status === 'bereit_zur_abholung' ? (
            <PostForm action={`${documentPath(document.id)}/ausgabe`} token={ctx.csrf()}>
              <Fieldset legend="Checkliste">
                <Checkbox
                  {...checkboxProps(form, 'identityChecked')}
                  label="Identität geprüft: Lichtbild und Angaben stimmen überein"
                />
                {hasPinLetter(document.documentType) ? (
                  <Checkbox {...checkboxProps(form, 'pinLetterReceived')} label="PIN-Brief liegt vor" />
                ) : null}
                <Checkbox
                  {...checkboxProps(form, 'authorisedPerson')}
                  label="Abholung durch eine bevollmächtigte Person: schriftliche Vollmacht und deren Ausweis geprüft"
                />
              </Fieldset>
              <RadioGroup
                {...fieldProps(form, 'oldDocument')}
                legend="Bisheriges Dokument"
                options={[
                  { value: 'invalidated', label: 'Entwertet und zurückgegeben' },
                  { value: 'returned', label: 'Abgegeben (bleibt im Amt)' },
                  { value: 'none', label: 'Keines vorhanden' },
                ]}
              />
              <ButtonGroup>
                <Button>Ausgehändigt</Button>
              </ButtonGroup>
            </PostForm>
          ) : (
            <Alert kind="warning" title="Dieses Dokument kann nicht ausgehändigt werden.">
              <Text>
                Status: {statusLabels[document.status].de}.{' '}
                <Link href={documentPath(document.id)}>Zu den Einzelheiten</Link>
              </Text>
            </Alert>
          )}
        </section>
      ) : null}
    </Page>
  );
}

// ---- lists

/** A list of documents that wait for something (an introduction, then the table or `empty`). */
function DocumentListPage({
  ctx,
  title,
  intro,
  ...table
}: {
  ctx: PageContext;
  title: string;
  intro: string;
  caption: string;
  empty: string;
  documents: IdDocument[];
  names: LocationNames;
  extra: ExtraColumns;
}) {
  return (
    <Page ctx={ctx} title={title}>
      <Text>{intro}</Text>
      <DocumentTable {...table} />
    </Page>
  );
}

export function RemindersPage({
  ctx,
  documents,
  names,
  reminderDays,
}: {
  ctx: PageContext;
  documents: IdDocument[];
  names: LocationNames;
  reminderDays: number;
}) {
  return (
    <DocumentListPage
      ctx={ctx}
      title="Nicht abgeholte Dokumente"
      intro={
        `Dokumente, die seit mindestens ${reminderDays} Tagen abholbereit sind. Wer der Benachrichtigung ` +
        'zugestimmt hat, bekommt automatisch eine Erinnerung per E-Mail.'
      }
      caption={`Nicht abgeholt seit ${reminderDays} Tagen oder länger (${documents.length})`}
      empty="Zurzeit gibt es keine nicht abgeholten Dokumente."
      documents={documents}
      names={names}
      extra={{
        head: ['Abholbereit seit', 'Erinnert'],
        cells: (document) => [
          <When value={document.readyAt} />,
          document.reminderSentAt ? <When value={document.reminderSentAt} /> : 'noch nicht',
        ],
      }}
    />
  );
}

export function DestructionPage({
  ctx,
  documents,
  names,
  destructionDays,
}: {
  ctx: PageContext;
  documents: IdDocument[];
  names: LocationNames;
  destructionDays: number;
}) {
  return (
    <DocumentListPage
      ctx={ctx}
      title="Zu vernichtende Dokumente"
      intro={
        `Dokumente, die ${destructionDays} Tage nach dem Eintreffen nicht abgeholt wurden, und für ungültig ` +
        'erklärte Dokumente. Vermerken Sie jedes Dokument erst, wenn es vernichtet ist.'
      }
      caption={`Zu vernichten (${documents.length})`}
      empty="Zurzeit ist kein Dokument zu vernichten."
      documents={documents}
      names={names}
      extra={{
        head: ['Abholbereit seit', 'Aktion'],
        cells: (document) => [
          <When value={document.readyAt} />,
          <PostForm action={`${documentPath(document.id)}/vernichten`} token={ctx.csrf()} inline>
            <Button variant="secondary">Vernichtet: {document.serialNumber}</Button>
          </PostForm>,
        ],
      }}
    />
  );
}
