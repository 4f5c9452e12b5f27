import { z } from 'zod';
import { type FormResult, formValues, parseForm } from '../../platform/forms/forms.js';
import type { Lang } from '../../platform/i18n/i18n.js';
import { staffRoles } from './staff.tables.js';

/** Minimum password length for staff accounts (BSI / OWASP: length beats composition rules). */
export const PASSWORD_MIN_LENGTH = 12;
const PASSWORD_MAX_LENGTH = 200;

export const passwordMismatchMessage = 'Die beiden Passwörter stimmen nicht überein.';
export const usernameTakenMessage =
  'Dieser Benutzername ist bereits vergeben (auch stillgelegte Konten behalten ihren Namen).';

const requiredText = (max: number) =>
  z.string({ error: 'required' }).trim().min(1, 'required').max(max, 'tooLong');

const optionalEmail = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : null))
  .pipe(z.union([z.null(), z.email('email').max(254, 'tooLong')]));

const role = z.enum(staffRoles, { error: 'choice' });

const password = z
  .string({ error: 'required' })
  .min(1, 'required')
  .min(PASSWORD_MIN_LENGTH, 'passwordShort')
  .max(PASSWORD_MAX_LENGTH, 'tooLong');

export const loginSchema = z.object({
  username: requiredText(200),
  password: z.string({ error: 'required' }).min(1, 'required').max(1000, 'tooLong'),
  weiter: z.string().optional(),
});
export type LoginInput = z.infer<typeof loginSchema>;

export const userDetailsSchema = z.object({
  displayName: requiredText(100),
  email: optionalEmail,
  role,
});
export type UserDetailsInput = z.infer<typeof userDetailsSchema>;

export const newUserSchema = userDetailsSchema.extend({
  username: z
    .string({ error: 'required' })
    .trim()
    .toLowerCase()
    .min(1, 'required')
    .regex(/^[a-z0-9][a-z0-9.-]{2,39}$/, 'username'),
  password,
  passwordRepeat: z.string().optional(),
});
export type NewUserInput = z.infer<typeof newUserSchema>;

export const passwordResetSchema = z.object({
  password,
  passwordRepeat: z.string().optional(),
});
export type PasswordResetInput = z.infer<typeof passwordResetSchema>;

/** Adds the "repeat the password" check that zod message codes cannot express. */
function withRepeatedPassword<T extends { password: string; passwordRepeat?: string | undefined }>(
  result: FormResult<T>,
  body: unknown,
): FormResult<T> {
  const values = formValues(body);
  const repeat = typeof values.passwordRepeat === 'string' ? values.passwordRepeat : '';
  const given = typeof values.password === 'string' ? values.password : '';
  if (result.ok) {
    if (result.data.password === repeat) return result;
    return { ok: false, errors: { passwordRepeat: passwordMismatchMessage }, values };
  }
  if (given.length >= PASSWORD_MIN_LENGTH && !result.errors.password && given !== repeat) {
    return { ...result, errors: { ...result.errors, passwordRepeat: passwordMismatchMessage } };
  }
  return result;
}

export function parseNewUser(body: unknown, lang: Lang): FormResult<NewUserInput> {
  return withRepeatedPassword(parseForm(newUserSchema, body, lang), body);
}

export function parsePasswordReset(body: unknown, lang: Lang): FormResult<PasswordResetInput> {
  return withRepeatedPassword(parseForm(passwordResetSchema, body, lang), body);
}

function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/**
 * A `?weiter=` target after log-in: only a local path (never `//host`, a scheme or backslashes),
 * otherwise the staff overview.
 */
export function safeTarget(target: unknown): string {
  const fallback = '/verwaltung';
  if (typeof target !== 'string' || target.length > 2000) return fallback;
  if (
    !target.startsWith('/') ||
    target.startsWith('//') ||
    /[\\\s]/.test(target) ||
    hasControlCharacter(target)
  )
    return fallback;
  try {
    const url = new URL(target, 'http://localhost');
    if (url.origin !== 'http://localhost') return fallback;
    if (url.pathname.startsWith('/verwaltung/anmelden') || url.pathname.startsWith('/verwaltung/abmelden')) {
      return fallback;
    }
    return `${url.pathname}${url.search}`;
  } catch {
    return fallback;
  }
}
