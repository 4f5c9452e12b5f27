import type { FastifyInstance } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import type { CitizenIdentity } from '../../platform/eid/citizen.js';
import { ValidationError } from '../../platform/errors/errors.js';
import { RadioGroup } from '../../platform/views/kern.js';
import type { CaseHandler, CaseRecord } from './case-handlers.js';
import type { CreateCaseInput } from './vorgaenge.service.js';

/** Test data and a test app for the cases domain. */

export const erika: CitizenIdentity = {
  subject: 'test-subject-erika',
  givenNames: 'Erika',
  familyName: 'Mustermann',
  birthDate: '1964-08-12',
  placeOfBirth: 'Berlin',
  address: { street: 'Heidestraße', houseNumber: '17', postalCode: '41460', city: 'Neuss' },
  trustLevel: 'HOCH',
};

export const john: CitizenIdentity = {
  subject: 'test-subject-john',
  givenNames: 'John',
  familyName: 'Doe',
  birthDate: '1990-01-02',
  placeOfBirth: 'Dublin',
  address: { street: 'Markt', houseNumber: '2', postalCode: '41460', city: 'Neuss' },
  trustLevel: 'SUBSTANTIELL',
};

export const citizens = { erika, john };
export type CitizenKey = keyof typeof citizens;
/** The request header with which the tests say who is logged in with the eID. */
export const CITIZEN_HEADER = 'x-test-citizen';

export const PDF_BODY = (record: CaseRecord) => new TextEncoder().encode(`%PDF-1.7 test ${record.number}`);

/**
 * A service of the tests ('test', numbers "TE-…"): the clerk chooses a register person in the panel
 * ('p1' completes with a downloadable file, 'paper' needs printing); without a choice the handler
 * refuses (ValidationError), and 'boom' writes through the transaction before refusing (so a test can
 * see that the write is rolled back).
 */
export function testHandler(
  record: (tx: Parameters<CaseHandler['approve']>[1]) => Promise<void>,
): CaseHandler {
  return {
    serviceKey: 'test',
    title: { de: 'Testleistung', en: 'Test service' },
    numberPrefix: 'TE',
    startUrl: '/portal/antraege/test',
    finishLabel: 'Gedruckt und versandt',
    async approve({ case: caseRecord, form }, tx) {
      if (form.choice === 'boom') {
        await record(tx);
        throw new ValidationError({ choice: 'Diese Person passt nicht.' });
      }
      if (form.choice !== 'p1' && form.choice !== 'paper') {
        throw new ValidationError({ choice: 'Bitte wählen Sie die Person im Melderegister aus.' });
      }
      return form.choice === 'paper'
        ? {
            status: 'approved',
            data: { personId: 'p1', paper: true },
            timeline: { de: 'Genehmigt; die Bescheinigung wird gedruckt.', en: 'Approved; being printed.' },
          }
        : {
            status: 'completed',
            data: { personId: 'p1', certificate: `cert-${caseRecord.number}` },
            timeline: { de: 'Bescheinigung ausgestellt.', en: 'Certificate issued.' },
          };
    },
    async downloads(caseRecord) {
      return caseRecord.data.certificate
        ? [
            {
              id: 'bescheinigung',
              label: { de: 'Bescheinigung', en: 'Certificate' },
              filename: 'Meldebescheinigung Ö.pdf',
            },
          ]
        : [];
    },
    async download(caseRecord, id) {
      return id === 'bescheinigung' && caseRecord.data.certificate
        ? { body: PDF_BODY(caseRecord), contentType: 'application/pdf' }
        : undefined;
    },
    async staffPanel() {
      return (
        <RadioGroup
          name="choice"
          legend="Person im Melderegister"
          options={[
            { value: 'p1', label: 'Erika Mustermann, geb. 12.08.1964 (elektronisch)' },
            { value: 'paper', label: 'Erika Mustermann, geb. 12.08.1964 (Papier)' },
          ]}
        />
      );
    },
  };
}

export const caseInput = (overrides: Partial<CreateCaseInput> = {}): CreateCaseInput => ({
  serviceKey: 'test',
  status: 'submitted',
  subject: erika.subject,
  applicantName: 'Erika Mustermann',
  email: 'erika@example.org',
  lang: 'de',
  answers: { purpose: 'Wohnungsbewerbung', extended: true, deliveryMethod: 'download' },
  identity: { ...erika },
  reviewReason: 'mismatch',
  timeline: { de: 'Antrag eingegangen.', en: 'Application received.' },
  ...overrides,
});

/**
 * The app with the test handler registered and a citizen "logged in" by the test header (the eID
 * plugin's requireCitizen does the checking as in production).
 */
export async function createVorgaengeTestApp(options: { now?: () => Date } = {}): Promise<TestApp> {
  return createTestApp({
    ...(options.now ? { now: options.now } : {}),
    setup: ({ app, services }) => {
      const { audit } = services;
      services.vorgaenge.registerHandler(
        testHandler((tx) =>
          audit.record(
            tx,
            { id: null, name: 'Test' },
            { action: 'test.boom', entityType: 'test', entityId: 'x' },
          ),
        ),
      );
      simulateCitizen(app);
    },
  });
}

/**
 * The eID plugin fills `request.citizen` from the session in its onRequest hook (and requireCitizen
 * reuses that answer); this hook, added after it, replaces the answer by the citizen the test names.
 */
function simulateCitizen(app: FastifyInstance) {
  app.addHook('onRequest', async (request) => {
    const key = request.headers[CITIZEN_HEADER];
    if (typeof key === 'string' && key in citizens) request.citizen = citizens[key as CitizenKey];
  });
}
