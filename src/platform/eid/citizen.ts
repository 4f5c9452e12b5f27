import type { FastifyReply } from 'fastify';

/**
 * The eID trust levels of German e-government (eIDAS: low/substantial/high). BundID reports them as
 * "STORK-QAA-Level" / trust level; our identity broker passes them on as the OIDC `acr` claim.
 */
export const trustLevels = ['NORMAL', 'SUBSTANTIELL', 'HOCH'] as const;
export type TrustLevel = (typeof trustLevels)[number];

/** True when `actual` is at least `required`. */
export function meetsTrustLevel(actual: TrustLevel, required: TrustLevel): boolean {
  return trustLevels.indexOf(actual) >= trustLevels.indexOf(required);
}

export interface PostalAddress {
  street: string;
  houseNumber: string;
  postalCode: string;
  city: string;
}

/**
 * The citizen logged in with the eID, as the identity provider certified them. Only these claims are
 * kept in the session; nothing else from the ID card is stored.
 */
export interface CitizenIdentity {
  /** Stable pseudonymous person identifier (BundID: bPK2); never shown, used to find the citizen's cases. */
  subject: string;
  givenNames: string;
  familyName: string;
  /** ISO date YYYY-MM-DD. */
  birthDate: string;
  placeOfBirth: string;
  address: PostalAddress;
  trustLevel: TrustLevel;
  /** When the identity provider authenticated the citizen (seconds since epoch, OIDC `auth_time`). */
  authTime?: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The eID-authenticated citizen on this browser, or null (filled by the eID plugin). */
    citizen: CitizenIdentity | null;
  }
  interface FastifyInstance {
    /**
     * preHandler for portal routes: without a citizen session it redirects to the eID log-in (and back
     * afterwards); with a lower trust level than `level` it renders the explanation page (403).
     */
    requireCitizen(level?: TrustLevel): (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
    /**
     * The citizen logged in on this browser, for routes outside /portal and /mein-bereich (there
     * `request.citizen` is filled for every request); also sets `request.citizen`.
     */
    identifyCitizen(request: FastifyRequest): Promise<CitizenIdentity | null>;
  }
}
