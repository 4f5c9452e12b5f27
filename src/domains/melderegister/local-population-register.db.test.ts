import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { furtherResidents, testPersons } from '../../demo/test-persons.data.js';
import { LocalPopulationRegister } from './local-population-register.js';
import { MelderegisterRepository } from './melderegister.repository.js';
import type { IdentifyQuery } from './population-register.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const person = (name: string) => testPersons.find((entry) => entry.subject.includes(name))!;
const queryOf = (name: string): IdentifyQuery => {
  const { eid } = person(name);
  return {
    familyName: eid.familyName,
    givenNames: eid.givenNames,
    birthDate: eid.birthDate,
    address: { ...eid.address },
  };
};

const registerWith = (options: { delayMs?: number; failureRate?: number; random?: () => number }) =>
  new LocalPopulationRegister(new MelderegisterRepository(t.database.db), t.services.audit, {
    delayMs: options.delayMs ?? 0,
    failureRate: options.failureRate ?? 0,
    ...(options.random ? { random: options.random } : {}),
  });

describe('LocalPopulationRegister on the seeded demo register', () => {
  it('is the register the app uses', () => {
    expect(t.services.register).toBeInstanceOf(LocalPopulationRegister);
  });

  it('identifies Erika and reads her full entry', async () => {
    const result = await t.services.register.identify(queryOf('erika'));
    expect(result).toEqual({ kind: 'match', personId: expect.any(String), informationBlock: false });
    if (result.kind !== 'match') return;
    const record = await t.services.register.read(result.personId);
    expect(record).toMatchObject({
      personId: result.personId,
      familyName: 'Mustermann',
      givenNames: 'Erika',
      birthName: 'Gabler',
      birthDate: '1964-08-12',
      placeOfBirth: 'Berlin',
      religion: 'römisch-katholisch',
      informationBlock: false,
    });
    expect(record?.addresses).toEqual([
      {
        street: 'Heidestraße',
        houseNumber: '17',
        postalCode: '41460',
        city: 'Neuss',
        kind: 'Hauptwohnung',
        movedInOn: '2015-04-01',
      },
    ]);
    expect(record?.previousAddresses).toHaveLength(1);
  });

  it('reports the information block with the match', async () => {
    expect(await t.services.register.identify(queryOf('sabine'))).toMatchObject({
      kind: 'match',
      informationBlock: true,
    });
  });

  it('does not identify Jonas (old address on the card), Lena (not registered) or "Yilmaz"', async () => {
    expect(await t.services.register.identify(queryOf('jonas'))).toEqual({ kind: 'no-match' });
    expect(await t.services.register.identify(queryOf('lena'))).toEqual({ kind: 'no-match' });
    const yilmaz = { ...queryOf('leyla'), familyName: 'Yilmaz' };
    expect(await t.services.register.identify(yilmaz)).toEqual({ kind: 'no-match' });
    expect((await t.services.register.identify(queryOf('leyla'))).kind).toBe('match');
  });

  it('identifies names delivered in capitals', async () => {
    const query = queryOf('karl-heinz');
    const upper = {
      ...query,
      familyName: query.familyName.toUpperCase(),
      givenNames: query.givenNames.toUpperCase(),
    };
    expect((await t.services.register.identify(upper)).kind).toBe('match');
  });

  it('gives no identification when the register holds the same person twice', async () => {
    const repository = new MelderegisterRepository(t.database.db);
    const { register } = person('anna');
    await repository.insertMany(t.database.db, [register!]);
    expect(await t.services.register.identify(queryOf('anna'))).toEqual({ kind: 'no-match' });
  });

  it('searches by family name and date of birth, first names optional', async () => {
    const erikas = await t.services.register.search({ familyName: 'mustermann', birthDate: '1964-08-12' });
    expect(erikas.map((record) => record.birthDate)).toEqual(['1964-08-12']);
    const other = furtherResidents[0]!;
    const found = await t.services.register.search({ familyName: 'Mustermann', birthDate: other.birthDate });
    expect(found.map((record) => record.addresses[0]!.houseNumber)).toEqual(['19']);
    const peter = await t.services.register.search({
      familyName: 'Schmitz',
      birthDate: '1948-04-04',
      givenNames: 'Peter',
    });
    expect(peter.map((record) => record.givenNames)).toEqual(['Peter Josef']);
    expect(
      await t.services.register.search({
        familyName: 'Schmitz',
        birthDate: '1948-04-04',
        givenNames: 'Josef',
      }),
    ).toEqual([]);
  });

  it('reads nothing for unknown or malformed ids', async () => {
    expect(await t.services.register.read('00000000-0000-4000-8000-000000000000')).toBeUndefined();
    expect(await t.services.register.read('not-a-uuid')).toBeUndefined();
  });
});

describe('LocalPopulationRegister as a remote system', () => {
  it('takes the configured time to answer', async () => {
    const register = registerWith({ delayMs: 120 });
    const started = performance.now();
    await register.identify(queryOf('erika'));
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('answers "unavailable" at the configured failure rate', async () => {
    const rolls = [0.1, 0.9, 0.29, 0.31];
    const register = registerWith({ failureRate: 0.3, random: () => rolls.shift()! });
    const kinds = [];
    for (let index = 0; index < 4; index++) kinds.push((await register.identify(queryOf('erika'))).kind);
    expect(kinds).toEqual(['unavailable', 'match', 'unavailable', 'match']);
    const never = registerWith({ failureRate: 0, random: () => 0 });
    expect((await never.identify(queryOf('erika'))).kind).toBe('match');
  });

  it('reads its configuration from the environment', async () => {
    const app = await createTestApp({
      env: { BUERGERAMT_REGISTER_FAILURE_RATE: '1', BUERGERAMT_REGISTER_DELAY_MS: '0' },
    });
    try {
      expect(await app.services.register.identify(queryOf('erika'))).toEqual({
        kind: 'unavailable',
        reason: expect.any(String),
      });
    } finally {
      await app.close();
    }
  });
});
