/**
 * The captcha field of a citizen form: the ALTCHA proof-of-work widget, plus the no-JavaScript
 * fallback token (see CaptchaService).
 *
 * Form fields posted:
 * - `captcha`: the widget's payload (base64 JSON), written by the widget into a hidden input once the
 *   proof of work is done. Absent when JavaScript is off or the widget could not load.
 * - `captcha_fallback`: the signed fallback token, always present (a plain hidden input, not inside
 *   <noscript>, so it also helps when JavaScript is on but the widget script was blocked or is too new
 *   for the browser). Accepted at least 8 s after the page was rendered, once.
 * The handler calls `captcha.verify(body.captcha, body.captcha_fallback)`.
 *
 * CSP (script-src/style-src 'self', no inline code, no blob: workers): the widget's default bundle
 * injects a <style> element and starts its workers from blob: URLs, both blocked. So this uses the
 * "external" build with its stylesheet, loaded by /assets/altcha-setup.js (public/), which also
 * registers the SHA worker from its own file and loads the German and English strings.
 *
 * Accessibility (ALTCHA states WCAG 2.2 AA): the widget renders a real checkbox with a <label> ("Ich bin
 * kein Roboter" / "I'm not a robot"), operable by keyboard, and announces its state changes; with
 * `auto="onfocus"` the work starts as soon as the user focuses any field of the form, so it is usually
 * done before they reach the submit button. Around it: a fieldset with a legend and a plain-language
 * explanation, and a <noscript> note explaining the waiting time.
 */
import type { Lang } from '../i18n/i18n.js';
import { defineMessages } from '../i18n/i18n.js';
import { Fieldset, Text } from '../views/kern.js';
import { CAPTCHA_FALLBACK_FIELD, CAPTCHA_FIELD } from './captcha.service.js';

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'altcha-widget': {
        challenge?: string;
        name?: string;
        language?: string;
        auto?: 'off' | 'onfocus' | 'onload' | 'onsubmit';
        type?: 'native' | 'checkbox' | 'switch';
        display?: 'standard' | 'bar' | 'floating' | 'overlay' | 'invisible';
        workers?: number;
        /** JSON-encoded widget configuration. */
        configuration?: string;
        id?: string;
        class?: string;
        children?: never;
      };
    }
  }
}

export const CAPTCHA_CHALLENGE_URL = '/api/v1/captcha/challenge';
export const CAPTCHA_SETUP_SCRIPT = '/assets/altcha-setup.js';
export const CAPTCHA_STYLESHEET = '/assets/altcha/external/altcha.css';

export const captchaMessages = defineMessages({
  de: {
    legend: 'Sicherheitsprüfung',
    hint: 'Zum Schutz vor automatisierten Buchungen löst Ihr Gerät eine kleine Rechenaufgabe. Das dauert meist nur wenige Sekunden und beginnt, sobald Sie das Formular ausfüllen. Es werden keine Daten an andere Stellen übertragen.',
    noscript:
      'JavaScript ist ausgeschaltet. Sie können das Formular trotzdem absenden: Statt der Rechenaufgabe prüfen wir dann, dass zwischen dem Öffnen der Seite und dem Absenden mindestens 8 Sekunden liegen.',
    invalid:
      'Die Sicherheitsprüfung ist fehlgeschlagen oder abgelaufen. Bitte warten Sie einen Moment und senden Sie das Formular erneut ab.',
  },
  en: {
    legend: 'Security check',
    hint: 'To protect against automated bookings, your device solves a small computing task. It usually takes only a few seconds and starts as soon as you fill in the form. No data is sent to anyone else.',
    noscript:
      'JavaScript is turned off. You can still submit the form: instead of the computing task, we check that at least 8 seconds pass between opening the page and submitting it.',
    invalid: 'The security check failed or has expired. Please wait a moment and submit the form again.',
  },
});

/**
 * The captcha block for a form. `fallbackToken` comes from `captcha.fallbackChallenge()` at render
 * time; `error` is the field message after a failed check (use `captchaMessages(lang)('invalid')`).
 * Renders nothing when the captcha is switched off.
 */
export function CaptchaField({
  lang,
  enabled,
  fallbackToken,
  error,
}: {
  lang: Lang;
  enabled: boolean;
  fallbackToken?: string;
  error?: string;
}) {
  if (!enabled) return null;
  const t = captchaMessages(lang);
  return (
    <Fieldset legend={t('legend')} error={error} id={CAPTCHA_FIELD}>
      <link rel="stylesheet" href={CAPTCHA_STYLESHEET} />
      <Text small>{t('hint')}</Text>
      <altcha-widget
        challenge={CAPTCHA_CHALLENGE_URL}
        name={CAPTCHA_FIELD}
        language={lang}
        auto="onfocus"
        type="checkbox"
        configuration={JSON.stringify({ hideFooter: true, hideLogo: false })}
      />
      <script type="module" src={CAPTCHA_SETUP_SCRIPT} />
      <noscript>
        <Text small>{t('noscript')}</Text>
      </noscript>
      {fallbackToken ? <input type="hidden" name={CAPTCHA_FALLBACK_FIELD} value={fallbackToken} /> : null}
    </Fieldset>
  );
}
