import type { ComponentChildren } from 'preact';
import type { TrustLevel } from '../../platform/eid/citizen.js';
import type { Lang } from '../../platform/i18n/i18n.js';
import {
  Alert,
  Button,
  ButtonGroup,
  ErrorSummary,
  Heading,
  Link,
  PostForm,
  RadioGroup,
  Text,
  TextInput,
} from '../../platform/views/kern.js';
import { LanguageSwitch } from '../../platform/views/layout.js';
import type { TestPerson } from '../test-persons.data.js';
import { devIdpMessages } from './dev-idp.messages.js';

/**
 * The dev IdP's own page frame: it is a different "site" from the portal (as BundID is), so not the
 * citizen layout; KERN styles, one h1 in a main landmark, no scripts.
 */
export function DevIdpLayout({
  lang,
  title,
  path,
  children,
}: {
  lang: Lang;
  title: string;
  /** The page's path for the language switch; none on pages that cannot be reloaded. */
  path?: string;
  children: ComponentChildren;
}) {
  const t = devIdpMessages(lang);
  return (
    <html lang={lang} dir="ltr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${title} – ${t('siteName')}`}</title>
        <link rel="stylesheet" href="/assets/kern/fonts/fira-sans.css" />
        <link rel="stylesheet" href="/assets/kern/kern.min.css" />
        <link rel="stylesheet" href="/assets/app.css" />
      </head>
      <body class="app-body">
        <a class="app-skip-link kern-link" href="#inhalt">
          {t('skipLink')}
        </a>
        <div class="app-demo-banner">{t('siteNote')}</div>
        <header class="app-header">
          <div class="kern-container app-header__inner">
            <span class="app-brand">
              <span>
                <span class="app-brand__name">{t('siteName')}</span>
                <span class="app-brand__authority">BundID · AusweisApp (Demo)</span>
              </span>
            </span>
            {path ? <LanguageSwitch lang={lang} path={path} /> : null}
          </div>
        </header>
        <main id="inhalt" class="kern-container app-main" tabindex={-1}>
          {children}
        </main>
      </body>
    </html>
  );
}

function CancelForm({ action, token, label }: { action: string; token: string; label: string }) {
  return (
    <PostForm action={action} token={token}>
      <ButtonGroup>
        <Button variant="secondary">{label}</Button>
      </ButtonGroup>
    </PostForm>
  );
}

export interface InteractionPageProps {
  lang: Lang;
  uid: string;
  csrf: string;
}

const base = (uid: string) => `/dev-idp/interaction/${encodeURIComponent(uid)}`;

export function PersonPage({
  lang,
  uid,
  csrf,
  persons,
  selected,
  error,
}: InteractionPageProps & { persons: TestPerson[]; selected?: string; error?: string }) {
  const t = devIdpMessages(lang);
  const levelText = (level: TrustLevel) => t(`level${level}`);
  return (
    <DevIdpLayout lang={lang} title={t('personTitle')} path={base(uid)}>
      <Heading level={1}>{t('personTitle')}</Heading>
      <ErrorSummary title={t('summaryTitle')} errors={error ? [{ field: 'person', message: error }] : []} />
      <Text>{t('personIntro')}</Text>
      <PostForm action={base(uid)} token={csrf}>
        <RadioGroup
          name="person"
          legend={t('personLegend')}
          value={selected}
          error={error}
          options={persons.map((person) => ({
            value: person.subject,
            label: `${person.eid.givenNames} ${person.eid.familyName}`,
            hint: `${person.note[lang]} ${levelText(person.eid.trustLevel)}.`,
          }))}
        />
        <ButtonGroup>
          <Button>{t('personContinue')}</Button>
        </ButtonGroup>
      </PostForm>
      <CancelForm action={`${base(uid)}/abbrechen`} token={csrf} label={t('cancel')} />
    </DevIdpLayout>
  );
}

export function PinPage({
  lang,
  uid,
  csrf,
  person,
  triesLeft,
  error,
}: InteractionPageProps & { person: TestPerson; triesLeft: number; error?: string }) {
  const t = devIdpMessages(lang);
  const name = `${person.eid.givenNames} ${person.eid.familyName}`;
  if (triesLeft <= 0) {
    return (
      <DevIdpLayout lang={lang} title={t('pinBlockedTitle')} path={`${base(uid)}/pin`}>
        <Heading level={1}>{t('pinBlockedTitle')}</Heading>
        <Alert kind="danger" title={t('pinBlockedTitle')}>
          <Text>{t('pinBlockedText')}</Text>
        </Alert>
        <p class="kern-body">
          <Link href={base(uid)}>{t('pinOtherPerson')}</Link>
        </p>
        <CancelForm action={`${base(uid)}/abbrechen`} token={csrf} label={t('cancel')} />
      </DevIdpLayout>
    );
  }
  return (
    <DevIdpLayout lang={lang} title={t('pinTitle')} path={`${base(uid)}/pin`}>
      <Heading level={1}>{t('pinTitle')}</Heading>
      <ErrorSummary title={t('summaryTitle')} errors={error ? [{ field: 'pin', message: error }] : []} />
      <Text>{t('pinIntro', { name })}</Text>
      {person.eid.trustLevel !== 'HOCH' ? <Text>{t('pinElster')}</Text> : null}
      <Alert kind="info" title={t('pinDemo')} />
      <PostForm action={`${base(uid)}/pin`} token={csrf}>
        <TextInput
          name="pin"
          label={t('pinLabel')}
          hint={t('pinTries', { tries: triesLeft })}
          type="password"
          inputmode="numeric"
          autocomplete="off"
          width="short"
          error={error}
          required
        />
        <ButtonGroup>
          <Button>{t('pinSubmit')}</Button>
        </ButtonGroup>
      </PostForm>
      <p class="kern-body">
        <Link href={base(uid)}>{t('pinOtherPerson')}</Link>
      </p>
      <CancelForm action={`${base(uid)}/abbrechen`} token={csrf} label={t('cancel')} />
    </DevIdpLayout>
  );
}

/** An interaction that no longer exists (expired, finished, or another browser's). */
export function ExpiredPage({ lang, portalHref }: { lang: Lang; portalHref: string }) {
  const t = devIdpMessages(lang);
  return (
    <DevIdpLayout lang={lang} title={t('expiredTitle')}>
      <Heading level={1}>{t('expiredTitle')}</Heading>
      <Text>{t('expiredText')}</Text>
      <p class="kern-body">
        <Link href={portalHref}>{t('backToPortal')}</Link>
      </p>
    </DevIdpLayout>
  );
}

/** RP-initiated log-out: the confirmation oidc-provider asks for (its own xsrf token, not ours). */
export function LogoutPage({ lang, action, xsrf }: { lang: Lang; action: string; xsrf: string }) {
  const t = devIdpMessages(lang);
  return (
    <DevIdpLayout lang={lang} title={t('logoutTitle')}>
      <Heading level={1}>{t('logoutTitle')}</Heading>
      <Text>{t('logoutText')}</Text>
      <form method="post" action={action}>
        <input type="hidden" name="xsrf" value={xsrf} />
        <ButtonGroup>
          <Button name="logout" value="yes">
            {t('logoutConfirm')}
          </Button>
        </ButtonGroup>
      </form>
    </DevIdpLayout>
  );
}

export function LoggedOutPage({ lang, portalHref }: { lang: Lang; portalHref: string }) {
  const t = devIdpMessages(lang);
  return (
    <DevIdpLayout lang={lang} title={t('loggedOutTitle')}>
      <Heading level={1}>{t('loggedOutTitle')}</Heading>
      <Text>{t('loggedOutText')}</Text>
      <p class="kern-body">
        <Link href={portalHref}>{t('backToPortal')}</Link>
      </p>
    </DevIdpLayout>
  );
}

export function ProviderErrorPage({
  lang,
  code,
  description,
  portalHref,
}: {
  lang: Lang;
  code: string;
  description: string | undefined;
  portalHref: string;
}) {
  const t = devIdpMessages(lang);
  return (
    <DevIdpLayout lang={lang} title={t('errorTitle')}>
      <Heading level={1}>{t('errorTitle')}</Heading>
      <Text>{t('errorText')}</Text>
      <Text muted>{t('errorCode', { code })}</Text>
      {description ? <Text muted>{description}</Text> : null}
      <p class="kern-body">
        <Link href={portalHref}>{t('backToPortal')}</Link>
      </p>
    </DevIdpLayout>
  );
}
