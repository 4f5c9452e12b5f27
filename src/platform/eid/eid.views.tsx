import { Button, ButtonGroup, Heading, Link, LinkButton, List, PostForm, Text } from '../views/kern.js';
import { CitizenLayout } from '../views/layout.js';
import type { PageContext } from '../views/page-context.js';
import type { CitizenIdentity, TrustLevel } from './citizen.js';
import { displayName } from './eid.claims.js';
import { eidMessages } from './eid.messages.js';
import { LOGOUT_PATH, loginHref } from './eid.paths.js';

export type LoginProblem =
  | 'cancelled'
  | 'refused'
  | 'expired'
  | 'invalid'
  | 'unavailable'
  | 'claims'
  | 'failed';

/** A log-in that did not succeed: what happened, and the way back in (never a bare error page). */
export function LoginProblemPage({
  ctx,
  problem,
  retryHref,
  code,
  claim,
}: {
  ctx: PageContext;
  problem: LoginProblem;
  retryHref: string;
  code?: string;
  claim?: string;
}) {
  const t = eidMessages(ctx.lang);
  const title = t(`${problem}Title`);
  return (
    <CitizenLayout ctx={ctx} title={title}>
      <Heading level={1}>{title}</Heading>
      <Text>{t(`${problem}Text`, { code: code ?? '–', claim: claim ?? '–' })}</Text>
      <ButtonGroup>
        <LinkButton href={retryHref}>{t('tryAgain')}</LinkButton>
        <LinkButton href="/termine" variant="secondary">
          {t('bookAppointment')}
        </LinkButton>
      </ButtonGroup>
      <p class="kern-body">
        <Link href="/">{t('home')}</Link>
      </p>
    </CitizenLayout>
  );
}

export function NotConfiguredPage({ ctx }: { ctx: PageContext }) {
  const t = eidMessages(ctx.lang);
  return (
    <CitizenLayout ctx={ctx} title={t('notConfiguredTitle')}>
      <Heading level={1}>{t('notConfiguredTitle')}</Heading>
      <Text>{t('notConfiguredText')}</Text>
      <ButtonGroup>
        <LinkButton href="/termine">{t('bookAppointment')}</LinkButton>
      </ButtonGroup>
      <p class="kern-body">
        <Link href="/">{t('home')}</Link>
      </p>
    </CitizenLayout>
  );
}

export function LoggedOutPage({ ctx, again }: { ctx: PageContext; again: string | null }) {
  const t = eidMessages(ctx.lang);
  return (
    <CitizenLayout ctx={ctx} title={t('loggedOutTitle')}>
      <Heading level={1}>{t('loggedOutTitle')}</Heading>
      <Text>{t('loggedOutText')}</Text>
      {again ? (
        <ButtonGroup>
          <LinkButton href={loginHref(again)}>{t('loggedOutAgain')}</LinkButton>
        </ButtonGroup>
      ) : null}
      <p class="kern-body">
        <Link href="/">{t('home')}</Link>
      </p>
    </CitizenLayout>
  );
}

/** 403: logged in, but at a lower trust level than the service needs. */
export function TrustLevelPage({
  ctx,
  citizen,
  required,
  target,
}: {
  ctx: PageContext;
  citizen: CitizenIdentity;
  required: TrustLevel;
  target: string;
}) {
  const t = eidMessages(ctx.lang);
  const level = (value: TrustLevel) => t(`level${value}`);
  return (
    <CitizenLayout ctx={ctx} title={t('levelTitle')}>
      <Heading level={1}>{t('levelTitle')}</Heading>
      <Text>{t('levelCurrent', { name: displayName(citizen), current: level(citizen.trustLevel) })}</Text>
      <Text>{t('levelRequired', { required: level(required) })}</Text>
      <Text>{t('levelOther')}</Text>
      <Heading level={2}>{t('levelWhatNow')}</Heading>
      <PostForm action={LOGOUT_PATH} token={ctx.csrf()}>
        <input type="hidden" name="weiter" value={target} />
        <ButtonGroup>
          <Button>{t('levelRelogin')}</Button>
        </ButtonGroup>
      </PostForm>
      <Text>{t('levelAppointment')}</Text>
      <List items={[<Link href="/termine">{t('bookAppointment')}</Link>]} />
    </CitizenLayout>
  );
}
