import type { FastifyInstance, HTTPMethods } from 'fastify';
import * as oidc from 'openid-client';
import type { Lang } from '../i18n/i18n.js';
import type { CitizenIdentity } from './citizen.js';
import { identityFromClaims } from './eid.claims.js';
import { LOGIN_TRANSACTION_SECONDS, type LoginTransaction } from './login-transaction.js';

export interface EidClientSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  /** Our callback: `${publicUrl}/portal/anmelden/rueckkehr` (registered at the provider). */
  redirectUri: string;
  /** Where the provider sends the citizen after its log-out (registered at the provider). */
  postLogoutRedirectUri: string;
  /** How requests to the provider travel; default: the network (fetch). */
  fetch?: oidc.CustomFetch;
}

/**
 * The ID token shows no authentication during this log-in: its `auth_time` is missing or older than
 * the start of the log-in (an identity provider that ignored `prompt=login` / `max_age=0` and reused
 * the session of whoever used this browser before).
 */
export class StaleAuthenticationError extends Error {
  override name = 'StaleAuthenticationError';
  constructor(
    /** Seconds since the epoch, or undefined when the ID token had none. */
    readonly authTime: number | undefined,
    /** Seconds since the epoch. */
    readonly startedAt: number,
  ) {
    super(
      authTime === undefined
        ? 'the ID token has no auth_time'
        : `the authentication (auth_time) is ${startedAt - authTime} s older than the log-in`,
    );
  }
}

/** Identity claims that may come from the UserInfo endpoint instead of the ID token. */
const profileClaims = ['given_name', 'family_name', 'birthdate', 'address'];

/**
 * The OpenID Connect relying party (openid-client v6): authorization code flow with PKCE, state and
 * nonce; the ID token is verified (signature, issuer, audience, nonce), missing profile claims are
 * fetched from UserInfo. Every log-in asks for a new authentication (`prompt=login`, `max_age=0`):
 * on a shared browser a session still open at the identity provider must not log the previous
 * citizen in without the PIN; an ID token without an authentication after the start of the log-in
 * is refused (StaleAuthenticationError). The provider's metadata is discovered on first use and
 * kept; a failed discovery is retried on the next log-in.
 */
export class EidClient {
  private configuration: Promise<oidc.Configuration> | undefined;

  constructor(private readonly settings: EidClientSettings) {}

  private config(): Promise<oidc.Configuration> {
    this.configuration ??= this.discover().catch((error: unknown) => {
      this.configuration = undefined;
      throw error;
    });
    return this.configuration;
  }

  private discover(): Promise<oidc.Configuration> {
    const { issuer, clientId, clientSecret, fetch } = this.settings;
    const options: oidc.DiscoveryRequestOptions = { timeout: 10 };
    if (fetch) options[oidc.customFetch] = fetch;
    // Plain http only reaches this point for localhost (config.ts) and the dev IdP in a local demo.
    if (new URL(issuer).protocol === 'http:') options.execute = [oidc.allowInsecureRequests];
    return oidc.discovery(
      new URL(issuer),
      clientId,
      undefined,
      oidc.ClientSecretBasic(clientSecret),
      options,
    );
  }

  /** The provider's authorization URL and what the callback must check. */
  async start(returnTo: string, lang: Lang, now: Date): Promise<{ url: URL; transaction: LoginTransaction }> {
    const config = await this.config();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const transaction: LoginTransaction = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier,
      returnTo,
      startedAt: now.getTime(),
      expiresAt: now.getTime() + LOGIN_TRANSACTION_SECONDS * 1000,
    };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: this.settings.scopes,
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: transaction.state,
      nonce: transaction.nonce,
      ui_locales: lang,
      // Always the eID (person, PIN) again, never an open session at the provider (single sign-on).
      prompt: 'login',
      max_age: '0',
    });
    return { url, transaction };
  }

  /**
   * Checks the authorization response (state, issuer), redeems the code (PKCE), verifies the ID token
   * (nonce, an `auth_time` after the start of the log-in) and maps the claims. Throws
   * AuthorizationResponseError for an error from the provider (e.g. access_denied),
   * StaleAuthenticationError for an old authentication, ClaimsError for unusable claims, anything
   * else for a failed exchange.
   */
  async finish(
    callbackUrl: URL,
    transaction: LoginTransaction,
  ): Promise<{ identity: CitizenIdentity; idToken: string | undefined }> {
    const config = await this.config();
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: transaction.codeVerifier,
      expectedState: transaction.state,
      expectedNonce: transaction.nonce,
      idTokenExpected: true,
      // We sent max_age=0: openid-client then requires auth_time and checks it against its clock.
      maxAge: 0,
    });
    const idClaims = tokens.claims();
    if (!idClaims) throw new Error('the provider issued no ID token');
    assertFreshAuthentication(idClaims.auth_time, transaction.startedAt);
    let claims: Record<string, unknown> = { ...idClaims };
    const incomplete = profileClaims.some((name) => claims[name] === undefined);
    if (incomplete && config.serverMetadata().userinfo_endpoint) {
      const userInfo = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      // The ID token is signed and checked: its sub, acr and auth_time count.
      claims = {
        ...idClaims,
        ...userInfo,
        sub: idClaims.sub,
        acr: idClaims.acr,
        auth_time: idClaims.auth_time,
      };
    }
    return { identity: identityFromClaims(claims), idToken: tokens.id_token };
  }

  /** RP-initiated log-out at the provider, or null when it offers none. */
  async logoutUrl(idToken: string | null, state: string | undefined): Promise<URL | null> {
    const config = await this.config();
    if (!config.serverMetadata().end_session_endpoint) return null;
    const parameters: Record<string, string> = {
      post_logout_redirect_uri: this.settings.postLogoutRedirectUri,
      client_id: this.settings.clientId,
    };
    if (idToken) parameters.id_token_hint = idToken;
    if (state) parameters.state = state;
    return oidc.buildEndSessionUrl(config, parameters);
  }
}

/**
 * The authentication must have happened during this log-in: `auth_time` (whole seconds) not before
 * the second in which the log-in started.
 */
export function assertFreshAuthentication(authTime: unknown, startedAtMs: number): void {
  const startedAt = Math.floor(startedAtMs / 1000);
  if (typeof authTime !== 'number' || !Number.isFinite(authTime)) {
    throw new StaleAuthenticationError(undefined, startedAt);
  }
  if (authTime < startedAt) throw new StaleAuthenticationError(authTime, startedAt);
}

function bodyOf(body: oidc.CustomFetchOptions['body']): string | Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof Uint8Array) return Buffer.from(body);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  throw new TypeError('streamed request bodies are not supported for the in-process identity provider');
}

/**
 * openid-client's HTTP requests to an identity provider mounted in this very app (the dev IdP under
 * /dev-idp) go through `app.inject` instead of the network: the app need not reach its own public URL
 * (behind a proxy it often cannot), and `app.inject` tests run the whole log-in without a listening
 * socket. Requests elsewhere use the normal fetch.
 */
export function injectFetch(app: FastifyInstance, issuer: string): oidc.CustomFetch {
  const base = new URL(issuer);
  const prefix = `${base.pathname.replace(/\/$/, '')}/`;
  return async (url, options) => {
    const target = new URL(url);
    if (target.origin !== base.origin || !target.pathname.startsWith(prefix)) {
      return fetch(url, options as RequestInit);
    }
    const headers: Record<string, string> = { ...options.headers, host: target.host };
    const response = await app.inject({
      method: options.method as HTTPMethods,
      url: `${target.pathname}${target.search}`,
      headers,
      ...(options.body === undefined || options.body === null ? {} : { payload: bodyOf(options.body) }),
    });
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) responseHeaders.append(name, String(item));
    }
    const empty = options.method === 'HEAD' || [101, 204, 205, 304].includes(response.statusCode);
    return new Response(empty ? null : new Uint8Array(response.rawPayload), {
      status: response.statusCode,
      headers: responseHeaders,
    });
  };
}
