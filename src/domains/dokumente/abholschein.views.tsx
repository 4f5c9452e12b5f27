import { berlinDateOf, formatDate } from '../../platform/time/berlin-time.js';
import {
  Alert,
  Button,
  ButtonGroup,
  DescriptionList,
  Heading,
  LinkButton,
  List,
  Text,
} from '../../platform/views/kern.js';
import { StaffLayout } from '../../platform/views/layout.js';
import type { PageContext } from '../../platform/views/page-context.js';
import type { Location } from '../locations/locations.repository.js';
import { BASE, documentPath, typeLabel } from './dokumente.admin.views.js';
import type { IdDocument } from './dokumente.repository.js';
import { hasPinLetter } from './dokumente.service.js';

/** Path of the citizen's status page; the QR code opens it with the serial number filled in. */
export const STATUS_PATH = '/ausweisstatus';
/** Path of the citizen's sign-up for the "ready" e-mail (with serial number and code). */
export const SIGNUP_PATH = '/ausweisstatus/benachrichtigung';

export const statusUrlOf = (publicUrl: string, serial: string) =>
  `${publicUrl}${STATUS_PATH}?nummer=${encodeURIComponent(serial)}`;

/**
 * The Abholschein handed to the citizen at the application: the serial number, a QR code to the status
 * page and the sign-up code for the "ready" e-mail. Answer to the POST only (the code exists nowhere
 * else); printed on A4 or A5, the print style sheet leaves out everything but the receipt.
 */
export function AbholscheinPage({
  ctx,
  document,
  location,
  signupCode,
  qrCode,
  publicUrl,
  reissued,
}: {
  ctx: PageContext;
  document: IdDocument;
  location: Location;
  signupCode: string;
  /** data: URL of the QR code (SVG). */
  qrCode: string;
  publicUrl: string;
  reissued: boolean;
}) {
  const bring = [
    'diesen Abholschein',
    'Ihr bisheriges Ausweisdokument, falls vorhanden',
    ...(hasPinLetter(document.documentType)
      ? ['den PIN-Brief der Bundesdruckerei (er kommt vorher per Post)']
      : []),
    'Holt eine andere Person ab: eine schriftliche Vollmacht und deren eigenen Ausweis',
  ];
  return (
    <StaffLayout ctx={ctx} title="Abholschein">
      <link rel="stylesheet" href="/assets/dokumente/abholschein.css" />
      <div class="dokumente-no-print">
        <Alert
          kind="success"
          title={
            reissued
              ? 'Neuer Abholschein: der Code auf dem bisherigen gilt nicht mehr.'
              : 'Der Antrag ist erfasst.'
          }
        >
          <Text>
            Bitte drucken Sie den Abholschein jetzt aus. Der Code für die Benachrichtigung wird nur hier
            angezeigt und nicht gespeichert.
          </Text>
        </Alert>
        <ButtonGroup>
          <div class="dokumente-print" hidden>
            <Button type="button">Drucken</Button>
          </div>
          <LinkButton href={`${BASE}/neu`} variant="secondary">
            Nächsten Antrag erfassen
          </LinkButton>
          <LinkButton href={documentPath(document.id)} variant="tertiary">
            Zu den Einzelheiten
          </LinkButton>
        </ButtonGroup>
        <noscript>
          <Text small>Drucken über das Menü des Browsers (Strg+P).</Text>
        </noscript>
      </div>
      <article class="dokumente-abholschein" aria-labelledby="abholschein-titel">
        <p class="dokumente-abholschein__authority">{ctx.site.authority}</p>
        <Heading level={1} id="abholschein-titel">
          Abholschein
        </Heading>
        <DescriptionList
          items={[
            { key: 'Dokument', value: typeLabel(document) },
            {
              key: 'Seriennummer',
              value: <span class="dokumente-abholschein__serial">{document.serialNumber}</span>,
            },
            { key: 'Beantragt am', value: formatDate(berlinDateOf(document.appliedAt), 'de') },
            {
              key: 'Abholung',
              value: `${location.name.de}, ${location.street}, ${location.postalCode} ${location.town}`,
            },
          ]}
        />
        <div class="dokumente-abholschein__columns">
          <section aria-labelledby="abholschein-status">
            <Heading level={2} id="abholschein-status">
              Ist mein Dokument da?
            </Heading>
            <figure class="dokumente-abholschein__qr">
              <img
                src={qrCode}
                alt="QR-Code zur Statusabfrage mit dieser Seriennummer"
                width={160}
                height={160}
              />
              <figcaption class="dokumente-abholschein__url">
                {statusUrlOf(publicUrl, document.serialNumber)}
              </figcaption>
            </figure>
          </section>
          <section aria-labelledby="abholschein-code">
            <Heading level={2} id="abholschein-code">
              Nachricht, wenn es abholbereit ist
            </Heading>
            <Text>
              Melden Sie sich unter {publicUrl}
              {SIGNUP_PATH} mit der Seriennummer und diesem Code an, dann schicken wir Ihnen eine E-Mail:
            </Text>
            <p class="dokumente-abholschein__code">{signupCode}</p>
          </section>
        </div>
        <Heading level={2}>Zur Abholung bringen Sie bitte mit</Heading>
        <List items={bring} />
      </article>
      <script type="module" src="/assets/dokumente/abholschein.js" />
    </StaffLayout>
  );
}
