import type { RegisterRecord } from '../domains/melderegister/population-register.js';
import type { CitizenIdentity, PostalAddress } from '../platform/eid/citizen.js';

/**
 * The demo's people: what their (test) ID card says, which trust level their log-in reaches, and what
 * the city's population register holds about them. The development identity provider offers the
 * `eid` side; the local register is seeded with the `register` side. Where the two differ, that is
 * the point of the person (see `note`).
 */
export interface TestPerson {
  /** Stable pseudonymous identifier (as BundID's bPK2); also the login id at the dev identity provider. */
  subject: string;
  /** Shown on the dev identity provider's person picker. */
  note: { de: string; en: string };
  /**
   * What the ID card certifies; `trustLevel` is the highest level this person's log-in reaches
   * (SUBSTANTIELL: e.g. a login by ELSTER certificate).
   */
  eid: Omit<CitizenIdentity, 'subject' | 'authTime'>;
  /** The register entry; undefined: not registered in this city. */
  register?: Omit<RegisterRecord, 'personId'>;
}

const neuss = (street: string, houseNumber: string, postalCode = '41460'): PostalAddress => ({
  street,
  houseNumber,
  postalCode,
  city: 'Neuss',
});

function registered(
  eid: TestPerson['eid'],
  extra: Partial<Omit<RegisterRecord, 'personId'>> & { movedInOn: string },
): Omit<RegisterRecord, 'personId'> {
  const { movedInOn, ...rest } = extra;
  return {
    familyName: eid.familyName,
    givenNames: eid.givenNames,
    birthDate: eid.birthDate,
    placeOfBirth: eid.placeOfBirth,
    nationalities: ['deutsch'],
    addresses: [{ ...eid.address, kind: 'Hauptwohnung', movedInOn }],
    previousAddresses: [],
    informationBlock: false,
    ...rest,
  };
}

const erika: TestPerson['eid'] = {
  givenNames: 'Erika',
  familyName: 'Mustermann',
  birthDate: '1964-08-12',
  placeOfBirth: 'Berlin',
  address: neuss('Heidestraße', '17'),
  trustLevel: 'HOCH',
};
const leyla: TestPerson['eid'] = {
  givenNames: 'Leyla Ayşe',
  familyName: 'Yılmaz',
  birthDate: '1991-03-05',
  placeOfBirth: 'Düsseldorf',
  address: neuss('Krefelder Straße', '55a', '41460'),
  trustLevel: 'HOCH',
};
const karlHeinz: TestPerson['eid'] = {
  givenNames: 'Karl-Heinz Wilhelm',
  familyName: 'Müller-Lüdenscheidt',
  birthDate: '1952-11-30',
  placeOfBirth: 'Neuss',
  address: neuss('Am Obertor', '3', '41460'),
  trustLevel: 'HOCH',
};
const jonas: TestPerson['eid'] = {
  givenNames: 'Jonas',
  familyName: 'Becker',
  birthDate: '1998-01-17',
  placeOfBirth: 'Köln',
  // The ID card still shows the old address: the register knows of the move already.
  address: neuss('Further Straße', '102', '41462'),
  trustLevel: 'HOCH',
};
const sabine: TestPerson['eid'] = {
  givenNames: 'Sabine',
  familyName: 'Schäfer',
  birthDate: '1979-06-21',
  placeOfBirth: 'Mönchengladbach',
  address: neuss('Jülicher Landstraße', '8', '41464'),
  trustLevel: 'HOCH',
};
const tim: TestPerson['eid'] = {
  givenNames: 'Tim',
  familyName: 'Wagner',
  birthDate: '1987-09-09',
  placeOfBirth: 'Essen',
  address: neuss('Drususallee', '21', '41460'),
  trustLevel: 'SUBSTANTIELL',
};
const anna: TestPerson['eid'] = {
  givenNames: 'Anna Maria',
  familyName: 'Nowak',
  birthDate: '1985-02-28',
  placeOfBirth: 'Kraków',
  address: neuss('Kapitelstraße', '12', '41460'),
  trustLevel: 'HOCH',
};
const dragan: TestPerson['eid'] = {
  givenNames: 'Dragan',
  familyName: 'Đorđević',
  birthDate: '1970-12-01',
  placeOfBirth: 'Niš',
  address: neuss('Bergheimer Straße', '240', '41464'),
  trustLevel: 'HOCH',
};
const lena: TestPerson['eid'] = {
  givenNames: 'Lena',
  familyName: 'Hoffmann',
  birthDate: '2001-07-14',
  placeOfBirth: 'Neuss',
  // Lives in Düsseldorf: not registered in this city.
  address: { street: 'Königsallee', houseNumber: '1', postalCode: '40212', city: 'Düsseldorf' },
  trustLevel: 'HOCH',
};

export const testPersons: TestPerson[] = [
  {
    subject: 'bpk2-erika-mustermann-7f3a',
    note: { de: 'Alles stimmt mit dem Melderegister überein.', en: 'Everything matches the register.' },
    eid: erika,
    register: registered(erika, {
      birthName: 'Gabler',
      gender: 'weiblich',
      maritalStatus: 'verheiratet',
      religion: 'römisch-katholisch',
      movedInOn: '2015-04-01',
      previousAddresses: [{ ...neuss('Büchel', '4'), movedOutOn: '2015-03-31' }],
    }),
  },
  {
    subject: 'bpk2-leyla-yilmaz-22c9',
    note: {
      de: 'Zwei Vornamen und Zeichen außerhalb von Latin-1; stimmt überein.',
      en: 'Two first names and characters beyond Latin-1; matches.',
    },
    eid: leyla,
    register: registered(leyla, {
      usualGivenName: 'Leyla',
      gender: 'weiblich',
      nationalities: ['deutsch', 'türkisch'],
      maritalStatus: 'ledig',
      movedInOn: '2019-09-15',
    }),
  },
  {
    subject: 'bpk2-karl-heinz-mueller-5d10',
    note: { de: 'Doktorgrad im Register; stimmt überein.', en: 'Doctoral degree in the register; matches.' },
    eid: karlHeinz,
    register: registered(karlHeinz, {
      usualGivenName: 'Karl-Heinz',
      doctoralDegree: 'Dr.',
      gender: 'männlich',
      maritalStatus: 'verwitwet',
      religion: 'evangelisch',
      movedInOn: '1980-05-01',
    }),
  },
  {
    subject: 'bpk2-jonas-becker-91e4',
    note: {
      de: 'Ausweis zeigt die alte Anschrift: keine Übereinstimmung, der Fall geht an die Sachbearbeitung.',
      en: 'The ID card shows the old address: no match, the case goes to a clerk.',
    },
    eid: jonas,
    register: {
      ...registered(jonas, { gender: 'männlich', maritalStatus: 'ledig', movedInOn: '2026-10-01' }),
      addresses: [{ ...neuss('Niederstraße', '30', '41460'), kind: 'Hauptwohnung', movedInOn: '2026-10-01' }],
      previousAddresses: [{ ...jonas.address, movedOutOn: '2026-09-30' }],
    },
  },
  {
    subject: 'bpk2-sabine-schaefer-0b77',
    note: {
      de: 'Auskunftssperre im Melderegister: der Fall geht an die Sachbearbeitung.',
      en: 'Information block in the register: the case goes to a clerk.',
    },
    eid: sabine,
    register: registered(sabine, {
      gender: 'weiblich',
      maritalStatus: 'geschieden',
      movedInOn: '2021-02-01',
      informationBlock: true,
    }),
  },
  {
    subject: 'bpk2-tim-wagner-c3d2',
    note: {
      de: 'Meldet sich nur mit Vertrauensniveau „substanziell“ an: die Meldebescheinigung wird abgelehnt.',
      en: 'Logs in at trust level "substantial" only: the certificate is refused.',
    },
    eid: tim,
    register: registered(tim, { gender: 'männlich', maritalStatus: 'verheiratet', movedInOn: '2012-08-01' }),
  },
  {
    subject: 'bpk2-anna-nowak-4a61',
    note: { de: 'Polnische Staatsangehörige; stimmt überein.', en: 'Polish citizen; matches.' },
    eid: anna,
    register: registered(anna, {
      usualGivenName: 'Anna',
      gender: 'weiblich',
      nationalities: ['polnisch'],
      maritalStatus: 'ledig',
      movedInOn: '2017-06-01',
    }),
  },
  {
    subject: 'bpk2-dragan-djordjevic-e810',
    note: {
      de: 'Name mit Đ und ć; Haupt- und Nebenwohnung; stimmt überein.',
      en: 'Name with Đ and ć; main and secondary residence; matches.',
    },
    eid: dragan,
    register: {
      ...registered(dragan, {
        gender: 'männlich',
        nationalities: ['deutsch', 'serbisch'],
        maritalStatus: 'verheiratet',
        religion: 'serbisch-orthodox',
        movedInOn: '1999-03-01',
      }),
      addresses: [
        { ...dragan.address, kind: 'Hauptwohnung', movedInOn: '1999-03-01' },
        {
          street: 'Hafenstraße',
          houseNumber: '5',
          postalCode: '47119',
          city: 'Duisburg',
          kind: 'Nebenwohnung',
          movedInOn: '2023-01-15',
        },
      ],
    },
  },
  {
    subject: 'bpk2-lena-hoffmann-66ab',
    note: {
      de: 'Wohnt nicht in dieser Stadt: nicht im Melderegister.',
      en: 'Does not live in this city: not in the register.',
    },
    eid: lena,
  },
];

/** Further residents of the register who have no test ID card (the register is never just the testers). */
export const furtherResidents: Array<Omit<RegisterRecord, 'personId'>> = [
  {
    familyName: 'Mustermann',
    givenNames: 'Erika',
    birthDate: '1990-01-01',
    placeOfBirth: 'Hamburg',
    gender: 'weiblich',
    nationalities: ['deutsch'],
    addresses: [{ ...neuss('Heidestraße', '19'), kind: 'Hauptwohnung', movedInOn: '2020-01-01' }],
    previousAddresses: [],
    informationBlock: false,
  },
  {
    familyName: 'Schmitz',
    givenNames: 'Peter Josef',
    usualGivenName: 'Peter',
    birthDate: '1948-04-04',
    placeOfBirth: 'Neuss',
    gender: 'männlich',
    nationalities: ['deutsch'],
    maritalStatus: 'verheiratet',
    addresses: [{ ...neuss('Markt', '10'), kind: 'Hauptwohnung', movedInOn: '1975-10-01' }],
    previousAddresses: [],
    informationBlock: false,
  },
];
