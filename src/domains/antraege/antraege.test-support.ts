import { z } from 'zod';
import type { Services } from '../../app.js';
import { defineService, type ServiceDefinition, uploadedFiles } from './antraege.definition.js';

/**
 * A service for the engine's own tests only ('testantrag'): a choice, a page only for choice "b", a
 * required file upload (PDF or PNG, at most 1 MB), no fee unless "b". Its submit opens a case for a clerk.
 */
export const TEST_SERVICE = 'testantrag';
export const TEST_FILE_MAX = 1024 * 1024;

const wahlSchema = z.object({ weg: z.enum(['a', 'b'], 'choice') });
const extraSchema = z.object({
  notiz: z.string().min(1, 'required').max(20, 'tooLong'),
  themen: z.array(z.enum(['x', 'y', 'z'], 'choice')).optional(),
});
const nachweisSchema = z.object({
  nachweis: uploadedFiles().min(1, 'required'),
  kommentar: z.string().max(50, 'tooLong').optional(),
});
type TestAnswers = z.infer<typeof wahlSchema> &
  Partial<z.infer<typeof extraSchema>> &
  z.infer<typeof nachweisSchema>;

export function testDefinition(
  submit: ServiceDefinition<TestAnswers>['submit'] = async (ctx) => ({
    kind: 'case',
    case: await ctx.createCase({
      status: 'submitted',
      email: null,
      timeline: { de: 'Test eingegangen.', en: 'Test received.' },
    }),
  }),
): ServiceDefinition {
  return defineService<TestAnswers>({
    key: TEST_SERVICE,
    title: { de: 'Testantrag', en: 'Test application' },
    description: { de: 'Nur für Tests.', en: 'For tests only.' },
    requiredTrustLevel: 'SUBSTANTIELL',
    pages: [
      {
        id: 'wahl',
        title: { de: 'Welcher Weg?', en: 'Which way?' },
        schema: wahlSchema,
        fields: [
          {
            name: 'weg',
            kind: 'radio',
            label: { de: 'Weg', en: 'Way' },
            options: [
              { value: 'a', label: { de: 'Weg A', en: 'Way A' } },
              { value: 'b', label: { de: 'Weg B', en: 'Way B' } },
            ],
          },
        ],
      },
      {
        id: 'extra',
        title: { de: 'Mehr zu Weg B', en: 'More about way B' },
        when: (answers) => answers.weg === 'b',
        schema: extraSchema,
        fields: [
          {
            name: 'notiz',
            kind: 'text',
            label: { de: 'Notiz', en: 'Note' },
            messages: { required: { de: 'Bitte schreiben Sie eine Notiz.', en: 'Please write a note.' } },
          },
          {
            name: 'themen',
            kind: 'checkboxes',
            label: { de: 'Themen', en: 'Topics' },
            optional: true,
            options: [
              { value: 'x', label: { de: 'X', en: 'X' } },
              { value: 'y', label: { de: 'Y', en: 'Y' } },
              { value: 'z', label: { de: 'Z', en: 'Z' } },
            ],
          },
        ],
      },
      {
        id: 'nachweis',
        title: { de: 'Nachweis hochladen', en: 'Upload proof' },
        schema: nachweisSchema,
        fields: [
          {
            name: 'nachweis',
            kind: 'file',
            label: { de: 'Nachweis', en: 'Proof' },
            accept: ['application/pdf', 'image/png'],
            maxBytes: TEST_FILE_MAX,
            messages: {
              required: { de: 'Bitte laden Sie einen Nachweis hoch.', en: 'Please upload a proof.' },
            },
          },
          {
            name: 'kommentar',
            kind: 'textarea',
            optional: true,
            label: { de: 'Kommentar', en: 'Comment' },
            when: (answers) => answers.weg === 'b',
          },
        ],
      },
    ],
    summary: (answers) => [
      { label: { de: 'Weg', en: 'Way' }, value: answers.weg === 'a' ? 'A' : 'B', page: 'wahl' },
      ...(answers.notiz ? [{ label: { de: 'Notiz', en: 'Note' }, value: answers.notiz, page: 'extra' }] : []),
    ],
    payment: (answers) =>
      answers.weg === 'b'
        ? {
            amountCents: 500,
            purpose: 'Testantrag',
            items: [{ reference: 'TEST', description: 'Test', quantity: 1, unitPriceCents: 500 }],
          }
        : null,
    submit,
  });
}

/** A 1×1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
/** The start of a PDF (enough for the content check). */
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
/** A JPEG's magic bytes (SOI, APP0/JFIF). */
export const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF\0', 'latin1'),
  Buffer.alloc(64),
]);

/** Registers the test-only service with the engine and a handler for its cases (clerks just complete them). */
export function registerTestService({
  services,
}: {
  services: Pick<Services, 'antraege' | 'vorgaenge'>;
}): void {
  services.antraege.register(testDefinition());
  services.vorgaenge.registerHandler({
    serviceKey: TEST_SERVICE,
    title: { de: 'Testantrag', en: 'Test application' },
    numberPrefix: 'TA',
    async approve() {
      return { status: 'completed', timeline: { de: 'Erledigt.', en: 'Done.' } };
    },
  });
}
