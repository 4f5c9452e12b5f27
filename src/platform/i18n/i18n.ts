/**
 * Languages and message catalogues. German is the source language; every other language must provide
 * the same keys (the type system checks it) and may be written right-to-left.
 */
export const languages = [
  { code: 'de', name: 'Deutsch', dir: 'ltr' },
  { code: 'en', name: 'English', dir: 'ltr' },
] as const satisfies ReadonlyArray<{ code: string; name: string; dir: 'ltr' | 'rtl' }>;

export type Lang = (typeof languages)[number]['code'];
export const defaultLang: Lang = 'de';

export function isLang(value: unknown): value is Lang {
  return languages.some((language) => language.code === value);
}

export function directionOf(lang: Lang): 'ltr' | 'rtl' {
  return languages.find((language) => language.code === lang)?.dir ?? 'ltr';
}

export type Catalogue<K extends string> = { de: Record<K, string> } & {
  [L in Exclude<Lang, 'de'>]: Record<K, string>;
};
export type Translate<K extends string> = (key: K, params?: Record<string, string | number>) => string;

/** A domain's messages: `const t = messages(lang)`, then `t('title', { name })` fills `{name}`. */
export function defineMessages<K extends string>(catalogue: Catalogue<K>): (lang: Lang) => Translate<K> {
  return (lang) => (key, params) => {
    const template = catalogue[lang][key] ?? catalogue.de[key];
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (match, name: string) =>
      params[name] === undefined ? match : String(params[name]),
    );
  };
}

/** Picks the language from the explicit choice (cookie), else the browser's preference, else German. */
export function negotiateLang(cookieValue: string | undefined, acceptLanguage: string | undefined): Lang {
  if (isLang(cookieValue)) return cookieValue;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const code = part.trim().split(';')[0]?.split('-')[0]?.toLowerCase();
    if (isLang(code)) return code;
  }
  return defaultLang;
}
