// Phone ticket (/ticket/:id?k=…): follows the ticket's server-sent events and updates the page;
// vibrates and (if allowed) notifies when the number is called. The texts come from the page
// (data-texts, in the page's language); without JavaScript the page reloads itself instead.

const body = document.body;
const texts = JSON.parse(body.dataset.texts || '{}');
const streamUrl = body.dataset.stream;
const finished = new Set(['done', 'no_show', 'cancelled']);
let status = body.dataset.status || 'waiting';

const $ = (id) => document.getElementById(id);
const fill = (template, values) =>
  String(template ?? '').replace(/\{(\w+)\}/g, (match, name) =>
    name in values ? String(values[name]) : match,
  );

function aheadText(ahead) {
  if (ahead <= 0) return texts.aheadNone;
  return ahead === 1 ? texts.aheadOne : fill(texts.aheadMany, { n: ahead });
}

function estimateText(minutes) {
  if (minutes === null || minutes === undefined) return texts.estimateUnknown;
  if (minutes < 5) return texts.estimateSoon;
  return fill(texts.estimateMinutes, { minutes: Math.round(minutes / 5) * 5 });
}

function setText(id, text) {
  const element = $(id);
  if (element && element.textContent !== text) element.textContent = text;
}

function show(message) {
  const counter = message.counter || texts.counterUnknown;
  setText('ticket-status', fill(texts[`status.${message.status}`] ?? texts['status.waiting'], { counter }));
  setText('ticket-ahead', aheadText(message.ahead));
  setText('ticket-wait', estimateText(message.estimatedWaitMinutes));
  const details = $('ticket-details');
  if (details) details.hidden = message.status !== 'waiting';

  // The role="alert" region is announced when its content changes: filled once per call.
  const alert = $('ticket-alert');
  if (alert) {
    if (message.status === 'called') {
      const text = fill(texts.calledAlert, { counter });
      if (alert.textContent !== text) {
        const paragraph = document.createElement('p');
        paragraph.className = 'queue-phone__called';
        paragraph.textContent = text;
        alert.replaceChildren(paragraph);
      }
    } else if (alert.firstChild) {
      alert.replaceChildren();
    }
  }
  if (message.status === 'called' && status !== 'called') called(counter);
  status = message.status;
  body.dataset.status = status;
}

function called(counter) {
  if (typeof navigator.vibrate === 'function') navigator.vibrate([400, 150, 400, 150, 400]);
  notify(fill(texts.calledAlert, { counter }));
}

// ---- Notifications (optional; asked for only when the citizen presses the button)

const notifySupported = 'Notification' in window && window.isSecureContext;
const notifyWrapper = document.querySelector('.queue-notify');
const notifyState = document.querySelector('.queue-notify-state');

function notifyStatus() {
  if (!notifySupported || !notifyWrapper) return;
  const permission = Notification.permission;
  notifyWrapper.hidden = permission !== 'default' || finished.has(status);
  if (notifyState) {
    notifyState.textContent =
      permission === 'granted' ? texts.notifyOn : permission === 'denied' ? texts.notifyDenied : '';
  }
}

async function notify(text) {
  if (!notifySupported || Notification.permission !== 'granted') return;
  const options = { body: text, tag: 'queue-ticket', renotify: true, requireInteraction: true };
  try {
    new Notification(texts.notifyTitle, options);
  } catch {
    // Mobile browsers show notifications only through a service worker.
    try {
      const registration = await navigator.serviceWorker?.register('/assets/queue/notify-worker.js');
      await registration?.showNotification(texts.notifyTitle, options);
    } catch {
      // No notification then: the page itself, the vibration and the display still tell.
    }
  }
}

if (notifySupported && notifyWrapper) {
  notifyWrapper.querySelector('button')?.addEventListener('click', async () => {
    await Notification.requestPermission();
    notifyStatus();
  });
  notifyStatus();
}

// ---- Live updates

if (streamUrl && !finished.has(status)) {
  const source = new EventSource(streamUrl);
  const connection = $('ticket-connection');
  source.addEventListener('ticket', (event) => {
    if (connection) connection.hidden = true;
    const message = JSON.parse(event.data);
    show(message);
    if (finished.has(message.status)) {
      source.close();
      notifyStatus();
    }
  });
  source.addEventListener('open', () => {
    if (connection) connection.hidden = true;
  });
  source.addEventListener('error', () => {
    // EventSource reconnects by itself (retry: 2 s); a 404 (ticket gone) closes it for good.
    if (source.readyState === EventSource.CLOSED) {
      setTimeout(() => window.location.reload(), 20_000);
    } else if (connection) {
      connection.hidden = false;
    }
  });
}
