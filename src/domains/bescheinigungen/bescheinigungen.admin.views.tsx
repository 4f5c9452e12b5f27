import { DateTime } from '../../platform/views/date-time.js';
import {
  Alert,
  Badge,
  Button,
  ButtonGroup,
  DescriptionList,
  Link,
  LinkButton,
  PostForm,
  Table,
  Text,
  Textarea,
  TextInput,
} from '../../platform/views/kern.js';
import type { PageContext } from '../../platform/views/page-context.js';
import { Section } from '../../platform/views/section.js';
import { StaffPage } from '../../platform/views/staff-page.js';
import type { Certificate } from './bescheinigungen.repository.js';
import { formatVerificationCode } from './bescheinigungen.rules.js';
import { REVOKE_REASON_MAX } from './bescheinigungen.service.js';
import { VERIFY_PATH, withBreaks } from './bescheinigungen.views.js';

/** Staff pages for sealed certificates (German only). */

export const ADMIN_BASE = '/verwaltung/bescheinigungen';
export const certificatePath = (id: string) => `${ADMIN_BASE}/${id}`;
export const pdfPath = (id: string) => `${ADMIN_BASE}/${id}/pdf`;
export const revokePath = (id: string) => `${ADMIN_BASE}/${id}/widerrufen`;

function StatusBadge({ certificate }: { certificate: Certificate }) {
  return certificate.revokedAt ? (
    <Badge kind="danger">Widerrufen</Badge>
  ) : (
    <Badge kind="success">Gültig</Badge>
  );
}

/** GET /verwaltung/bescheinigungen: newest first, searchable by code or case number. */
export function ListPage({
  ctx,
  certificates,
  query,
}: {
  ctx: PageContext;
  certificates: Certificate[];
  query: string;
}) {
  return (
    <StaffPage ctx={ctx} title="Bescheinigungen">
      <Text>
        Elektronisch gesiegelte Bescheinigungen (zum Beispiel Meldebescheinigungen). Jede kann unter{' '}
        <Link href={VERIFY_PATH}>{VERIFY_PATH}</Link> mit ihrem Prüfcode geprüft werden.
      </Text>
      <form method="get" action={ADMIN_BASE}>
        <TextInput
          name="q"
          label="Prüfcode oder Vorgangsnummer"
          hint="Beim Prüfcode spielen Groß- und Kleinschreibung, Leerzeichen und Bindestriche keine Rolle."
          value={query}
          autocomplete="off"
          width="medium"
        />
        <ButtonGroup>
          <Button>Suchen</Button>
          {query ? (
            <LinkButton href={ADMIN_BASE} variant="secondary">
              Suche zurücksetzen
            </LinkButton>
          ) : null}
        </ButtonGroup>
      </form>
      {certificates.length === 0 ? (
        <Text>
          {query
            ? 'Keine Bescheinigung passt zur Suche.'
            : 'Es wurden noch keine Bescheinigungen ausgestellt.'}
        </Text>
      ) : (
        <Table
          caption={query ? `Bescheinigungen zur Suche „${query}“` : 'Bescheinigungen, neueste zuerst'}
          head={['Ausgestellt', 'Bescheinigung', 'Person', 'Vorgangsnummer', 'Prüfcode', 'Status']}
          rows={certificates.map((certificate) => [
            <DateTime value={certificate.issuedAt} />,
            <Link href={certificatePath(certificate.id)}>{certificate.title}</Link>,
            certificate.subjectName,
            certificate.caseNumber,
            formatVerificationCode(certificate.verificationCode),
            <StatusBadge certificate={certificate} />,
          ])}
        />
      )}
    </StaffPage>
  );
}

/** GET /verwaltung/bescheinigungen/:id: the data, the PDF, and revocation. */
export function DetailPage({
  ctx,
  certificate,
  sealIntact,
  values = {},
  errors,
}: {
  ctx: PageContext;
  certificate: Certificate;
  sealIntact: boolean;
  values?: { grund?: string };
  errors?: Record<string, string> | undefined;
}) {
  const code = formatVerificationCode(certificate.verificationCode);
  const items = [
    { key: 'Status', value: <StatusBadge certificate={certificate} /> },
    { key: 'Person', value: certificate.subjectName },
    { key: 'Vorgangsnummer', value: certificate.caseNumber },
    { key: 'Art', value: certificate.kind },
    { key: 'Ausgestellt', value: <DateTime value={certificate.issuedAt} /> },
    { key: 'Ausstellende Behörde', value: certificate.issuer },
    { key: 'Prüfcode', value: code },
    ...(certificate.purpose ? [{ key: 'Zur Vorlage bei', value: certificate.purpose }] : []),
    { key: 'Siegelschlüssel', value: certificate.keyId },
    ...(certificate.revokedAt
      ? [
          { key: 'Widerrufen', value: <DateTime value={certificate.revokedAt} /> },
          { key: 'Widerrufen von', value: certificate.revokedBy ?? '–' },
          { key: 'Grund des Widerrufs', value: certificate.revokedReason ?? '–' },
        ]
      : []),
  ];
  return (
    <StaffPage ctx={ctx} title={`${certificate.title} ${code}`} errors={errors}>
      <Text>
        <Link href={ADMIN_BASE}>Zurück zur Übersicht</Link>
      </Text>
      {sealIntact ? null : (
        <Alert kind="danger" title="Siegel passt nicht zu den Daten">
          <Text>
            Die gespeicherten Daten dieser Bescheinigung stimmen nicht mit ihrem Siegel überein; sie wurden
            nach der Ausstellung in der Datenbank verändert. Die Prüfseite meldet sie als nicht echt, ein PDF
            wird nicht erzeugt. Bitte informieren Sie den Betrieb und die Datenschutzbeauftragte.
          </Text>
        </Alert>
      )}
      <DescriptionList items={items} />
      <Table
        caption="Bescheinigte Angaben"
        head={['Angabe', 'Inhalt']}
        rows={certificate.fields.map((field) => [field.label, withBreaks(field.value)])}
        rowHeader
      />
      <ButtonGroup>
        {sealIntact ? <LinkButton href={pdfPath(certificate.id)}>PDF herunterladen</LinkButton> : null}
        <LinkButton href={`${VERIFY_PATH}?code=${code}`} variant="secondary">
          Öffentliche Prüfseite ansehen
        </LinkButton>
      </ButtonGroup>
      {certificate.revokedAt ? null : (
        <Section id="widerrufen" title="Bescheinigung widerrufen">
          <Text>
            Ein Widerruf kann nicht rückgängig gemacht werden. Die Prüfseite zeigt danach „Widerrufen“ mit dem
            Datum; der Grund erscheint nur hier und im Protokoll.
          </Text>
          <PostForm action={revokePath(certificate.id)} token={ctx.csrf()}>
            <Textarea
              name="grund"
              label="Grund des Widerrufs"
              hint={`Höchstens ${REVOKE_REASON_MAX} Zeichen.`}
              value={values.grund ?? ''}
              error={errors?.grund}
              rows={3}
              required
            />
            <Button>Bescheinigung widerrufen</Button>
          </PostForm>
        </Section>
      )}
    </StaffPage>
  );
}
