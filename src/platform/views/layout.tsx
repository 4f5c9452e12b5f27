import type { ComponentChildren } from 'preact';
import { CitizenSessionBar } from '../eid/citizen-session-bar.js';
import { directionOf, type Lang, languages } from '../i18n/i18n.js';
import { layoutMessages } from './layout.messages.js';
import type { PageContext } from './page-context.js';
import { sectionsFor } from './staff-sections.js';

function Head({ title, ctx }: { title: string; ctx: PageContext }) {
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${title} – ${ctx.site.name}`}</title>
      <link rel="stylesheet" href="/assets/kern/fonts/fira-sans.css" />
      <link rel="stylesheet" href="/assets/kern/kern.min.css" />
      <link rel="stylesheet" href="/assets/app.css" />
      <link rel="icon" href={ctx.site.hasLogo ? '/stadt/wappen.svg' : '/assets/favicon.svg'} />
    </head>
  );
}

function languageSwitchHref(code: string, path: string): string {
  return `/sprache/${code}?zurueck=${encodeURIComponent(path)}`;
}

/** Links to the page in the other languages (through /sprache/<code>, back to `path`). */
export function LanguageSwitch({ lang, path }: { lang: Lang; path: string }) {
  const t = layoutMessages(lang);
  return (
    <nav class="app-language" aria-label={t('languageLabel')}>
      <ul class="kern-list kern-list--horizontal">
        {languages.map((language) => (
          <li>
            {language.code === lang ? (
              <span aria-current="true" lang={language.code} class="app-language__current">
                {language.name}
              </span>
            ) : (
              <a
                class="kern-link"
                href={languageSwitchHref(language.code, path)}
                lang={language.code}
                hreflang={language.code}
              >
                {language.name}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

function NavLink({
  href,
  current,
  children,
}: {
  href: string;
  current: string;
  children: ComponentChildren;
}) {
  const active = href === '/' ? current === '/' : current.startsWith(href);
  return (
    <li>
      <a class="kern-link app-nav__link" href={href} aria-current={active ? 'page' : undefined}>
        {children}
      </a>
    </li>
  );
}

/** The citizen-facing page frame: header, navigation, language switch, footer with the legal pages. */
export function CitizenLayout({
  ctx,
  title,
  children,
}: {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
}) {
  const t = layoutMessages(ctx.lang);
  const path = ctx.path.split('?')[0] ?? '/';
  return (
    <html lang={ctx.lang} dir={directionOf(ctx.lang)}>
      <Head title={title} ctx={ctx} />
      <body class="app-body">
        <a class="app-skip-link kern-link" href="#inhalt">
          {t('skipLink')}
        </a>
        {ctx.demo ? <div class="app-demo-banner">{t('demoBanner')}</div> : null}
        <header class="app-header">
          <div class="kern-container app-header__inner">
            <a class="app-brand" href="/">
              {ctx.site.hasLogo ? <img src="/stadt/wappen.svg" alt="" width="40" height="48" /> : null}
              <span>
                <span class="app-brand__name">{ctx.site.name}</span>
                <span class="app-brand__authority">{ctx.site.authority}</span>
              </span>
            </a>
            {ctx.citizen ? <CitizenSessionBar ctx={ctx} citizen={ctx.citizen} /> : null}
            <LanguageSwitch lang={ctx.lang} path={ctx.path} />
          </div>
          <nav class="app-nav" aria-label={t('navLabel')}>
            <ul class="kern-container app-nav__list">
              <NavLink href="/" current={path}>
                {t('navHome')}
              </NavLink>
              <NavLink href="/leistungen" current={path}>
                {t('navServices')}
              </NavLink>
              <NavLink href="/standorte" current={path}>
                {t('navLocations')}
              </NavLink>
            </ul>
          </nav>
        </header>
        <main id="inhalt" class="kern-container app-main" tabindex={-1}>
          {ctx.flash ? (
            <div class="kern-alert kern-alert--success app-flash" role="status">
              <div class="kern-alert__header">
                <span class="kern-icon kern-icon--success" aria-hidden="true" />
                <span class="kern-title">{ctx.flash}</span>
              </div>
            </div>
          ) : null}
          {children}
        </main>
        <footer class="app-footer">
          <div class="kern-container app-footer__inner">
            <section aria-labelledby="footer-contact">
              <h2 class="kern-heading-small" id="footer-contact">
                {t('footerContact')}
              </h2>
              <p class="kern-body">
                {ctx.site.authority}
                <br />
                {ctx.site.street}, {ctx.site.postalCode} {ctx.site.town}
                <br />
                <a class="kern-link" href={`tel:${ctx.site.phone.replace(/[^+\d]/g, '')}`}>
                  {ctx.site.phone}
                </a>
                <br />
                <a class="kern-link" href={`mailto:${ctx.site.email}`}>
                  {ctx.site.email}
                </a>
              </p>
              {ctx.site.hotline115 ? (
                <p class="kern-body">
                  <a class="kern-link" href="tel:115">
                    {t('hotline')}
                  </a>
                  <br />
                  <span class="kern-body--small">{t('hotlineHint')}</span>
                </p>
              ) : null}
            </section>
            <nav aria-labelledby="footer-legal">
              <h2 class="kern-heading-small" id="footer-legal">
                {t('footerLegal')}
              </h2>
              <ul class="kern-list">
                <li>
                  <a class="kern-link" href="/impressum">
                    {t('imprint')}
                  </a>
                </li>
                <li>
                  <a class="kern-link" href="/datenschutz">
                    {t('privacy')}
                  </a>
                </li>
                <li>
                  <a class="kern-link" href="/barrierefreiheit">
                    {t('accessibility')}
                  </a>
                </li>
                <li>
                  <a class="kern-link" href="/barrierefreiheit/rueckmeldung">
                    {t('feedback')}
                  </a>
                </li>
                <li>
                  <a class="kern-link" href="/verwaltung">
                    {t('staffArea')}
                  </a>
                </li>
              </ul>
            </nav>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** The staff area frame (German only: the office's working language). */
export function StaffLayout({
  ctx,
  title,
  children,
}: {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
}) {
  const path = ctx.path.split('?')[0] ?? '/';
  const staff = ctx.staff;
  return (
    <html lang="de" dir="ltr">
      <Head title={title} ctx={ctx} />
      <body class="app-body app-body--staff">
        <a class="app-skip-link kern-link" href="#inhalt">
          Zum Inhalt springen
        </a>
        {ctx.demo ? <div class="app-demo-banner">Demo-Installation: alle Daten sind erfunden.</div> : null}
        <header class="app-header app-header--staff">
          <div class="kern-container app-header__inner">
            <a class="app-brand" href="/verwaltung">
              <span>
                <span class="app-brand__name">Verwaltung</span>
                <span class="app-brand__authority">{ctx.site.authority}</span>
              </span>
            </a>
            {staff ? (
              <form method="post" action="/verwaltung/abmelden" class="app-logout">
                <input type="hidden" name="_csrf" value={ctx.csrf()} />
                <span class="kern-body">
                  {staff.displayName} ({staff.role})
                </span>
                <button type="submit" class="kern-btn kern-btn--tertiary">
                  <span class="kern-label">Abmelden</span>
                </button>
              </form>
            ) : null}
          </div>
          {staff ? (
            <nav class="app-nav" aria-label="Verwaltung">
              <ul class="kern-container app-nav__list">
                <NavLink href="/verwaltung" current={path === '/verwaltung' ? '/verwaltung' : '-'}>
                  Übersicht
                </NavLink>
                {sectionsFor(staff).map((section) => (
                  <NavLink href={section.href} current={path}>
                    {section.title}
                  </NavLink>
                ))}
              </ul>
            </nav>
          ) : null}
        </header>
        <main id="inhalt" class="kern-container app-main" tabindex={-1}>
          {ctx.flash ? (
            <div class="kern-alert kern-alert--success app-flash" role="status">
              <div class="kern-alert__header">
                <span class="kern-icon kern-icon--success" aria-hidden="true" />
                <span class="kern-title">{ctx.flash}</span>
              </div>
            </div>
          ) : null}
          {children}
        </main>
      </body>
    </html>
  );
}
