import { createHmac } from 'node:crypto';
import Provider, {
  type AdapterConstructor,
  type Configuration,
  type JWK,
  type KoaContextWithOIDC,
} from 'oidc-provider';
import { trustLevels } from '../../platform/eid/citizen.js';
import { negotiateLang } from '../../platform/i18n/i18n.js';
import { renderDocument } from '../../platform/views/render.js';
import { type TestPerson, testPersons } from '../test-persons.data.js';
import { LoggedOutPage, LogoutPage, ProviderErrorPage } from './dev-idp.views.js';

/** How long a log-in at the dev IdP may take (person, PIN). */
export const INTERACTION_SECONDS = 15 * 60;

export interface DevIdpSettings {
  /** `${publicUrl}/dev-idp`. */
  issuer: string;
  /** Our app, the only client. */
  client: { clientId: string; clientSecret: string; redirectUri: string; postLogoutRedirectUri: string };
  /** Where "back to the portal" links go. */
  portalUrl: string;
  signingKey: Record<string, unknown>;
  /** Where the provider keeps its state (dev-idp.adapter.ts). */
  adapter: AdapterConstructor;
  /** Signs the provider's cookies (a key derived from the app's cookie secret). */
  cookieSecret: string;
}

/** The OIDC claims a test person's ID card gives (as the broker maps BundID's attributes). */
export function claimsOf(person: TestPerson): Record<string, unknown> {
  const { eid } = person;
  return {
    sub: person.subject,
    given_name: eid.givenNames,
    family_name: eid.familyName,
    birthdate: eid.birthDate,
    place_of_birth: eid.placeOfBirth,
    address: {
      street_address: `${eid.address.street} ${eid.address.houseNumber}`.trim(),
      postal_code: eid.address.postalCode,
      locality: eid.address.city,
      country: 'DE',
    },
  };
}

function langOf(ctx: KoaContextWithOIDC) {
  return negotiateLang(ctx.cookies.get('lang'), ctx.get('accept-language'));
}

/**
 * oidc-provider configured like BundID behind a broker: one static confidential client (our portal),
 * authorization code flow with PKCE required, the test persons as accounts, the trust level as `acr`,
 * RP-initiated log-out. Interactions are our own pages (dev-idp.plugin.tsx). Its state (sessions,
 * codes, grants) and its signing key are kept in the database (dev-idp.adapter.ts, dev-idp.keys.ts):
 * log-ins survive restarts and work across app nodes.
 */
export function createDevProvider(settings: DevIdpSettings): Provider {
  const persons = new Map(testPersons.map((person) => [person.subject, person]));
  const { client } = settings;
  const page = (ctx: KoaContextWithOIDC, html: string) => {
    ctx.type = 'html';
    ctx.body = html;
  };
  const configuration: Configuration = {
    adapter: settings.adapter,
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        client_name: 'Bürgeramt – Serviceportal',
        redirect_uris: [client.redirectUri],
        post_logout_redirect_uris: [client.postLogoutRedirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [settings.signingKey as JWK] },
    cookies: {
      keys: [
        createHmac('sha256', settings.cookieSecret).update('buergeramt dev-idp cookies').digest('base64url'),
      ],
      names: { session: 'dev_idp_session', interaction: 'dev_idp_interaction', resume: 'dev_idp_resume' },
    },
    pkce: { required: () => true },
    responseTypes: ['code'],
    acrValues: [...trustLevels],
    // The trust level (acr) and auth_time in every ID token, as Keycloak sends them.
    claims: {
      openid: ['sub', 'acr', 'auth_time'],
      profile: ['given_name', 'family_name', 'birthdate', 'place_of_birth'],
      address: ['address'],
      sid: null,
      iss: null,
    },
    async findAccount(_ctx, sub) {
      const person = persons.get(sub);
      if (!person) return undefined;
      return { accountId: sub, claims: () => claimsOf(person) as { sub: string } };
    },
    // Our portal is the only client, and BundID hands over a fixed set of attributes: no consent page.
    async loadExistingGrant(ctx) {
      const { client: current, session } = ctx.oidc;
      if (!current || !session?.accountId) return undefined;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(current.clientId);
      if (grantId) {
        const existing = await ctx.oidc.provider.Grant.find(grantId);
        if (existing) return existing;
      }
      const grant = new ctx.oidc.provider.Grant({ clientId: current.clientId, accountId: session.accountId });
      grant.addOIDCScope(ctx.oidc.requestParamScopes);
      await grant.save();
      return grant;
    },
    interactions: { url: (_ctx, interaction) => `/dev-idp/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource(ctx) {
          const xsrf = String((ctx.oidc.session?.state as { secret?: unknown } | undefined)?.secret ?? '');
          const action = ctx.oidc.urlFor('end_session_confirm');
          page(ctx, renderDocument(<LogoutPage lang={langOf(ctx)} action={action} xsrf={xsrf} />));
        },
        postLogoutSuccessSource(ctx) {
          page(ctx, renderDocument(<LoggedOutPage lang={langOf(ctx)} portalHref={settings.portalUrl} />));
        },
      },
    },
    renderError(ctx, out) {
      page(
        ctx,
        renderDocument(
          <ProviderErrorPage
            lang={langOf(ctx)}
            code={String(out.error)}
            description={out.error_description ? String(out.error_description) : undefined}
            portalHref={settings.portalUrl}
          />,
        ),
      );
    },
    clientBasedCORS: () => false,
    ttl: {
      AccessToken: 5 * 60,
      AuthorizationCode: 60,
      IdToken: 60 * 60,
      Interaction: INTERACTION_SECONDS,
      // Longer than our citizen session (60 min), so its log-out still finds the IdP session.
      Session: 2 * 60 * 60,
      Grant: 60 * 60,
    },
  };
  const provider = new Provider(settings.issuer, configuration);
  // The mount (dev-idp.plugin.tsx) sets X-Forwarded-Host/-Proto from the issuer: URLs and secure
  // cookies then follow the public URL, however the request reached the app.
  provider.proxy = true;
  return provider;
}
