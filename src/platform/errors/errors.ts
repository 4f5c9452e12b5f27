/**
 * Expected failures. Each carries an HTTP status and a message safe to show to the user; the error
 * handler renders them (HTML page or RFC 9457 problem+json) and never shows anything else.
 */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly title: string,
    readonly userMessage: string,
    readonly type = 'about:blank',
  ) {
    super(userMessage);
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  constructor(userMessage = 'Die angeforderte Seite oder Ressource gibt es nicht.') {
    super(404, 'Nicht gefunden', userMessage);
  }
}

export class ForbiddenError extends AppError {
  constructor(userMessage = 'Für diese Aktion fehlt Ihnen die Berechtigung.') {
    super(403, 'Keine Berechtigung', userMessage);
  }
}

export class ConflictError extends AppError {
  constructor(userMessage: string) {
    super(409, 'Konflikt', userMessage);
  }
}

export type FieldErrors = Record<string, string>;

/** Invalid input: field-level messages (already in the user's language) for the form or API. */
export class ValidationError extends AppError {
  constructor(
    readonly fieldErrors: FieldErrors,
    userMessage = 'Die Eingaben sind nicht gültig.',
  ) {
    super(422, 'Ungültige Eingabe', userMessage);
  }
}
