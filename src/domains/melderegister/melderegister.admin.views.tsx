import type { FormState } from '../../platform/forms/field-props.js';
import { fieldProps } from '../../platform/forms/field-props.js';
import {
  Alert,
  Badge,
  Button,
  ButtonGroup,
  FileInput,
  Heading,
  List,
  PostForm,
  Table,
  Text,
  TextInput,
} from '../../platform/views/kern.js';
import type { PageContext } from '../../platform/views/page-context.js';
import { StaffPage } from '../../platform/views/staff-page.js';
import {
  CSV_MAX_BYTES,
  CSV_MAX_ROWS,
  type CsvProblem,
  csvColumns,
  problemText,
} from './melderegister.csv.js';
import { mainResidence } from './melderegister.rules.js';
import type { RegisterRecord } from './population-register.js';

/** Staff page of the population register (German only). */

export const BASE = '/verwaltung/melderegister';
export const IMPORT_PATH = `${BASE}/import`;
/** At most this many problems of an import file are listed (the count is always given). */
const PROBLEMS_SHOWN = 50;

/** '1990-05-17' → '17.05.1990'. */
export function dateText(date: string): string {
  const match = date.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : date;
}

export interface SearchState {
  values: Record<string, unknown>;
  errors: Record<string, string>;
  /** Undefined: no search yet; otherwise the persons found. */
  results?: RegisterRecord[] | undefined;
}

export interface ImportState {
  error?: string | undefined;
  problems?: CsvProblem[] | undefined;
}

function Results({ results }: { results: RegisterRecord[] }) {
  if (results.length === 0) {
    return (
      <Text>Im Melderegister ist keine Person mit diesem Familiennamen und Geburtsdatum eingetragen.</Text>
    );
  }
  return (
    <Table
      caption={results.length === 1 ? '1 Person gefunden' : `${results.length} Personen gefunden`}
      head={['Name', 'Geburtsdatum', 'Geburtsort', 'Hauptwohnung', 'Auskunftssperre']}
      rowHeader
      rows={results.map((record) => {
        const residence = mainResidence(record);
        return [
          `${record.doctoralDegree ? `${record.doctoralDegree} ` : ''}${record.givenNames} ${record.familyName}`,
          dateText(record.birthDate),
          record.placeOfBirth,
          residence
            ? `${residence.street} ${residence.houseNumber}, ${residence.postalCode} ${residence.city}`
            : '–',
          record.informationBlock ? <Badge kind="warning">Auskunftssperre</Badge> : 'keine',
        ];
      })}
    />
  );
}

export function MelderegisterPage({
  ctx,
  search,
  importState = {},
  importable,
}: {
  ctx: PageContext;
  search: SearchState;
  importState?: ImportState;
  /** False when the city's own register is connected: the import writes the local register only. */
  importable: boolean;
}) {
  const searchForm: FormState = { values: search.values, errors: search.errors };
  const summary = { ...search.errors, ...(importState.error ? { datei: importState.error } : {}) };
  const problems = importState.problems ?? [];
  return (
    <StaffPage ctx={ctx} title="Melderegister" errors={summary}>
      <section aria-labelledby="suche">
        <Heading level={2} id="suche">
          Person suchen
        </Heading>
        <form method="get" action={BASE} novalidate>
          <TextInput {...fieldProps(searchForm, 'familienname')} label="Familienname" autocomplete="off" />
          <TextInput
            {...fieldProps(searchForm, 'geburtsdatum')}
            label="Geburtsdatum"
            hint="TT.MM.JJJJ, zum Beispiel 12.08.1964"
            autocomplete="off"
            width="short"
          />
          <TextInput
            {...fieldProps(searchForm, 'vornamen')}
            label="Vornamen"
            optional="optional"
            hint="Die ersten Vornamen genügen."
            autocomplete="off"
          />
          <ButtonGroup>
            <Button variant="secondary">Suchen</Button>
          </ButtonGroup>
        </form>
        {search.results ? <Results results={search.results} /> : null}
      </section>
      <section aria-labelledby="import">
        <Heading level={2} id="import">
          Weitere Einwohnerinnen und Einwohner importieren
        </Heading>
        {importable ? (
          <>
            <Text>
              Eine CSV-Datei, wie Excel sie als „CSV UTF-8 (durch Trennzeichen getrennt)“ speichert: Spalten
              durch Semikolon getrennt, die erste Zeile nennt die Spalten (Reihenfolge beliebig), danach eine
              Person je Zeile mit ihrer Hauptwohnung. Höchstens {CSV_MAX_ROWS.toLocaleString('de-DE')}{' '}
              Personen und {Math.round(CSV_MAX_BYTES / 1024 / 1024)} MB je Datei. Alle Zeilen werden zuerst
              geprüft; ist eine fehlerhaft, wird nichts übernommen.
            </Text>
            <List
              items={csvColumns.map((column) => (
                <>
                  {column.header}
                  {column.required ? ' (Pflicht)' : ''}
                  {columnHints[column.header] ? `: ${columnHints[column.header]}` : ''}
                </>
              ))}
            />
            {problems.length > 0 ? (
              <Alert kind="danger" title={`Nichts übernommen: ${problemCount(problems)}`}>
                <List items={problems.slice(0, PROBLEMS_SHOWN).map(problemText)} />
                {problems.length > PROBLEMS_SHOWN ? (
                  <Text>und {problems.length - PROBLEMS_SHOWN} weitere.</Text>
                ) : null}
              </Alert>
            ) : null}
            <PostForm action={IMPORT_PATH} token={ctx.csrf()} multipart>
              <FileInput
                name="datei"
                label="CSV-Datei"
                accept=".csv,text/csv,text/plain"
                error={importState.error}
              />
              <ButtonGroup>
                <Button>Importieren</Button>
              </ButtonGroup>
            </PostForm>
          </>
        ) : (
          <Text>
            Das Melderegister der Stadt ist angebunden; neue Einwohnerinnen und Einwohner werden dort erfasst,
            nicht hier.
          </Text>
        )}
      </section>
    </StaffPage>
  );
}

const columnHints: Record<string, string> = {
  Vornamen: 'alle, durch Leerzeichen getrennt',
  Rufname: 'einer der Vornamen',
  Geburtsdatum: 'TT.MM.JJJJ oder JJJJ-MM-TT',
  Geschlecht: 'männlich, weiblich, divers oder ohne Angabe',
  Staatsangehörigkeiten: 'mehrere durch Komma getrennt, z. B. deutsch, türkisch',
  Hausnummer: 'mit Buchstabe, z. B. 55a',
  Postleitzahl: '5 Ziffern',
  Einzugsdatum: 'Einzug in die Hauptwohnung, TT.MM.JJJJ oder JJJJ-MM-TT',
  Auskunftssperre: 'ja oder nein (leer: nein)',
};

export function problemCount(problems: CsvProblem[]): string {
  const rows = [...new Set(problems.map((problem) => problem.row))];
  const count = problems.length === 1 ? '1 Fehler' : `${problems.length} Fehler`;
  return rows.length === 1 ? `${count} in Zeile ${rows[0]}` : `${count} in ${rows.length} Zeilen`;
}
