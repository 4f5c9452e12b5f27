import { describe, expect, test } from 'vitest';
import { loginHref, safeReturnPath } from './eid.paths.js';

describe('safeReturnPath', () => {
  test.each([
    ['/mein-bereich', '/mein-bereich'],
    ['/portal/meldebescheinigung?schritt=2', '/portal/meldebescheinigung?schritt=2'],
    ['/mein-bereich/antrag?weiter=//x&a=%2e%2e', '/mein-bereich/antrag?weiter=//x&a=%2e%2e'],
    ['/termine/stra%C3%9Fe', '/termine/stra%C3%9Fe'],
    ['/termine/straße', '/termine/stra%C3%9Fe'],
    ['/mein-bereich#abschnitt', '/mein-bereich'],
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
    // Dot segments, in any encoding: normalised they would leave `//evil.com` (another host).
    '/..//evil.com',
    '/.//evil.com',
    '/%2e%2e//evil.com',
    '/%2E%2E//evil.com',
    '/%2e//evil.com',
    '/.%2e//evil.com',
    '/%252e%252e//evil.com',
    '/a/../b',
    '/a/./b',
    '/a/..',
    '/mein-bereich/%2e%2e/%2e%2e//evil.com',
    // Other hosts, schemes and backslashes (browsers read `\` as `/`).
    '\\evil.com',
    '\\\\evil.com',
    '/\\evil.com',
    '/%5cevil.com',
    '/%5C%5Cevil.com',
    'https://evil.com',
    '//evil.com',
    '///evil.com',
    'http:/evil.com',
    // Tab and newline are dropped by URL parsers: `/\t/evil.com` would become `//evil.com`.
    '/\t/evil.com',
    '/\n/evil.com',
    '/\r\n/evil.com',
    '\t//evil.com',
    ' //evil.com',
    '/%09/evil.com',
    '/%0a/evil.com',
    '/a%2f%2fevil.com',
    '/x\u0000',
    '/x\u0085',
    '/%',
    '/portal/%61nmelden',
    undefined,
    42,
  ])('replaces %j by the fallback', (target) => {
    expect(safeReturnPath(target, '/fallback')).toBe('/fallback');
    expect(safeReturnPath(target, null)).toBeNull();
  });

  test('whatever comes in, the result resolves on our own origin (as a browser would read it)', () => {
    const prefixes = ['', '/', '//', '/\\', '\\', '/.', '/..', '/%2e', '/%2e%2e', '/a/..', '/\t', '/%09'];
    const rests = ['/evil.com', '//evil.com', '\\evil.com', '/%2e%2e//evil.com', '/../evil.com', 'evil.com'];
    for (const prefix of prefixes) {
      for (const rest of rests) {
        const result = safeReturnPath(`${prefix}${rest}`, '/fallback');
        expect(result.startsWith('/') && !result.startsWith('//') && !result.includes('\\')).toBe(true);
        expect(new URL(result, 'https://buergeramt.example').origin).toBe('https://buergeramt.example');
      }
    }
  });

  test('loginHref encodes the target', () => {
    expect(loginHref('/mein-bereich?a=1&b=2')).toBe(
      '/portal/anmelden?weiter=%2Fmein-bereich%3Fa%3D1%26b%3D2',
    );
  });
});
