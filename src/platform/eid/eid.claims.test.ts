import { describe, expect, test } from 'vitest';
import { ClaimsError, identityFromClaims, splitStreetAddress, trustLevelFromAcr } from './eid.claims.js';

const erika = {
  sub: 'bpk2-erika-mustermann-7f3a',
  given_name: 'Erika',
  family_name: 'Mustermann',
  birthdate: '1964-08-12',
  place_of_birth: 'Berlin',
  address: { street_address: 'Heidestraße 17', postal_code: '41460', locality: 'Neuss', country: 'DE' },
  acr: 'HOCH',
  auth_time: 1_790_000_000,
};

function errorOf(run: () => unknown): ClaimsError {
  try {
    run();
  } catch (error) {
    if (error instanceof ClaimsError) return error;
    throw error;
  }
  throw new Error('no ClaimsError');
}

describe('splitStreetAddress', () => {
  test.each([
    ['Heidestraße 17', 'Heidestraße', '17'],
    ['Krefelder Straße 55a', 'Krefelder Straße', '55a'],
    ['Am Obertor 3 b', 'Am Obertor', '3 b'],
    ['Straße des 17. Juni 110', 'Straße des 17. Juni', '110'],
    ['Hauptstraße 12-14', 'Hauptstraße', '12-14'],
    ['Bahnhofstraße 7/1', 'Bahnhofstraße', '7/1'],
    ['Markt 10, ', 'Markt', '10'],
    ['  Jülicher   Landstraße  8 ', 'Jülicher Landstraße', '8'],
    ['Königsallee 1\nHinterhaus', 'Königsallee', '1'],
    ['Hof Müller', 'Hof Müller', ''],
    ['Kapitelstraße, 12', 'Kapitelstraße', '12'],
  ])('%j → %j + %j', (input, street, houseNumber) => {
    expect(splitStreetAddress(input)).toEqual({ street, houseNumber });
  });
});

describe('trustLevelFromAcr', () => {
  test.each([
    ['HOCH', 'HOCH'],
    ['hoch', 'HOCH'],
    ['SUBSTANTIELL', 'SUBSTANTIELL'],
    ['NORMAL', 'NORMAL'],
    ['STORK-QAA-Level-4', 'HOCH'],
    ['STORK-QAA-Level-3', 'SUBSTANTIELL'],
    ['STORK-QAA-Level-1', 'NORMAL'],
    ['http://eidas.europa.eu/LoA/high', 'HOCH'],
    ['http://eidas.europa.eu/LoA/substantial', 'SUBSTANTIELL'],
    ['http://eidas.europa.eu/LoA/low', 'NORMAL'],
  ])('%s → %s', (acr, level) => {
    expect(trustLevelFromAcr(acr)).toBe(level);
  });

  test('a missing or unknown acr is an error naming the claim, never a silent level', () => {
    expect(errorOf(() => trustLevelFromAcr(undefined))).toMatchObject({ claim: 'acr', problem: 'missing' });
    expect(errorOf(() => trustLevelFromAcr('')).claim).toBe('acr');
    const unknown = errorOf(() => trustLevelFromAcr('1'));
    expect(unknown).toMatchObject({ claim: 'acr', problem: 'unknown-value' });
    expect(unknown.message).toBe('acr: unknown-value');
  });
});

describe('identityFromClaims', () => {
  test('maps the standard claims to the identity', () => {
    expect(identityFromClaims(erika)).toEqual({
      subject: 'bpk2-erika-mustermann-7f3a',
      givenNames: 'Erika',
      familyName: 'Mustermann',
      birthDate: '1964-08-12',
      placeOfBirth: 'Berlin',
      address: { street: 'Heidestraße', houseNumber: '17', postalCode: '41460', city: 'Neuss' },
      trustLevel: 'HOCH',
      authTime: 1_790_000_000,
    });
  });

  test('custom street_name/house_number win over splitting; place of birth may be an object', () => {
    const identity = identityFromClaims({
      ...erika,
      place_of_birth: { locality: 'Kraków', country: 'PL' },
      address: {
        street_address: 'Q 7 12',
        street_name: 'Q 7',
        house_number: '12',
        postal_code: '68161',
        locality: 'Mannheim',
      },
    });
    expect(identity.placeOfBirth).toBe('Kraków');
    expect(identity.address).toEqual({
      street: 'Q 7',
      houseNumber: '12',
      postalCode: '68161',
      city: 'Mannheim',
    });
  });

  test('no place of birth (e.g. an ELSTER certificate) gives an empty one; no auth_time none', () => {
    const { place_of_birth: _omitted, auth_time: _none, ...rest } = erika;
    const identity = identityFromClaims(rest);
    expect(identity.placeOfBirth).toBe('');
    expect(identity).not.toHaveProperty('authTime');
  });

  test.each([
    ['sub', { sub: undefined }],
    ['given_name', { given_name: '  ' }],
    ['family_name', { family_name: 42 }],
    ['birthdate', { birthdate: undefined }],
    ['birthdate', { birthdate: '1964' }],
    ['birthdate', { birthdate: '0000-08-12' }],
    ['birthdate', { birthdate: '1964-02-30' }],
    ['address', { address: undefined }],
    ['address', { address: 'Heidestraße 17, 41460 Neuss' }],
    ['address', { address: { postal_code: '41460', locality: 'Neuss' } }],
    ['address', { address: { street_address: 'Heidestraße 17', locality: 'Neuss' } }],
    ['address', { address: { street_address: 'Heidestraße 17', postal_code: '41460' } }],
    ['acr', { acr: undefined }],
  ])('missing or unusable %s is a ClaimsError naming it', (claim, change) => {
    const error = errorOf(() => identityFromClaims({ ...erika, ...change }));
    expect(error.claim).toBe(claim);
  });

  test.each([
    ['birthdate', { birthdate: '1964' }, 'not-a-full-date', ['1964']],
    ['birthdate', { birthdate: '1961-13-01' }, 'not-a-full-date', ['1961', '13-01']],
    ['birthdate', { birthdate: '1964-02-30' }, 'invalid-date', ['1964', '02-30']],
    ['acr', { acr: 'geheim-stufe-9' }, 'unknown-value', ['geheim', 'stufe']],
    [
      'address',
      { address: { street_address: 'Heidestraße 17', locality: 'Neuss' } },
      'missing',
      ['Heide', 'Neuss'],
    ],
  ])(
    'a ClaimsError about %s names the claim and the problem, never the value (it is logged)',
    (claim, change, problem, values) => {
      const error = errorOf(() => identityFromClaims({ ...erika, ...change }));
      expect(error.claim).toBe(claim);
      expect(error.problem).toBe(problem);
      const everything = `${error.message} ${error.stack} ${JSON.stringify(error)} ${String(error)}`;
      for (const value of [...values, 'Erika', 'Mustermann', erika.sub])
        expect(everything).not.toContain(value);
    },
  );

  test('a missing address member is named', () => {
    const error = errorOf(() =>
      identityFromClaims({ ...erika, address: { street_address: 'Heidestraße 17', locality: 'Neuss' } }),
    );
    expect(error).toMatchObject({ claim: 'address', problem: 'missing', member: 'postal_code' });
    expect(error.message).toBe('address.postal_code: missing');
  });
});
