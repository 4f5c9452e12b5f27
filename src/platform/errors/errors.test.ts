import { describe, expect, it } from 'vitest';
import { errorTexts } from './error.page.js';
import { AppError, ConflictError, NotFoundError, ValidationError } from './errors.js';

describe('typed errors in several languages', () => {
  it('keep German title and message for problem+json, and carry the others', () => {
    const error = new ConflictError({ de: 'Schon vergeben.', en: 'Already taken.' });
    expect(error).toMatchObject({
      statusCode: 409,
      title: 'Konflikt',
      userMessage: 'Schon vergeben.',
      message: 'Schon vergeben.',
      localizedTitle: { de: 'Konflikt', en: 'Conflict' },
      localizedMessage: { de: 'Schon vergeben.', en: 'Already taken.' },
    });
    // German-only texts work as before.
    const plain = new AppError(503, 'Nicht möglich', 'Gerade nicht.');
    expect(plain).toMatchObject({ title: 'Nicht möglich', userMessage: 'Gerade nicht.' });
    expect(plain.localizedMessage).toEqual({ de: 'Gerade nicht.' });
    expect(new ValidationError({ x: 'y' }).userMessage).toBe('Die Eingaben sind nicht gültig.');
    expect(new NotFoundError().localizedMessage.en).toBe(
      'The page or resource you asked for does not exist.',
    );
  });
});

describe('the error page’s texts', () => {
  const conflict = new ConflictError({ de: 'Schon vergeben.', en: 'Already taken.' });

  it('are English on English citizen pages when the error has English', () => {
    expect(errorTexts('en', false, 409, conflict.localizedTitle, conflict.localizedMessage)).toEqual({
      title: 'Conflict',
      detail: 'Already taken.',
    });
    expect(
      errorTexts('en', false, 503, { de: 'Nicht möglich', en: 'Not possible' }, { de: 'Nein.', en: 'No.' }),
    ).toEqual({ title: 'Not possible', detail: 'No.' });
  });

  it('fall back to the general English text, or to the German message where it names the problem', () => {
    expect(errorTexts('en', false, 503, 'Nicht möglich', 'Gerade nicht.')).toEqual({
      title: 'Service unavailable',
      detail: 'This service is not available at the moment. Please try again later.',
    });
    expect(errorTexts('en', false, 409, 'Konflikt', 'Schon vergeben.')).toEqual({
      title: 'Conflict',
      detail: 'Schon vergeben.',
    });
  });

  it('stay German on German pages and on staff pages', () => {
    expect(errorTexts('de', false, 409, conflict.localizedTitle, conflict.localizedMessage)).toEqual({
      title: 'Konflikt',
      detail: 'Schon vergeben.',
    });
    expect(errorTexts('en', true, 409, conflict.localizedTitle, conflict.localizedMessage)).toEqual({
      title: 'Konflikt',
      detail: 'Schon vergeben.',
    });
  });
});
