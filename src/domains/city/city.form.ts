import { z } from 'zod';

const optionalText = (max: number) =>
  z
    .string()
    .max(max, 'tooLong')
    .optional()
    .transform((value) => (value ? value : null));

export const feedbackSchema = z.object({
  message: z.string('required').min(1, 'required').max(5000, 'tooLong'),
  pageUrl: optionalText(500),
  name: optionalText(200),
  email: z
    .union([z.literal(''), z.email('email').max(320, 'tooLong')])
    .optional()
    .transform((value) => (value ? value : null)),
});

/** The city's master data and the texts of the legal pages, edited under /verwaltung/inhalte. */
export const cityFormSchema = z.object({
  name: z.string('required').min(1, 'required').max(120, 'tooLong'),
  authority: z.string('required').min(1, 'required').max(200, 'tooLong'),
  street: z.string('required').min(1, 'required').max(200, 'tooLong'),
  postalCode: z.string('required').regex(/^\d{5}$/, 'invalid'),
  town: z.string('required').min(1, 'required').max(120, 'tooLong'),
  phone: z.string('required').min(3, 'required').max(60, 'tooLong'),
  email: z.email('email'),
  website: z
    .union([z.literal(''), z.url('invalid')])
    .optional()
    .transform((value) => (value ? value : null)),
  hotline115: z.literal('on').optional(),
  // Served only as an image with a sandboxing CSP, never inlined, so a pasted SVG cannot run script.
  logoSvg: z
    .union([
      z.literal(''),
      z
        .string()
        .regex(/^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/, 'invalid')
        .max(100_000, 'tooLong'),
    ])
    .optional()
    .transform((value) => (value ? value : null)),
  imprint_de: z.string('required').min(1, 'required').max(20000, 'tooLong'),
  imprint_en: z.string().max(20000, 'tooLong').optional(),
  privacy_de: z.string('required').min(1, 'required').max(50000, 'tooLong'),
  privacy_en: z.string().max(50000, 'tooLong').optional(),
  accessibility_de: z.string('required').min(1, 'required').max(50000, 'tooLong'),
  accessibility_en: z.string().max(50000, 'tooLong').optional(),
});

export type CityForm = z.infer<typeof cityFormSchema>;
