// Kiosk (/kiosk/:locationId): focus for the barcode scanner, the print button, and the return to the
// start screen. Loaded as a module from /assets/queue/ (CSP: script-src 'self', no inline code).
// Without JavaScript the page works as well: the browser's own print, a <noscript> meta refresh.

const body = document.body;

// A scanner types the booking code like a keyboard and presses Enter: the code field must have the focus.
// After a refusal the wrong code is selected, so the next scan replaces it.
const code = document.querySelector('form[data-scanner] input[name="code"]');
if (code instanceof HTMLInputElement) {
  code.focus();
  if (code.value) code.select();
}

// "Drucken": only offered with JavaScript (the 80 mm print style sheet prints the ticket alone).
for (const wrapper of document.querySelectorAll('.queue-print')) {
  const button = wrapper.querySelector('button');
  if (!button) continue;
  wrapper.hidden = false;
  button.addEventListener('click', () => window.print());
}

// Back to the start screen after a while: the next person must not see this ticket or its QR code.
// location.replace keeps the ticket out of the kiosk's history.
const returnTo = body.dataset.returnTo;
const seconds = Number(body.dataset.returnAfter);
if (returnTo && seconds > 0) {
  let timer = setTimeout(() => window.location.replace(returnTo), seconds * 1000);
  // Somebody still typing on a refused start screen gets the full time again.
  document.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => window.location.replace(returnTo), seconds * 1000);
  });
}
