import type { ComponentChildren } from 'preact';
import { summaryErrors, validationMessages } from '../../platform/forms/forms.js';
import type { Lang } from '../../platform/i18n/i18n.js';
import { pick } from '../../platform/i18n/localized-text.js';
import { berlinDateOf, formatDate, formatTime, toIsoWithOffset } from '../../platform/time/berlin-time.js';
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
  RadioGroup,
  Text,
  Textarea,
  TextInput,
} from '../../platform/views/kern.js';
import { CitizenLayout } from '../../platform/views/layout.js';
import type { PageContext } from '../../platform/views/page-context.js';
import { PrivacySection, Section } from '../../platform/views/section.js';
import type { Leistung } from '../leistungen/leistungen.repository.js';
import { formatDuration, groupByLetter } from '../leistungen/leistungen.rules.js';
import { Localized } from '../leistungen/leistungen.views.js';
import type { Location } from '../locations/locations.repository.js';
import type { Offer } from './availability.rules.js';
import { addressOf, Names, ServicesAndLocation } from './summary.views.js';
import {
  type FlowState,
  flowUrl,
  formatDayMonth,
  formatMonth,
  maskEmail,
  PRIVACY_RETENTION_DAYS,
  uniqueTexts,
} from './termine.form.js';
import { termineMessages } from './termine.messages.js';
import type { Appointment } from './termine.repository.js';

const weekdays: Record<Lang, Array<[short: string, long: string]>> = {
  de: [
    ['Mo', 'Montag'],
    ['Di', 'Dienstag'],
    ['Mi', 'Mittwoch'],
    ['Do', 'Donnerstag'],
    ['Fr', 'Freitag'],
    ['Sa', 'Samstag'],
    ['So', 'Sonntag'],
  ],
  en: [
    ['Mon', 'Monday'],
    ['Tue', 'Tuesday'],
    ['Wed', 'Wednesday'],
    ['Thu', 'Thursday'],
    ['Fri', 'Friday'],
    ['Sat', 'Saturday'],
    ['Sun', 'Sunday'],
  ],
};

function Step({ ctx, step }: { ctx: PageContext; step: number }) {
  return <Text muted>{termineMessages(ctx.lang)('stepOf', { step })}</Text>;
}

function MovingNotice({ ctx, state }: { ctx: PageContext; state: FlowState }) {
  if (!state.move) return null;
  return <Alert kind="info" title={termineMessages(ctx.lang)('moving', { code: state.move.code })} />;
}

/** What the citizen chose so far: services (with the summed duration) and the location. */
function Selection({
  ctx,
  leistungen,
  location,
  durationMinutes,
  state,
}: {
  ctx: PageContext;
  leistungen: Leistung[];
  location?: Location;
  durationMinutes?: number;
  state: FlowState;
}) {
  const t = termineMessages(ctx.lang);
  const items: Array<{ key: string; value: ComponentChildren }> = [
    {
      key: t('servicesLabel'),
      value: (
        <>
          <Names lang={ctx.lang} items={leistungen} /> (
          <Link href={flowUrl('/termine', { serviceIds: state.serviceIds, move: state.move })}>
            {t('changeServices')}
          </Link>
          )
        </>
      ),
    },
  ];
  if (durationMinutes)
    items.push({ key: t('durationLabel'), value: formatDuration(durationMinutes, ctx.lang) });
  if (location) {
    items.push({
      key: t('locationLabel'),
      value: (
        <>
          <Localized text={location.name} lang={ctx.lang} />, {addressOf(location)} (
          <Link href={flowUrl('/termine/standort', { serviceIds: state.serviceIds, move: state.move })}>
            {t('changeLocation')}
          </Link>
          )
        </>
      ),
    });
  }
  return (
    <section aria-labelledby="auswahl" class="app-section">
      <Heading level={2} id="auswahl">
        {t('yourChoice')}
      </Heading>
      <DescriptionList items={items} />
    </section>
  );
}

function MoveFields({ state }: { state: FlowState }) {
  if (!state.move) return null;
  return (
    <>
      <input type="hidden" name="verschieben" value={state.move.code} />
      <input type="hidden" name="token" value={state.move.token} />
    </>
  );
}

// ---- Step 1: services

/** GET /termine: the services bookable online, A–Z, as one checkbox group (a GET form). */
export function ChooseServicesPage({
  ctx,
  services,
  selected,
  error,
  move,
}: {
  ctx: PageContext;
  services: Leistung[];
  selected: string[];
  error?: string | undefined;
  move?: FlowState['move'];
}) {
  const t = termineMessages(ctx.lang);
  const groups = groupByLetter(services, (service) => pick(service.name, ctx.lang), ctx.lang);
  return (
    <CitizenLayout ctx={ctx} title={t('chooseTitle')}>
      <Step ctx={ctx} step={1} />
      <ErrorSummary
        title={validationMessages(ctx.lang)('summaryTitle')}
        errors={error ? [{ field: 'leistungen', message: error }] : []}
      />
      <Heading level={1}>{t('chooseTitle')}</Heading>
      <Text large>{t('chooseLead')}</Text>
      <Text>{t('durationsAddUp')}</Text>
      {move ? <MovingNotice ctx={ctx} state={{ serviceIds: [], move }} /> : null}
      {services.length === 0 ? (
        <Text>{t('noBookableServices')}</Text>
      ) : (
        <form method="get" action="/termine/standort" novalidate>
          <MoveFields state={{ serviceIds: [], move }} />
          <Fieldset legend={t('servicesLegend')} id="leistungen" error={error}>
            {groups.map((group) => (
              <div class="app-section">
                <Heading level={2} size="small">
                  {group.letter}
                </Heading>
                {group.items.map((service) => (
                  <Checkbox
                    name="leistungen"
                    id={`leistung-${service.id}`}
                    value={service.id}
                    checked={selected.includes(service.id)}
                    label={t('serviceDuration', {
                      name: pick(service.name, ctx.lang),
                      duration: formatDuration(service.durationMinutes, ctx.lang),
                    })}
                  />
                ))}
              </div>
            ))}
          </Fieldset>
          <Text small>{t('notBookableHint')}</Text>
          <Button>{t('continue')}</Button>
        </form>
      )}
    </CitizenLayout>
  );
}

// ---- Step 2: location

/** GET /termine/standort: the locations that offer every chosen service. */
export function ChooseLocationPage({
  ctx,
  state,
  leistungen,
  locations,
  error,
}: {
  ctx: PageContext;
  state: FlowState;
  leistungen: Leistung[];
  locations: Location[];
  error?: string | undefined;
}) {
  const t = termineMessages(ctx.lang);
  const selected = state.locationId ?? (locations.length === 1 ? locations[0]!.id : undefined);
  return (
    <CitizenLayout ctx={ctx} title={t('locationTitle')}>
      <Step ctx={ctx} step={2} />
      <ErrorSummary
        title={validationMessages(ctx.lang)('summaryTitle')}
        errors={error ? [{ field: 'standort', message: error }] : []}
      />
      <Heading level={1}>{t('locationTitle')}</Heading>
      <MovingNotice ctx={ctx} state={state} />
      <Selection ctx={ctx} leistungen={leistungen} state={state} />
      {locations.length === 0 ? (
        <Alert kind="warning" title={t('noLocationTitle')}>
          <Text>{t('noLocationText')}</Text>
          <Text>
            <Link href={flowUrl('/termine', { serviceIds: state.serviceIds, move: state.move })}>
              {t('changeServices')}
            </Link>
          </Text>
        </Alert>
      ) : (
        <form method="get" action="/termine/kalender" novalidate>
          <input type="hidden" name="leistungen" value={state.serviceIds.join(',')} />
          <MoveFields state={state} />
          <Text>{t('locationLead')}</Text>
          <RadioGroup
            name="standort"
            legend={t('locationLegend')}
            error={error}
            value={selected}
            options={locations.map((location) => ({
              value: location.id,
              label: (
                <>
                  <strong>
                    <Localized text={location.name} lang={ctx.lang} />
                  </strong>
                  <br />
                  {addressOf(location)}
                </>
              ),
              hint: (
                <Link href={`/standorte/${encodeURIComponent(location.id)}`} small>
                  {t('locationDetails', { name: pick(location.name, ctx.lang) })}
                </Link>
              ),
            }))}
          />
          <Button>{t('continue')}</Button>
        </form>
      )}
    </CitizenLayout>
  );
}

// ---- Step 3: calendar

export interface CalendarData {
  month: string;
  weeks: Array<Array<string | null>>;
  /** Free appointment starts per day of the month (days without are missing). */
  freeByDay: Map<string, number>;
  previousMonth: string | null;
  nextMonth: string | null;
  /** Nothing at all is free in the booking window. */
  nothingFree: boolean;
  lastDate: string;
  selectedDay?: string | undefined;
}

/**
 * The month as a grid of days, deliberately not the KERN `Table`: it is a calendar layout (fixed
 * equal columns, centred, bordered cells, full/free/selected day states, empty cells), not a data table.
 */
function CalendarTable({ ctx, state, data }: { ctx: PageContext; state: FlowState; data: CalendarData }) {
  const t = termineMessages(ctx.lang);
  const monthName = formatMonth(data.month, ctx.lang);
  return (
    <div class="app-calendar-wrapper">
      <table class="app-calendar">
        <caption>{t('calendarCaption', { month: monthName })}</caption>
        <thead>
          <tr>
            {weekdays[ctx.lang].map(([short, long]) => (
              <th scope="col">
                <abbr title={long}>{short}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.weeks.map((week) => (
            <tr>
              {week.map((day) => {
                if (!day) return <td />;
                const free = data.freeByDay.get(day) ?? 0;
                const number = String(Number(day.slice(8)));
                if (free === 0) {
                  return (
                    <td class="app-calendar__day app-calendar__day--full">
                      <span>{number}</span>
                    </td>
                  );
                }
                const label = t(free === 1 ? 'dayFreeOne' : 'dayFreeMany', {
                  date: formatDayMonth(day, ctx.lang),
                  count: free,
                });
                return (
                  <td class="app-calendar__day app-calendar__day--free">
                    <a
                      href={flowUrl('/termine/zeiten', { ...state, day, month: undefined })}
                      aria-label={label}
                      aria-current={day === data.selectedDay ? 'date' : undefined}
                    >
                      <span class="app-calendar__number">{number}</span>{' '}
                      <span class="app-calendar__free">{t('dayFreeShort', { count: free })}</span>
                    </a>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** GET /termine/kalender: one month as a table; days with free times are links. */
export function CalendarPage({
  ctx,
  state,
  leistungen,
  location,
  durationMinutes,
  data,
}: {
  ctx: PageContext;
  state: FlowState;
  leistungen: Leistung[];
  location: Location;
  durationMinutes: number;
  data: CalendarData;
}) {
  const t = termineMessages(ctx.lang);
  const monthName = formatMonth(data.month, ctx.lang);
  const waitingList = flowUrl('/termine/warteliste', { ...state, month: undefined, day: undefined });
  const monthEmpty = data.freeByDay.size === 0;
  return (
    <CitizenLayout ctx={ctx} title={`${t('calendarTitle')} – ${monthName}`}>
      <Step ctx={ctx} step={3} />
      <Heading level={1}>{t('calendarTitle')}</Heading>
      <MovingNotice ctx={ctx} state={state} />
      <Selection
        ctx={ctx}
        leistungen={leistungen}
        location={location}
        durationMinutes={durationMinutes}
        state={state}
      />
      {data.nothingFree ? (
        <Alert kind="warning" title={t('nothingFreeTitle')}>
          <Text>{t('nothingFreeText', { last: formatDate(data.lastDate, ctx.lang) })}</Text>
          <Text>
            <Link href={waitingList}>{t('waitingList')}</Link>
          </Text>
        </Alert>
      ) : (
        <>
          <Text>{t('calendarLead')}</Text>
          {monthEmpty ? (
            <Alert kind="info" title={t('monthEmpty', { month: monthName })}>
              <Text>
                <Link href={waitingList}>{t('waitingList')}</Link>
              </Text>
            </Alert>
          ) : null}
          <CalendarTable ctx={ctx} state={state} data={data} />
          {data.previousMonth || data.nextMonth ? (
            <nav aria-label={t('monthNav')}>
              <ButtonGroup>
                {data.previousMonth ? (
                  <LinkButton
                    variant="secondary"
                    href={flowUrl('/termine/kalender', {
                      ...state,
                      day: undefined,
                      month: data.previousMonth,
                    })}
                  >
                    {t('previousMonth', { month: formatMonth(data.previousMonth, ctx.lang) })}
                  </LinkButton>
                ) : null}
                {data.nextMonth ? (
                  <LinkButton
                    variant="secondary"
                    href={flowUrl('/termine/kalender', { ...state, day: undefined, month: data.nextMonth })}
                  >
                    {t('nextMonth', { month: formatMonth(data.nextMonth, ctx.lang) })}
                  </LinkButton>
                ) : null}
              </ButtonGroup>
            </nav>
          ) : null}
        </>
      )}
    </CitizenLayout>
  );
}

// ---- Step 4: times

export type TimesNotice = 'taken' | 'captcha';

/** GET /termine/zeiten: the free times of one day, each a submit button of one POST form. */
export function TimesPage({
  ctx,
  state,
  leistungen,
  location,
  durationMinutes,
  day,
  slots,
  captcha,
  notice,
}: {
  ctx: PageContext;
  state: FlowState;
  leistungen: Leistung[];
  location: Location;
  durationMinutes: number;
  day: string;
  slots: Offer[];
  captcha: ComponentChildren;
  notice?: TimesNotice | undefined;
}) {
  const t = termineMessages(ctx.lang);
  const date = formatDate(day, ctx.lang);
  const back = flowUrl('/termine/kalender', { ...state, day: undefined, month: day.slice(0, 7) });
  const backWithDay = `${back}&tag=${day}`;
  return (
    <CitizenLayout ctx={ctx} title={`${t('timesTitle')} – ${date}`}>
      <Step ctx={ctx} step={4} />
      {notice === 'captcha' ? (
        <ErrorSummary
          title={validationMessages(ctx.lang)('summaryTitle')}
          errors={[{ field: 'captcha', message: t('captchaError') }]}
        />
      ) : null}
      <Heading level={1}>{t('timesTitle')}</Heading>
      {notice === 'taken' ? (
        <Alert kind="danger" title={t('takenTitle')} live>
          <Text>{t('takenText')}</Text>
        </Alert>
      ) : null}
      <MovingNotice ctx={ctx} state={state} />
      <Selection
        ctx={ctx}
        leistungen={leistungen}
        location={location}
        durationMinutes={durationMinutes}
        state={state}
      />
      {slots.length === 0 ? (
        <Alert kind="info" title={t('noTimes')}>
          <Text>
            <Link href={backWithDay}>{t('otherDay')}</Link>
          </Text>
        </Alert>
      ) : (
        <form method="post" action="/termine/reservieren" novalidate>
          <CsrfField token={ctx.csrf()} />
          <input type="hidden" name="leistungen" value={state.serviceIds.join(',')} />
          <input type="hidden" name="standort" value={location.id} />
          <MoveFields state={state} />
          <div id="captcha">{captcha}</div>
          {notice === 'captcha' ? <Alert kind="danger" title={t('captchaError')} /> : null}
          <Fieldset legend={t('timesLegend', { date })} id="zeiten">
            <Text small>{t('timesHint')}</Text>
            <ul class="app-times">
              {slots.map((slot) => (
                <li>
                  <Button variant="secondary" name="start" value={toIsoWithOffset(slot.start)}>
                    {t('timeButton', { time: formatTime(slot.start) })}
                  </Button>
                </li>
              ))}
            </ul>
          </Fieldset>
        </form>
      )}
      <Text>
        <Link href={backWithDay}>{t('otherDay')}</Link>
      </Text>
    </CitizenLayout>
  );
}

// ---- Step 5: details

function AppointmentFacts({
  ctx,
  appointment,
  leistungen,
  location,
}: {
  ctx: PageContext;
  appointment: Appointment;
  leistungen: Leistung[];
  location: Location;
}) {
  const t = termineMessages(ctx.lang);
  return (
    <ServicesAndLocation
      lang={ctx.lang}
      leading={[
        {
          key: t('appointmentLabel'),
          value: t('appointmentValue', {
            date: formatDate(berlinDateOf(appointment.startsAt), ctx.lang),
            start: formatTime(appointment.startsAt),
            end: formatTime(appointment.endsAt),
          }),
        },
      ]}
      services={leistungen}
      location={location}
    />
  );
}

export type DetailsProblem = 'expired' | 'limitCount' | 'limitService';

/** GET/POST /termine/angaben/{id}: contact details for a held time, privacy notice, opt-in request. */
export function DetailsPage({
  ctx,
  appointment,
  leistungen,
  location,
  values = {},
  errors = {},
  problem,
  restartHref,
}: {
  ctx: PageContext;
  appointment: Appointment;
  leistungen: Leistung[];
  location: Location;
  values?: Record<string, unknown>;
  errors?: Record<string, string>;
  problem?: DetailsProblem | undefined;
  restartHref: string;
}) {
  const t = termineMessages(ctx.lang);
  const value = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : '');
  const problemText =
    problem === 'expired'
      ? t('expiredText')
      : problem === 'limitCount'
        ? t('limitCountText')
        : t('limitServiceText');
  return (
    <CitizenLayout ctx={ctx} title={t('detailsTitle')}>
      <Step ctx={ctx} step={5} />
      <ErrorSummary title={validationMessages(ctx.lang)('summaryTitle')} errors={summaryErrors(errors)} />
      <Heading level={1}>{t('detailsTitle')}</Heading>
      {problem ? (
        <Alert kind="danger" title={problem === 'expired' ? t('expiredTitle') : t('notPossibleTitle')} live>
          <Text>{problemText}</Text>
          <ButtonGroup>
            <LinkButton href={restartHref}>{t('chooseAnotherTime')}</LinkButton>
            <LinkButton href="/termine" variant="secondary">
              {t('startAgain')}
            </LinkButton>
          </ButtonGroup>
        </Alert>
      ) : null}
      <AppointmentFacts ctx={ctx} appointment={appointment} leistungen={leistungen} location={location} />
      {problem === 'expired' ? null : (
        <>
          {appointment.holdUntil ? (
            <Alert kind="info" title={t('heldUntil', { time: formatTime(appointment.holdUntil) })} />
          ) : null}
          <form method="post" action={`/termine/angaben/${appointment.id}`} novalidate>
            <CsrfField token={ctx.csrf()} />
            <TextInput
              name="name"
              label={t('nameLabel')}
              value={value('name')}
              error={errors.name}
              autocomplete="name"
              required
            />
            <EmailInput
              label={t('emailLabel')}
              hint={t('emailHint')}
              value={value('email')}
              error={errors.email}
              required
            />
            <TextInput
              name="phone"
              type="tel"
              label={t('phoneLabel')}
              hint={t('phoneHint')}
              optional={t('optional')}
              value={value('phone')}
              error={errors.phone}
              autocomplete="tel"
              width="medium"
            />
            <Textarea
              name="note"
              label={t('noteLabel')}
              hint={t('noteHint')}
              optional={t('optional')}
              value={value('note')}
              error={errors.note}
              rows={3}
            />
            <PrivacySection
              id="datenschutzhinweis"
              title={t('privacyTitle')}
              purpose={t('privacyPurpose')}
              details={t('privacyRetention', { days: PRIVACY_RETENTION_DAYS })}
              more={t('privacyMore')}
              consent={{
                name: 'datenschutz',
                label: t('privacyCheckbox'),
                checked: value('datenschutz') === 'on',
                error: errors.datenschutz,
              }}
            />
            <Button>{t('submitDetails')}</Button>
          </form>
        </>
      )}
    </CitizenLayout>
  );
}

// ---- Step 6: check the mailbox

/** GET /termine/postfach/{id}: the opt-in mail is on its way. */
export function MailboxPage({ ctx, appointment }: { ctx: PageContext; appointment: Appointment }) {
  const t = termineMessages(ctx.lang);
  const confirmed = appointment.status === 'confirmed';
  return (
    <CitizenLayout ctx={ctx} title={t('mailboxTitle')}>
      <Heading level={1}>{t('mailboxTitle')}</Heading>
      {confirmed ? (
        <Text large>{t('alreadyConfirmed')}</Text>
      ) : (
        <>
          <Text large>{t('mailboxText', { email: maskEmail(appointment.email ?? '') })}</Text>
          {appointment.confirmUntil ? (
            <Text>{t('mailboxConfirm', { time: formatTime(appointment.confirmUntil) })}</Text>
          ) : null}
          <Text>{t('mailboxSpam')}</Text>
        </>
      )}
      {ctx.demo ? (
        <Alert kind="info" title="Demo">
          <Text>
            {t('demoMailbox')} <Link href="/verwaltung/post">{t('demoMailboxLink')}</Link>.
          </Text>
        </Alert>
      ) : null}
    </CitizenLayout>
  );
}

// ---- Step 7: a link that does not work (any more)

export function LinkProblemPage({
  ctx,
  kind,
}: {
  ctx: PageContext;
  kind: 'invalid' | 'expired' | 'notMovable';
}) {
  const t = termineMessages(ctx.lang);
  const texts = {
    invalid: [t('linkInvalidTitle'), t('linkInvalidText')],
    expired: [t('linkExpiredTitle'), t('linkExpiredText')],
    notMovable: [t('notMovableTitle'), t('notMovableText')],
  } as const;
  const [title, text] = texts[kind];
  return (
    <CitizenLayout ctx={ctx} title={title}>
      <Heading level={1}>{title}</Heading>
      <Text large>{text}</Text>
      <ButtonGroup>
        <LinkButton href="/termine">{t('bookNew')}</LinkButton>
      </ButtonGroup>
    </CitizenLayout>
  );
}

/** A booking step that cannot go on (expired reservation on the mailbox page, etc.). */
export function ExpiredPage({ ctx, restartHref }: { ctx: PageContext; restartHref: string }) {
  const t = termineMessages(ctx.lang);
  return (
    <CitizenLayout ctx={ctx} title={t('expiredTitle')}>
      <Heading level={1}>{t('expiredTitle')}</Heading>
      <Text large>{t('expiredText')}</Text>
      <ButtonGroup>
        <LinkButton href={restartHref}>{t('chooseAnotherTime')}</LinkButton>
        <LinkButton href="/termine" variant="secondary">
          {t('startAgain')}
        </LinkButton>
      </ButtonGroup>
    </CitizenLayout>
  );
}

// ---- Step 8: manage

/** GET /termine/verwalten/{code}?token=…: the booking with code, documents, calendar file, move and cancel. */
export function ManagePage({
  ctx,
  appointment,
  leistungen,
  location,
  token,
  cancelError,
}: {
  ctx: PageContext;
  appointment: Appointment;
  leistungen: Leistung[];
  location: Location;
  token: string;
  cancelError?: string | undefined;
}) {
  const t = termineMessages(ctx.lang);
  const active = appointment.status === 'confirmed' || appointment.status === 'pending';
  const lead =
    appointment.status === 'confirmed'
      ? t('confirmedLead')
      : appointment.status === 'pending'
        ? t('pendingLead')
        : appointment.status === 'cancelled'
          ? t('cancelledLead')
          : t('inactiveLead');
  const base = `/termine/verwalten/${encodeURIComponent(appointment.code)}`;
  const tokenQuery = `token=${encodeURIComponent(token)}`;
  const documents = uniqueTexts(
    leistungen.flatMap((leistung) => leistung.documents),
    ctx.lang,
  );
  const moveHref = flowUrl('/termine/kalender', {
    serviceIds: appointment.serviceIds,
    locationId: appointment.locationId,
    move: { code: appointment.code, token },
  });
  return (
    <CitizenLayout ctx={ctx} title={`${t('manageTitle')} ${appointment.code}`}>
      <ErrorSummary
        title={validationMessages(ctx.lang)('summaryTitle')}
        errors={cancelError ? [{ field: 'absagen', message: cancelError }] : []}
      />
      <Heading level={1}>{t('manageTitle')}</Heading>
      {active ? (
        <Text large>{lead}</Text>
      ) : (
        <Alert kind="warning" title={lead}>
          <Text>
            <Link href="/termine">{t('bookNew')}</Link>
          </Text>
        </Alert>
      )}
      <Text large>
        {t('codeLabel')}: <strong class="app-booking-code">{appointment.code}</strong>
      </Text>
      <ServicesAndLocation
        lang={ctx.lang}
        leading={[
          { key: t('dateLabel'), value: formatDate(berlinDateOf(appointment.startsAt), ctx.lang) },
          {
            key: t('timeLabel'),
            value: t('timeValue', {
              start: formatTime(appointment.startsAt),
              end: formatTime(appointment.endsAt),
            }),
          },
        ]}
        services={leistungen}
        location={location}
        separateAddress
      />
      {active ? (
        <>
          <Section id="unterlagen" title={t('bringTitle')}>
            {documents.length > 0 ? (
              <List items={documents.map((document) => <Localized text={document} lang={ctx.lang} />)} />
            ) : (
              <Text>{t('bringNothing')}</Text>
            )}
          </Section>
          <ButtonGroup>
            <LinkButton href={`${base}/kalender.ics?${tokenQuery}`} variant="secondary">
              {t('addToCalendar')}
            </LinkButton>
          </ButtonGroup>
          {appointment.status === 'confirmed' ? (
            <Section id="verschieben" title={t('moveTitle')}>
              <Text>
                <Link href={moveHref}>{t('moveLink')}</Link>
              </Text>
            </Section>
          ) : null}
          <Section id="absage" title={t('cancelTitle')}>
            <Text>{t('cancelText')}</Text>
            <form method="post" action={`${base}/absagen`} novalidate>
              <CsrfField token={ctx.csrf()} />
              <input type="hidden" name="token" value={token} />
              <Checkbox name="absagen" label={t('cancelCheckbox')} error={cancelError} />
              <Button variant="secondary">{t('cancelButton')}</Button>
            </form>
          </Section>
        </>
      ) : null}
    </CitizenLayout>
  );
}
