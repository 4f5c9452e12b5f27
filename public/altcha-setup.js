// Loads the ALTCHA widget under the site's Content Security Policy (script-src 'self', no inline code):
// the "external" build (no injected <style>, no blob: workers; its stylesheet is linked by CaptchaField),
// the German and English strings, and the SHA proof-of-work worker from its own file.
// Served from /assets/; the widget files from /assets/altcha/ (node_modules/altcha/dist).
import '/assets/altcha/i18n/de.js';
import '/assets/altcha/i18n/en.js';

const shaWorker = () => new Worker('/assets/altcha/workers/sha.js');
for (const algorithm of ['SHA-256', 'SHA-384', 'SHA-512']) {
  globalThis.$altcha.algorithms.set(algorithm, shaWorker);
}

// After the registrations above: defines <altcha-widget>.
await import('/assets/altcha/external/altcha.min.js');
