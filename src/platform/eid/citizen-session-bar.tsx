import { Button, CsrfField } from '../views/kern.js';
import type { PageContext } from '../views/page-context.js';
import type { CitizenIdentity } from './citizen.js';
import { displayName } from './eid.claims.js';
import { eidMessages } from './eid.messages.js';
import { LOGOUT_PATH } from './eid.paths.js';

/** "Angemeldet als Erika Mustermann · Abmelden" in the citizen layout's header (a POST form: CSRF). */
export function CitizenSessionBar({ ctx, citizen }: { ctx: PageContext; citizen: CitizenIdentity }) {
  const t = eidMessages(ctx.lang);
  return (
    <form method="post" action={LOGOUT_PATH} class="app-logout">
      <CsrfField token={ctx.csrf()} />
      <span class="kern-body">
        {t('loggedInAs')} <strong>{displayName(citizen)}</strong>
      </span>
      <Button variant="tertiary">{t('logout')}</Button>
    </form>
  );
}
