import { Button, DescriptionList, Heading, Text } from '../../platform/views/kern.js';
import type { PageContext } from '../../platform/views/page-context.js';
import { type QueueMessageKey, queueMessages } from './queue.messages.js';
import type { TicketState } from './queue.service.js';
import { aheadText, estimateText, LanguageLinks, PhoneFooter, QueueDocument } from './queue.views.js';

/** Seconds between reloads of the phone ticket without JavaScript. */
export const PHONE_RELOAD_SECONDS = 20;

const openStatuses = new Set(['waiting', 'called', 'serving', 'parked']);

const statusKeys: Record<string, QueueMessageKey> = {
  waiting: 'statusWaiting',
  called: 'statusCalled',
  serving: 'statusServing',
  parked: 'statusParked',
  done: 'statusDone',
  no_show: 'statusNoShow',
  cancelled: 'statusCancelled',
};

/** The sentence for a ticket's status (ticket.js uses the same texts, handed over in `data-texts`). */
export function statusText(
  t: ReturnType<typeof queueMessages>,
  status: string,
  counter: string | null,
): string {
  return t(statusKeys[status] ?? 'statusWaiting', { counter: counter ?? t('counterUnknown') });
}

/** The texts ticket.js needs to show a new state in the page's language. */
function clientTexts(t: ReturnType<typeof queueMessages>): Record<string, string> {
  const keys: QueueMessageKey[] = [
    'calledAlert',
    'counterUnknown',
    'aheadNone',
    'aheadOne',
    'aheadMany',
    'estimateMinutes',
    'estimateSoon',
    'estimateUnknown',
    'notifyOn',
    'notifyDenied',
    'notifyTitle',
  ];
  const texts: Record<string, string> = Object.fromEntries(keys.map((key) => [key, t(key)]));
  for (const [status, key] of Object.entries(statusKeys)) texts[`status.${status}`] = t(key);
  return texts;
}

function PhoneHeader({ ctx, path }: { ctx: PageContext; path: string }) {
  return (
    <header class="queue-phone-header">
      <p class="queue-phone-header__site">{ctx.site.name}</p>
      <LanguageLinks ctx={ctx} path={path} className="queue-lang queue-lang--small" />
    </header>
  );
}

/**
 * The live ticket on the citizen's phone (link from the QR code): number, status, people ahead and the
 * estimate; "It's your turn" when called. ticket.js follows the event stream; without JavaScript the
 * page reloads itself. Nothing personal is shown: the ticket has no name.
 */
export function PhoneTicketPage({
  ctx,
  state,
  locationName,
  date,
  serviceNames,
  path,
  streamUrl,
}: {
  ctx: PageContext;
  state: TicketState;
  locationName: string;
  date: string;
  serviceNames: string[];
  /** This page's address with its secret (for the language links). */
  path: string;
  streamUrl: string;
}) {
  const t = queueMessages(ctx.lang);
  const { ticket } = state;
  const open = openStatuses.has(ticket.status);
  const counter = state.counterName ?? null;
  return (
    <QueueDocument
      ctx={ctx}
      title={t('phoneTitle', { number: ticket.number })}
      variant="phone"
      script="ticket.js"
      reload={open ? { seconds: PHONE_RELOAD_SECONDS } : undefined}
      data={{
        ...(open ? { stream: streamUrl } : {}),
        status: ticket.status,
        texts: JSON.stringify(clientTexts(t)),
      }}
    >
      <PhoneHeader ctx={ctx} path={path} />
      <main id="inhalt" class="queue-phone">
        <Heading level={1}>{t('phoneTitle', { number: ticket.number })}</Heading>
        <Text>{t('phoneLocation', { location: locationName, date })}</Text>
        <p class="queue-phone__number" aria-hidden="true">
          {ticket.number}
        </p>
        <div id="ticket-alert" role="alert" class="queue-phone__alert">
          {ticket.status === 'called' ? (
            <p class="queue-phone__called">{t('calledAlert', { counter: counter ?? t('counterUnknown') })}</p>
          ) : null}
        </div>
        <div id="ticket-live" aria-live="polite" class="queue-phone__live">
          <p id="ticket-status" class="queue-phone__status">
            {statusText(t, ticket.status, counter)}
          </p>
          <div id="ticket-details" hidden={ticket.status !== 'waiting'}>
            <DescriptionList
              items={[
                { key: t('aheadLabel'), value: <span id="ticket-ahead">{aheadText(t, state.ahead)}</span> },
                {
                  key: t('waitLabel'),
                  value: <span id="ticket-wait">{estimateText(t, state.estimatedWaitMinutes)}</span>,
                },
              ]}
            />
          </div>
        </div>
        <DescriptionList items={[{ key: t('servicesLabel'), value: serviceNames.join(', ') }]} />
        {open ? (
          <>
            <div class="queue-notify" hidden>
              <Button type="button" variant="secondary">
                {t('notifyButton')}
              </Button>
            </div>
            <p class="queue-notify-state" role="status" />
            <p id="ticket-connection" class="queue-connection" hidden>
              {t('reconnecting')}
            </p>
            <Text small>{t('phoneUpdates')}</Text>
          </>
        ) : null}
      </main>
      <PhoneFooter ctx={ctx} />
    </QueueDocument>
  );
}

/** A wrong or unknown ticket link: the same neutral page whether the ticket exists or not. */
export function TicketNotFoundPage({ ctx }: { ctx: PageContext }) {
  const t = queueMessages(ctx.lang);
  return (
    <QueueDocument ctx={ctx} title={t('notFoundTitle')} variant="phone">
      <header class="queue-phone-header">
        <p class="queue-phone-header__site">{ctx.site.name}</p>
      </header>
      <main id="inhalt" class="queue-phone">
        <Heading level={1}>{t('notFoundTitle')}</Heading>
        <Text>{t('notFoundText')}</Text>
      </main>
      <PhoneFooter ctx={ctx} />
    </QueueDocument>
  );
}
