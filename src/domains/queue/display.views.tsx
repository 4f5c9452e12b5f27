import { Button, Heading } from '../../platform/views/kern.js';
import type { PageContext } from '../../platform/views/page-context.js';
import { queueMessages } from './queue.messages.js';
import type { CallMessage } from './queue.streams.js';
import { QueueDocument } from './queue.views.js';

/** Seconds between reloads of the call display without JavaScript. */
export const DISPLAY_RELOAD_SECONDS = 10;
/** Calls listed under the newest one. */
export const DISPLAY_HISTORY = 6;

/** "W 017 → Schalter 3"; the arrow is read as "an"/"to". display.js builds the same markup. */
function CallLine({ call, to }: { call: CallMessage; to: string }) {
  return (
    <>
      <span class="queue-call__number">{call.number}</span>{' '}
      <span class="queue-call__arrow" aria-hidden="true">
        →
      </span>
      <span class="queue-sr-only"> {to} </span> <span class="queue-call__counter">{call.counter}</span>
    </>
  );
}

/**
 * The call display of a location, full screen on a 16:9 screen in the waiting area: the newest call
 * large, the ones before it below. Numbers and counters only, never a name. display.js follows the
 * location's event stream (gong, flash); without JavaScript the page reloads itself.
 */
export function DisplayPage({
  ctx,
  locationName,
  calls,
  streamUrl,
}: {
  ctx: PageContext;
  locationName: string;
  /** Newest first. */
  calls: CallMessage[];
  streamUrl: string;
}) {
  const t = queueMessages(ctx.lang);
  const [current, ...history] = calls;
  return (
    <QueueDocument
      ctx={ctx}
      title={`${t('displayTitle')} – ${locationName}`}
      variant="display"
      script="display.js"
      reload={{ seconds: DISPLAY_RELOAD_SECONDS }}
      data={{
        stream: streamUrl,
        history: String(DISPLAY_HISTORY),
        texts: JSON.stringify({ callTo: t('callTo'), noCalls: t('noCalls') }),
      }}
    >
      <main id="inhalt" class="queue-display">
        <header class="queue-display__header">
          <Heading level={1}>{`${t('displayTitle')} – ${locationName}`}</Heading>
          <div class="queue-display__tools">
            <p id="display-connection" class="queue-connection" role="status" hidden>
              {t('reconnecting')}
            </p>
            <div class="queue-sound" hidden>
              <Button type="button" variant="secondary">
                {t('soundButton')}
              </Button>
            </div>
          </div>
        </header>
        <section class="queue-display__current" aria-labelledby="display-current-title">
          <Heading level={2} id="display-current-title">
            {t('currentTitle')}
          </Heading>
          <p id="display-current" class="queue-display__call" aria-live="polite" aria-atomic="true">
            {current ? (
              <CallLine call={current} to={t('callTo')} />
            ) : (
              <span class="queue-display__empty">{t('noCalls')}</span>
            )}
          </p>
        </section>
        <section class="queue-display__history" aria-labelledby="display-history-title">
          <Heading level={2} id="display-history-title">
            {t('historyTitle')}
          </Heading>
          <ol id="display-history" class="queue-display__list">
            {history.slice(0, DISPLAY_HISTORY).map((call) => (
              <li class="queue-display__item">
                <CallLine call={call} to={t('callTo')} />
              </li>
            ))}
          </ol>
        </section>
      </main>
    </QueueDocument>
  );
}
