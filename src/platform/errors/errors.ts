import type { LocalizedText } from '../i18n/localized-text.js';

/** A title or message of an error: German only (a string) or in several languages (German required). */
export type ErrorText = string | LocalizedText;

const localized = (text: ErrorText): LocalizedText => (typeof text === 'string' ? { de: text } : text);

/**
 * Expected failures. Each carries an HTTP status and a message safe to show to the user; the error
 * handler renders them (HTML page or RFC 9457 problem+json) and never shows anything else.
 *
 * Title and message may be given in several languages (`{ de, en }`): citizen pages show them in the
 * request's language. `title` and `userMessage` are always the German texts (problem+json, staff pages).
 */
export class AppError extends Error {
  readonly title: string;
  readonly userMessage: string;
  /** The title in every language given (German at least). */
  readonly localizedTitle: LocalizedText;
  /** The message in every language given (German at least). */
  readonly localizedMessage: LocalizedText;

  constructor(
    readonly statusCode: number,
    title: ErrorText,
    userMessage: ErrorText,
    readonly type = 'about:blank',
  ) {
    const message = localized(userMessage);
    super(message.de);
    this.name = new.target.name;
    this.localizedTitle = localized(title);
    this.localizedMessage = message;
    this.title = this.localizedTitle.de;
    this.userMessage = message.de;
  }
}

export class NotFoundError extends AppError {
  constructor(
    userMessage: ErrorText = {
      de: 'Die angeforderte Seite oder Ressource gibt es nicht.',
      en: 'The page or resource you asked for does not exist.',
    },
  ) {
    super(404, { de: 'Nicht gefunden', en: 'Not found' }, userMessage);
  }
}

export class ForbiddenError extends AppError {
  constructor(
    userMessage: ErrorText = {
      de: 'Für diese Aktion fehlt Ihnen die Berechtigung.',
      en: 'You are not allowed to do this.',
    },
  ) {
    super(403, { de: 'Keine Berechtigung', en: 'Access denied' }, userMessage);
  }
}

export class ConflictError extends AppError {
  constructor(userMessage: ErrorText) {
    super(409, { de: 'Konflikt', en: 'Conflict' }, userMessage);
  }
}

export type FieldErrors = Record<string, string>;

/** Invalid input: field-level messages (already in the user's language) for the form or API. */
export class ValidationError extends AppError {
  constructor(
    readonly fieldErrors: FieldErrors,
    userMessage: ErrorText = 'Die Eingaben sind nicht gültig.',
  ) {
    super(422, { de: 'Ungültige Eingabe', en: 'Invalid input' }, userMessage);
  }
}
