import { randomUUID } from 'node:crypto';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../app.js';
import { actorOf } from '../../platform/audit/actor.js';
import { formValues } from '../../platform/forms/forms.js';
import { LocalPopulationRegister } from './local-population-register.js';
import {
  BASE,
  IMPORT_PATH,
  type ImportState,
  MelderegisterPage,
  type SearchState,
} from './melderegister.admin.views.js';
import { CSV_MAX_BYTES, parseDate, problemText } from './melderegister.csv.js';

const TEXT_MAX = 200;
/** What the upload field holds when the file was larger than allowed (see onFile below). */
const TOO_LARGE = { tooLarge: true } as const;

/** The search form (GET): both family name and date of birth, first names optional. */
function readSearch(
  query: Record<string, unknown>,
): SearchState & { wanted?: { familyName: string; birthDate: string; givenNames?: string } } {
  const values = formValues(query);
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : '');
  const familyName = text('familienname');
  const birthDateText = text('geburtsdatum');
  const givenNames = text('vornamen');
  if (familyName === '' && birthDateText === '' && givenNames === '') return { values, errors: {} };
  const errors: Record<string, string> = {};
  if (familyName === '') errors.familienname = 'Bitte geben Sie den Familiennamen ein.';
  else if (familyName.length > TEXT_MAX) errors.familienname = 'Der Familienname ist zu lang.';
  const birthDate = parseDate(birthDateText);
  if (birthDateText === '') errors.geburtsdatum = 'Bitte geben Sie das Geburtsdatum ein.';
  else if (!birthDate)
    errors.geburtsdatum =
      'Bitte geben Sie das Geburtsdatum im Format TT.MM.JJJJ ein, zum Beispiel 12.08.1964.';
  if (givenNames.length > TEXT_MAX) errors.vornamen = 'Die Vornamen sind zu lang.';
  if (Object.keys(errors).length > 0) return { values, errors };
  return {
    values,
    errors: {},
    wanted: { familyName, birthDate: birthDate!, ...(givenNames ? { givenNames } : {}) },
  };
}

/**
 * Staff page /verwaltung/melderegister (admin, teamleitung): search the population register by family
 * name and date of birth, and import further residents into the local register from a CSV file.
 */
export async function melderegisterAdminRoutes(app: FastifyInstance, services: Services) {
  const { register } = services;
  const allowed = { preHandler: app.requireStaff('admin', 'teamleitung') };
  const local = register instanceof LocalPopulationRegister ? register : undefined;

  const page = (
    request: FastifyRequest,
    reply: FastifyReply,
    search: SearchState,
    importState?: ImportState,
  ) =>
    reply
      .header('cache-control', 'no-store')
      .page(
        <MelderegisterPage
          ctx={request.pageContext()}
          search={search}
          importState={importState ?? {}}
          importable={local !== undefined}
        />,
      );

  app.get(BASE, allowed, async (request, reply) => {
    const { wanted, ...search } = readSearch(request.query as Record<string, unknown>);
    if (Object.keys(search.errors).length > 0) return page(request, reply.status(422), search);
    if (!wanted) return page(request, reply, search);
    const results = await register.search(wanted);
    // Who looked into the register, and how many persons it showed: never what was searched for.
    await services.vorgaenge.transaction((tx) =>
      services.audit.record(tx, actorOf(request.staff), {
        action: 'melderegister.search',
        entityType: 'melderegister',
        entityId: randomUUID(),
        after: { results: results.length },
      }),
    );
    return page(request, reply, { ...search, results });
  });

  // The CSV upload: multipart only here, in its own scope.
  await app.register(async (upload) => {
    await upload.register(multipart, {
      attachFieldsToBody: 'keyValues',
      throwFileSizeLimit: false,
      limits: { fileSize: CSV_MAX_BYTES, files: 1, fields: 4, parts: 5 },
      // A file over the limit arrives cut off: mark it instead of importing a part of it.
      async onFile(part) {
        const bytes = await part.toBuffer();
        (part as unknown as { value: unknown }).value = part.file.truncated ? TOO_LARGE : bytes;
      },
    });
    upload.post(IMPORT_PATH, allowed, async (request, reply) => {
      const empty: SearchState = { values: {}, errors: {} };
      const refuse = (importState: ImportState) => page(request, reply.status(422), empty, importState);
      if (!local) return refuse({ error: 'Der Import ist nur für das lokale Melderegister möglich.' });
      const file = (request.body as Record<string, unknown> | undefined)?.datei;
      if (file === TOO_LARGE || (typeof file === 'object' && file !== null && 'tooLarge' in file)) {
        return refuse({
          error: `Die Datei ist zu groß (höchstens ${Math.round(CSV_MAX_BYTES / 1024 / 1024)} MB). Nichts wurde übernommen.`,
        });
      }
      if (!Buffer.isBuffer(file) || file.length === 0) {
        return refuse({ error: 'Bitte wählen Sie eine CSV-Datei aus.' });
      }
      const result = await local.importCsv(actorOf(request.staff), file);
      if (!result.ok) {
        const [first] = result.problems;
        const more = result.problems.length - 1;
        return refuse({
          error: `${problemText(first!)}${more > 0 ? ` Dazu ${more} weitere (siehe Liste).` : ''} Nichts wurde übernommen.`,
          problems: result.problems,
        });
      }
      const persons = result.count === 1 ? '1 Person' : `${result.count} Personen`;
      return reply.redirectWithFlash(BASE, `${persons} in das Melderegister übernommen.`);
    });
  });
}
