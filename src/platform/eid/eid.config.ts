import { createHmac } from 'node:crypto';
import { z } from 'zod';

/**
 * Configuration of the citizen log-in (OpenID Connect to the city's identity broker). The variables are
 * part of the one configuration schema (src/platform/config/config.ts), so `_FILE` works for them too.
 */
export const eidVariables = {
  /** Issuer of the identity broker (e.g. Keycloak in front of BundID), e.g. https://id.stadt.de/realms/buerger. */
  BUERGERAMT_OIDC_ISSUER: z.url().optional(),
  BUERGERAMT_OIDC_CLIENT_ID: z.string().trim().min(1).optional(),
  BUERGERAMT_OIDC_CLIENT_SECRET: z.string().trim().min(1).optional(),
  /** Space-separated; default "openid profile address". */
  BUERGERAMT_OIDC_SCOPES: z.string().trim().min(1).optional(),
};

type EidVariables = { [K in keyof typeof eidVariables]?: string | undefined };

export const DEFAULT_OIDC_SCOPES = 'openid profile address';
/** Where the built-in development identity provider is mounted (demo mode without an issuer). */
export const DEV_IDP_PATH = '/dev-idp';
export const DEV_IDP_CLIENT_ID = 'buergeramt-demo';

export type EidConfig =
  /** A real identity broker. */
  | { kind: 'oidc'; issuer: string; clientId: string; clientSecret: string; scopes: string }
  /** Demo mode without an issuer: the built-in development identity provider at /dev-idp. */
  | { kind: 'dev-idp'; issuer: string; clientId: string; scopes: string }
  /** Not configured: the portal's log-in pages say so (503). */
  | { kind: 'off' };

/**
 * The dev IdP's client secret for our app: derived from the cookie secret, so it is the same on every
 * start and every node, and nobody has to configure it.
 */
export function devIdpClientSecret(cookieSecret: string): string {
  return createHmac('sha256', cookieSecret).update('buergeramt dev-idp client secret').digest('base64url');
}

const localHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The citizen log-in settings, or the problem (naming the variable) that must stop start-up. */
export function resolveEidConfig(
  raw: EidVariables,
  { demo, publicUrl }: { demo: boolean; publicUrl: string },
): EidConfig | { problem: string } {
  const issuer = raw.BUERGERAMT_OIDC_ISSUER;
  const clientId = raw.BUERGERAMT_OIDC_CLIENT_ID;
  const clientSecret = raw.BUERGERAMT_OIDC_CLIENT_SECRET;
  const scopes = raw.BUERGERAMT_OIDC_SCOPES?.split(/\s+/).join(' ') ?? DEFAULT_OIDC_SCOPES;
  if (!scopes.split(' ').includes('openid')) {
    return { problem: 'BUERGERAMT_OIDC_SCOPES: must contain "openid"' };
  }
  if (issuer) {
    const url = new URL(issuer);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && localHosts.has(url.hostname))) {
      return { problem: 'BUERGERAMT_OIDC_ISSUER: must be an https:// URL (http only for localhost)' };
    }
    if (!clientId) return { problem: 'BUERGERAMT_OIDC_CLIENT_ID: required with BUERGERAMT_OIDC_ISSUER' };
    if (!clientSecret) {
      return { problem: 'BUERGERAMT_OIDC_CLIENT_SECRET: required with BUERGERAMT_OIDC_ISSUER' };
    }
    return { kind: 'oidc', issuer, clientId, clientSecret, scopes };
  }
  const given = (['BUERGERAMT_OIDC_CLIENT_ID', 'BUERGERAMT_OIDC_CLIENT_SECRET'] as const).find(
    (key) => raw[key],
  );
  if (given) return { problem: `BUERGERAMT_OIDC_ISSUER: required with ${given}` };
  if (demo)
    return { kind: 'dev-idp', issuer: `${publicUrl}${DEV_IDP_PATH}`, clientId: DEV_IDP_CLIENT_ID, scopes };
  if (raw.BUERGERAMT_OIDC_SCOPES) {
    return { problem: 'BUERGERAMT_OIDC_ISSUER: required with BUERGERAMT_OIDC_SCOPES' };
  }
  return { kind: 'off' };
}
