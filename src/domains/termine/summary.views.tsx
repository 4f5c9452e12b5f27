import type { ComponentChildren } from 'preact';
import type { Lang } from '../../platform/i18n/i18n.js';
import type { LocalizedText } from '../../platform/i18n/localized-text.js';
import { DescriptionList, Link } from '../../platform/views/kern.js';
import { Localized } from '../leistungen/leistungen.views.js';
import type { Location } from '../locations/locations.repository.js';
import { termineMessages } from './termine.messages.js';

/** A location's postal address on one line. */
export function addressOf(location: Location): string {
  return `${location.street}, ${location.postalCode} ${location.town}`;
}

/** The names of services or locations, separated by commas. */
export function Names({ lang, items }: { lang: Lang; items: Array<{ name: LocalizedText }> }) {
  return (
    <>
      {items.map((item, index) => (
        <>
          {index > 0 ? ', ' : ''}
          <Localized text={item.name} lang={lang} />
        </>
      ))}
    </>
  );
}

/**
 * The facts of an appointment or an offer: the given items first (date, time …), then the services
 * and the location (linked to its page) with its address, in one description list.
 * `separateAddress` puts the address in a row of its own.
 */
export function ServicesAndLocation({
  lang,
  leading = [],
  services,
  location,
  separateAddress,
}: {
  lang: Lang;
  leading?: Array<{ key: string; value: ComponentChildren }>;
  services: Array<{ name: LocalizedText }>;
  location: Location;
  separateAddress?: boolean;
}) {
  const t = termineMessages(lang);
  const link = (
    <Link href={`/standorte/${encodeURIComponent(location.id)}`}>
      <Localized text={location.name} lang={lang} />
    </Link>
  );
  return (
    <DescriptionList
      items={[
        ...leading,
        { key: t('servicesLabel'), value: <Names lang={lang} items={services} /> },
        separateAddress
          ? { key: t('locationLabel'), value: link }
          : {
              key: t('locationLabel'),
              value: (
                <>
                  {link}, {addressOf(location)}
                </>
              ),
            },
        ...(separateAddress ? [{ key: t('addressLabel'), value: addressOf(location) }] : []),
      ]}
    />
  );
}
