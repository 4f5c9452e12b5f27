import type { CitizenIdentity } from '../eid/citizen.js';
import type { Lang } from '../i18n/i18n.js';

/** What the city shows in every page's header and footer. */
export interface SiteInfo {
  name: string;
  authority: string;
  street: string;
  postalCode: string;
  town: string;
  phone: string;
  email: string;
  hotline115: boolean;
  hasLogo: boolean;
}

export interface StaffIdentity {
  id: string;
  username: string;
  displayName: string;
  role: 'admin' | 'teamleitung' | 'sachbearbeitung';
}

/** Everything a page template needs from the request, built once per request by the views plugin. */
export interface PageContext {
  lang: Lang;
  /** Path and query of the current request, for the language switch and "back" links. */
  path: string;
  site: SiteInfo;
  staff: StaffIdentity | null;
  /** The citizen logged in with the eID (filled on /portal and /mein-bereich, or after `app.identifyCitizen`). */
  citizen?: CitizenIdentity | null;
  demo: boolean;
  /** Issues a CSRF token (and its cookie) for a form on this page. */
  csrf(): string;
  /** A one-time message from the previous request (post/redirect/get). */
  flash: string | null;
}
