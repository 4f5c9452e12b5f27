import type { ComponentChildren } from 'preact';
import type { Lang } from '../../platform/i18n/i18n.js';
import { type LocalizedText, pick } from '../../platform/i18n/localized-text.js';
import {
  addDays,
  berlinDateOf,
  formatDate,
  formatTime,
  isoWeekday,
} from '../../platform/time/berlin-time.js';
import {
  Badge,
  Card,
  DescriptionList,
  Heading,
  Link,
  List,
  Paragraphs,
  Table,
  Text,
} from '../../platform/views/kern.js';
import { CitizenLayout } from '../../platform/views/layout.js';
import type { PageContext } from '../../platform/views/page-context.js';
import { locationsMessages, weekdayKeys } from './locations.messages.js';
import type { Location } from './locations.repository.js';
import type { LocationDetail, LocationSummary, Notice } from './locations.service.js';
import type { DayPlan, OpeningStatus, TimeInterval, WeeklyEntry } from './opening-hours.rules.js';

/** Data texts from the rules (an interface without index signature) also go through `pick`. */
const text = (value: { de: string; en?: string }, lang: Lang): string => pick(value as LocalizedText, lang);

export function weekdayName(weekday: number, lang: Lang): string {
  return locationsMessages(lang)(weekdayKeys[weekday - 1] ?? 'mon');
}

/** '08:00–12:30 Uhr, 14:00–16:00 Uhr', or 'geschlossen' when there are none. */
export function hoursText(intervals: TimeInterval[], lang: Lang): string {
  const t = locationsMessages(lang);
  if (intervals.length === 0) return t('closed');
  return intervals.map(({ opens, closes }) => t('timeRange', { opens, closes })).join(', ');
}

/** "Jetzt geöffnet bis 12:30" / "Geschlossen – öffnet Montag um 08:00", relative to `now` (Berlin dates). */
export function statusText(status: OpeningStatus, now: Date, lang: Lang): string {
  const t = locationsMessages(lang);
  if (status.open) return t('openUntil', { time: formatTime(status.closesAt) });
  if (!status.opensAt) return t('closedForNow');
  const today = berlinDateOf(now);
  const day = berlinDateOf(status.opensAt);
  const time = formatTime(status.opensAt);
  if (day === today) return t('opensToday', { time });
  if (day === addDays(today, 1)) return t('opensTomorrow', { time });
  if (day <= addDays(today, 6))
    return t('opensWeekday', { weekday: weekdayName(isoWeekday(day), lang), time });
  return t('opensDate', { date: formatDate(day, lang), time });
}

export function StatusBadge({ status, now, lang }: { status: OpeningStatus; now: Date; lang: Lang }) {
  return <Badge kind={status.open ? 'success' : 'info'}>{statusText(status, now, lang)}</Badge>;
}

function Address({ location }: { location: Location }) {
  return (
    <>
      {location.street}
      <br />
      {location.postalCode} {location.town}
    </>
  );
}

function LocationCard({
  ctx,
  summary,
  headingLevel,
}: {
  ctx: PageContext;
  summary: LocationSummary;
  headingLevel: 2 | 3;
}) {
  const { location } = summary;
  return (
    <Card
      title={pick(location.name, ctx.lang)}
      href={`/standorte/${location.id}`}
      headingLevel={headingLevel}
    >
      <Text>
        <Address location={location} />
      </Text>
      <Text>
        <StatusBadge status={summary.status} now={summary.checkedAt} lang={ctx.lang} />
      </Text>
    </Card>
  );
}

/** For the start page: each active location with its open/closed status (placed under the page's h2). */
export function LocationsOverview({ ctx, locations }: { ctx: PageContext; locations: LocationSummary[] }) {
  const t = locationsMessages(ctx.lang);
  if (locations.length === 0) return <Text>{t('listEmpty')}</Text>;
  return (
    <div class="app-grid">
      {locations.map((summary) => (
        <LocationCard ctx={ctx} summary={summary} headingLevel={3} />
      ))}
    </div>
  );
}

export function LocationsListPage({ ctx, locations }: { ctx: PageContext; locations: LocationSummary[] }) {
  const t = locationsMessages(ctx.lang);
  return (
    <CitizenLayout ctx={ctx} title={t('listTitle')}>
      <Heading level={1}>{t('listTitle')}</Heading>
      <Text>{t('listIntro')}</Text>
      {locations.length === 0 ? (
        <Text>{t('listEmpty')}</Text>
      ) : (
        <div class="app-grid">
          {locations.map((summary) => (
            <LocationCard ctx={ctx} summary={summary} headingLevel={2} />
          ))}
        </div>
      )}
    </CitizenLayout>
  );
}

/** One row per weekday (Monday first), several intervals joined. */
export function weeklyRows(weekly: WeeklyEntry[], lang: Lang): ComponentChildren[][] {
  return [1, 2, 3, 4, 5, 6, 7].map((weekday) => [
    weekdayName(weekday, lang),
    hoursText(
      weekly.filter((entry) => entry.weekday === weekday),
      lang,
    ),
  ]);
}

function dayNote(plan: DayPlan, lang: Lang): string {
  const t = locationsMessages(lang);
  if (plan.special) return t('specialHours', { reason: text(plan.special, lang) });
  switch (plan.closed?.kind) {
    case 'holiday':
      return t('holiday', { name: text(plan.closed.name, lang) });
    case 'exception':
      return text(plan.closed.reason, lang);
    case 'dec24':
      return t('dec24');
    case 'dec31':
      return t('dec31');
    default:
      return '';
  }
}

function rangeText(from: string, to: string, lang: Lang): string {
  const t = locationsMessages(lang);
  return from === to
    ? formatDate(from, lang)
    : t('range', { from: formatDate(from, lang), to: formatDate(to, lang) });
}

export function noticeText(notice: Notice, lang: Lang): string {
  const t = locationsMessages(lang);
  switch (notice.kind) {
    case 'holiday':
      return t('holidayNotice', { date: formatDate(notice.from, lang), name: text(notice.name, lang) });
    case 'dec24':
      return t('dec24Notice', { date: formatDate(notice.from, lang) });
    case 'dec31':
      return t('dec31Notice', { date: formatDate(notice.from, lang) });
    case 'closed':
      return t('closedNotice', {
        range: rangeText(notice.from, notice.to, lang),
        reason: pick(notice.reason, lang),
      });
    case 'hours':
      return t('hoursNotice', {
        range: rangeText(notice.from, notice.to, lang),
        hours: hoursText(notice.intervals, lang),
        reason: pick(notice.reason, lang),
      });
  }
}

export interface OfferedService {
  id: string;
  name: LocalizedText;
}

export function LocationDetailPage({
  ctx,
  detail,
  services,
}: {
  ctx: PageContext;
  detail: LocationDetail;
  services: OfferedService[];
}) {
  const t = locationsMessages(ctx.lang);
  const { location } = detail;
  const name = pick(location.name, ctx.lang);
  const contact = [
    { key: t('address'), value: <Address location={location} /> },
    ...(location.phone
      ? [
          {
            key: t('phone'),
            value: <Link href={`tel:${location.phone.replace(/[^+\d]/g, '')}`}>{location.phone}</Link>,
          },
        ]
      : []),
    ...(location.email
      ? [{ key: t('email'), value: <Link href={`mailto:${location.email}`}>{location.email}</Link> }]
      : []),
    { key: t('counters'), value: t('countersCount', { count: detail.counters }) },
  ];
  const directions = pick(location.directions, ctx.lang);
  const accessibility = pick(location.accessibility, ctx.lang);
  return (
    <CitizenLayout ctx={ctx} title={name}>
      <Heading level={1}>{name}</Heading>
      <Text>
        <StatusBadge status={detail.status} now={detail.checkedAt} lang={ctx.lang} />
      </Text>

      <section aria-labelledby="contact-heading" class="app-section">
        <Heading level={2} id="contact-heading">
          {t('contactHeading')}
        </Heading>
        <DescriptionList items={contact} />
      </section>

      {directions ? (
        <section aria-labelledby="directions-heading" class="app-section">
          <Heading level={2} id="directions-heading">
            {t('directionsHeading')}
          </Heading>
          <Paragraphs text={directions} />
        </section>
      ) : null}

      {accessibility ? (
        <section aria-labelledby="accessibility-heading" class="app-section">
          <Heading level={2} id="accessibility-heading">
            {t('accessibilityHeading')}
          </Heading>
          <Paragraphs text={accessibility} />
        </section>
      ) : null}

      <section aria-labelledby="hours-heading" class="app-section">
        <Heading level={2} id="hours-heading">
          {t('hoursHeading')}
        </Heading>
        <Table
          caption={t('weeklyCaption')}
          head={[t('weekday'), t('hours')]}
          rows={weeklyRows(detail.weekly, ctx.lang)}
        />
      </section>

      <section aria-labelledby="notices-heading" class="app-section">
        <Heading level={2} id="notices-heading">
          {t('noticesHeading')}
        </Heading>
        {detail.notices.length === 0 ? (
          <Text>{t('noticesNone')}</Text>
        ) : (
          <>
            <Text>{t('noticesIntro')}</Text>
            <List items={detail.notices.map((notice) => noticeText(notice, ctx.lang))} />
          </>
        )}
      </section>

      <section aria-labelledby="days-heading" class="app-section">
        <Heading level={2} id="days-heading">
          {t('nextDaysHeading')}
        </Heading>
        <Table
          caption={t('nextDaysCaption')}
          head={[t('date'), t('hours'), t('note')]}
          rows={detail.days.map((plan) => [
            formatDate(plan.date, ctx.lang),
            hoursText(plan.intervals, ctx.lang),
            dayNote(plan, ctx.lang),
          ])}
        />
      </section>

      <section aria-labelledby="services-heading" class="app-section">
        <Heading level={2} id="services-heading">
          {t('servicesHeading')}
        </Heading>
        {services.length === 0 ? (
          <Text>{t('servicesNone')}</Text>
        ) : (
          <List
            items={services.map((service) => (
              <Link href={`/leistungen/${service.id}`}>{pick(service.name, ctx.lang)}</Link>
            ))}
          />
        )}
      </section>

      <Text>
        <Link href="/standorte">{t('backToList')}</Link>
      </Text>
    </CitizenLayout>
  );
}
