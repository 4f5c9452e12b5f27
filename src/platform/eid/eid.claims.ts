import type { CitizenIdentity, PostalAddress, TrustLevel } from './citizen.js';

/**
 * From the identity broker's OpenID Connect claims to a `CitizenIdentity`. The broker (e.g. Keycloak in
 * front of BundID) maps the BundID attributes to standard claims: given_name, family_name, birthdate,
 * place_of_birth, address {street_address, postal_code, locality} and the trust level as `acr`.
 */

/** What is wrong with a claim; never its value. */
export type ClaimsProblem = 'missing' | 'not-a-full-date' | 'invalid-date' | 'unknown-value';

/**
 * A claim the identity provider did not send (or sent in a form we cannot use). It names the claim
 * (and for the address the missing member) and the kind of problem, but never the value: the claims
 * are personal data (birth date, address) and the error ends up in the log.
 */
export class ClaimsError extends Error {
  override name = 'ClaimsError';
  constructor(
    readonly claim: string,
    readonly problem: ClaimsProblem,
    /** The member of a structured claim concerned (address: street_address, postal_code, locality). */
    readonly member?: string,
  ) {
    super(`${member ? `${claim}.${member}` : claim}: ${problem}`);
  }
}

/**
 * The `acr` values we understand: our own (the broker passes BundID's level on as is), BundID's
 * STORK-QAA levels and the eIDAS levels of assurance.
 */
const acrLevels: Record<string, TrustLevel> = {
  normal: 'NORMAL',
  substantiell: 'SUBSTANTIELL',
  substantial: 'SUBSTANTIELL',
  hoch: 'HOCH',
  high: 'HOCH',
  low: 'NORMAL',
  'stork-qaa-level-1': 'NORMAL',
  'stork-qaa-level-2': 'NORMAL',
  'stork-qaa-level-3': 'SUBSTANTIELL',
  'stork-qaa-level-4': 'HOCH',
  'http://eidas.europa.eu/loa/low': 'NORMAL',
  'http://eidas.europa.eu/loa/substantial': 'SUBSTANTIELL',
  'http://eidas.europa.eu/loa/high': 'HOCH',
};

export function trustLevelFromAcr(acr: unknown): TrustLevel {
  if (typeof acr !== 'string' || acr.trim() === '') {
    // The identity provider must send the trust level as acr.
    throw new ClaimsError('acr', 'missing');
  }
  const level = acrLevels[acr.trim().toLowerCase()];
  if (!level) {
    // Expected: NORMAL, SUBSTANTIELL or HOCH (or a STORK-QAA / eIDAS level, see acrLevels).
    throw new ClaimsError('acr', 'unknown-value');
  }
  return level;
}

/**
 * "Krefelder Straße 55a" → street "Krefelder Straße", house number "55a". The house number is the last
 * word when it starts with a digit (with an optional letter, range or slash: "12-14", "3 b", "7/1");
 * "Straße des 17. Juni 110" keeps its inner number. Without a house number it is empty.
 */
export function splitStreetAddress(streetAddress: string): { street: string; houseNumber: string } {
  const line = (streetAddress.split(/\r?\n/)[0] ?? '').replace(/\s+/g, ' ').replace(/^[\s,]+|[\s,]+$/g, '');
  const match = line.match(/^(.*?\S),?\s+(\d+\s?[a-zA-Z]?(?:\s?[-/–]\s?\d+\s?[a-zA-Z]?)?)$/);
  if (!match?.[1] || !match[2]) return { street: line, houseNumber: '' };
  return { street: match[1].replace(/,$/, ''), houseNumber: match[2].replace(/\s+/g, ' ') };
}

function text(claims: Record<string, unknown>, name: string): string {
  const value = claims[name];
  if (typeof value !== 'string' || value.trim() === '') throw new ClaimsError(name, 'missing');
  return value.trim().replace(/\s+/g, ' ');
}

function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim().replace(/\s+/g, ' ') : undefined;
}

/** OIDC allows "1964", "0000-08-12" or a full date; a citizen's identity needs the full date. */
function birthDate(claims: Record<string, unknown>): string {
  const value = text(claims, 'birthdate');
  const match = value.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  const date = match ? new Date(`${value}T00:00:00Z`) : undefined;
  if (!match || match[1] === '0000' || !date || Number.isNaN(date.getTime())) {
    throw new ClaimsError('birthdate', 'not-a-full-date');
  }
  if (date.toISOString().slice(0, 10) !== value) {
    throw new ClaimsError('birthdate', 'invalid-date');
  }
  return value;
}

/**
 * The place of birth as text (a plain string, or the OpenID Identity Assurance object {locality,
 * region, country}). ELSTER-certificate log-ins carry none: then it is empty.
 */
function placeOfBirth(claims: Record<string, unknown>): string {
  const value = claims.place_of_birth;
  const direct = optionalText(value);
  if (direct) return direct;
  if (value && typeof value === 'object') {
    const place = value as Record<string, unknown>;
    return optionalText(place.locality) ?? optionalText(place.region) ?? optionalText(place.country) ?? '';
  }
  return '';
}

/**
 * The OIDC address claim. The street and house number come from custom members `street_name` and
 * `house_number` when the broker sends them, else they are split from `street_address`.
 */
function address(claims: Record<string, unknown>): PostalAddress {
  const value = claims.address;
  if (!value || typeof value !== 'object') throw new ClaimsError('address', 'missing');
  const parts = value as Record<string, unknown>;
  const postalCode = optionalText(parts.postal_code);
  const city = optionalText(parts.locality);
  const streetName = optionalText(parts.street_name);
  const streetAddress = optionalText(parts.street_address);
  if (!streetName && !streetAddress) throw new ClaimsError('address', 'missing', 'street_address');
  if (!postalCode) throw new ClaimsError('address', 'missing', 'postal_code');
  if (!city) throw new ClaimsError('address', 'missing', 'locality');
  const { street, houseNumber } = streetName
    ? { street: streetName, houseNumber: optionalText(parts.house_number) ?? '' }
    : splitStreetAddress(streetAddress ?? '');
  return { street, houseNumber, postalCode, city };
}

/** Maps the claims of the ID token (and UserInfo) to the citizen's identity; throws ClaimsError. */
export function identityFromClaims(claims: Record<string, unknown>): CitizenIdentity {
  const identity: CitizenIdentity = {
    subject: text(claims, 'sub'),
    givenNames: text(claims, 'given_name'),
    familyName: text(claims, 'family_name'),
    birthDate: birthDate(claims),
    placeOfBirth: placeOfBirth(claims),
    address: address(claims),
    trustLevel: trustLevelFromAcr(claims.acr),
  };
  if (typeof claims.auth_time === 'number' && Number.isFinite(claims.auth_time)) {
    identity.authTime = claims.auth_time;
  }
  return identity;
}

/** "Erika Mustermann": how pages address the citizen. */
export function displayName(identity: Pick<CitizenIdentity, 'givenNames' | 'familyName'>): string {
  return `${identity.givenNames} ${identity.familyName}`;
}
