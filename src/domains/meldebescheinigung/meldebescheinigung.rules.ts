import type { PostalAddress } from '../../platform/eid/citizen.js';
import type { LocalizedText } from '../../platform/i18n/localized-text.js';
import type { RegisterRecord } from '../melderegister/population-register.js';

/** The further data of § 3(1) BMG a citizen may choose for the extended certificate, in print order. */
export const extraFields = [
  'geburtsname',
  'geburtsort',
  'geschlecht',
  'staatsangehoerigkeit',
  'familienstand',
  'religion',
  'einzugsdatum',
  'fruehere-anschriften',
] as const;
export type ExtraField = (typeof extraFields)[number];

export const extraFieldLabels: Record<ExtraField, Required<LocalizedText>> = {
  geburtsname: { de: 'Geburtsname', en: 'Birth name' },
  geburtsort: { de: 'Geburtsort', en: 'Place of birth' },
  geschlecht: { de: 'Geschlecht', en: 'Sex' },
  staatsangehoerigkeit: { de: 'Staatsangehörigkeit(en)', en: 'Nationality (nationalities)' },
  familienstand: { de: 'Familienstand', en: 'Marital status' },
  religion: {
    de: 'Religionszugehörigkeit (öffentlich-rechtliche Religionsgesellschaft)',
    en: 'Religion (public-law religious community)',
  },
  einzugsdatum: { de: 'Einzugsdatum', en: 'Date of moving in' },
  'fruehere-anschriften': { de: 'Frühere Anschriften', en: 'Previous addresses' },
};

export type CertificateKind = 'einfach' | 'erweitert';

export interface CertificateField {
  label: string;
  value: string;
}

const NONE = 'keine Eintragung';

/** "12.08.1964" (the certificate is a German document). */
export function germanDate(date: string): string {
  const match = date.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : date;
}

export function addressLine(address: PostalAddress): string {
  return `${address.street} ${address.houseNumber}, ${address.postalCode} ${address.city}`;
}

/** All first names, the one usually used (Rufname) named when there is more than one. */
export function givenNamesLine(record: Pick<RegisterRecord, 'givenNames' | 'usualGivenName'>): string {
  const names = record.givenNames.trim().split(/\s+/);
  if (!record.usualGivenName || names.length < 2) return record.givenNames;
  return `${record.givenNames} (Rufname: ${record.usualGivenName})`;
}

/**
 * What the certificate shows, from the REGISTER record (never from the eID data), in print order:
 * simple (§ 18(1) BMG): family name, first names with the Rufname, doctoral degree if any, date of
 * birth, current addresses with main/secondary residence; extended: plus the chosen fields.
 */
export function certificateFields(
  record: RegisterRecord,
  kind: CertificateKind,
  chosen: readonly ExtraField[],
): CertificateField[] {
  const fields: CertificateField[] = [
    { label: 'Familienname', value: record.familyName },
    { label: 'Vornamen', value: givenNamesLine(record) },
  ];
  if (record.doctoralDegree) fields.push({ label: 'Doktorgrad', value: record.doctoralDegree });
  fields.push({ label: 'Geburtsdatum', value: germanDate(record.birthDate) });
  const addresses = [...record.addresses].sort((a, b) =>
    a.kind === b.kind ? 0 : a.kind === 'Hauptwohnung' ? -1 : 1,
  );
  for (const address of addresses) {
    fields.push({ label: `Anschrift (${address.kind})`, value: addressLine(address) });
  }
  if (kind === 'einfach') return fields;

  for (const extra of extraFields) {
    if (!chosen.includes(extra)) continue;
    const label = extraFieldLabels[extra].de;
    switch (extra) {
      case 'geburtsname':
        fields.push({ label, value: record.birthName ?? NONE });
        break;
      case 'geburtsort':
        fields.push({ label, value: record.placeOfBirth || NONE });
        break;
      case 'geschlecht':
        fields.push({ label, value: record.gender ?? NONE });
        break;
      case 'staatsangehoerigkeit':
        fields.push({
          label,
          value: record.nationalities.length > 0 ? record.nationalities.join(', ') : NONE,
        });
        break;
      case 'familienstand':
        fields.push({ label, value: record.maritalStatus ?? NONE });
        break;
      case 'religion':
        fields.push({ label: 'Religionszugehörigkeit', value: record.religion ?? NONE });
        break;
      case 'einzugsdatum':
        for (const address of addresses) {
          fields.push({ label: `Einzugsdatum (${address.kind})`, value: germanDate(address.movedInOn) });
        }
        break;
      case 'fruehere-anschriften':
        if (record.previousAddresses.length === 0) fields.push({ label: 'Frühere Anschriften', value: NONE });
        for (const previous of record.previousAddresses) {
          fields.push({
            label: 'Frühere Anschrift',
            value: `${addressLine(previous)} (ausgezogen am ${germanDate(previous.movedOutOn)})`,
          });
        }
        break;
    }
  }
  return fields;
}

export function certificateTitle(kind: CertificateKind): string {
  return kind === 'erweitert' ? 'Erweiterte Meldebescheinigung' : 'Meldebescheinigung';
}

/** The eID data a case keeps (CitizenIdentity without the session parts). */
export interface EidData {
  givenNames: string;
  familyName: string;
  birthDate: string;
  address: PostalAddress;
}

export function eidDataOf(identity: Record<string, unknown>): EidData | undefined {
  const { givenNames, familyName, birthDate, address } = identity as Partial<EidData>;
  if (typeof givenNames !== 'string' || typeof familyName !== 'string' || typeof birthDate !== 'string') {
    return undefined;
  }
  if (!address || typeof address !== 'object') return undefined;
  return { givenNames, familyName, birthDate, address };
}

export interface Difference {
  label: string;
  register: string;
  eid: string;
}

/** Where a register record differs from the eID data (what a clerk has to look at). */
export function differences(eid: EidData, record: RegisterRecord): Difference[] {
  const found: Difference[] = [];
  if (record.familyName !== eid.familyName) {
    found.push({ label: 'Familienname', register: record.familyName, eid: eid.familyName });
  }
  if (record.givenNames !== eid.givenNames) {
    found.push({ label: 'Vornamen', register: record.givenNames, eid: eid.givenNames });
  }
  if (record.birthDate !== eid.birthDate) {
    found.push({
      label: 'Geburtsdatum',
      register: germanDate(record.birthDate),
      eid: germanDate(eid.birthDate),
    });
  }
  const main = record.addresses.find((address) => address.kind === 'Hauptwohnung');
  const registered = main ? addressLine(main) : 'keine Hauptwohnung';
  if (registered !== addressLine(eid.address)) {
    found.push({ label: 'Anschrift', register: registered, eid: addressLine(eid.address) });
  }
  return found;
}
