import type { ComponentChildren } from 'preact';
import { type FormResult, summaryErrors, validationMessages } from '../../platform/forms/forms.js';
import { type LocalizedText, pick } from '../../platform/i18n/localized-text.js';
import {
  Button,
  CsrfField,
  EmailInput,
  ErrorSummary,
  Heading,
  Link,
  Paragraphs,
  Text,
  Textarea,
  TextInput,
} from '../../platform/views/kern.js';
import { CitizenLayout } from '../../platform/views/layout.js';
import type { PageContext } from '../../platform/views/page-context.js';
import { cityMessages } from './city.messages.js';

export function HomePage({
  ctx,
  popular,
  locations,
}: {
  ctx: PageContext;
  popular: ComponentChildren;
  locations: ComponentChildren;
}) {
  const t = cityMessages(ctx.lang);
  return (
    <CitizenLayout ctx={ctx} title={t('homeTitle')}>
      <Heading level={1}>{`${t('homeTitle')} ${ctx.site.name}`}</Heading>
      <Text large>{t('homeLead')}</Text>
      <search>
        <form method="get" action="/leistungen" class="app-search">
          <TextInput
            name="q"
            id="home-search"
            label={t('searchLabel')}
            hint={t('searchHint')}
            type="search"
          />
          <Button>{t('searchButton')}</Button>
        </form>
      </search>
      <section aria-labelledby="popular-heading" class="app-section">
        <Heading level={2} id="popular-heading">
          {t('popularHeading')}
        </Heading>
        {popular}
        <p class="kern-body">
          <Link href="/leistungen">{t('allServices')}</Link>
        </p>
      </section>
      <section aria-labelledby="locations-heading" class="app-section">
        <Heading level={2} id="locations-heading">
          {t('locationsHeading')}
        </Heading>
        {locations}
        <p class="kern-body">
          <Link href="/standorte">{t('allLocations')}</Link>
        </p>
      </section>
    </CitizenLayout>
  );
}

export function ContentPageView({
  ctx,
  title,
  text,
  children,
}: {
  ctx: PageContext;
  title: string;
  text: LocalizedText;
  children?: ComponentChildren;
}) {
  return (
    <CitizenLayout ctx={ctx} title={title}>
      <Heading level={1}>{title}</Heading>
      <div lang={pick(text, ctx.lang) === text.de ? 'de' : ctx.lang}>
        <Paragraphs text={pick(text, ctx.lang)} />
      </div>
      {children}
    </CitizenLayout>
  );
}

export interface FeedbackValues {
  message?: unknown;
  pageUrl?: unknown;
  name?: unknown;
  email?: unknown;
}

export function FeedbackPage({
  ctx,
  values = {},
  errors = {},
}: {
  ctx: PageContext;
  values?: FeedbackValues;
  errors?: Record<string, string>;
}) {
  const t = cityMessages(ctx.lang);
  const v = (value: unknown) => (typeof value === 'string' ? value : '');
  return (
    <CitizenLayout ctx={ctx} title={t('feedbackTitle')}>
      <ErrorSummary title={validationMessages(ctx.lang)('summaryTitle')} errors={summaryErrors(errors)} />
      <Heading level={1}>{t('feedbackTitle')}</Heading>
      <Text>{t('feedbackLead')}</Text>
      <form method="post" action="/barrierefreiheit/rueckmeldung" novalidate>
        <CsrfField token={ctx.csrf()} />
        <Textarea
          name="message"
          label={t('feedbackMessage')}
          hint={t('feedbackMessageHint')}
          value={v(values.message)}
          error={errors.message}
          rows={6}
        />
        <TextInput
          name="pageUrl"
          label={t('feedbackPage')}
          hint={t('feedbackPageHint')}
          optional={t('optional')}
          value={v(values.pageUrl)}
          error={errors.pageUrl}
        />
        <TextInput
          name="name"
          label={t('feedbackName')}
          optional={t('optional')}
          value={v(values.name)}
          error={errors.name}
          autocomplete="name"
        />
        <EmailInput
          label={t('feedbackEmail')}
          hint={t('feedbackEmailHint')}
          optional={t('optional')}
          value={v(values.email)}
          error={errors.email}
        />
        <Text small>{t('feedbackPrivacy')}</Text>
        <Button>{t('feedbackSubmit')}</Button>
      </form>
    </CitizenLayout>
  );
}

export type FeedbackForm = FormResult<{ message: string; pageUrl?: string; name?: string; email?: string }>;
