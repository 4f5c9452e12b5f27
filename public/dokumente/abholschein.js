// Abholschein (/verwaltung/dokumente): the print button. Loaded as a module from /assets/dokumente/
// (CSP: script-src 'self', no inline code). Without JavaScript the browser's own print works the same:
// the print style sheet leaves out everything but the receipt.
for (const wrapper of document.querySelectorAll('.dokumente-print')) {
  const button = wrapper.querySelector('button');
  if (!button) continue;
  wrapper.hidden = false;
  button.addEventListener('click', () => window.print());
}
