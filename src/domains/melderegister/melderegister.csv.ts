import { isValidDate } from '../../platform/time/berlin-time.js';
import type { NewRegisterRecord } from './melderegister.repository.js';
import {
  familyNameKey,
  normaliseHouseNumber,
  normaliseName,
  normaliseStreet,
  normaliseText,
} from './melderegister.rules.js';
import type { RegisterRecord } from './population-register.js';

/**
 * The CSV import of the local population register (staff page /verwaltung/melderegister).
 *
 * Format, as German Excel writes "CSV UTF-8 (durch Trennzeichen getrennt)": UTF-8 with or without BOM,
 * fields separated by semicolons, fields with a semicolon, quote or line break in double quotes (a quote
 * inside doubled), lines ending in CRLF or LF. The first line names the columns (any order, upper or
 * lower case); one person per further line; empty lines are skipped. Columns (* = required):
 *
 *   Familienname*, Vornamen* (all, separated by spaces), Rufname (one of the first names), Doktorgrad,
 *   Geburtsname, Geburtsdatum* (TT.MM.JJJJ or JJJJ-MM-TT), Geburtsort*, Geschlecht (männlich, weiblich,
 *   divers, ohne Angabe), Staatsangehörigkeiten* (several separated by commas), Familienstand,
 *   Religion, Straße*, Hausnummer* (with letter suffix, e.g. 55a), Postleitzahl* (5 digits), Ort*,
 *   Einzugsdatum* (TT.MM.JJJJ or JJJJ-MM-TT), Auskunftssperre (ja/nein, empty = nein).
 *
 * The address is the main residence (Hauptwohnung). Every line is checked before anything is imported;
 * one faulty line stops the whole import.
 */

export const CSV_MAX_BYTES = 2 * 1024 * 1024;
export const CSV_MAX_ROWS = 10_000;
const TEXT_MAX = 200;

type Field =
  | 'familyName'
  | 'givenNames'
  | 'usualGivenName'
  | 'doctoralDegree'
  | 'birthName'
  | 'birthDate'
  | 'placeOfBirth'
  | 'gender'
  | 'nationalities'
  | 'maritalStatus'
  | 'religion'
  | 'street'
  | 'houseNumber'
  | 'postalCode'
  | 'city'
  | 'movedInOn'
  | 'informationBlock';

interface Column {
  field: Field;
  header: string;
  required: boolean;
  /** Further spellings accepted in the header line (lower case). */
  aliases?: string[];
}

export const csvColumns: Column[] = [
  { field: 'familyName', header: 'Familienname', required: true, aliases: ['nachname', 'name'] },
  { field: 'givenNames', header: 'Vornamen', required: true, aliases: ['vorname'] },
  { field: 'usualGivenName', header: 'Rufname', required: false },
  { field: 'doctoralDegree', header: 'Doktorgrad', required: false },
  { field: 'birthName', header: 'Geburtsname', required: false },
  { field: 'birthDate', header: 'Geburtsdatum', required: true },
  { field: 'placeOfBirth', header: 'Geburtsort', required: true },
  { field: 'gender', header: 'Geschlecht', required: false },
  {
    field: 'nationalities',
    header: 'Staatsangehörigkeiten',
    required: true,
    aliases: ['staatsangehörigkeit', 'staatsangehoerigkeiten', 'staatsangehoerigkeit'],
  },
  { field: 'maritalStatus', header: 'Familienstand', required: false },
  { field: 'religion', header: 'Religion', required: false },
  { field: 'street', header: 'Straße', required: true, aliases: ['strasse'] },
  { field: 'houseNumber', header: 'Hausnummer', required: true, aliases: ['hausnr.', 'hausnr'] },
  { field: 'postalCode', header: 'Postleitzahl', required: true, aliases: ['plz'] },
  { field: 'city', header: 'Ort', required: true, aliases: ['wohnort'] },
  { field: 'movedInOn', header: 'Einzugsdatum', required: true },
  { field: 'informationBlock', header: 'Auskunftssperre', required: false },
];

/** One problem of the file: the line (1 = header line) and the column it is in, if any. */
export interface CsvProblem {
  row: number;
  column?: string;
  message: string;
}

export function problemText(problem: CsvProblem): string {
  const where = problem.column ? `Zeile ${problem.row}, Spalte „${problem.column}“` : `Zeile ${problem.row}`;
  return `${where}: ${problem.message}`;
}

/** A file as text: UTF-8 (a BOM is dropped); undefined when the bytes are not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Splits CSV text into lines of fields (RFC 4180 with `delimiter`): quoted fields may contain the
 * delimiter, doubled quotes and line breaks. Each line keeps the number of its first physical line.
 * Throws a CsvSyntaxError for a quote left open.
 */
export function parseCsv(text: string, delimiter = ';'): Array<{ row: number; cells: string[] }> {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines: Array<{ row: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let physical = 1;
  let lineStart = 1;
  let quoteOpenedAt = 0;
  for (let index = 0; index < source.length; index++) {
    const char = source[index]!;
    if (quoted) {
      if (char === '"') {
        if (source[index + 1] === '"') {
          cell += '"';
          index++;
        } else {
          quoted = false;
        }
      } else {
        if (char === '\n') physical++;
        cell += char;
      }
      continue;
    }
    if (char === '"' && cell === '') {
      quoted = true;
      quoteOpenedAt = physical;
    } else if (char === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[index + 1] === '\n') index++;
      cells.push(cell);
      lines.push({ row: lineStart, cells });
      cells = [];
      cell = '';
      physical++;
      lineStart = physical;
    } else {
      cell += char;
    }
  }
  if (quoted) throw new CsvSyntaxError(quoteOpenedAt);
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    lines.push({ row: lineStart, cells });
  }
  return lines;
}

export class CsvSyntaxError extends Error {
  constructor(readonly row: number) {
    super(`Zeile ${row}: Ein Anführungszeichen wird nicht geschlossen.`);
    this.name = 'CsvSyntaxError';
  }
}

const headerKey = (value: string) => normaliseText(value).toLowerCase();

function columnFor(header: string): Column | undefined {
  const key = headerKey(header);
  return csvColumns.find(
    (column) => headerKey(column.header) === key || (column.aliases ?? []).includes(key),
  );
}

/** 'TT.MM.JJJJ' (also 'T.M.JJJJ') or 'JJJJ-MM-TT' → 'JJJJ-MM-TT' when it is a real date. */
export function parseDate(value: string): string | undefined {
  const german = value.match(/^(\d{1,2})\.(\d{1,2})\.(\d{4})$/);
  const iso = german ? `${german[3]}-${german[2]!.padStart(2, '0')}-${german[1]!.padStart(2, '0')}` : value;
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) && isValidDate(iso) ? iso : undefined;
}

const genders: Record<string, NonNullable<RegisterRecord['gender']>> = {
  männlich: 'männlich',
  m: 'männlich',
  weiblich: 'weiblich',
  w: 'weiblich',
  divers: 'divers',
  d: 'divers',
  'ohne angabe': 'ohne Angabe',
  x: 'ohne Angabe',
};

const yes = new Set(['ja', 'j', 'x', '1', 'wahr']);
const no = new Set(['', 'nein', 'n', '0', 'falsch']);

/** What makes two entries the same person for the identity rule (name, first names, birth, address). */
export function identityKey(record: NewRegisterRecord): string {
  const main = record.addresses.find((address) => address.kind === 'Hauptwohnung');
  return JSON.stringify([
    familyNameKey(record.familyName),
    normaliseName(record.givenNames),
    record.birthDate,
    main ? normaliseStreet(main.street) : '',
    main ? normaliseHouseNumber(main.houseNumber) : '',
    main ? normaliseText(main.postalCode) : '',
    main ? normaliseText(main.city) : '',
  ]);
}

export type CsvImport =
  | { ok: true; records: Array<{ row: number; record: NewRegisterRecord }> }
  | { ok: false; problems: CsvProblem[] };

/**
 * Reads and checks a whole import file. Either every line is a valid entry (`records`, with their line
 * numbers), or `problems` lists every problem found (all lines are checked, not just up to the first).
 */
export function readRegisterCsv(text: string): CsvImport {
  let lines: Array<{ row: number; cells: string[] }>;
  try {
    lines = parseCsv(text).filter((line) => line.cells.some((cell) => cell.trim() !== ''));
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      return {
        ok: false,
        problems: [{ row: error.row, message: 'Ein Anführungszeichen wird nicht geschlossen.' }],
      };
    }
    throw error;
  }
  const [header, ...rows] = lines;
  if (!header) return { ok: false, problems: [{ row: 1, message: 'Die Datei ist leer.' }] };

  const problems: CsvProblem[] = [];
  const columns: Array<Column | undefined> = header.cells.map((cell) => columnFor(cell));
  header.cells.forEach((cell, index) => {
    if (cell.trim() === '' && index === header.cells.length - 1) return; // a trailing semicolon
    if (!columns[index]) {
      problems.push({
        row: header.row,
        message: `Unbekannte Spalte „${normaliseText(cell)}“. Erlaubt sind: ${csvColumns.map((column) => column.header).join(', ')}.`,
      });
    } else if (columns.indexOf(columns[index]) !== index) {
      problems.push({
        row: header.row,
        message: `Die Spalte „${columns[index]!.header}“ kommt zweimal vor.`,
      });
    }
  });
  for (const column of csvColumns) {
    if (column.required && !columns.includes(column)) {
      problems.push({ row: header.row, message: `Die Pflichtspalte „${column.header}“ fehlt.` });
    }
  }
  if (header.cells.length === 1 && header.cells[0]!.includes(',')) {
    problems.push({
      row: header.row,
      message:
        'Die Spalten sind nicht durch Semikolon getrennt. Bitte speichern Sie die Datei als „CSV UTF-8 (durch Trennzeichen getrennt)“.',
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  if (rows.length === 0)
    return { ok: false, problems: [{ row: header.row + 1, message: 'Die Datei enthält keine Personen.' }] };
  if (rows.length > CSV_MAX_ROWS) {
    return {
      ok: false,
      problems: [
        {
          row: header.row,
          message: `Höchstens ${CSV_MAX_ROWS} Personen je Datei (diese enthält ${rows.length}).`,
        },
      ],
    };
  }

  const records: Array<{ row: number; record: NewRegisterRecord }> = [];
  const seen = new Map<string, number>();
  for (const line of rows) {
    const result = readRow(line.row, line.cells, columns);
    if (!result.ok) {
      problems.push(...result.problems);
      continue;
    }
    const key = identityKey(result.record);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push({ row: line.row, message: `Dieselbe Person steht schon in Zeile ${earlier}.` });
      continue;
    }
    seen.set(key, line.row);
    records.push({ row: line.row, record: result.record });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, records };
}

function readRow(
  row: number,
  cells: string[],
  columns: Array<Column | undefined>,
): { ok: true; record: NewRegisterRecord } | { ok: false; problems: CsvProblem[] } {
  const problems: CsvProblem[] = [];
  const extra = cells.slice(columns.length).filter((cell) => cell.trim() !== '');
  if (extra.length > 0) {
    return {
      ok: false,
      problems: [
        {
          row,
          message: `Die Zeile hat mehr Felder (${cells.length}) als die Kopfzeile Spalten (${columns.length}).`,
        },
      ],
    };
  }
  const raw = new Map<Field, string>();
  columns.forEach((column, index) => {
    if (column) raw.set(column.field, normaliseText(cells[index] ?? ''));
  });
  const headerOf = (field: Field) => csvColumns.find((column) => column.field === field)!.header;
  const problem = (field: Field, message: string) => problems.push({ row, column: headerOf(field), message });

  const text = (field: Field): string | undefined => {
    const value = raw.get(field) ?? '';
    const column = csvColumns.find((candidate) => candidate.field === field)!;
    if (value === '') {
      if (column.required) problem(field, 'Das Feld ist leer; es muss ausgefüllt sein.');
      return undefined;
    }
    if (value.length > TEXT_MAX) {
      problem(field, `Der Text ist zu lang (höchstens ${TEXT_MAX} Zeichen).`);
      return undefined;
    }
    return value;
  };
  const date = (field: Field): string | undefined => {
    const value = text(field);
    if (value === undefined) return undefined;
    const parsed = parseDate(value);
    if (!parsed) problem(field, `„${value}“ ist kein gültiges Datum (TT.MM.JJJJ oder JJJJ-MM-TT).`);
    return parsed;
  };

  const familyName = text('familyName');
  const givenNames = text('givenNames');
  const usualGivenName = text('usualGivenName');
  if (
    givenNames &&
    usualGivenName &&
    !normaliseName(givenNames).split(' ').includes(normaliseName(usualGivenName))
  ) {
    problem('usualGivenName', `Der Rufname „${usualGivenName}“ ist keiner der Vornamen.`);
  }
  const doctoralDegree = text('doctoralDegree');
  const birthName = text('birthName');
  const birthDate = date('birthDate');
  const placeOfBirth = text('placeOfBirth');
  const genderText = text('gender');
  const gender = genderText === undefined ? undefined : genders[genderText.toLowerCase()];
  if (genderText !== undefined && !gender) {
    problem(
      'gender',
      `„${genderText}“ ist keine Angabe des Geschlechts (männlich, weiblich, divers, ohne Angabe).`,
    );
  }
  const nationalities = (text('nationalities') ?? '')
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean);
  const maritalStatus = text('maritalStatus');
  const religion = text('religion');
  const street = text('street');
  const houseNumber = text('houseNumber');
  if (houseNumber && !/^\d[\dA-Za-z\s/-]{0,19}$/.test(houseNumber)) {
    problem(
      'houseNumber',
      `„${houseNumber}“ ist keine Hausnummer (Ziffern, gegebenenfalls mit Buchstaben, z. B. 55a).`,
    );
  }
  const postalCode = text('postalCode');
  if (postalCode && !/^\d{5}$/.test(postalCode)) {
    problem('postalCode', `„${postalCode}“ ist keine Postleitzahl (5 Ziffern).`);
  }
  const city = text('city');
  const movedInOn = date('movedInOn');
  if (birthDate && movedInOn && movedInOn < birthDate) {
    problem('movedInOn', 'Das Einzugsdatum liegt vor dem Geburtsdatum.');
  }
  const blockText = (raw.get('informationBlock') ?? '').toLowerCase();
  if (!yes.has(blockText) && !no.has(blockText)) {
    problem('informationBlock', `„${raw.get('informationBlock')}“: bitte „ja“ oder „nein“ angeben.`);
  }

  if (problems.length > 0) return { ok: false, problems };
  const record: NewRegisterRecord = {
    familyName: familyName!,
    givenNames: givenNames!,
    birthDate: birthDate!,
    placeOfBirth: placeOfBirth!,
    nationalities,
    addresses: [
      {
        street: street!,
        houseNumber: houseNumber!,
        postalCode: postalCode!,
        city: city!,
        kind: 'Hauptwohnung',
        movedInOn: movedInOn!,
      },
    ],
    previousAddresses: [],
    informationBlock: yes.has(blockText),
    ...(usualGivenName ? { usualGivenName } : {}),
    ...(doctoralDegree ? { doctoralDegree } : {}),
    ...(birthName ? { birthName } : {}),
    ...(gender ? { gender } : {}),
    ...(maritalStatus ? { maritalStatus } : {}),
    ...(religion ? { religion } : {}),
  };
  return { ok: true, record };
}
