import type { Lang } from '../../platform/i18n/i18n.js';
import { type LocalizedText, pick } from '../../platform/i18n/localized-text.js';
import {
  Alert,
  Button,
  ButtonGroup,
  Card,
  DescriptionList,
  Heading,
  Link,
  LinkButton,
  List,
  Paragraphs,
  Table,
  Text,
  TextInput,
} from '../../platform/views/kern.js';
import { CitizenLayout } from '../../platform/views/layout.js';
import type { PageContext } from '../../platform/views/page-context.js';
import { Section } from '../../platform/views/section.js';
import { leistungenMessages } from './leistungen.messages.js';
import type { Leistung } from './leistungen.repository.js';
import { formatDuration, formatEuro, groupByLetter } from './leistungen.rules.js';

/**
 * A text the city edits, in the reader's language; when only German exists, it is marked lang="de"
 * so screen readers pronounce it correctly.
 */
export function Localized({ text, lang }: { text: LocalizedText; lang: Lang }) {
  const value = pick(text, lang);
  return text[lang] ? value : <span lang="de">{value}</span>;
}

function ServiceCards({
  ctx,
  services,
  headingLevel,
}: {
  ctx: PageContext;
  services: Leistung[];
  headingLevel: 2 | 3;
}) {
  return (
    <ul class="app-grid">
      {services.map((service) => (
        <li>
          <Card
            title={pick(service.name, ctx.lang)}
            href={`/leistungen/${service.id}`}
            headingLevel={headingLevel}
          >
            <Text small>
              <Localized text={service.shortDescription} lang={ctx.lang} />
            </Text>
          </Card>
        </li>
      ))}
    </ul>
  );
}

/** The most requested services, for the start page (which supplies the heading around it). */
export function PopularServices({ ctx, services }: { ctx: PageContext; services: Leistung[] }) {
  const t = leistungenMessages(ctx.lang);
  if (services.length === 0) return <Text>{t('popularEmpty')}</Text>;
  return <ServiceCards ctx={ctx} services={services} headingLevel={3} />;
}

/** The catalogue search form: a plain GET form, so it works without JavaScript. */
export function ServiceSearchForm({
  ctx,
  query = '',
  id = 'q',
}: {
  ctx: PageContext;
  query?: string;
  id?: string;
}) {
  const t = leistungenMessages(ctx.lang);
  return (
    <search>
      <form method="get" action="/leistungen" class="app-search">
        <TextInput
          name="q"
          id={id}
          type="search"
          label={t('searchLabel')}
          hint={t('searchHint')}
          value={query}
        />
        <Button>{t('searchButton')}</Button>
      </form>
    </search>
  );
}

function NoResults({ ctx, query }: { ctx: PageContext; query: string }) {
  const t = leistungenMessages(ctx.lang);
  return (
    <Alert kind="info" title={t('noResultsTitle')}>
      <Text>{t('noResultsFor', { query })}</Text>
      <Text>{t('noResultsTips')}</Text>
      <List
        items={[
          t('noResultsTipWords'),
          <Link href="/leistungen">{t('noResultsTipList')}</Link>,
          <>
            {t('noResultsTipPhone')}{' '}
            <Link href={`tel:${ctx.site.phone.replace(/[^+\d]/g, '')}`}>{ctx.site.phone}</Link>
          </>,
        ]}
      />
    </Alert>
  );
}

function SearchResults({ ctx, query, results }: { ctx: PageContext; query: string; results: Leistung[] }) {
  const t = leistungenMessages(ctx.lang);
  return (
    <section aria-labelledby="results-heading" class="app-section">
      <Heading level={2} id="results-heading">
        {t('searchResultsFor', { query })}
      </Heading>
      {results.length === 0 ? (
        <NoResults ctx={ctx} query={query} />
      ) : (
        <>
          <Text>
            {results.length === 1 ? t('resultCountOne') : t('resultCountMany', { count: results.length })}
          </Text>
          <ServiceCards ctx={ctx} services={results} headingLevel={3} />
        </>
      )}
      <Text>
        <Link href="/leistungen">{t('showAll')}</Link>
      </Text>
    </section>
  );
}

function letterAnchor(letter: string): string {
  return `buchstabe-${letter === '0–9' ? '0-9' : letter === '#' ? 'sonstige' : letter}`;
}

function AtoZ({ ctx, services }: { ctx: PageContext; services: Leistung[] }) {
  const t = leistungenMessages(ctx.lang);
  if (services.length === 0) return <Text>{t('emptyCatalogue')}</Text>;
  const groups = groupByLetter(services, (service) => pick(service.name, ctx.lang), ctx.lang);
  return (
    <section aria-labelledby="all-heading" class="app-section">
      <Heading level={2} id="all-heading">
        {t('allServicesTitle')}
      </Heading>
      <nav aria-label={t('lettersLabel')}>
        <Text>
          {groups.map((group) => (
            <>
              <Link href={`#${letterAnchor(group.letter)}`}>{group.letter}</Link>{' '}
            </>
          ))}
        </Text>
      </nav>
      {groups.map((group) => (
        <section aria-labelledby={letterAnchor(group.letter)} class="app-section">
          <Heading level={3} id={letterAnchor(group.letter)}>
            {group.letter}
          </Heading>
          <List
            items={group.items.map((service) => (
              <>
                <Link href={`/leistungen/${service.id}`}>{pick(service.name, ctx.lang)}</Link>
                {' – '}
                <Localized text={service.shortDescription} lang={ctx.lang} />
              </>
            ))}
          />
        </section>
      ))}
    </section>
  );
}

/** GET /leistungen: search form, then either the results for `q` or all services A–Z. */
export function CataloguePage({
  ctx,
  query,
  results,
  services,
}: {
  ctx: PageContext;
  query: string;
  results: Leistung[] | null;
  services: Leistung[];
}) {
  const t = leistungenMessages(ctx.lang);
  const title = results ? t('searchResultsFor', { query }) : t('catalogueTitle');
  return (
    <CitizenLayout ctx={ctx} title={title}>
      <Heading level={1}>{t('catalogueTitle')}</Heading>
      <Text large>{t('catalogueLead')}</Text>
      <ServiceSearchForm ctx={ctx} query={query} />
      {results ? (
        <SearchResults ctx={ctx} query={query} results={results} />
      ) : (
        <AtoZ ctx={ctx} services={services} />
      )}
    </CitizenLayout>
  );
}

export interface OfferedAt {
  id: string;
  name: LocalizedText;
}

/** GET /leistungen/:id: everything a citizen needs to know before coming. */
export function DetailPage({
  ctx,
  leistung,
  locations,
}: {
  ctx: PageContext;
  leistung: Leistung;
  locations: OfferedAt[];
}) {
  const t = leistungenMessages(ctx.lang);
  const lang = ctx.lang;
  const name = pick(leistung.name, lang);
  const actions = [
    leistung.bookableOnline ? (
      <LinkButton href={`/termine?leistung=${encodeURIComponent(leistung.id)}`}>
        {t('bookAppointment')}
      </LinkButton>
    ) : null,
    leistung.onlineApplication ? (
      <LinkButton
        href={`/portal/${encodeURIComponent(leistung.id)}`}
        variant={leistung.bookableOnline ? 'secondary' : 'primary'}
      >
        {t('applyOnline')}
      </LinkButton>
    ) : null,
  ].filter(Boolean);
  return (
    <CitizenLayout ctx={ctx} title={name}>
      <Heading level={1}>
        <Localized text={leistung.name} lang={lang} />
      </Heading>
      <Text large>
        <Localized text={leistung.shortDescription} lang={lang} />
      </Text>
      {actions.length > 0 ? <ButtonGroup>{actions}</ButtonGroup> : null}
      <div lang={leistung.description[lang] ? undefined : 'de'}>
        <Paragraphs text={pick(leistung.description, lang)} />
      </div>

      <Section id="unterlagen" title={t('documentsTitle')}>
        {leistung.documents.length > 0 ? (
          <List items={leistung.documents.map((document) => <Localized text={document} lang={lang} />)} />
        ) : (
          <Text>{t('noDocuments')}</Text>
        )}
      </Section>

      <Section id="gebuehren" title={t('feesTitle')}>
        {leistung.fees.length > 0 ? (
          <Table
            caption={t('feesCaption', { name })}
            head={[t('feeLabel'), t('feeAmount'), t('feeLegalBasis')]}
            numeric={[1]}
            rows={leistung.fees.map((fee) => [
              <Localized text={fee.label} lang={lang} />,
              formatEuro(fee.amountCents, lang),
              fee.legalBasis ? lang === 'de' ? fee.legalBasis : <span lang="de">{fee.legalBasis}</span> : '–',
            ])}
          />
        ) : (
          <Text>{t('noFees')}</Text>
        )}
      </Section>

      <Section id="gut-zu-wissen" title={t('factsTitle')}>
        <DescriptionList
          items={[
            { key: t('duration'), value: formatDuration(leistung.durationMinutes, lang) },
            { key: t('walkIn'), value: leistung.walkIn ? t('walkInYes') : t('walkInNo') },
            { key: t('bookable'), value: leistung.bookableOnline ? t('bookableYes') : t('bookableNo') },
            {
              key: t('onlineApplication'),
              value: leistung.onlineApplication ? t('onlineApplicationYes') : t('onlineApplicationNo'),
            },
          ]}
        />
      </Section>

      {leistung.hints.length > 0 ? (
        <Section id="hinweise" title={t('hintsTitle')}>
          <List items={leistung.hints.map((hint) => <Localized text={hint} lang={lang} />)} />
        </Section>
      ) : null}

      <Section id="standorte" title={t('locationsTitle')}>
        {locations.length > 0 ? (
          <List
            items={locations.map((location) => (
              <Link href={`/standorte/${encodeURIComponent(location.id)}`}>{pick(location.name, lang)}</Link>
            ))}
          />
        ) : (
          <Text>{t('noLocations')}</Text>
        )}
      </Section>

      <Text>
        <Link href="/leistungen">{t('backToCatalogue')}</Link>
      </Text>
    </CitizenLayout>
  );
}
