import { summaryErrors, validationMessages } from '../../platform/forms/forms.js';
import type { Lang } from '../../platform/i18n/i18n.js';
import { type LocalizedText, pick } from '../../platform/i18n/localized-text.js';
import { berlinDateOf, formatDate, formatTime } from '../../platform/time/berlin-time.js';
import {
  Alert,
  Button,
  DescriptionList,
  EmailInput,
  ErrorSummary,
  Heading,
  Link,
  LinkButton,
  List,
  PostForm,
  Table,
  Text,
  TextInput,
} from '../../platform/views/kern.js';
import { CitizenLayout } from '../../platform/views/layout.js';
import type { PageContext } from '../../platform/views/page-context.js';
import { PrivacySection, Section } from '../../platform/views/section.js';
import { locationsMessages } from '../locations/locations.messages.js';
import type { LocationDetail } from '../locations/locations.service.js';
import { noticeText, StatusBadge, weeklyRows } from '../locations/locations.views.js';
import { dokumenteMessages, explainKey } from './dokumente.messages.js';
import { documentTypeLabels, statusLabels } from './dokumente.rules.js';
import { hasPinLetter, type PublicStatus } from './dokumente.service.js';
import type { DocumentStatus } from './dokumente.tables.js';

export const STATUS_PATH = '/ausweisstatus';
export const SIGNUP_PATH = '/ausweisstatus/benachrichtigung';
export const SIGNUP_SENT_PATH = '/ausweisstatus/benachrichtigung/gesendet';

const label = (text: { de: string; en: string }, lang: Lang): string => pick(text as LocalizedText, lang);

/** Statuses in which the citizen still comes to the office (pickup, or to sort out a problem). */
const pickupStatuses: readonly DocumentStatus[] = [
  'in_bearbeitung',
  'bereit_zur_abholung',
  'direktversand_fehlgeschlagen',
];
const contactStatuses: readonly DocumentStatus[] = ['ungueltig', 'vernichtet'];

const alertKind: Record<DocumentStatus, 'info' | 'success' | 'warning' | 'danger'> = {
  in_bearbeitung: 'info',
  bereit_zur_abholung: 'success',
  ausgehaendigt: 'info',
  in_direktversand: 'info',
  direktversand_zugestellt: 'success',
  direktversand_fehlgeschlagen: 'warning',
  ungueltig: 'warning',
  vernichtet: 'warning',
};

/** The pickup place of a known document, and how to come: a booking link when pickup is bookable online. */
export interface PickupPlace {
  detail: LocationDetail;
  /** The booking flow with the pickup service and this location chosen; null when not bookable online. */
  bookingHref: string | null;
}

/** What the status page answers: nothing asked yet, an empty number, no information, or a status. */
export type StatusAnswer =
  | { kind: 'none' }
  | { kind: 'empty' }
  /** Unknown and malformed numbers alike: only the (normalised) input is echoed. */
  | { kind: 'neutral'; echo: string }
  | { kind: 'found'; echo: string; status: PublicStatus; place: PickupPlace | undefined };

/** The serial number of the new document: the status query and the sign-up ask for it alike. */
function SerialInput({ ctx, value, error }: { ctx: PageContext; value: string; error: string | undefined }) {
  const t = dokumenteMessages(ctx.lang);
  return (
    <TextInput
      name="nummer"
      label={t('serialLabel')}
      hint={t('serialHint')}
      value={value}
      error={error}
      autocomplete="off"
      required
      width="medium"
    />
  );
}

function SerialForm({ ctx, value, error }: { ctx: PageContext; value: string; error?: string }) {
  const t = dokumenteMessages(ctx.lang);
  return (
    <form method="get" action={STATUS_PATH} novalidate>
      <SerialInput ctx={ctx} value={value} error={error} />
      <Button>{t('submitStatus')}</Button>
    </form>
  );
}

function NeutralAnswer({ ctx, echo }: { ctx: PageContext; echo: string }) {
  const t = dokumenteMessages(ctx.lang);
  return (
    <Section id="ergebnis" title={t('resultHeading')}>
      <Alert kind="info" title={t('unknownTitle')}>
        <Text>{t('unknownText', { serial: echo })}</Text>
        <Text>{t('unknownRecent')}</Text>
      </Alert>
    </Section>
  );
}

function PlaceSection({
  ctx,
  place,
  heading,
}: {
  ctx: PageContext;
  place: PickupPlace;
  heading: 'pickupHeading' | 'contactHeading';
}) {
  const t = dokumenteMessages(ctx.lang);
  const tl = locationsMessages(ctx.lang);
  const { detail } = place;
  const { location } = detail;
  const name = pick(location.name, ctx.lang);
  const contact = [
    {
      key: t('addressLabel'),
      value: (
        <>
          {location.street}
          <br />
          {location.postalCode} {location.town}
        </>
      ),
    },
    ...(location.phone
      ? [
          {
            key: t('phoneLabel'),
            value: <Link href={`tel:${location.phone.replace(/[^+\d]/g, '')}`}>{location.phone}</Link>,
          },
        ]
      : []),
  ];
  return (
    <Section id="abholort" title={`${t(heading)}: ${name}`}>
      <DescriptionList items={contact} />
      <Text>
        <StatusBadge status={detail.status} now={detail.checkedAt} lang={ctx.lang} />
      </Text>
      <Table
        caption={`${tl('weeklyCaption')}: ${name}`}
        head={[tl('weekday'), tl('hours')]}
        rows={weeklyRows(detail.weekly, ctx.lang)}
        rowHeader
      />
      {detail.notices.length > 0 ? (
        <>
          <Text>{t('noticesIntro')}</Text>
          <List items={detail.notices.map((notice) => noticeText(notice, ctx.lang))} />
        </>
      ) : null}
      <Text>
        <Link href={`/standorte/${encodeURIComponent(location.id)}`}>{t('locationLink', { name })}</Link>
      </Text>
    </Section>
  );
}

function BringSection({ ctx, status }: { ctx: PageContext; status: PublicStatus }) {
  const t = dokumenteMessages(ctx.lang);
  const pin = hasPinLetter(status.documentType);
  return (
    <Section id="mitbringen" title={t('bringHeading')}>
      <List items={[t('bringOldDocument'), ...(pin ? [t('bringPinLetter')] : [])]} />
      <Text>{t('bringAuthorisedIntro')}</Text>
      <List
        items={[
          t('bringAuthorisation'),
          t('bringOwnId'),
          t('bringYourOldDocument'),
          ...(pin ? [t('bringYourPinLetter')] : []),
        ]}
      />
    </Section>
  );
}

function AppointmentSection({ ctx, place }: { ctx: PageContext; place: PickupPlace }) {
  const t = dokumenteMessages(ctx.lang);
  return (
    <Section id="termin" title={t('appointmentHeading')}>
      {place.bookingHref ? (
        <>
          <Text>{t('appointmentText')}</Text>
          <LinkButton href={place.bookingHref}>{t('appointmentLink')}</LinkButton>
        </>
      ) : (
        <>
          <Text>{t('walkInText')}</Text>
          <Text>
            <Link href="/leistungen/ausweis-abholung">{t('serviceLink')}</Link>
          </Text>
        </>
      )}
    </Section>
  );
}

function FoundAnswer({
  ctx,
  echo,
  status,
  place,
}: {
  ctx: PageContext;
  echo: string;
  status: PublicStatus;
  place: PickupPlace | undefined;
}) {
  const t = dokumenteMessages(ctx.lang);
  const statusText = label(statusLabels[status.status], ctx.lang);
  const items = [
    { key: t('documentTypeLabel'), value: label(documentTypeLabels[status.documentType], ctx.lang) },
    { key: t('statusLabel'), value: statusText },
    {
      key: t('updatedLabel'),
      value: t('updatedValue', {
        date: formatDate(berlinDateOf(status.updatedAt), ctx.lang),
        time: formatTime(status.updatedAt),
      }),
    },
  ];
  const forPickup = pickupStatuses.includes(status.status);
  const forContact = contactStatuses.includes(status.status);
  return (
    <>
      <Section id="ergebnis" title={t('resultHeading')}>
        <Text muted>{t('resultFor', { serial: echo })}</Text>
        <Alert kind={alertKind[status.status]} title={statusText}>
          <Text>{t(explainKey(status.status))}</Text>
        </Alert>
        <DescriptionList items={items} />
      </Section>
      {place && forPickup ? <PlaceSection ctx={ctx} place={place} heading="pickupHeading" /> : null}
      {place && forContact ? <PlaceSection ctx={ctx} place={place} heading="contactHeading" /> : null}
      {forPickup ? <BringSection ctx={ctx} status={status} /> : null}
      {place && status.status === 'bereit_zur_abholung' ? (
        <AppointmentSection ctx={ctx} place={place} />
      ) : null}
    </>
  );
}

/** GET /ausweisstatus (with ?nummer= it answers directly: the QR code on the pickup slip links here). */
export function StatusPage({ ctx, answer }: { ctx: PageContext; answer: StatusAnswer }) {
  const t = dokumenteMessages(ctx.lang);
  const error = answer.kind === 'empty' ? t('serialRequired') : undefined;
  const value = answer.kind === 'neutral' || answer.kind === 'found' ? answer.echo : '';
  const notifyHref =
    answer.kind === 'found' && answer.status.status === 'in_bearbeitung'
      ? `${SIGNUP_PATH}?nummer=${encodeURIComponent(answer.echo)}`
      : SIGNUP_PATH;
  return (
    <CitizenLayout ctx={ctx} title={t('statusTitle')}>
      <ErrorSummary
        title={validationMessages(ctx.lang)('summaryTitle')}
        errors={error ? summaryErrors({ nummer: error }) : []}
      />
      <Heading level={1}>{t('statusTitle')}</Heading>
      <Text large>{t('statusLead')}</Text>
      <SerialForm ctx={ctx} value={value} error={error} />
      <Text small muted>
        {t('privacyNote')}
      </Text>
      {answer.kind === 'neutral' ? <NeutralAnswer ctx={ctx} echo={answer.echo} /> : null}
      {answer.kind === 'found' ? (
        <FoundAnswer ctx={ctx} echo={answer.echo} status={answer.status} place={answer.place} />
      ) : null}
      <Section id="benachrichtigung" title={t('notifyHeading')}>
        <Text>{t('notifyText')}</Text>
        <Text>
          <Link href={notifyHref}>{t('notifyLink')}</Link>
        </Text>
      </Section>
    </CitizenLayout>
  );
}

export interface SignupValues {
  nummer: string;
  code: string;
  email: string;
  consent: boolean;
}

/** GET/POST /ausweisstatus/benachrichtigung: serial number, code from the pickup slip, e-mail, consent. */
export function SignupPage({
  ctx,
  values,
  errors = {},
}: {
  ctx: PageContext;
  values: SignupValues;
  errors?: Record<string, string>;
}) {
  const t = dokumenteMessages(ctx.lang);
  return (
    <CitizenLayout ctx={ctx} title={t('signupTitle')}>
      <ErrorSummary title={validationMessages(ctx.lang)('summaryTitle')} errors={summaryErrors(errors)} />
      <Heading level={1}>{t('signupTitle')}</Heading>
      <Text large>{t('signupLead')}</Text>
      <PostForm action={SIGNUP_PATH} token={ctx.csrf()}>
        <SerialInput ctx={ctx} value={values.nummer} error={errors.nummer} />
        <TextInput
          name="code"
          label={t('codeLabel')}
          hint={t('codeHint')}
          value={values.code}
          error={errors.code}
          autocomplete="off"
          required
          width="medium"
        />
        <EmailInput
          label={t('emailLabel')}
          hint={t('emailHint')}
          value={values.email}
          error={errors.email}
          required
        />
        <PrivacySection
          id="datenschutz-titel"
          title={t('privacyTitle')}
          purpose={t('privacyPurpose')}
          more={t('privacyMore')}
          consent={{
            name: 'einwilligung',
            label: t('consentLabel'),
            checked: values.consent,
            error: errors.einwilligung,
          }}
        />
        <Button>{t('signupSubmit')}</Button>
      </PostForm>
      <Text>
        <Link href={STATUS_PATH}>{t('backToStatus')}</Link>
      </Text>
    </CitizenLayout>
  );
}

/** After the sign-up, whatever happened: the same neutral answer. */
export function SignupSentPage({ ctx }: { ctx: PageContext }) {
  const t = dokumenteMessages(ctx.lang);
  return (
    <CitizenLayout ctx={ctx} title={t('sentTitle')}>
      <Heading level={1}>{t('sentTitle')}</Heading>
      <Text large>{t('sentText')}</Text>
      <Text>{t('sentNoMail')}</Text>
      <Text>
        <Link href={STATUS_PATH}>{t('backToStatus')}</Link>
      </Text>
    </CitizenLayout>
  );
}
