import type { LocalizedText } from '../../platform/i18n/localized-text.js';

/**
 * Search text is normalised the same way for the stored column and the query, so "Führungszeugnis",
 * "fuehrungszeugnis" and "FUHRUNGSZEUGNIS" meet; trigram similarity then absorbs typos.
 */
export function normalizeSearch(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function buildSearchText(leistung: {
  name: LocalizedText;
  shortDescription: LocalizedText;
  keywords: string[];
}): string {
  const parts = [
    ...Object.values(leistung.name),
    ...leistung.keywords,
    ...Object.values(leistung.shortDescription),
  ].filter((part): part is string => typeof part === 'string');
  return normalizeSearch(parts.join(' '));
}

/** Ids that would collide with fixed routes under /leistungen and /verwaltung/leistungen. */
const reservedIds = new Set(['neu', 'suche']);

/** A readable, URL-safe id from the German name: "Führungszeugnis beantragen" → "fuehrungszeugnis-beantragen". */
export function slugify(name: string): string {
  const slug = normalizeSearch(name).replace(/ /g, '-').slice(0, 60).replace(/-+$/, '');
  return slug || 'leistung';
}

/** The first free id: the slug itself, else slug-2, slug-3 … (retired services keep their ids). */
export function uniqueSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base) && !reservedIds.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** An amount in cents as money in the reader's language: "37,00 €" (de) or "€37.00" (en). */
export function formatEuro(amountCents: number, lang: string): string {
  return new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', {
    style: 'currency',
    currency: 'EUR',
  }).format(amountCents / 100);
}

/** Cents as the admin form shows them: 3700 → "37,00". */
export function formatAmountInput(amountCents: number): string {
  return (amountCents / 100).toFixed(2).replace('.', ',');
}

/**
 * Reads an amount in euros as staff type it: "37", "37,5", "37,00", "37.00", "1.234,50", "37,00 €".
 * Returns cents, or null when the text is not an amount (negative amounts are not amounts).
 */
export function parseEuroToCents(input: string): number | null {
  const text = input
    .trim()
    .replace(/^€\s*/, '')
    .replace(/\s*(€|eur|euro)$/i, '');
  const match = /^(\d{1,3}(?:\.\d{3})+|\d{1,6})(?:[,.](\d{1,2}))?$/.exec(text);
  if (!match) return null;
  const euros = Number(match[1]!.replace(/\./g, ''));
  const cents = match[2] ? Number(match[2].padEnd(2, '0')) : 0;
  return euros * 100 + cents;
}

/** The non-empty, trimmed lines of a textarea. */
export function splitLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** Comma-separated keywords, trimmed, without empty entries or duplicates (case-insensitive). */
export function splitKeywords(text: string): string[] {
  const seen = new Set<string>();
  const keywords: string[] = [];
  for (const keyword of text.split(/[,;\n]/).map((part) => part.trim())) {
    const key = keyword.toLowerCase();
    if (!keyword || seen.has(key)) continue;
    seen.add(key);
    keywords.push(keyword);
  }
  return keywords;
}

/** Marks a line without a translation in the English textarea (an empty line works too). */
export const NO_TRANSLATION = '-';

/**
 * Pairs German and English textarea lines by position (line 3 in English translates line 3 in German).
 * An English line that is empty or just "-" means "no translation". Empty German lines are skipped;
 * `orphans` says an English text stood next to an empty German line (the form reports that).
 */
export function pairLines(deText: string, enText: string): { items: LocalizedText[]; orphans: boolean } {
  const de = deText.split(/\r?\n/).map((line) => line.trim());
  const en = enText.split(/\r?\n/).map((line) => {
    const trimmed = line.trim();
    return trimmed === NO_TRANSLATION || trimmed === '–' ? '' : trimmed;
  });
  const items: LocalizedText[] = [];
  let orphans = false;
  for (let index = 0; index < Math.max(de.length, en.length); index++) {
    const german = de[index] ?? '';
    const english = en[index] ?? '';
    if (!german) {
      if (english) orphans = true;
      continue;
    }
    items.push(english ? { de: german, en: english } : { de: german });
  }
  return { items, orphans };
}

/** The English textarea for a list: one line per German line, "-" where a translation is missing. */
export function englishLines(items: LocalizedText[]): string {
  const lines = items.map((item) => item.en || NO_TRANSLATION);
  while (lines.length > 0 && lines[lines.length - 1] === NO_TRANSLATION) lines.pop();
  return lines.join('\n');
}

/** A typical duration in words: "15 Minuten", "1 Stunde 30 Minuten", "about 2 hours". */
export function formatDuration(minutes: number, lang: string): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (lang === 'de') {
    const parts = [];
    if (hours) parts.push(`${hours} ${hours === 1 ? 'Stunde' : 'Stunden'}`);
    if (rest || !hours) parts.push(`${rest} ${rest === 1 ? 'Minute' : 'Minuten'}`);
    return `etwa ${parts.join(' ')}`;
  }
  const parts = [];
  if (hours) parts.push(`${hours} ${hours === 1 ? 'hour' : 'hours'}`);
  if (rest || !hours) parts.push(`${rest} ${rest === 1 ? 'minute' : 'minutes'}`);
  return `about ${parts.join(' ')}`;
}

/** The letter a service is listed under in the A–Z catalogue (Ä under A, digits under "0–9"). */
export function indexLetter(name: string): string {
  const first = normalizeSearch(name).charAt(0);
  if (!first) return '#';
  return /[0-9]/.test(first) ? '0–9' : first.toUpperCase();
}

/** Groups items by their index letter, letters in alphabetical order, items sorted by name within. */
export function groupByLetter<T>(
  items: T[],
  nameOf: (item: T) => string,
  lang: string,
): Array<{ letter: string; items: T[] }> {
  const collator = new Intl.Collator(lang === 'de' ? 'de-DE' : 'en-GB', { sensitivity: 'base' });
  const sorted = [...items].sort((a, b) => collator.compare(nameOf(a), nameOf(b)));
  const groups = new Map<string, T[]>();
  for (const item of sorted) {
    const letter = indexLetter(nameOf(item));
    const group = groups.get(letter);
    if (group) group.push(item);
    else groups.set(letter, [item]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => collator.compare(a, b))
    .map(([letter, groupItems]) => ({ letter, items: groupItems }));
}

/** The LeiKa/FIM service key: 14 digits. */
export function isLeikaKey(value: string): boolean {
  return /^\d{14}$/.test(value);
}
