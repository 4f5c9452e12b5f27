import { describe, expect, it } from 'vitest';
import {
  CSV_MAX_ROWS,
  decodeUtf8,
  parseCsv,
  parseDate,
  problemText,
  readRegisterCsv,
} from './melderegister.csv.js';

const HEADER =
  'Familienname;Vornamen;Rufname;Geburtsdatum;Geburtsort;Geschlecht;Staatsangehörigkeiten;Straße;Hausnummer;Postleitzahl;Ort;Einzugsdatum;Auskunftssperre';
const ROW_1 = 'Krause;Hans Peter;Peter;03.02.1975;Neuss;männlich;deutsch;Markt;2;41460;Neuss;01.01.2000;nein';
const ROW_2 =
  'Öztürk;Elif;;1999-12-31;İzmir;w;"deutsch, türkisch";Krefelder Str.;7 b;41460;Neuss;2020-05-01;ja';

describe('parseCsv', () => {
  it('splits semicolon-separated lines with quoted fields', () => {
    const text = 'a;"b;c";"say ""hi"""\r\n"multi\nline";x;\n\nlast';
    expect(parseCsv(text)).toEqual([
      { row: 1, cells: ['a', 'b;c', 'say "hi"'] },
      { row: 2, cells: ['multi\nline', 'x', ''] },
      { row: 4, cells: [''] },
      { row: 5, cells: ['last'] },
    ]);
  });

  it('drops a byte order mark and refuses an open quote', () => {
    expect(parseCsv('\uFEFFa;b')).toEqual([{ row: 1, cells: ['a', 'b'] }]);
    expect(() => parseCsv('a;"b\nc')).toThrow(/Zeile 1/);
  });
});

describe('decodeUtf8', () => {
  it('reads UTF-8 with and without BOM and refuses other encodings', () => {
    expect(decodeUtf8(new TextEncoder().encode('Straße'))).toBe('Straße');
    expect(decodeUtf8(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41]))).toBe('A');
    // "Straße" in Windows-1252 (ß = 0xDF): not UTF-8.
    expect(decodeUtf8(Uint8Array.from([0x53, 0x74, 0x72, 0x61, 0xdf, 0x65]))).toBeUndefined();
  });
});

describe('parseDate', () => {
  it('takes German and ISO dates, only real ones', () => {
    expect(parseDate('3.2.1975')).toBe('1975-02-03');
    expect(parseDate('1999-12-31')).toBe('1999-12-31');
    expect(parseDate('31.02.1990')).toBeUndefined();
    expect(parseDate('1990-2-3')).toBeUndefined();
    expect(parseDate('gestern')).toBeUndefined();
  });
});

describe('readRegisterCsv', () => {
  it('reads a valid file into register entries', () => {
    const result = readRegisterCsv(`${HEADER}\r\n${ROW_1}\r\n${ROW_2}\r\n;;;;;;;;;;;;\r\n`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.records.map((entry) => entry.row)).toEqual([2, 3]);
    expect(result.records[0]!.record).toEqual({
      familyName: 'Krause',
      givenNames: 'Hans Peter',
      usualGivenName: 'Peter',
      birthDate: '1975-02-03',
      placeOfBirth: 'Neuss',
      gender: 'männlich',
      nationalities: ['deutsch'],
      addresses: [
        {
          street: 'Markt',
          houseNumber: '2',
          postalCode: '41460',
          city: 'Neuss',
          kind: 'Hauptwohnung',
          movedInOn: '2000-01-01',
        },
      ],
      previousAddresses: [],
      informationBlock: false,
    });
    const second = result.records[1]!.record;
    expect(second.nationalities).toEqual(['deutsch', 'türkisch']);
    expect(second.informationBlock).toBe(true);
    expect(second.gender).toBe('weiblich');
    expect(second.usualGivenName).toBeUndefined();
    expect(second.addresses[0]!.street).toBe('Krefelder Str.');
  });

  it('accepts the columns in any order and case, only the required ones', () => {
    const text =
      'ort;PLZ;hausnummer;strasse;einzugsdatum;staatsangehörigkeit;geburtsort;geburtsdatum;vornamen;familienname\n' +
      'Neuss;41460;1;Markt;01.01.2001;deutsch;Köln;01.01.1980;Anna;Berg';
    const result = readRegisterCsv(text);
    expect(result.ok && result.records[0]!.record.familyName).toBe('Berg');
  });

  it('names every broken line and field, and imports nothing', () => {
    const text = [
      HEADER,
      ROW_1,
      'Schulz;;;31.02.1990;Neuss;männlich;deutsch;Markt;2;4146;Neuss;01.01.2000;vielleicht',
      'Lang;Eva;Anna;01.01.1990;Neuss;;deutsch;Markt;x;41460;Neuss;01.01.1980;',
    ].join('\n');
    const result = readRegisterCsv(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map(problemText)).toEqual([
      'Zeile 3, Spalte „Vornamen“: Das Feld ist leer; es muss ausgefüllt sein.',
      'Zeile 3, Spalte „Geburtsdatum“: „31.02.1990“ ist kein gültiges Datum (TT.MM.JJJJ oder JJJJ-MM-TT).',
      'Zeile 3, Spalte „Postleitzahl“: „4146“ ist keine Postleitzahl (5 Ziffern).',
      'Zeile 3, Spalte „Auskunftssperre“: „vielleicht“: bitte „ja“ oder „nein“ angeben.',
      'Zeile 4, Spalte „Rufname“: Der Rufname „Anna“ ist keiner der Vornamen.',
      'Zeile 4, Spalte „Hausnummer“: „x“ ist keine Hausnummer (Ziffern, gegebenenfalls mit Buchstaben, z. B. 55a).',
      'Zeile 4, Spalte „Einzugsdatum“: Das Einzugsdatum liegt vor dem Geburtsdatum.',
    ]);
  });

  it('refuses the same person twice in one file', () => {
    const result = readRegisterCsv(`${HEADER}\n${ROW_1}\n${ROW_1.replace('Krause', 'KRAUSE')}`);
    expect(!result.ok && result.problems.map(problemText)).toEqual([
      'Zeile 3: Dieselbe Person steht schon in Zeile 2.',
    ]);
  });

  it('checks the header line', () => {
    const missing = readRegisterCsv('Familienname;Vornamen;Alter\nA;B;3');
    expect(!missing.ok && missing.problems.map(problemText)).toEqual([
      expect.stringMatching(/^Zeile 1: Unbekannte Spalte „Alter“/),
      'Zeile 1: Die Pflichtspalte „Geburtsdatum“ fehlt.',
      'Zeile 1: Die Pflichtspalte „Geburtsort“ fehlt.',
      'Zeile 1: Die Pflichtspalte „Staatsangehörigkeiten“ fehlt.',
      'Zeile 1: Die Pflichtspalte „Straße“ fehlt.',
      'Zeile 1: Die Pflichtspalte „Hausnummer“ fehlt.',
      'Zeile 1: Die Pflichtspalte „Postleitzahl“ fehlt.',
      'Zeile 1: Die Pflichtspalte „Ort“ fehlt.',
      'Zeile 1: Die Pflichtspalte „Einzugsdatum“ fehlt.',
    ]);
    const commas = readRegisterCsv(HEADER.replaceAll(';', ','));
    expect(!commas.ok && commas.problems.at(-1)?.message).toMatch(/nicht durch Semikolon getrennt/);
    const twice = readRegisterCsv(`${HEADER};Ort\n${ROW_1};Neuss`);
    expect(!twice.ok && twice.problems[0]?.message).toBe('Die Spalte „Ort“ kommt zweimal vor.');
  });

  it('refuses empty files, files without persons, too many fields and open quotes', () => {
    expect(readRegisterCsv('')).toEqual({
      ok: false,
      problems: [{ row: 1, message: 'Die Datei ist leer.' }],
    });
    expect(readRegisterCsv(`${HEADER}\n`)).toEqual({
      ok: false,
      problems: [{ row: 2, message: 'Die Datei enthält keine Personen.' }],
    });
    const extra = readRegisterCsv(`${HEADER}\n${ROW_1};zu viel`);
    expect(!extra.ok && extra.problems[0]?.message).toMatch(
      /mehr Felder \(14\) als die Kopfzeile Spalten \(13\)/,
    );
    const open = readRegisterCsv(`${HEADER}\n${ROW_1}\n"Krause;Hans`);
    expect(!open.ok && open.problems[0]).toEqual({
      row: 3,
      message: 'Ein Anführungszeichen wird nicht geschlossen.',
    });
  });

  it(`refuses more than ${CSV_MAX_ROWS} persons`, () => {
    const rows = Array.from({ length: CSV_MAX_ROWS + 1 }, (_, index) => ROW_1.replace('Krause', `K${index}`));
    const result = readRegisterCsv([HEADER, ...rows].join('\n'));
    expect(!result.ok && result.problems[0]?.message).toMatch(/^Höchstens 10000 Personen/);
  });
});
