import { summaryErrors, validationMessages } from '../../platform/forms/forms.js';
import { pick } from '../../platform/i18n/localized-text.js';
import { berlinDateOf, formatDate, formatTime } from '../../platform/time/berlin-time.js';
import {
  Alert,
  Button,
  ButtonGroup,
  Checkbox,
  CsrfField,
  DescriptionList,
  EmailInput,
  ErrorSummary,
  Fieldset,
  Heading,
  Link,
  LinkButton,
  List,
  Text,
  TextInput,
} from '../../platform/views/kern.js';
import { CitizenLayout } from '../../platform/views/layout.js';
import type { PageContext } from '../../platform/views/page-context.js';
import { PrivacySection, Section } from '../../platform/views/section.js';
import type { Leistung } from '../leistungen/leistungen.repository.js';
import { formatDuration } from '../leistungen/leistungen.rules.js';
import type { Location } from '../locations/locations.repository.js';
import { addressOf, Names, ServicesAndLocation } from './summary.views.js';
import type { Appointment } from './termine.repository.js';
import { TIMES_OF_DAY } from './waitlist.form.js';
import { waitlistMessages } from './waitlist.messages.js';
import type { TimeOfDay, WaitlistEntry } from './waitlist.service.js';

function timeOfDayLabel(ctx: PageContext, time: TimeOfDay): string {
  const t = waitlistMessages(ctx.lang);
  return time === 'vormittag' ? t('morning') : t('afternoon');
}

function HowItWorks({ ctx, offerHours }: { ctx: PageContext; offerHours: number }) {
  const t = waitlistMessages(ctx.lang);
  return (
    <Section id="so-funktioniert-es" title={t('howTitle')}>
      <List
        items={[
          t('howOptIn'),
          t('howOrder'),
          t('howHold', { hours: offerHours }),
          t('howNext'),
          t('howLeave'),
        ]}
      />
    </Section>
  );
}

function DemoMailbox({ ctx }: { ctx: PageContext }) {
  if (!ctx.demo) return null;
  const t = waitlistMessages(ctx.lang);
  return (
    <Alert kind="info" title="Demo">
      <Text>
        {t('demoMailbox')} <Link href="/verwaltung/post">{t('demoMailboxLink')}</Link>.
      </Text>
    </Alert>
  );
}

// ---- GET/POST /termine/warteliste

export interface JoinFormValues {
  serviceIds: string[];
  locationIds: string[];
  fromDate: string;
  toDate: string;
  timesOfDay: string[];
  name: string;
  email: string;
  privacy: boolean;
}

/** The registration form: services, locations, period, times of day, contact, privacy notice. */
export function JoinPage({
  ctx,
  services,
  locations,
  values,
  errors = {},
  offerHours,
}: {
  ctx: PageContext;
  services: Leistung[];
  locations: Location[];
  values: JoinFormValues;
  errors?: Record<string, string>;
  offerHours: number;
}) {
  const t = waitlistMessages(ctx.lang);
  return (
    <CitizenLayout ctx={ctx} title={t('joinTitle')}>
      <ErrorSummary title={validationMessages(ctx.lang)('summaryTitle')} errors={summaryErrors(errors)} />
      <Heading level={1}>{t('joinTitle')}</Heading>
      <Text large>{t('joinLead')}</Text>
      <HowItWorks ctx={ctx} offerHours={offerHours} />
      {services.length === 0 ? (
        <Text>{t('noServices')}</Text>
      ) : (
        <form method="post" action="/termine/warteliste" novalidate>
          <CsrfField token={ctx.csrf()} />
          <Fieldset legend={t('servicesLegend')} id="leistungen" error={errors.leistungen}>
            <Text small>{t('servicesHint')}</Text>
            {services.map((service) => (
              <Checkbox
                name="leistungen"
                id={`leistung-${service.id}`}
                value={service.id}
                checked={values.serviceIds.includes(service.id)}
                label={`${pick(service.name, ctx.lang)} (${formatDuration(service.durationMinutes, ctx.lang)})`}
              />
            ))}
          </Fieldset>
          <Fieldset legend={t('locationsLegend')} id="standorte" error={errors.standorte}>
            <Text small>{t('locationsHint')}</Text>
            {locations.map((location) => (
              <Checkbox
                name="standorte"
                id={`standort-${location.id}`}
                value={location.id}
                checked={values.locationIds.includes(location.id)}
                label={`${pick(location.name, ctx.lang)}, ${addressOf(location)}`}
              />
            ))}
          </Fieldset>
          <Fieldset legend={t('rangeLegend')} id="zeitraum">
            <TextInput
              name="von"
              type="date"
              label={t('fromLabel')}
              value={values.fromDate}
              error={errors.von}
              required
              width="medium"
            />
            <TextInput
              name="bis"
              type="date"
              label={t('toLabel')}
              value={values.toDate}
              error={errors.bis}
              required
              width="medium"
            />
          </Fieldset>
          <Fieldset legend={t('timesLegend')} id="tageszeiten" error={errors.tageszeiten}>
            {TIMES_OF_DAY.map((time) => (
              <Checkbox
                name="tageszeiten"
                id={`tageszeit-${time}`}
                value={time}
                checked={values.timesOfDay.includes(time)}
                label={timeOfDayLabel(ctx, time)}
              />
            ))}
          </Fieldset>
          <TextInput
            name="name"
            label={t('nameLabel')}
            value={values.name}
            error={errors.name}
            autocomplete="name"
            required
          />
          <EmailInput
            label={t('emailLabel')}
            hint={t('emailHint')}
            value={values.email}
            error={errors.email}
            required
          />
          <PrivacySection
            id="datenschutzhinweis"
            title={t('privacyTitle')}
            purpose={t('privacyPurpose')}
            more={t('privacyMore')}
            consent={{
              name: 'datenschutz',
              label: t('privacyCheckbox'),
              checked: values.privacy,
              error: errors.datenschutz,
            }}
          />
          <Button>{t('submit')}</Button>
        </form>
      )}
    </CitizenLayout>
  );
}

/** GET /termine/warteliste/postfach: the opt-in mail is on its way. */
export function JoinMailboxPage({ ctx }: { ctx: PageContext }) {
  const t = waitlistMessages(ctx.lang);
  return (
    <CitizenLayout ctx={ctx} title={t('mailboxTitle')}>
      <Heading level={1}>{t('mailboxTitle')}</Heading>
      <Text large>{t('mailboxText')}</Text>
      <Text>{t('mailboxConfirm')}</Text>
      <Text>{t('mailboxSpam')}</Text>
      <DemoMailbox ctx={ctx} />
    </CitizenLayout>
  );
}

// ---- GET /termine/warteliste/{id}/bestaetigen

/** After the opt-in link: on the list (with the wishes and the leave link), or no longer on it. */
export function ActivatedPage({
  ctx,
  entry,
  services,
  locations,
  leaveHref,
  offerHours,
}: {
  ctx: PageContext;
  entry: WaitlistEntry;
  services: Leistung[];
  locations: Location[];
  leaveHref: string;
  offerHours: number;
}) {
  const t = waitlistMessages(ctx.lang);
  const waiting = entry.status === 'active' || entry.status === 'offered';
  const title = waiting ? t('activeTitle') : t('notWaitingTitle');
  return (
    <CitizenLayout ctx={ctx} title={title}>
      <Heading level={1}>{title}</Heading>
      {waiting ? (
        <Text large>{t('activeLead', { hours: offerHours })}</Text>
      ) : (
        <Alert kind="warning" title={entry.status === 'booked' ? t('notWaitingBooked') : t('notWaitingLeft')}>
          <Text>
            <Link href="/termine/warteliste">{t('joinAgain')}</Link>
          </Text>
        </Alert>
      )}
      <Section id="wuensche" title={t('yourWishes')}>
        <DescriptionList
          items={[
            { key: t('servicesLabel'), value: <Names lang={ctx.lang} items={services} /> },
            { key: t('locationsLabel'), value: <Names lang={ctx.lang} items={locations} /> },
            {
              key: t('rangeLabel'),
              value: t('rangeValue', {
                from: formatDate(entry.fromDate, ctx.lang),
                to: formatDate(entry.toDate, ctx.lang),
              }),
            },
            {
              key: t('timesLabel'),
              value: entry.timesOfDay.map((time) => timeOfDayLabel(ctx, time as TimeOfDay)).join(', '),
            },
          ]}
        />
      </Section>
      {waiting ? (
        <Section id="abmelden" title={t('leaveTitle')}>
          <Text>{t('leaveText')}</Text>
          <Text>
            <Link href={leaveHref}>{t('leaveLink')}</Link>
          </Text>
        </Section>
      ) : null}
    </CitizenLayout>
  );
}

// ---- GET/POST /termine/warteliste/{id}/abmelden

/** The one-click link from an e-mail shows this confirmation; only the POST changes anything. */
export function LeaveConfirmPage({ ctx, id, token }: { ctx: PageContext; id: string; token: string }) {
  const t = waitlistMessages(ctx.lang);
  return (
    <CitizenLayout ctx={ctx} title={t('leaveConfirmTitle')}>
      <Heading level={1}>{t('leaveConfirmTitle')}</Heading>
      <Text large>{t('leaveConfirmText')}</Text>
      <form method="post" action={`/termine/warteliste/${encodeURIComponent(id)}/abmelden`} novalidate>
        <CsrfField token={ctx.csrf()} />
        <input type="hidden" name="token" value={token} />
        <Button>{t('leaveButton')}</Button>
      </form>
    </CitizenLayout>
  );
}

/** A page with a heading, a text and the way on (left, declined, link problems). */
export function NoticePage({
  ctx,
  title,
  text,
  joinLink,
}: {
  ctx: PageContext;
  title: string;
  text: string;
  joinLink?: boolean;
}) {
  const t = waitlistMessages(ctx.lang);
  return (
    <CitizenLayout ctx={ctx} title={title}>
      <Heading level={1}>{title}</Heading>
      <Text large>{text}</Text>
      <ButtonGroup>
        <LinkButton href="/termine">{t('bookNew')}</LinkButton>
        {joinLink ? (
          <LinkButton href="/termine/warteliste" variant="secondary">
            {t('joinAgain')}
          </LinkButton>
        ) : null}
      </ButtonGroup>
    </CitizenLayout>
  );
}

// ---- GET /termine/angebot/{id}

/** An offer held for one person: the facts, until when it is held, accept or decline (POST forms). */
export function OfferPage({
  ctx,
  offer,
  services,
  location,
  token,
}: {
  ctx: PageContext;
  offer: Appointment;
  services: Leistung[];
  location: Location;
  token: string;
}) {
  const t = waitlistMessages(ctx.lang);
  const base = `/termine/angebot/${encodeURIComponent(offer.id)}`;
  return (
    <CitizenLayout ctx={ctx} title={t('offerTitle')}>
      <Heading level={1}>{t('offerTitle')}</Heading>
      <Text large>{t('offerLead')}</Text>
      {offer.holdUntil ? (
        <Alert
          kind="info"
          title={t('heldUntil', {
            date: formatDate(berlinDateOf(offer.holdUntil), ctx.lang),
            time: formatTime(offer.holdUntil),
          })}
        >
          <Text>{t('heldUntilText')}</Text>
        </Alert>
      ) : null}
      <ServicesAndLocation
        lang={ctx.lang}
        leading={[
          { key: t('dateLabel'), value: formatDate(berlinDateOf(offer.startsAt), ctx.lang) },
          {
            key: t('timeLabel'),
            value: t('timeValue', { start: formatTime(offer.startsAt), end: formatTime(offer.endsAt) }),
          },
        ]}
        services={services}
        location={location}
      />
      <ButtonGroup>
        <form method="post" action={`${base}/annehmen`} novalidate>
          <CsrfField token={ctx.csrf()} />
          <input type="hidden" name="token" value={token} />
          <Button>{t('accept')}</Button>
        </form>
        <form method="post" action={`${base}/ablehnen`} novalidate>
          <CsrfField token={ctx.csrf()} />
          <input type="hidden" name="token" value={token} />
          <Button variant="secondary">{t('decline')}</Button>
        </form>
      </ButtonGroup>
      <Text small>{t('declineHint')}</Text>
    </CitizenLayout>
  );
}
