import type { ComponentChildren } from 'preact';
import { directionOf, type Lang, languages } from '../../platform/i18n/i18n.js';
import { Heading, Link, Text } from '../../platform/views/kern.js';
import { CitizenLayout } from '../../platform/views/layout.js';
import { layoutMessages } from '../../platform/views/layout.messages.js';
import type { PageContext } from '../../platform/views/page-context.js';
import { queueMessages } from './queue.messages.js';

type T = ReturnType<typeof queueMessages>;

/** "3 Personen" / "niemand – Sie sind als Nächstes dran" (ticket.js words it the same way). */
export function aheadText(t: T, ahead: number): string {
  if (ahead <= 0) return t('aheadNone');
  return ahead === 1 ? t('aheadOne') : t('aheadMany', { n: ahead });
}

/** "etwa 15 Minuten", rounded to 5 minutes (ticket.js words it the same way). */
export function estimateText(t: T, minutes: number | undefined | null): string {
  if (minutes === undefined || minutes === null) return t('estimateUnknown');
  if (minutes < 5) return t('estimateSoon');
  return t('estimateMinutes', { minutes: Math.round(minutes / 5) * 5 });
}

/** A link to the same page in another language (the kiosk and phone keep the language in the URL). */
export function withLang(path: string, lang: Lang): string {
  const [base, query = ''] = path.split('?');
  const params = new URLSearchParams(query);
  params.set('lang', lang);
  return `${base}?${params.toString()}`;
}

/** Links to the other languages, each named in its own language. */
export function LanguageLinks({
  ctx,
  path,
  className,
}: {
  ctx: PageContext;
  path: string;
  className: string;
}) {
  const t = queueMessages(ctx.lang);
  return (
    <nav class={className} aria-label={t('languageLabel')}>
      <ul>
        {languages
          .filter((language) => language.code !== ctx.lang)
          .map((language) => (
            <li>
              <a href={withLang(path, language.code)} lang={language.code} hreflang={language.code}>
                {language.name}
              </a>
            </li>
          ))}
      </ul>
    </nav>
  );
}

export type QueueVariant = 'kiosk' | 'phone' | 'display';

/**
 * The frame of the kiosk, the phone ticket and the call display: no site navigation, its own style
 * sheet and script, and a reload for browsers without JavaScript (a meta refresh inside <noscript>: with
 * JavaScript the page's script updates it instead, so nothing reloads under a screen reader's cursor).
 */
export function QueueDocument({
  ctx,
  title,
  variant,
  script,
  reload,
  data = {},
  children,
}: {
  ctx: PageContext;
  title: string;
  variant: QueueVariant;
  /** File under /assets/queue/. */
  script?: string;
  /** Without JavaScript: reload (or go to `url`) after this many seconds. */
  reload?: { seconds: number; url?: string };
  /** data-* attributes of <body> for the script (texts, stream address, timers). */
  data?: Record<string, string>;
  children: ComponentChildren;
}) {
  const dataAttributes = Object.fromEntries(
    Object.entries(data).map(([key, value]) => [`data-${key}`, value]),
  );
  return (
    <html lang={ctx.lang} dir={directionOf(ctx.lang)}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${title} – ${ctx.site.name}`}</title>
        {reload ? (
          <noscript>
            <meta
              http-equiv="refresh"
              content={reload.url ? `${reload.seconds};url=${reload.url}` : String(reload.seconds)}
            />
          </noscript>
        ) : null}
        <link rel="stylesheet" href="/assets/kern/fonts/fira-sans.css" />
        <link rel="stylesheet" href="/assets/kern/kern.min.css" />
        <link rel="stylesheet" href="/assets/app.css" />
        <link rel="stylesheet" href="/assets/queue.css" />
        <link rel="icon" href={ctx.site.hasLogo ? '/stadt/wappen.svg' : '/assets/favicon.svg'} />
        {script ? <script type="module" src={`/assets/queue/${script}`} /> : null}
      </head>
      <body class={`queue-body queue-body--${variant}`} {...dataAttributes}>
        {children}
      </body>
    </html>
  );
}

/** The small footer of the phone ticket: the legal pages. */
export function PhoneFooter({ ctx }: { ctx: PageContext }) {
  const t = layoutMessages(ctx.lang);
  return (
    <footer class="queue-phone-footer">
      <ul>
        <li>
          <Link href="/impressum" small>
            {t('imprint')}
          </Link>
        </li>
        <li>
          <Link href="/datenschutz" small>
            {t('privacy')}
          </Link>
        </li>
        <li>
          <Link href="/barrierefreiheit" small>
            {t('accessibility')}
          </Link>
        </li>
      </ul>
    </footer>
  );
}

/** 403 for an ordinary browser on the kiosk or display address: where to go instead. */
export function DeviceOnlyPage({ ctx, kind }: { ctx: PageContext; kind: 'kiosk' | 'display' }) {
  const t = queueMessages(ctx.lang);
  const title = kind === 'kiosk' ? t('kioskOnlyTitle') : t('displayOnlyTitle');
  return (
    <CitizenLayout ctx={ctx} title={title}>
      <Heading level={1}>{title}</Heading>
      <Text>{kind === 'kiosk' ? t('kioskOnlyText') : t('displayOnlyText')}</Text>
      {kind === 'kiosk' ? (
        <Text>
          {t('kioskOnlyBook')} <Link href="/termine">{t('bookLink')}</Link>
        </Text>
      ) : null}
      <Text>
        <Link href="/">{t('homeLink')}</Link>
      </Text>
    </CitizenLayout>
  );
}
