import { defineMessages } from '../i18n/i18n.js';
import { Heading, Link, Text } from '../views/kern.js';
import { CitizenLayout, StaffLayout } from '../views/layout.js';
import type { PageContext } from '../views/page-context.js';

const messages = defineMessages({
  de: { home: 'Zur Startseite', code: 'Fehler {status}' },
  en: { home: 'Go to the home page', code: 'Error {status}' },
});

const englishTitles: Record<number, [string, string]> = {
  403: [
    'Access denied',
    'You are not allowed to do this, or the form has expired. Please reload the page and try again.',
  ],
  404: ['Not found', 'The page or resource you asked for does not exist.'],
  409: ['Conflict', 'The request conflicts with the current state. Please reload the page.'],
  422: ['Invalid input', 'Please check your input.'],
  429: ['Too many requests', 'Please wait a moment and try again.'],
  500: ['Internal error', 'An unexpected error occurred. Please try again later.'],
};

export function ErrorPage({
  ctx,
  status,
  title,
  detail,
}: {
  ctx: PageContext;
  status: number;
  title: string;
  detail: string;
}) {
  const t = messages(ctx.lang);
  const staffArea = ctx.path.startsWith('/verwaltung');
  const english = ctx.lang === 'en' && !staffArea ? englishTitles[status] : undefined;
  const shownTitle = english?.[0] ?? title;
  const shownDetail = english && (status >= 500 || status === 404 || status === 429) ? english[1] : detail;
  const body = (
    <>
      <Heading level={1}>{shownTitle}</Heading>
      <Text muted>{t('code', { status })}</Text>
      <Text>{shownDetail}</Text>
      <p class="kern-body">
        <Link href={staffArea ? '/verwaltung' : '/'}>{t('home')}</Link>
      </p>
    </>
  );
  return staffArea ? (
    <StaffLayout ctx={ctx} title={shownTitle}>
      {body}
    </StaffLayout>
  ) : (
    <CitizenLayout ctx={ctx} title={shownTitle}>
      {body}
    </CitizenLayout>
  );
}
