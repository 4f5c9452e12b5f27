import { describe, expect, it } from 'vitest';
import { parseNewUser, parsePasswordReset, passwordMismatchMessage, safeTarget } from './staff.form.js';

describe('safeTarget', () => {
  it('keeps local paths with their query', () => {
    expect(safeTarget('/verwaltung/benutzer')).toBe('/verwaltung/benutzer');
    expect(safeTarget('/verwaltung/protokoll?typ=staff&seite=2')).toBe(
      '/verwaltung/protokoll?typ=staff&seite=2',
    );
  });

  it.each([
    undefined,
    '',
    'verwaltung',
    'https://evil.example/',
    '//evil.example/verwaltung',
    '/\\evil.example',
    '/verwaltung\n/x',
    'javascript:alert(1)',
    '/verwaltung/anmelden',
    '/verwaltung/abmelden',
    `/${'x'.repeat(3000)}`,
  ])('falls back to the overview for %j', (target) => {
    expect(safeTarget(target)).toBe('/verwaltung');
  });
});

describe('parseNewUser', () => {
  const valid = {
    username: 'M.Muster',
    displayName: 'Maria Muster',
    email: '',
    role: 'teamleitung',
    password: 'ein langes passwort',
    passwordRepeat: 'ein langes passwort',
    _csrf: 'token',
  };

  it('accepts valid input, lower-cases the user name and turns an empty e-mail into null', () => {
    const result = parseNewUser(valid, 'de');
    expect(result).toMatchObject({
      ok: true,
      data: { username: 'm.muster', displayName: 'Maria Muster', email: null, role: 'teamleitung' },
    });
  });

  it('reports each invalid field in German', () => {
    const result = parseNewUser(
      {
        username: 'a',
        displayName: '',
        email: 'kein-at',
        role: 'chef',
        password: 'kurz',
        passwordRepeat: 'kurz',
      },
      'de',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      username: expect.stringContaining('Kleinbuchstaben'),
      displayName: 'Bitte füllen Sie dieses Feld aus.',
      email: expect.stringContaining('gültige E-Mail-Adresse'),
      role: 'Bitte wählen Sie eine der angebotenen Möglichkeiten.',
      password: 'Das Passwort muss mindestens 12 Zeichen lang sein.',
    });
    expect(result.values).not.toHaveProperty('_csrf');
  });

  it('requires the repeated password to match', () => {
    const result = parseNewUser({ ...valid, passwordRepeat: 'ein anderes passwort' }, 'de');
    expect(result).toMatchObject({ ok: false, errors: { passwordRepeat: passwordMismatchMessage } });
    const alsoInvalid = parseNewUser({ ...valid, displayName: '', passwordRepeat: 'x' }, 'de');
    expect(alsoInvalid).toMatchObject({
      ok: false,
      errors: { displayName: expect.any(String), passwordRepeat: passwordMismatchMessage },
    });
  });
});

describe('parsePasswordReset', () => {
  it('needs at least 12 characters', () => {
    expect(parsePasswordReset({ password: '', passwordRepeat: '' }, 'de')).toMatchObject({
      ok: false,
      errors: { password: 'Bitte füllen Sie dieses Feld aus.' },
    });
    expect(
      parsePasswordReset({ password: '12345678901', passwordRepeat: '12345678901' }, 'de'),
    ).toMatchObject({
      ok: false,
      errors: { password: 'Das Passwort muss mindestens 12 Zeichen lang sein.' },
    });
    expect(
      parsePasswordReset({ password: '123456789012', passwordRepeat: '123456789012' }, 'de'),
    ).toMatchObject({
      ok: true,
    });
  });
});
