// Service worker of the phone ticket: only there to show its "It's your turn" notification on mobile
// browsers (they allow notifications only through a service worker). A tap brings the ticket back.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const ticket = windows.find((client) => new URL(client.url).pathname.startsWith('/ticket/'));
      return ticket?.focus();
    }),
  );
});
