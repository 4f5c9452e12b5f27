import type { Lang } from '../../platform/i18n/i18n.js';
import { type LocalizedText, pick } from '../../platform/i18n/localized-text.js';
import { toIsoWithOffset } from '../../platform/time/berlin-time.js';
import {
  Alert,
  Badge,
  Button,
  DescriptionList,
  Heading,
  Link,
  List,
  PostForm,
  Table,
  Text,
} from '../../platform/views/kern.js';
import { CitizenLayout } from '../../platform/views/layout.js';
import type { PageContext } from '../../platform/views/page-context.js';
import type { CaseFile, CaseRecord, CaseStatus } from './case-handlers.js';
import { casePagePath } from './vorgaenge.mail.js';
import { vorgaengeMessages } from './vorgaenge.messages.js';
import type { CaseEvent } from './vorgaenge.repository.js';
import { dateText, dateTimeText, nextSteps, statusKinds, statusLabels } from './vorgaenge.rules.js';

export const MY_AREA = '/mein-bereich';
export const fileUrl = (caseId: string, fileId: string) =>
  `${casePagePath(caseId)}/dateien/${encodeURIComponent(fileId)}`;
export const paymentUrl = (caseId: string) => `/portal/antraege/zahlung/${caseId}`;

/** The outcome the payment service sends the citizen back with (XBezahldienste status). */
export type PaymentReturn = 'PAYED' | 'FAILED' | 'CANCELED';

function When({ at, lang, withTime = true }: { at: Date; lang: Lang; withTime?: boolean }) {
  return <time dateTime={toIsoWithOffset(at)}>{withTime ? dateTimeText(at, lang) : dateText(at, lang)}</time>;
}

export function CaseStatusBadge({ status, lang }: { status: CaseStatus; lang: Lang }) {
  return <Badge kind={statusKinds[status]}>{pick(statusLabels[status], lang)}</Badge>;
}

export interface ServiceLink {
  title: LocalizedText;
  href: string;
}

export function MyCasesPage({
  ctx,
  name,
  cases,
  titles,
  services,
}: {
  ctx: PageContext;
  /** The citizen's name as the eID certified it. */
  name: string;
  cases: CaseRecord[];
  titles: (serviceKey: string) => LocalizedText;
  services: ServiceLink[];
}) {
  const t = vorgaengeMessages(ctx.lang);
  return (
    <CitizenLayout ctx={ctx} title={t('myTitle')}>
      <Heading level={1}>{t('myTitle')}</Heading>
      <Text>{t('loggedInAs', { name })}</Text>
      {cases.length === 0 ? (
        <Text>{t('none')}</Text>
      ) : (
        <Table
          caption={t('tableCaption')}
          head={[t('colNumber'), t('colService'), t('colStatus'), t('colDate')]}
          rowHeader
          rows={cases.map((record) => [
            <Link href={casePagePath(record.id)}>{record.number}</Link>,
            pick(titles(record.serviceKey), ctx.lang),
            <CaseStatusBadge status={record.status} lang={ctx.lang} />,
            <When at={record.createdAt} lang={ctx.lang} withTime={false} />,
          ])}
        />
      )}
      <Heading level={2}>{t('applyTitle')}</Heading>
      {services.length > 0 ? (
        <>
          <Text>{t('applyIntro')}</Text>
          <List
            items={services.map((service) => (
              <Link href={service.href}>{pick(service.title, ctx.lang)}</Link>
            ))}
          />
        </>
      ) : null}
      <p class="kern-body">
        <Link href="/portal">{t('allServices')}</Link>
      </p>
    </CitizenLayout>
  );
}

function PaymentNotice({ outcome, lang, pending }: { outcome: PaymentReturn; lang: Lang; pending: boolean }) {
  const t = vorgaengeMessages(lang);
  if (outcome === 'PAYED') {
    return (
      <Alert kind="success" title={t('paidTitle')}>
        {pending ? <Text>{t('paidText')}</Text> : null}
      </Alert>
    );
  }
  if (outcome === 'FAILED') {
    return (
      <Alert kind="danger" title={t('failedTitle')}>
        <Text>{t('failedText')}</Text>
      </Alert>
    );
  }
  return (
    <Alert kind="warning" title={t('canceledTitle')}>
      <Text>{t('canceledText')}</Text>
    </Alert>
  );
}

export function CasePage({
  ctx,
  record,
  serviceTitle,
  events,
  downloads,
  payment,
}: {
  ctx: PageContext;
  record: CaseRecord;
  serviceTitle: LocalizedText;
  events: CaseEvent[];
  downloads: CaseFile[];
  payment: PaymentReturn | undefined;
}) {
  const t = vorgaengeMessages(ctx.lang);
  const title = t('caseTitle', { number: record.number });
  const pending = record.status === 'payment_pending';
  return (
    <CitizenLayout ctx={ctx} title={title}>
      {payment ? <PaymentNotice outcome={payment} lang={ctx.lang} pending={pending} /> : null}
      <Heading level={1}>{title}</Heading>
      <DescriptionList
        items={[
          { key: t('service'), value: pick(serviceTitle, ctx.lang) },
          { key: t('number'), value: record.number },
          { key: t('status'), value: <CaseStatusBadge status={record.status} lang={ctx.lang} /> },
          { key: t('submittedAt'), value: <When at={record.createdAt} lang={ctx.lang} /> },
          { key: t('updatedAt'), value: <When at={record.updatedAt} lang={ctx.lang} /> },
        ]}
      />
      <Heading level={2}>{t('nextTitle')}</Heading>
      <Text>{pick(nextSteps[record.status], ctx.lang)}</Text>
      {pending ? (
        <PostForm action={paymentUrl(record.id)} token={ctx.csrf()}>
          <Text small>{t('payHint')}</Text>
          <Button>{t('pay')}</Button>
        </PostForm>
      ) : null}
      {downloads.length > 0 ? (
        <>
          <Heading level={2}>{t('downloadsTitle')}</Heading>
          <List
            items={downloads.map((file) =>
              file.revokedAt ? (
                // Still there (the PDF says "WIDERRUFEN" itself), but never offered as valid.
                <>
                  <Badge kind="danger">{t('revoked')}</Badge>{' '}
                  <Link
                    href={fileUrl(record.id, file.id)}
                  >{`${pick(file.label, ctx.lang)} (${file.filename}, ${t('revokedLink')})`}</Link>{' '}
                  {t('revokedNote', { date: dateText(file.revokedAt, ctx.lang) })}
                </>
              ) : (
                <Link
                  href={fileUrl(record.id, file.id)}
                >{`${pick(file.label, ctx.lang)} (${file.filename})`}</Link>
              ),
            )}
          />
        </>
      ) : null}
      <Heading level={2}>{t('historyTitle')}</Heading>
      <Table
        caption={t('historyCaption')}
        head={[t('colWhen'), t('colEntry')]}
        rowHeader
        rows={events.map((event) => [<When at={event.at} lang={ctx.lang} />, pick(event.text, ctx.lang)])}
      />
      <p class="kern-body">
        <Link href={MY_AREA}>{t('back')}</Link>
      </p>
    </CitizenLayout>
  );
}
