import type { Lang } from '../../platform/i18n/i18n.js';
import { pick } from '../../platform/i18n/localized-text.js';
import { berlinDateOf, formatDate, formatTime } from '../../platform/time/berlin-time.js';
import {
  Alert,
  Button,
  ButtonGroup,
  CsrfField,
  DescriptionList,
  Heading,
  Link,
  Text,
} from '../../platform/views/kern.js';
import { CitizenLayout } from '../../platform/views/layout.js';
import type { PageContext } from '../../platform/views/page-context.js';
import { devicesMessages } from './devices.messages.js';
import { type Device, ENROLMENT_PATH, type EnrolmentError } from './devices.service.js';

/** Public enrolment pages (German and English). */

function kindText(device: Device, lang: Lang): string {
  const t = devicesMessages(lang);
  return device.kind === 'kiosk' ? t('kindKiosk') : t('kindDisplay');
}

/**
 * What the link will do, with a POST button: opening the link (or a chat app's link preview fetching
 * it) changes nothing; only the button uses the code up.
 */
export function EnrolPage({ ctx, device, code }: { ctx: PageContext; device: Device; code: string }) {
  const t = devicesMessages(ctx.lang);
  return (
    <CitizenLayout ctx={ctx} title={t('enrolTitle')}>
      <Heading level={1}>{t('enrolTitle')}</Heading>
      <Text>{t('enrolLead')}</Text>
      <DescriptionList
        items={[
          { key: t('kind'), value: kindText(device, ctx.lang) },
          { key: t('name'), value: device.name },
          { key: t('location'), value: pick(device.locationName, ctx.lang) },
        ]}
      />
      {device.link === 'demo' ? (
        <Text>{t('demoCode')}</Text>
      ) : device.enrolmentUntil ? (
        <Text>
          {t('validUntil', {
            date: formatDate(berlinDateOf(device.enrolmentUntil), ctx.lang),
            time: formatTime(device.enrolmentUntil),
          })}
        </Text>
      ) : null}
      <Text>{t('enrolHint')}</Text>
      <form method="post" action={ENROLMENT_PATH}>
        <CsrfField token={ctx.csrf()} />
        <input type="hidden" name="code" value={code} />
        <ButtonGroup>
          <Button>{t('enrolButton')}</Button>
        </ButtonGroup>
      </form>
    </CitizenLayout>
  );
}

/** An unknown, used, expired or revoked link (status 404 or 410 is set by the route). */
export function EnrolFailedPage({ ctx, error }: { ctx: PageContext; error: EnrolmentError }) {
  const t = devicesMessages(ctx.lang);
  return (
    <CitizenLayout ctx={ctx} title={t('invalidTitle')}>
      <Heading level={1}>{t('invalidTitle')}</Heading>
      <Alert kind="warning" title={error.messageIn(ctx.lang)} />
      <Text>{t('nothingChanged')}</Text>
      <Text>
        <Link href="/">{t('home')}</Link>
      </Text>
    </CitizenLayout>
  );
}
