import type { z } from 'zod';
import type { Lang } from '../i18n/i18n.js';
import { defineMessages } from '../i18n/i18n.js';

/**
 * Form validation: a zod schema gives the runtime check and the TypeScript type. Schemas use message
 * *codes* (e.g. `z.string().min(1, 'required')`); `parseForm` turns them into text in the user's
 * language, keyed by field name, for the error summary and the field messages.
 */
export const validationMessages = defineMessages({
  de: {
    required: 'Bitte füllen Sie dieses Feld aus.',
    tooLong: 'Der Text ist zu lang.',
    email: 'Bitte geben Sie eine gültige E-Mail-Adresse ein, zum Beispiel name@example.de.',
    time: 'Bitte geben Sie eine Uhrzeit im Format HH:MM ein, zum Beispiel 08:30.',
    date: 'Bitte geben Sie ein Datum im Format TT.MM.JJJJ oder JJJJ-MM-TT ein.',
    number: 'Bitte geben Sie eine Zahl ein.',
    positive: 'Bitte geben Sie eine Zahl größer als 0 ein.',
    choice: 'Bitte wählen Sie eine der angebotenen Möglichkeiten.',
    invalid: 'Die Eingabe ist ungültig.',
    passwordShort: 'Das Passwort muss mindestens 12 Zeichen lang sein.',
    username:
      'Der Benutzername darf nur Kleinbuchstaben, Ziffern, Punkt und Bindestrich enthalten (3 bis 40 Zeichen).',
    slug: 'Die Kennung darf nur Kleinbuchstaben, Ziffern und Bindestriche enthalten.',
    money: 'Bitte geben Sie einen Betrag in Euro ein, zum Beispiel 37,00.',
    summaryTitle: 'Es gibt ein Problem',
  },
  en: {
    required: 'Please fill in this field.',
    tooLong: 'The text is too long.',
    email: 'Please enter a valid e-mail address, for example name@example.com.',
    time: 'Please enter a time as HH:MM, for example 08:30.',
    date: 'Please enter a date as DD.MM.YYYY or YYYY-MM-DD.',
    number: 'Please enter a number.',
    positive: 'Please enter a number greater than 0.',
    choice: 'Please choose one of the options offered.',
    invalid: 'The input is not valid.',
    passwordShort: 'The password must be at least 12 characters long.',
    username:
      'The user name may only contain lower-case letters, digits, dots and hyphens (3 to 40 characters).',
    slug: 'The identifier may only contain lower-case letters, digits and hyphens.',
    money: 'Please enter an amount in euros, for example 37.00.',
    summaryTitle: 'There is a problem',
  },
});

export type ValidationCode = Parameters<ReturnType<typeof validationMessages>>[0];

export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; errors: Record<string, string>; values: Record<string, unknown> };

/** Reads a url-encoded body: trims strings (except passwords), keeps arrays (repeated fields) as arrays. */
export function formValues(body: unknown): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  if (!body || typeof body !== 'object') return values;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (key === '_csrf') continue;
    // Passwords are taken as typed: a space may be part of them.
    values[key] = typeof value === 'string' && !/password|passwort/i.test(key) ? value.trim() : value;
  }
  return values;
}

export function parseForm<S extends z.ZodType>(schema: S, body: unknown, lang: Lang): FormResult<z.infer<S>> {
  const values = formValues(body);
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const t = validationMessages(lang);
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.') || 'form';
    if (errors[field]) continue;
    const code = issue.message as ValidationCode;
    // A code we know becomes text; anything else (a zod default) becomes the generic message.
    errors[field] = t(code) !== undefined && /^[a-zA-Z]+$/.test(code) ? t(code) : t('invalid');
  }
  return { ok: false, errors, values };
}

/** Entries for the error summary, in the order the fields appear. */
export function summaryErrors(errors: Record<string, string>): Array<{ field: string; message: string }> {
  return Object.entries(errors).map(([field, message]) => ({ field, message }));
}

/** A checkbox sends "on" or nothing. */
export const checkbox = (value: unknown): boolean => value === 'on' || value === 'true' || value === '1';

/** A repeated field (checkbox group, multi-select) arrives as a string or an array. */
export const asArray = (value: unknown): string[] =>
  value === undefined || value === '' ? [] : Array.isArray(value) ? value.map(String) : [String(value)];
