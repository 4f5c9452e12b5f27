import { summaryErrors } from '../../platform/forms/forms.js';
import { pick } from '../../platform/i18n/localized-text.js';
import { formatDate, formatTime } from '../../platform/time/berlin-time.js';
import {
  Alert,
  Button,
  ButtonGroup,
  CsrfField,
  DescriptionList,
  ErrorSummary,
  Fieldset,
  Heading,
  LinkButton,
  Text,
  TextInput,
} from '../../platform/views/kern.js';
import type { PageContext } from '../../platform/views/page-context.js';
import type { Leistung } from '../leistungen/leistungen.repository.js';
import type { Location } from '../locations/locations.repository.js';
import { queueMessages } from './queue.messages.js';
import type { IssuedTicket } from './queue.service.js';
import { aheadText, estimateText, LanguageLinks, QueueDocument } from './queue.views.js';

/** Seconds after which the kiosk leaves a ticket (or a refusal) and shows the start screen again. */
export const KIOSK_RETURN_SECONDS = 60;

export const kioskPath = (locationId: string) => `/kiosk/${encodeURIComponent(locationId)}`;

function KioskHeader({
  ctx,
  location,
  languages,
}: {
  ctx: PageContext;
  location: Location;
  languages: boolean;
}) {
  return (
    <header class="queue-kiosk-header">
      <p class="queue-kiosk-header__name">{pick(location.name, ctx.lang)}</p>
      {languages ? <LanguageLinks ctx={ctx} path={kioskPath(location.id)} className="queue-lang" /> : null}
    </header>
  );
}

/** A hidden field that keeps the chosen language for the page the POST renders. */
function LangField({ ctx }: { ctx: PageContext }) {
  return <input type="hidden" name="lang" value={ctx.lang} />;
}

export interface KioskErrors {
  code?: string;
  services?: string;
}

/**
 * The kiosk's start screen: check in a booked appointment by its code (a barcode scanner types like a
 * keyboard into the focused field and ends with Enter), or draw a walk-in number with one big button
 * per service. After a refusal the same screen shows why, and returns to a clean start after a minute.
 */
export function KioskStartPage({
  ctx,
  location,
  services,
  errors = {},
  code = '',
}: {
  ctx: PageContext;
  location: Location;
  services: Leistung[];
  errors?: KioskErrors;
  code?: string;
}) {
  const t = queueMessages(ctx.lang);
  const base = kioskPath(location.id);
  const refused = Object.keys(errors).length > 0;
  const csrf = ctx.csrf();
  return (
    <QueueDocument
      ctx={ctx}
      title={t('kioskTitle')}
      variant="kiosk"
      script="kiosk.js"
      {...(refused
        ? {
            reload: { seconds: KIOSK_RETURN_SECONDS, url: base },
            data: { 'return-to': base, 'return-after': String(KIOSK_RETURN_SECONDS) },
          }
        : {})}
    >
      <KioskHeader ctx={ctx} location={location} languages />
      <main id="inhalt" class="queue-kiosk">
        <Heading level={1}>{t('kioskTitle')}</Heading>
        <Text large>{t('kioskLead')}</Text>
        <ErrorSummary
          title={t('errorTitle')}
          errors={summaryErrors(Object.fromEntries(Object.entries(errors).filter(([, message]) => message)))}
        />
        <div class="queue-kiosk__choices">
          <section class="queue-kiosk__panel" aria-labelledby="mit-termin">
            <Heading level={2} id="mit-termin">
              {t('appointmentTitle')}
            </Heading>
            <form method="post" action={`${base}/einchecken`} class="queue-kiosk__form" data-scanner="">
              <CsrfField token={csrf} />
              <LangField ctx={ctx} />
              <TextInput
                name="code"
                label={t('codeLabel')}
                hint={t('codeHint')}
                error={errors.code}
                value={code}
                autocomplete="off"
                autofocus
              />
              <Button block>{t('checkInButton')}</Button>
            </form>
          </section>
          <section class="queue-kiosk__panel" aria-labelledby="ohne-termin">
            <Heading level={2} id="ohne-termin">
              {t('walkInTitle')}
            </Heading>
            {services.length > 0 ? (
              <form method="post" action={`${base}/wartenummer`} class="queue-kiosk__form">
                <CsrfField token={csrf} />
                <LangField ctx={ctx} />
                <Fieldset legend={t('walkInLegend')} id="services" error={errors.services}>
                  <div class="queue-kiosk__services">
                    {services.map((service) => (
                      <Button name="serviceId" value={service.id} variant="secondary" block>
                        {pick(service.name, ctx.lang)}
                      </Button>
                    ))}
                  </div>
                </Fieldset>
              </form>
            ) : (
              <div id="services">
                <Text>{t('noWalkIn')}</Text>
              </div>
            )}
          </section>
        </div>
      </main>
    </QueueDocument>
  );
}

/**
 * The ticket, as the answer to the POST (never a redirect: the phone link's secret must not land in the
 * kiosk's history). Printed on an 80 mm receipt printer, only the ticket itself comes out.
 */
export function KioskTicketPage({
  ctx,
  location,
  issued,
  serviceNames,
  qrCode,
}: {
  ctx: PageContext;
  location: Location;
  issued: IssuedTicket;
  serviceNames: string[];
  /** data: URL of the QR code that opens the phone ticket. */
  qrCode: string;
}) {
  const t = queueMessages(ctx.lang);
  const base = kioskPath(location.id);
  const { ticket } = issued;
  const appointmentAt = ticket.appointmentAt;
  const items = [
    { key: t('servicesLabel'), value: serviceNames.join(', ') },
    ...(appointmentAt && issued.earlyMinutes === undefined
      ? [{ key: t('appointmentLabel'), value: t('timeValue', { time: formatTime(appointmentAt) }) }]
      : []),
    { key: t('drawnLabel'), value: t('timeValue', { time: formatTime(ticket.arrivedAt) }) },
    { key: t('aheadLabel'), value: aheadText(t, issued.ahead) },
    { key: t('waitLabel'), value: estimateText(t, issued.estimatedWaitMinutes) },
  ];
  return (
    <QueueDocument
      ctx={ctx}
      title={t('ticketTitle')}
      variant="kiosk"
      script="kiosk.js"
      reload={{ seconds: KIOSK_RETURN_SECONDS, url: base }}
      data={{ 'return-to': base, 'return-after': String(KIOSK_RETURN_SECONDS) }}
    >
      <KioskHeader ctx={ctx} location={location} languages={false} />
      <main id="inhalt" class="queue-kiosk queue-kiosk--ticket">
        <div class="queue-ticket">
          <p class="queue-ticket__place">
            {pick(location.name, ctx.lang)}, {formatDate(ticket.day, ctx.lang)}
          </p>
          <Heading level={1}>{t('ticketTitle')}</Heading>
          <p class="queue-ticket__number">{ticket.number}</p>
          <DescriptionList items={items} />
          {appointmentAt && issued.earlyMinutes !== undefined ? (
            <Alert kind="info" title={t('earlyNote', { time: formatTime(appointmentAt) })} />
          ) : null}
          {issued.lateMinutes !== undefined ? (
            <Alert kind="warning" title={t('lateTitle')}>
              <Text>{t('lateNote', { minutes: issued.lateMinutes })}</Text>
            </Alert>
          ) : null}
          <Text>{t('ticketWait')}</Text>
          <figure class="queue-ticket__qr">
            <img src={qrCode} alt={t('qrAlt')} width={220} height={220} />
            <figcaption class="queue-ticket__qr-text">{t('qrText')}</figcaption>
          </figure>
        </div>
        <div class="queue-no-print">
          <ButtonGroup>
            <div class="queue-print" hidden>
              <Button type="button" variant="secondary">
                {t('printButton')}
              </Button>
            </div>
            <LinkButton href={base}>{t('doneButton')}</LinkButton>
          </ButtonGroup>
          <Text small>{t('returnNote', { seconds: KIOSK_RETURN_SECONDS })}</Text>
        </div>
      </main>
    </QueueDocument>
  );
}
