import { z } from 'zod';
import { type Lang, languages } from '../i18n/i18n.js';

/** RFC 9457 problem details, the shape of every API error. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details (application/problem+json)' });

const langCodes = languages.map((language) => language.code) as [Lang, ...Lang[]];

/** `?lang=` of the public API: texts in that language, German when omitted or untranslated. */
export const langQuerySchema = z.object({
  lang: z
    .enum(langCodes)
    .default('de')
    .describe('Language of the texts (German when omitted; missing translations fall back to German)'),
});
