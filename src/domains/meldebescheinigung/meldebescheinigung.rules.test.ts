import { describe, expect, it } from 'vitest';
import { testPersons } from '../../demo/test-persons.data.js';
import { checkApplication } from '../antraege/antraege.rules.js';
import type { RegisterRecord } from '../melderegister/population-register.js';
import { certificateInput, meldebescheinigungDefinition } from './meldebescheinigung.definition.js';
import { certificateFields, differences, eidDataOf, givenNamesLine } from './meldebescheinigung.rules.js';
import { REGISTER_CHECK_MAX_AGE_MS, RegisterCheckSeal } from './register-check.js';

function person(subject: string): { record: RegisterRecord; eid: (typeof testPersons)[number]['eid'] } {
  const found = testPersons.find((candidate) => candidate.subject.includes(subject));
  if (!found?.register) throw new Error(`no registered test person ${subject}`);
  return { record: { personId: `p-${subject}`, ...found.register }, eid: found.eid };
}

const erika = person('erika').record;

describe('certificateFields', () => {
  it('prints the simple certificate from the register data', () => {
    expect(certificateFields(erika, 'einfach', ['geburtsort'])).toEqual([
      { label: 'Familienname', value: 'Mustermann' },
      { label: 'Vornamen', value: 'Erika' },
      { label: 'Geburtsdatum', value: '12.08.1964' },
      { label: 'Anschrift (Hauptwohnung)', value: 'Heidestraße 17, 41460 Neuss' },
    ]);
  });

  it('marks the Rufname and shows a doctoral degree', () => {
    const leyla = person('leyla').record;
    expect(certificateFields(leyla, 'einfach', [])[1]).toEqual({
      label: 'Vornamen',
      value: 'Leyla Ayşe (Rufname: Leyla)',
    });
    const karlHeinz = person('karl-heinz').record;
    expect(certificateFields(karlHeinz, 'einfach', []).slice(0, 3)).toEqual([
      { label: 'Familienname', value: 'Müller-Lüdenscheidt' },
      { label: 'Vornamen', value: 'Karl-Heinz Wilhelm (Rufname: Karl-Heinz)' },
      { label: 'Doktorgrad', value: 'Dr.' },
    ]);
    expect(givenNamesLine({ givenNames: 'Erika', usualGivenName: 'Erika' })).toBe('Erika');
  });

  it('lists main and secondary residence, main first', () => {
    const dragan = person('dragan').record;
    const addresses = certificateFields(dragan, 'einfach', []).filter((f) => f.label.startsWith('Anschrift'));
    expect(addresses).toEqual([
      { label: 'Anschrift (Hauptwohnung)', value: 'Bergheimer Straße 240, 41464 Neuss' },
      { label: 'Anschrift (Nebenwohnung)', value: 'Hafenstraße 5, 47119 Duisburg' },
    ]);
  });

  it('adds exactly the chosen fields to the extended certificate, in the order of the law', () => {
    const extended = certificateFields(erika, 'erweitert', [
      'fruehere-anschriften',
      'geburtsname',
      'religion',
    ]);
    expect(extended.slice(4)).toEqual([
      { label: 'Geburtsname', value: 'Gabler' },
      { label: 'Religionszugehörigkeit', value: 'römisch-katholisch' },
      { label: 'Frühere Anschrift', value: 'Büchel 4, 41460 Neuss (ausgezogen am 31.03.2015)' },
    ]);
    const all = certificateFields(erika, 'erweitert', [
      'geburtsort',
      'geschlecht',
      'staatsangehoerigkeit',
      'familienstand',
      'einzugsdatum',
    ]);
    expect(all.slice(4)).toEqual([
      { label: 'Geburtsort', value: 'Berlin' },
      { label: 'Geschlecht', value: 'weiblich' },
      { label: 'Staatsangehörigkeit(en)', value: 'deutsch' },
      { label: 'Familienstand', value: 'verheiratet' },
      { label: 'Einzugsdatum (Hauptwohnung)', value: '01.04.2015' },
    ]);
  });

  it('says "keine Eintragung" for chosen data the register does not hold', () => {
    const anna = person('anna').record;
    expect(
      certificateFields(anna, 'erweitert', ['geburtsname', 'religion', 'fruehere-anschriften']).slice(4),
    ).toEqual([
      { label: 'Geburtsname', value: 'keine Eintragung' },
      { label: 'Religionszugehörigkeit', value: 'keine Eintragung' },
      { label: 'Frühere Anschriften', value: 'keine Eintragung' },
    ]);
  });

  it('builds the certificate input with kind, title and purpose', () => {
    const input = certificateInput({ id: 'c1', number: 'MB-2026-000001' }, erika, {
      art: 'erweitert',
      angaben: ['geburtsort'],
      zweck: '  zur Vorlage bei der Familienkasse ',
    });
    expect(input).toMatchObject({
      caseId: 'c1',
      caseNumber: 'MB-2026-000001',
      kind: 'meldebescheinigung-erweitert',
      title: 'Erweiterte Meldebescheinigung',
      purpose: 'zur Vorlage bei der Familienkasse',
      subjectName: 'Erika Mustermann',
    });
    expect(input.fields.at(-1)).toEqual({ label: 'Geburtsort', value: 'Berlin' });
    const simple = certificateInput({ id: 'c1', number: 'N' }, erika, {
      art: 'einfach',
      angaben: ['geburtsort'],
    });
    expect(simple).not.toHaveProperty('purpose');
    expect(simple.fields).toHaveLength(4);
  });
});

describe('differences to the eID data', () => {
  it('finds the new address of Jonas and nothing for Erika', () => {
    const jonas = person('jonas');
    expect(differences(jonas.eid, jonas.record)).toEqual([
      {
        label: 'Anschrift',
        register: 'Niederstraße 30, 41460 Neuss',
        eid: 'Further Straße 102, 41462 Neuss',
      },
    ]);
    expect(differences(person('erika').eid, erika)).toEqual([]);
    expect(eidDataOf({ givenNames: 'A' })).toBeUndefined();
  });
});

describe('the Meldebescheinigung definition', () => {
  type Deps = Parameters<typeof meldebescheinigungDefinition>[0];
  const definition = meldebescheinigungDefinition({ paperByPost: true } as Deps);

  it('asks for the fields only for the extended certificate and needs an e-mail for paper', () => {
    expect(
      checkApplication(definition, { art: 'einfach', zustellung: 'elektronisch', email: '' }, 'de'),
    ).toEqual({
      complete: true,
      answers: { art: 'einfach', zustellung: 'elektronisch', email: '' },
    });
    const extended = checkApplication(
      definition,
      { art: 'erweitert', zustellung: 'elektronisch', email: '' },
      'de',
    );
    expect(!extended.complete && extended.page.id).toBe('angaben');
    const paper = checkApplication(definition, { art: 'einfach', zustellung: 'papier', email: '' }, 'de');
    expect(!paper.complete && paper.page.id).toBe('zustellung');
  });

  it('offers paper only when online payment works', () => {
    const withoutPayment = meldebescheinigungDefinition({ paperByPost: false } as Deps);
    const delivery = withoutPayment.pages.find((page) => page.id === 'zustellung')!;
    expect(delivery.fields[0]).toMatchObject({ options: [{ value: 'elektronisch' }] });
    const paper = checkApplication(
      withoutPayment,
      { art: 'einfach', zustellung: 'papier', email: 'a@b.de' },
      'de',
    );
    expect(!paper.complete && paper.page.id).toBe('zustellung');
    const electronic = { art: 'einfach', zustellung: 'elektronisch', email: '' };
    expect(checkApplication(withoutPayment, electronic, 'de').complete).toBe(true);
  });

  it('sums up the answers and charges 9 EUR for paper only', () => {
    const answers = {
      art: 'erweitert',
      angaben: ['geburtsort', 'geburtsname'],
      zweck: '',
      zustellung: 'papier',
      email: 'erika@example.org',
    };
    const rows = definition.summary(answers, { lang: 'en', citizen: {} as never });
    expect(rows.map((row) => [typeof row.value === 'string' ? row.value : row.value.en, row.page])).toEqual([
      ['Extended certificate', 'art'],
      ['Birth name, Place of birth', 'angaben'],
      ['none given', 'angaben'],
      ['On paper by post', 'zustellung'],
      ['erika@example.org', 'zustellung'],
    ]);
    expect(definition.payment?.(answers)).toEqual({
      amountCents: 900,
      purpose: 'Meldebescheinigung',
      items: [
        {
          reference: 'MB-PAPIER',
          description: 'Meldebescheinigung (Papier)',
          quantity: 1,
          unitPriceCents: 900,
        },
      ],
    });
    expect(definition.payment?.({ ...answers, zustellung: 'elektronisch' })).toBeNull();
  });
});

describe('RegisterCheckSeal', () => {
  const seal = new RegisterCheckSeal('secret-secret-secret-secret-secret-0');
  const at = new Date('2026-11-26T10:00:00Z');

  it('opens what it sealed, for the same case and in time only', () => {
    const token = seal.seal('case-1', [erika], at);
    expect(seal.open(token, 'case-1', new Date(at.getTime() + 60_000))).toEqual([erika]);
    expect(seal.open(token, 'case-2', at)).toBeUndefined();
    expect(
      seal.open(token, 'case-1', new Date(at.getTime() + REGISTER_CHECK_MAX_AGE_MS + 1)),
    ).toBeUndefined();
    expect(
      new RegisterCheckSeal('another-secret-another-secret-0000').open(token, 'case-1', at),
    ).toBeUndefined();
  });

  it('refuses a changed register record', () => {
    const token = seal.seal('case-1', [erika], at);
    const [payload, mac] = token.split('.');
    const changed = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
    changed.persons[0].familyName = 'Musterfrau';
    const forged = `${Buffer.from(JSON.stringify(changed)).toString('base64url')}.${mac}`;
    expect(seal.open(forged, 'case-1', at)).toBeUndefined();
    expect(seal.open(undefined, 'case-1', at)).toBeUndefined();
  });
});
