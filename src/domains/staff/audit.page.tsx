import type { AuditRow } from '../../platform/audit/audit.repository.js';
import { Button, ButtonGroup, Heading, Link, List, Select, Table, Text } from '../../platform/views/kern.js';
import { StaffLayout } from '../../platform/views/layout.js';
import type { PageContext } from '../../platform/views/page-context.js';
import type { AuditPage as AuditPageData } from './staff.service.js';
import type { StaffRole } from './staff.tables.js';
import { DateTime, formatDateTime, roleLabels } from './staff.views.js';

/** Readable names for the entity types and actions the log knows; anything else is shown as stored. */
const entityLabels: Record<string, string> = {
  staff: 'Benutzer',
  leistung: 'Leistung',
  location: 'Standort',
  standort: 'Standort',
  city: 'Stadt',
  content: 'Inhalt',
  inhalt: 'Inhalt',
  feedback: 'Rückmeldung',
  appointment: 'Termin',
  rueckmeldung: 'Rückmeldung',
  ticket: 'Wartenummer',
  device: 'Gerät',
  document: 'Ausweisdokument',
  service_account: 'Dienstkonto',
  vorgang: 'Vorgang',
  certificate: 'Bescheinigung',
  melderegister: 'Melderegister',
};

const actionLabels: Record<string, string> = {
  'staff.create': 'Benutzerkonto angelegt',
  'staff.update': 'Benutzerkonto geändert',
  'staff.password_reset': 'Passwort zurückgesetzt',
  'staff.retire': 'Benutzerkonto stillgelegt',
  'leistung.create': 'Leistung angelegt',
  'leistung.update': 'Leistung geändert',
  'leistung.retire': 'Leistung stillgelegt',
  'location.create': 'Standort angelegt',
  'location.update': 'Standort geändert',
  'location.retire': 'Standort stillgelegt',
  'location.hours.replace': 'Öffnungszeiten geändert',
  'location.exception.create': 'Schließung oder Sonderöffnung eingetragen',
  'location.exception.delete': 'Schließung oder Sonderöffnung gelöscht',
  'location.counter.create': 'Schalter angelegt',
  'location.counter.rename': 'Schalter umbenannt',
  'location.counter.retire': 'Schalter stillgelegt',
  'city.update': 'Stadt und Inhalte geändert',
  'feedback.handled': 'Rückmeldung erledigt',
  'appointment.book': 'Termin gebucht (Verwaltung)',
  'appointment.cancel': 'Termin abgesagt',
  'appointment.close': 'Zeitraum geschlossen, Termine abgesagt',
  'appointment.no_show': 'Nicht erschienen vermerkt',
  'booking_policy.update': 'Buchungsregeln geändert',
  'ticket.issue': 'Wartenummer ausgegeben',
  'ticket.check-in': 'Termin eingecheckt',
  'ticket.call': 'Aufgerufen',
  'ticket.recall': 'Erneut aufgerufen',
  'ticket.serving': 'Bedienung begonnen',
  'ticket.done': 'Bedienung abgeschlossen',
  'ticket.no_show': 'Nicht erschienen',
  'ticket.parked': 'Geparkt',
  'ticket.waiting': 'Zurück in die Warteschlange (zurückgeholt oder weitergeleitet)',
  'ticket.cancelled': 'Wartenummer storniert',
  'ticket.priority': 'Vorrang geändert',
  'ticket.note': 'Notiz geändert',
  'device.create': 'Gerät registriert',
  'device.enrol': 'Gerät angemeldet',
  'device.reissue': 'Neuer Anmeldelink erzeugt',
  'device.revoke': 'Gerät gesperrt',
  'document.record': 'Ausweisantrag erfasst',
  'document.signup-code': 'Neuer Abholschein (neuer Code für die Benachrichtigung)',
  'document.in_bearbeitung': 'Ausweisdokument: in Herstellung',
  'document.bereit_zur_abholung': 'Ausweisdokument: abholbereit',
  'document.ausgehaendigt': 'Ausweisdokument ausgehändigt',
  'document.in_direktversand': 'Ausweisdokument: im Direktversand',
  'document.direktversand_zugestellt': 'Ausweisdokument: per Post zugestellt',
  'document.direktversand_fehlgeschlagen': 'Ausweisdokument: Zustellung fehlgeschlagen',
  'document.ungueltig': 'Ausweisdokument für ungültig erklärt',
  'document.vernichtet': 'Ausweisdokument vernichtet',
  'service_account.create': 'Dienstkonto angelegt',
  'service_account.revoke': 'Dienstkonto gesperrt',
  'document.notify': 'Abholbereit-Nachricht eingereiht, Kontaktdaten gelöscht',
  'document.purge': 'Personenbezogene Daten nach Ablauf der Aufbewahrungsfrist gelöscht',
  'vorgang.take': 'Vorgang übernommen',
  'vorgang.approve': 'Vorgang genehmigt',
  'vorgang.reject': 'Vorgang abgelehnt',
  'vorgang.finish': 'Vorgang abgeschlossen (gedruckt und versandt)',
  'vorgang.note': 'Interne Notiz zum Vorgang',
  'certificate.issue': 'Bescheinigung ausgestellt',
  'certificate.revoke': 'Bescheinigung widerrufen',
  'melderegister.search': 'Im Melderegister gesucht',
  'melderegister.check': 'Melderegister für einen Vorgang abgefragt',
  'melderegister.import': 'Einwohner aus CSV ins Melderegister übernommen',
};

const fieldLabels: Record<string, string> = {
  username: 'Benutzername',
  displayName: 'Name',
  email: 'E-Mail',
  role: 'Rolle',
  lockedUntil: 'Gesperrt bis',
  retiredAt: 'Stillgelegt am',
  password: 'Passwort',
  name: 'Name',
  title: 'Titel',
  slug: 'Kennung',
  description: 'Beschreibung',
  serialNumber: 'Seriennummer',
};

/** Never shown, even if a domain stored it by mistake. */
const SECRET_FIELD = /password_?hash|passwordhash|secret|token/i;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const MAX_VALUE_LENGTH = 200;

export const entityLabel = (type: string): string => entityLabels[type] ?? type;
export const actionLabel = (action: string): string => actionLabels[action] ?? action;

export interface FieldChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shorten(text: string): string {
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

/** One stored value as text for people: dates in Berlin time, roles by name, structures as compact JSON. */
export function formatAuditValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value === 'boolean') return value ? 'ja' : 'nein';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (field === 'role' && value in roleLabels) return roleLabels[value as StaffRole];
    if (ISO_INSTANT.test(value)) {
      const instant = new Date(value);
      if (!Number.isNaN(instant.getTime())) return formatDateTime(instant);
    }
    return shorten(value);
  }
  // Localized texts ({ de, en }) show their German version.
  if (isRecord(value) && typeof value.de === 'string' && Object.keys(value).every((key) => key.length <= 3)) {
    return shorten(value.de);
  }
  return shorten(JSON.stringify(value));
}

/** The fields that differ between an entry's before and after state, in a stable order. */
export function auditChanges(before: unknown, after: unknown): FieldChange[] {
  const wrap = (value: unknown) =>
    value === null || value === undefined ? {} : isRecord(value) ? value : { Wert: value };
  const old = wrap(before);
  const current = wrap(after);
  // Stored as jsonb, the keys come back in the database's order: known fields first, in a fixed order.
  const known = Object.keys(fieldLabels);
  const rank = (field: string) => (known.includes(field) ? known.indexOf(field) : known.length);
  const fields = [...new Set([...Object.keys(current), ...Object.keys(old)])].sort(
    (a, b) => rank(a) - rank(b),
  );
  return fields
    .filter((field) => !SECRET_FIELD.test(field))
    .filter((field) => JSON.stringify(old[field] ?? null) !== JSON.stringify(current[field] ?? null))
    .map((field) => ({
      field,
      label: fieldLabels[field] ?? field,
      before: formatAuditValue(field, old[field]),
      after: formatAuditValue(field, current[field]),
    }));
}

/** A short name for the changed object: its user name, identifier or name, when the entry has one. */
export function auditSubject(entry: Pick<AuditRow, 'before' | 'after'>): string | null {
  for (const state of [entry.after, entry.before]) {
    if (!isRecord(state)) continue;
    for (const key of ['username', 'slug', 'name', 'title']) {
      const value = state[key];
      if (typeof value === 'string' && value) return shorten(value);
      if (isRecord(value) && typeof value.de === 'string') return shorten(value.de);
    }
  }
  return null;
}

function Changes({ entry }: { entry: AuditRow }) {
  const changes = auditChanges(entry.before, entry.after);
  if (changes.length === 0) return <>keine Feldänderungen</>;
  const created = entry.before === null || entry.before === undefined;
  return (
    <List
      items={changes.map((change) =>
        created ? (
          <>
            {change.label}: {change.after}
          </>
        ) : (
          <>
            {change.label}: {change.before} → {change.after}
          </>
        ),
      )}
    />
  );
}

function pageHref(typ: string, page: number): string {
  const params = new URLSearchParams();
  if (typ) params.set('typ', typ);
  if (page > 1) params.set('seite', String(page));
  const query = params.toString();
  return `/verwaltung/protokoll${query ? `?${query}` : ''}`;
}

export interface AuditPageProps {
  ctx: PageContext;
  data: AuditPageData;
  typ: string;
  entityTypes: string[];
}

export function AuditLogPage({ ctx, data, typ, entityTypes }: AuditPageProps) {
  const types = typ && !entityTypes.includes(typ) ? [...entityTypes, typ] : entityTypes;
  const first = (data.page - 1) * data.pageSize + 1;
  const last = first + data.entries.length - 1;
  const scope = typ ? `Bereich ${entityLabel(typ)}` : 'alle Bereiche';
  return (
    <StaffLayout ctx={ctx} title="Protokoll">
      <Heading level={1}>Protokoll</Heading>
      <Text>
        Jede Änderung in der Verwaltung wird hier mit Zeitpunkt, Person und den geänderten Angaben
        festgehalten.
      </Text>
      <form method="get" action="/verwaltung/protokoll">
        <Select
          name="typ"
          label="Bereich"
          value={typ}
          options={[
            { value: '', label: 'Alle Bereiche' },
            ...types.map((type) => ({ value: type, label: entityLabel(type) })),
          ]}
        />
        <ButtonGroup>
          <Button variant="secondary">Anzeigen</Button>
        </ButtonGroup>
      </form>
      {data.entries.length === 0 ? (
        <Text>
          {data.page > 1 ? 'Auf dieser Seite gibt es keine Einträge mehr.' : 'Es gibt noch keine Einträge.'}
        </Text>
      ) : (
        <Table
          caption={`Änderungen, neueste zuerst (${scope}, Einträge ${first} bis ${last})`}
          head={['Zeitpunkt', 'Wer', 'Aktion', 'Objekt', 'Änderungen']}
          rows={data.entries.map((entry) => {
            const subject = auditSubject(entry);
            return [
              <DateTime value={entry.at} />,
              entry.actorName,
              actionLabel(entry.action),
              <>
                {entityLabel(entry.entityType)}
                {subject ? `: ${subject}` : ''}
                <br />
                <small>Kennung {entry.entityId}</small>
              </>,
              <Changes entry={entry} />,
            ];
          })}
        />
      )}
      {data.page > 1 || data.hasMore ? (
        <nav aria-label="Seiten des Protokolls">
          <List
            items={[
              ...(data.page > 1 ? [<Link href={pageHref(typ, data.page - 1)}>Neuere Einträge</Link>] : []),
              ...(data.hasMore ? [<Link href={pageHref(typ, data.page + 1)}>Ältere Einträge</Link>] : []),
            ]}
          />
        </nav>
      ) : null}
    </StaffLayout>
  );
}
