import { defineMessages } from '../i18n/i18n.js';
import type { LocalizedText } from '../i18n/localized-text.js';
import { Heading, Link, Text } from '../views/kern.js';
import { CitizenLayout, StaffLayout } from '../views/layout.js';
import type { PageContext } from '../views/page-context.js';

const messages = defineMessages({
  de: { home: 'Zur Startseite', code: 'Fehler {status}' },
  en: { home: 'Go to the home page', code: 'Error {status}' },
});

/** English stand-ins per status, for errors that bring German texts only. */
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
  503: ['Service unavailable', 'This service is not available at the moment. Please try again later.'],
};

/**
 * The title and text shown: staff pages in German; citizen pages in the request's language, where an
 * error without a text in that language falls back to the status's general English text (5xx, 404, 429,
 * where the German one says nothing more) or to its German text (the others: it names the problem).
 */
export function errorTexts(
  lang: string,
  staffArea: boolean,
  status: number,
  title: string | LocalizedText,
  detail: string | LocalizedText,
): { title: string; detail: string } {
  const titles = typeof title === 'string' ? { de: title } : title;
  const details = typeof detail === 'string' ? { de: detail } : detail;
  if (staffArea || lang === 'de') return { title: titles.de, detail: details.de };
  const own = (text: LocalizedText) => (text as unknown as Record<string, string | undefined>)[lang];
  const english = lang === 'en' ? englishTitles[status] : undefined;
  const generic = status >= 500 || status === 404 || status === 429;
  return {
    title: own(titles) || english?.[0] || titles.de,
    detail: own(details) || (english && generic ? english[1] : details.de),
  };
}

export function ErrorPage({
  ctx,
  status,
  title,
  detail,
}: {
  ctx: PageContext;
  status: number;
  title: string | LocalizedText;
  detail: string | LocalizedText;
}) {
  const t = messages(ctx.lang);
  const staffArea = ctx.path.startsWith('/verwaltung');
  const shown = errorTexts(ctx.lang, staffArea, status, title, detail);
  const body = (
    <>
      <Heading level={1}>{shown.title}</Heading>
      <Text muted>{t('code', { status })}</Text>
      <Text>{shown.detail}</Text>
      <p class="kern-body">
        <Link href={staffArea ? '/verwaltung' : '/'}>{t('home')}</Link>
      </p>
    </>
  );
  return staffArea ? (
    <StaffLayout ctx={ctx} title={shown.title}>
      {body}
    </StaffLayout>
  ) : (
    <CitizenLayout ctx={ctx} title={shown.title}>
      {body}
    </CitizenLayout>
  );
}
