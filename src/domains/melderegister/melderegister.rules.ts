import type { PostalAddress } from '../../platform/eid/citizen.js';
import type { IdentifyQuery, RegisterRecord } from './population-register.js';

/**
 * Identification against the population register as BMeldDigiV § 4 demands it: family name, first
 * names, date of birth and address from the eID must match the register *exactly*. What "exactly"
 * means here, item by item (both sides are treated the same way):
 *
 * - Text is compared in Unicode NFC, so "ş" typed as s + combining cedilla equals the precomposed "ş";
 *   white space (also non-breaking space, tabs) is collapsed to one space and trimmed at both ends.
 *   Nothing else is removed or replaced: hyphens, apostrophes and accents count.
 * - Names (family name, first names) are compared case-insensitively, because some ID cards deliver
 *   names in capitals. "Case-insensitive" means: both sides are put through the Unicode default
 *   lower-case mapping (`toLowerCase()`, no locale). So "MÜLLER-LÜDENSCHEIDT" matches
 *   "Müller-Lüdenscheidt" and "ĐORĐEVIĆ" matches "Đorđević", but a dotted i never equals a dotless ı:
 *   "Yilmaz" (and the all-capital "YILMAZ", whose I cannot tell i from ı) do not match "Yılmaz". A
 *   capital that loses a distinction gives no match, never a wrong one: identification by mistake
 *   would hand a stranger's register data out, while a missed match only sends the case to a clerk.
 * - First names: all of them, in their order ("Leyla Ayşe" ≠ "Leyla", ≠ "Ayşe Leyla").
 * - Date of birth: the ISO date exactly (the register's partly unknown dates such as "1950-00-00"
 *   therefore match only the same form).
 * - Address: compared with the current main residence (Hauptwohnung) only. A secondary residence
 *   (Nebenwohnung) never counts: the ID card carries the main residence (§ 5 PAuswG), so an eID address
 *   that equals only a secondary residence is outdated or wrong data, not an identification.
 *   - Street: case-insensitive like names, after expanding the abbreviation "Str." / "str." at the end
 *     of a word to "Straße" / "straße" (registration offices abbreviate long street names on the card
 *     for lack of space: "Jülicher Landstr." is "Jülicher Landstraße"). "ss" and "ß" are NOT folded:
 *     the card's address is written by the registration office from the same street directory as the
 *     register, so current data agree letter by letter; "Strasse" for "Straße" means the data did not
 *     come from there (typed, transliterated), and in names ss/ß tell different names apart
 *     (Strauss/Strauß). Likewise a capital "STRASSE" does not match "Straße" (only "STRAẞE" does).
 *   - House number: with its letter suffix, case-insensitively and without spaces ("55a" = "55 A");
 *     ranges and fractions stay as they are ("12-14" ≠ "12").
 *   - Postal code and city: exactly (after NFC and white space), case-sensitive.
 * - Exactly one registered person must match. Two or more identical entries (a duplicate in the
 *   register) are no identification: we could not say whose data to certify.
 */

/** NFC, white space collapsed to single spaces, trimmed. */
export function normaliseText(value: string): string {
  return value.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** A name as compared: normalised text, Unicode default lower case (no locale, so ı stays ı). */
export function normaliseName(value: string): string {
  return normaliseText(value).toLowerCase();
}

/** "Str." / "str." at the end of a word (before a space, hyphen, end) expanded; then like a name. */
export function normaliseStreet(value: string): string {
  const expanded = normaliseText(value).replace(/(s)tr\.(?=$|[\s-])/giu, (_match, s: string) =>
    s === 'S' ? 'Straße' : 'straße',
  );
  return normaliseName(expanded);
}

/** House number with its letter suffix: no spaces, lower case ("55 A" → "55a"). */
export function normaliseHouseNumber(value: string): string {
  return normaliseText(value).replace(/\s+/gu, '').toLowerCase();
}

export function sameAddress(a: PostalAddress, b: PostalAddress): boolean {
  return (
    normaliseStreet(a.street) === normaliseStreet(b.street) &&
    normaliseHouseNumber(a.houseNumber) === normaliseHouseNumber(b.houseNumber) &&
    normaliseText(a.postalCode) === normaliseText(b.postalCode) &&
    normaliseText(a.city) === normaliseText(b.city)
  );
}

/** The current main residence (Hauptwohnung), if the person has one. */
export function mainResidence(record: Pick<RegisterRecord, 'addresses'>): PostalAddress | undefined {
  return record.addresses.find((address) => address.kind === 'Hauptwohnung');
}

/** True when the eID data match this register entry exactly (see the rules above). */
export function identityMatches(query: IdentifyQuery, record: RegisterRecord): boolean {
  const residence = mainResidence(record);
  return (
    residence !== undefined &&
    normaliseName(query.familyName) === normaliseName(record.familyName) &&
    normaliseName(query.givenNames) === normaliseName(record.givenNames) &&
    query.birthDate.trim() === record.birthDate.trim() &&
    sameAddress(query.address, residence)
  );
}

/** The one register entry the eID data identify; undefined when none or more than one match. */
export function identify<R extends RegisterRecord>(
  query: IdentifyQuery,
  records: readonly R[],
): R | undefined {
  const matches = records.filter((record) => identityMatches(query, record));
  return matches.length === 1 ? matches[0] : undefined;
}

/**
 * The key a family name is looked up by (in the local register's index): the compared form, so a
 * lookup finds exactly the candidates `identityMatches` can accept.
 */
export const familyNameKey = normaliseName;

/**
 * First names for a clerk's search: the typed first names must be the leading names of the entry
 * ("Peter" finds "Peter Josef"; "Josef" does not).
 */
export function givenNamesStartWith(recordGivenNames: string, typed: string): boolean {
  const wanted = normaliseName(typed).split(' ').filter(Boolean);
  const names = normaliseName(recordGivenNames).split(' ');
  return wanted.every((name, index) => names[index] === name);
}
