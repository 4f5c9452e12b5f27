import { describe, expect, it } from 'vitest';
import { defineMessages, directionOf, negotiateLang } from './i18n.js';

describe('i18n', () => {
  const messages = defineMessages({
    de: { greeting: 'Hallo {name}', plain: 'Text' },
    en: { greeting: 'Hello {name}', plain: 'Text' },
  });

  it('fills parameters in the chosen language', () => {
    expect(messages('en')('greeting', { name: 'Kim' })).toBe('Hello Kim');
    expect(messages('de')('greeting', { name: 'Kim' })).toBe('Hallo Kim');
  });

  it('leaves unknown placeholders visible instead of guessing', () => {
    expect(messages('de')('greeting')).toBe('Hallo {name}');
  });

  it('prefers the cookie, then the browser, then German', () => {
    expect(negotiateLang('en', 'de-DE')).toBe('en');
    expect(negotiateLang(undefined, 'fr-FR,en;q=0.8')).toBe('en');
    expect(negotiateLang('xx', 'fr')).toBe('de');
    expect(negotiateLang(undefined, undefined)).toBe('de');
  });

  it('knows the writing direction', () => {
    expect(directionOf('de')).toBe('ltr');
  });
});
