import { describe, expect, it } from 'vitest';
import { furtherResidents, type TestPerson, testPersons } from '../../demo/test-persons.data.js';
import {
  givenNamesStartWith,
  identify,
  identityMatches,
  normaliseHouseNumber,
  normaliseName,
  normaliseStreet,
} from './melderegister.rules.js';
import type { IdentifyQuery, RegisterRecord } from './population-register.js';

function person(subject: string): TestPerson {
  const found = testPersons.find((candidate) => candidate.subject.includes(subject));
  if (!found) throw new Error(`no test person ${subject}`);
  return found;
}

/** The register as the demo seeds it: every test person with an entry, plus the further residents. */
const register: RegisterRecord[] = [
  ...testPersons.flatMap((entry, index) =>
    entry.register ? [{ ...entry.register, personId: `p${index}` }] : [],
  ),
  ...furtherResidents.map((entry, index) => ({ ...entry, personId: `f${index}` })),
];

/** What the eID says about a test person, as an identification query. */
const queryOf = (entry: TestPerson): IdentifyQuery => ({
  familyName: entry.eid.familyName,
  givenNames: entry.eid.givenNames,
  birthDate: entry.eid.birthDate,
  address: { ...entry.eid.address },
});

const erika = person('erika');
const erikaRecord = register.find((record) => record.personId === `p${testPersons.indexOf(erika)}`)!;

describe('identify (BMeldDigiV § 4) with the test persons', () => {
  it('identifies Erika Mustermann, and not the other Erika Mustermann', () => {
    const found = identify(queryOf(erika), register);
    expect(found?.personId).toBe(erikaRecord.personId);
    expect(found?.birthDate).toBe('1964-08-12');
  });

  it('identifies every test person whose card agrees with the register', () => {
    for (const subject of ['erika', 'leyla', 'karl-heinz', 'sabine', 'tim', 'anna', 'dragan']) {
      const entry = person(subject);
      expect(identify(queryOf(entry), register)?.familyName, subject).toBe(entry.register!.familyName);
    }
  });

  it('does not identify Jonas: his card still shows the address he moved out of', () => {
    const jonas = person('jonas');
    expect(identify(queryOf(jonas), register)).toBeUndefined();
    // With the register's current address he would be identified: the address is the only difference.
    const current = jonas.register!.addresses[0]!;
    const moved = { ...queryOf(jonas), address: { ...current } };
    expect(identify(moved, register)?.familyName).toBe('Becker');
  });

  it('does not identify Lena, who is not registered here', () => {
    expect(identify(queryOf(person('lena')), register)).toBeUndefined();
  });

  it('keeps the dotless ı of Yılmaz apart from i', () => {
    const leyla = queryOf(person('leyla'));
    expect(identify(leyla, register)?.familyName).toBe('Yılmaz');
    expect(identify({ ...leyla, familyName: 'Yilmaz' }, register)).toBeUndefined();
    // All capitals cannot tell I from ı: no match rather than a guess.
    expect(identify({ ...leyla, familyName: 'YILMAZ' }, register)).toBeUndefined();
  });

  it('matches names delivered in capitals', () => {
    const upper = (entry: TestPerson): IdentifyQuery => ({
      ...queryOf(entry),
      familyName: entry.eid.familyName.toUpperCase(),
      givenNames: entry.eid.givenNames.toUpperCase(),
    });
    expect(identify(upper(erika), register)?.personId).toBe(erikaRecord.personId);
    expect(identify(upper(person('karl-heinz')), register)?.familyName).toBe('Müller-Lüdenscheidt');
    expect(identify(upper(person('dragan')), register)?.familyName).toBe('Đorđević');
    expect(upper(person('dragan')).familyName).toBe('ĐORĐEVIĆ');
  });

  it('needs all first names in their order', () => {
    const leyla = queryOf(person('leyla'));
    expect(identify({ ...leyla, givenNames: 'Leyla' }, register)).toBeUndefined();
    expect(identify({ ...leyla, givenNames: 'Ayşe Leyla' }, register)).toBeUndefined();
    expect(identify({ ...leyla, givenNames: '  Leyla \u00a0 Ayşe ' }, register)?.familyName).toBe('Yılmaz');
    // s + combining cedilla is the same letter as the precomposed ş (NFC).
    expect(identify({ ...leyla, givenNames: 'Leyla Ays\u0327e' }, register)?.familyName).toBe('Yılmaz');
  });

  it('needs the exact date of birth', () => {
    expect(identify({ ...queryOf(erika), birthDate: '1964-08-13' }, register)).toBeUndefined();
    expect(identify({ ...queryOf(erika), birthDate: '1990-01-01' }, register)).toBeUndefined();
  });

  it('is not confused by the second Erika Mustermann (other birth date, next house)', () => {
    const other = furtherResidents[0]!;
    const query: IdentifyQuery = {
      familyName: 'Mustermann',
      givenNames: 'Erika',
      birthDate: other.birthDate,
      address: { ...other.addresses[0]! },
    };
    const found = identify(query, register);
    expect(found?.birthDate).toBe('1990-01-01');
    expect(found?.personId).not.toBe(erikaRecord.personId);
    // Her birth date with Erika's house number, or the other way round: nobody.
    expect(identify({ ...query, address: { ...erika.eid.address } }, register)).toBeUndefined();
    expect(identify({ ...queryOf(erika), address: { ...other.addresses[0]! } }, register)).toBeUndefined();
  });

  it('treats two identical register entries as no identification', () => {
    const twice = [...register, { ...erikaRecord, personId: 'duplicate' }];
    expect(identify(queryOf(erika), twice)).toBeUndefined();
    expect(identityMatches(queryOf(erika), twice.at(-1)!)).toBe(true);
  });

  it('compares the address with the main residence only, never a secondary one', () => {
    const dragan = person('dragan');
    const secondary = dragan.register!.addresses.find((address) => address.kind === 'Nebenwohnung')!;
    expect(identify({ ...queryOf(dragan), address: { ...secondary } }, register)).toBeUndefined();
    const onlySecondary: RegisterRecord = {
      ...erikaRecord,
      addresses: erikaRecord.addresses.map((address) => ({ ...address, kind: 'Nebenwohnung' as const })),
    };
    expect(identityMatches(queryOf(erika), onlySecondary)).toBe(false);
  });
});

describe('address comparison', () => {
  const base = queryOf(person('sabine')); // Jülicher Landstraße 8, 41464 Neuss
  const withAddress = (change: Partial<IdentifyQuery['address']>) => ({
    ...base,
    address: { ...base.address, ...change },
  });

  it('reads "Str." and "str." as Straße', () => {
    expect(identify(withAddress({ street: 'Jülicher Landstr.' }), register)?.familyName).toBe('Schäfer');
    expect(identify(withAddress({ street: 'JÜLICHER LANDSTR.' }), register)?.familyName).toBe('Schäfer');
    const leyla = queryOf(person('leyla'));
    const street = { ...leyla, address: { ...leyla.address, street: 'Krefelder Str.' } };
    expect(identify(street, register)?.familyName).toBe('Yılmaz');
    expect(normaliseStreet('Heinrich-Heine-Str.')).toBe('heinrich-heine-straße');
    expect(normaliseStreet('Heinrich-Heine-Str. ')).toBe('heinrich-heine-straße');
    expect(normaliseStreet('Heidestr.')).toBe('heidestraße');
    // Only as an abbreviation at the end of a word.
    expect(normaliseStreet('Strandweg')).toBe('strandweg');
    expect(normaliseStreet('Str.weg')).toBe('str.weg');
  });

  it('does not fold ss and ß', () => {
    expect(identify(withAddress({ street: 'Jülicher Landstrasse' }), register)).toBeUndefined();
    expect(identify(withAddress({ street: 'JÜLICHER LANDSTRASSE' }), register)).toBeUndefined();
    expect(identify(withAddress({ street: 'JÜLICHER LANDSTRAẞE' }), register)?.familyName).toBe('Schäfer');
  });

  it('compares the house number with its letter, in any case, spaces ignored', () => {
    const leyla = queryOf(person('leyla')); // Krefelder Straße 55a
    const number = (houseNumber: string) => ({ ...leyla, address: { ...leyla.address, houseNumber } });
    expect(identify(number('55A'), register)?.familyName).toBe('Yılmaz');
    expect(identify(number('55 a'), register)?.familyName).toBe('Yılmaz');
    expect(identify(number('55'), register)).toBeUndefined();
    expect(identify(number('55b'), register)).toBeUndefined();
    expect(normaliseHouseNumber('12 - 14')).toBe('12-14');
  });

  it('needs postal code and city exactly', () => {
    expect(identify(withAddress({ postalCode: '41460' }), register)).toBeUndefined();
    expect(identify(withAddress({ city: 'NEUSS' }), register)).toBeUndefined();
    expect(identify(withAddress({ city: ' Neuss ' }), register)?.familyName).toBe('Schäfer');
  });
});

describe('name helpers', () => {
  it('normalises names', () => {
    expect(normaliseName('  Müller-\u00a0Lüdenscheidt ')).toBe('müller- lüdenscheidt');
    expect(normaliseName('YILMAZ')).not.toBe(normaliseName('Yılmaz'));
  });

  it('finds leading first names for a clerk', () => {
    expect(givenNamesStartWith('Peter Josef', 'peter')).toBe(true);
    expect(givenNamesStartWith('Peter Josef', 'Peter Josef')).toBe(true);
    expect(givenNamesStartWith('Peter Josef', 'Josef')).toBe(false);
    expect(givenNamesStartWith('Peter', 'Peter Josef')).toBe(false);
    expect(givenNamesStartWith('Peter Josef', '')).toBe(true);
  });
});
