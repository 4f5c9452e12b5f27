import { describe, expect, test } from 'vitest';
import { loginHref, safeReturnPath } from './eid.paths.js';

describe('safeReturnPath', () => {
  test.each([
    ['/mein-bereich', '/mein-bereich'],
    ['/portal/meldebescheinigung?schritt=2', '/portal/meldebescheinigung?schritt=2'],
    ['/a/../b', '/b'],
  ])('keeps the local path %s', (target, expected) => {
    expect(safeReturnPath(target, '/fallback')).toBe(expected);
  });

  test.each([
    'https://evil.example/',
    '//evil.example/x',
    '/\\evil.example',
    'javascript:alert(1)',
    'mein-bereich',
    '/mit leerzeichen',
    '/zeile\numbruch',
    '/portal/anmelden?weiter=/x',
    '/portal/anmelden/rueckkehr?code=1',
    '/portal/abmelden',
    '/portal/abgemeldet',
    `/${'x'.repeat(2001)}`,
    undefined,
    42,
  ])('replaces %j by the fallback', (target) => {
    expect(safeReturnPath(target, '/fallback')).toBe('/fallback');
    expect(safeReturnPath(target, null)).toBeNull();
  });

  test('loginHref encodes the target', () => {
    expect(loginHref('/mein-bereich?a=1&b=2')).toBe(
      '/portal/anmelden?weiter=%2Fmein-bereich%3Fa%3D1%26b%3D2',
    );
  });
});
