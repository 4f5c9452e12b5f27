import { asArray, summaryErrors } from '../../platform/forms/forms.js';
import type { LocalizedText } from '../../platform/i18n/localized-text.js';
import { formatDateTime } from '../../platform/time/format.js';
import {
  Alert,
  Badge,
  Button,
  ButtonGroup,
  Checkbox,
  CsrfField,
  ErrorSummary,
  Fieldset,
  Heading,
  Link,
  LinkButton,
  Table,
  Text,
  Textarea,
  TextInput,
} from '../../platform/views/kern.js';
import { StaffLayout } from '../../platform/views/layout.js';
import type { PageContext } from '../../platform/views/page-context.js';
import { DURATION_MAX, feeRowCount } from './leistungen.form.js';
import type { Leistung } from './leistungen.repository.js';
import { formatDuration } from './leistungen.rules.js';

export const ADMIN_BASE = '/verwaltung/leistungen';

export interface LocationChoice {
  id: string;
  name: LocalizedText;
}

const fieldLabels: Record<string, string> = {
  nameDe: 'Name (Deutsch)',
  nameEn: 'Name (Englisch)',
  shortDescriptionDe: 'Kurzbeschreibung (Deutsch)',
  shortDescriptionEn: 'Kurzbeschreibung (Englisch)',
  descriptionDe: 'Ausführliche Beschreibung (Deutsch)',
  descriptionEn: 'Ausführliche Beschreibung (Englisch)',
  documentsDe: 'Unterlagen (Deutsch)',
  documentsEn: 'Unterlagen (Englisch)',
  durationMinutes: 'Typische Dauer in Minuten',
  hintsDe: 'Hinweise (Deutsch)',
  hintsEn: 'Hinweise (Englisch)',
  keywords: 'Suchbegriffe',
  popularity: 'Beliebtheit',
  leikaKey: 'LeiKa-Schlüssel',
  locationIds: 'Standorte',
};

const feeFieldLabels: Record<string, string> = {
  LabelDe: 'Bezeichnung (Deutsch)',
  LabelEn: 'Bezeichnung (Englisch)',
  Amount: 'Betrag in Euro',
  LegalBasis: 'Rechtsgrundlage',
};

/** The field's label, so each entry of the error summary says which field it is about. */
function labelOf(field: string): string | undefined {
  const fee = /^fee(\d+)(LabelDe|LabelEn|Amount|LegalBasis)$/.exec(field);
  if (fee) return `Gebühr ${Number(fee[1]) + 1}, ${feeFieldLabels[fee[2]!]}`;
  return fieldLabels[field];
}

function labelledSummary(errors: Record<string, string>) {
  return summaryErrors(errors).map((error) => {
    const label = labelOf(error.field);
    return label ? { field: error.field, message: `${label}: ${error.message}` } : error;
  });
}

const yesNo = (value: boolean) => (value ? 'ja' : 'nein');

function str(values: Record<string, unknown>, key: string): string {
  const value = values[key];
  return typeof value === 'string' ? value : '';
}

/** GET /verwaltung/leistungen: every service, retired ones included. */
export function AdminListPage({ ctx, services }: { ctx: PageContext; services: Leistung[] }) {
  return (
    <StaffLayout ctx={ctx} title="Leistungen">
      <Heading level={1}>Leistungen</Heading>
      <Text>
        Der Leistungskatalog, wie ihn Bürgerinnen und Bürger unter „Leistungen“ und in der Schnittstelle
        sehen. Stillgelegte Leistungen sind nur hier sichtbar.
      </Text>
      <ButtonGroup>
        <LinkButton href={`${ADMIN_BASE}/neu`}>Neue Leistung anlegen</LinkButton>
      </ButtonGroup>
      <Table
        caption={`Alle Leistungen (${services.length}), auch stillgelegte`}
        head={['Name', 'Kennung', 'Dauer', 'Online buchbar', 'Ohne Termin', 'Beliebtheit', 'Status']}
        numeric={[5]}
        rows={services.map((service) => [
          <Link href={`${ADMIN_BASE}/${encodeURIComponent(service.id)}`}>{service.name.de}</Link>,
          <code>{service.id}</code>,
          formatDuration(service.durationMinutes, 'de'),
          yesNo(service.bookableOnline),
          yesNo(service.walkIn),
          String(service.popularity),
          service.retiredAt ? (
            <Badge kind="warning">{`stillgelegt am ${formatDateTime(service.retiredAt)}`}</Badge>
          ) : (
            <Badge kind="success">aktiv</Badge>
          ),
        ])}
      />
    </StaffLayout>
  );
}

interface FormPageProps {
  ctx: PageContext;
  /** The service being edited; undefined for a new one. */
  leistung?: Leistung;
  values: Record<string, unknown>;
  errors?: Record<string, string>;
  locations: LocationChoice[];
}

/** New and edit form of a service (German only: the staff area's language). */
export function AdminFormPage({ ctx, leistung, values, errors = {}, locations }: FormPageProps) {
  const title = leistung ? `Leistung bearbeiten: ${leistung.name.de}` : 'Neue Leistung anlegen';
  const action = leistung ? `${ADMIN_BASE}/${encodeURIComponent(leistung.id)}` : `${ADMIN_BASE}/neu`;
  const chosen = new Set(asArray(values.locationIds));
  const input = (
    name: string,
    label: string,
    extra: { hint?: string; optional?: boolean; width?: 'short' | 'medium'; numeric?: boolean } = {},
  ) => (
    <TextInput
      name={name}
      label={label}
      value={str(values, name)}
      error={errors[name]}
      hint={extra.hint}
      optional={extra.optional ? 'optional' : undefined}
      width={extra.width}
      inputmode={extra.numeric ? 'numeric' : undefined}
    />
  );
  const area = (
    name: string,
    label: string,
    extra: { hint?: string; optional?: boolean; rows?: number } = {},
  ) => (
    <Textarea
      name={name}
      label={label}
      value={str(values, name)}
      error={errors[name]}
      hint={extra.hint}
      optional={extra.optional ? 'optional' : undefined}
      rows={extra.rows ?? 5}
    />
  );
  const rows = Array.from({ length: feeRowCount(values) }, (_, row) => row);
  return (
    <StaffLayout ctx={ctx} title={title}>
      <ErrorSummary title="Es gibt ein Problem" errors={labelledSummary(errors)} />
      <Heading level={1}>{title}</Heading>
      {leistung?.retiredAt ? (
        <Alert kind="warning" title="Diese Leistung ist stillgelegt">
          <Text>
            Bürgerinnen und Bürger sehen sie nicht mehr. Änderungen werden gespeichert, bleiben aber
            unsichtbar.
          </Text>
        </Alert>
      ) : null}
      {leistung && !leistung.retiredAt ? (
        <Text>
          Kennung <code>{leistung.id}</code> ·{' '}
          <Link href={`/leistungen/${encodeURIComponent(leistung.id)}`}>
            Seite für Bürgerinnen und Bürger ansehen
          </Link>
        </Text>
      ) : null}
      <form method="post" action={action} novalidate>
        <CsrfField token={ctx.csrf()} />
        <Fieldset legend="Bezeichnung">
          {input('nameDe', 'Name (Deutsch)', {
            hint: 'Wie Bürgerinnen und Bürger die Leistung suchen, zum Beispiel „Personalausweis beantragen“.',
          })}
          {input('nameEn', 'Name (Englisch)', { optional: true })}
        </Fieldset>
        <Fieldset legend="Beschreibung">
          {area('shortDescriptionDe', 'Kurzbeschreibung (Deutsch)', {
            hint: 'Ein oder zwei Sätze für Listen und Suchergebnisse.',
            rows: 2,
          })}
          {area('shortDescriptionEn', 'Kurzbeschreibung (Englisch)', { optional: true, rows: 2 })}
          {area('descriptionDe', 'Ausführliche Beschreibung (Deutsch)', {
            hint: 'Absätze durch eine Leerzeile trennen.',
            rows: 10,
          })}
          {area('descriptionEn', 'Ausführliche Beschreibung (Englisch)', { optional: true, rows: 10 })}
        </Fieldset>
        <Fieldset legend="Mitzubringende Unterlagen">
          {area('documentsDe', 'Unterlagen (Deutsch)', { hint: 'Eine Unterlage pro Zeile.', optional: true })}
          {area('documentsEn', 'Unterlagen (Englisch)', {
            hint: 'Zeile für Zeile die Übersetzung der deutschen Zeilen. Für eine Zeile ohne Übersetzung einen Bindestrich (-) eintragen.',
            optional: true,
          })}
        </Fieldset>
        <Fieldset legend="Gebühren">
          <Text>
            Leere Zeilen werden ignoriert. Ist keine Gebühr eingetragen, gilt die Leistung als gebührenfrei.
          </Text>
          {rows.map((row) => (
            <Fieldset legend={`Gebühr ${row + 1}`}>
              {input(`fee${row}LabelDe`, 'Bezeichnung (Deutsch)')}
              {input(`fee${row}LabelEn`, 'Bezeichnung (Englisch)', { optional: true })}
              {input(`fee${row}Amount`, 'Betrag in Euro', { hint: 'Zum Beispiel 37,00', width: 'short' })}
              {input(`fee${row}LegalBasis`, 'Rechtsgrundlage', {
                hint: 'Zum Beispiel § 1 Abs. 1 PAuswGebV',
                optional: true,
              })}
            </Fieldset>
          ))}
        </Fieldset>
        <Fieldset legend="Termin und Ablauf">
          {input('durationMinutes', 'Typische Dauer in Minuten', {
            hint: `Ganze Minuten, höchstens ${DURATION_MAX}.`,
            width: 'short',
            numeric: true,
          })}
          <Checkbox
            name="bookableOnline"
            label="Termin online buchbar"
            checked={values.bookableOnline === 'on'}
          />
          <Checkbox name="walkIn" label="Auch ohne Termin möglich" checked={values.walkIn === 'on'} />
          <Checkbox
            name="onlineApplication"
            label="Online-Antrag im Serviceportal"
            checked={values.onlineApplication === 'on'}
          />
        </Fieldset>
        <Fieldset legend="Hinweise">
          {area('hintsDe', 'Hinweise (Deutsch)', { hint: 'Ein Hinweis pro Zeile.', optional: true })}
          {area('hintsEn', 'Hinweise (Englisch)', {
            hint: 'Zeile für Zeile die Übersetzung der deutschen Zeilen. Für eine Zeile ohne Übersetzung einen Bindestrich (-) eintragen.',
            optional: true,
          })}
        </Fieldset>
        <Fieldset legend="Suche und Einordnung">
          {input('keywords', 'Suchbegriffe', {
            hint: 'Durch Kommas getrennt, zum Beispiel: Perso, Ausweis, ID card',
            optional: true,
          })}
          {input('popularity', 'Beliebtheit', {
            hint: 'Ganze Zahl; die beliebtesten Leistungen stehen auf der Startseite.',
            width: 'short',
            numeric: true,
          })}
          {input('leikaKey', 'LeiKa-Schlüssel', {
            hint: '14 Ziffern aus dem Leistungskatalog (FIM), zum Beispiel 99008001015000.',
            optional: true,
            width: 'medium',
            numeric: true,
          })}
        </Fieldset>
        <Fieldset legend="Standorte, die die Leistung anbieten" id="locationIds" error={errors.locationIds}>
          {locations.length === 0 ? <Text>Es gibt keine aktiven Standorte.</Text> : null}
          {locations.map((location) => (
            <Checkbox
              name="locationIds"
              id={`location-${location.id}`}
              value={location.id}
              label={location.name.de}
              checked={chosen.has(location.id)}
            />
          ))}
        </Fieldset>
        <ButtonGroup>
          <Button>{leistung ? 'Speichern' : 'Leistung anlegen'}</Button>
          <LinkButton href={ADMIN_BASE} variant="secondary">
            Abbrechen
          </LinkButton>
        </ButtonGroup>
      </form>
      {leistung && !leistung.retiredAt ? (
        <section aria-labelledby="retire-heading" class="app-section">
          <Heading level={2} id="retire-heading">
            Leistung stilllegen
          </Heading>
          <Text>
            Eine stillgelegte Leistung verschwindet aus dem Katalog, der Suche und der Schnittstelle. Sie wird
            nicht gelöscht.
          </Text>
          <LinkButton href={`${action}/stilllegen`} variant="secondary">
            Leistung stilllegen …
          </LinkButton>
        </section>
      ) : null}
    </StaffLayout>
  );
}

/** GET /verwaltung/leistungen/:id/stilllegen: the confirmation step before retiring. */
export function RetireConfirmPage({ ctx, leistung }: { ctx: PageContext; leistung: Leistung }) {
  const editUrl = `${ADMIN_BASE}/${encodeURIComponent(leistung.id)}`;
  const title = `Leistung stilllegen: ${leistung.name.de}`;
  return (
    <StaffLayout ctx={ctx} title={title}>
      <Heading level={1}>{title}</Heading>
      {leistung.retiredAt ? (
        <>
          <Alert kind="info" title="Diese Leistung ist bereits stillgelegt" />
          <Text>
            <Link href={ADMIN_BASE}>Zurück zur Übersicht</Link>
          </Text>
        </>
      ) : (
        <>
          <Text>
            Wollen Sie „{leistung.name.de}“ wirklich stilllegen? Bürgerinnen und Bürger finden die Leistung
            danach weder im Katalog noch in der Suche oder der Schnittstelle, und es lassen sich keine Termine
            mehr dafür buchen. Die Daten bleiben erhalten; die Änderung wird protokolliert.
          </Text>
          <form method="post" action={`${editUrl}/stilllegen`}>
            <CsrfField token={ctx.csrf()} />
            <ButtonGroup>
              <Button>Ja, stilllegen</Button>
              <LinkButton href={editUrl} variant="secondary">
                Nein, zurück
              </LinkButton>
            </ButtonGroup>
          </form>
        </>
      )}
    </StaffLayout>
  );
}
