import type { PostalAddress } from '../../platform/eid/citizen.js';

/**
 * The population register (Melderegister) as the portal sees it. The local implementation keeps a
 * register table in our database; a city connects its real register (OSCI-XMeld through its register
 * software) by implementing this interface (see README).
 */
export interface PopulationRegister {
  /** Identification as BMeldDigiV § 4 demands: exact match of these four items with one registered person. */
  identify(query: IdentifyQuery): Promise<IdentifyResult>;
  /** The register data for a certificate of registration; undefined when the person is no longer registered. */
  read(personId: string): Promise<RegisterRecord | undefined>;
  /** For clerks checking a case: persons with this family name and date of birth (first names optional). */
  search(query: { familyName: string; birthDate: string; givenNames?: string }): Promise<RegisterRecord[]>;
}

export interface IdentifyQuery {
  familyName: string;
  /** All first names, separated by spaces, as on the ID card. */
  givenNames: string;
  birthDate: string;
  address: PostalAddress;
}

export type IdentifyResult =
  | { kind: 'match'; personId: string; informationBlock: boolean }
  /** No registered person has exactly these data (e.g. the ID card still shows an older address). */
  | { kind: 'no-match' }
  /** The register answered with an error or not at all (network, maintenance); try again later. */
  | { kind: 'unavailable'; reason: string };

/** One person's register data (§ 3(1) BMG, the part a certificate of registration can contain). */
export interface RegisterRecord {
  personId: string;
  familyName: string;
  /** All first names; `usualGivenName` marks the one usually used (Rufname). */
  givenNames: string;
  usualGivenName?: string;
  doctoralDegree?: string;
  birthName?: string;
  birthDate: string;
  placeOfBirth: string;
  gender?: 'männlich' | 'weiblich' | 'divers' | 'ohne Angabe';
  nationalities: string[];
  maritalStatus?: string;
  religion?: string;
  /** The current main residence (Hauptwohnung) and any secondary ones (Nebenwohnung). */
  addresses: Array<PostalAddress & { kind: 'Hauptwohnung' | 'Nebenwohnung'; movedInOn: string }>;
  previousAddresses: Array<PostalAddress & { movedOutOn: string }>;
  /** Auskunftssperre (§ 51 BMG): certificates need a clerk. */
  informationBlock: boolean;
}
