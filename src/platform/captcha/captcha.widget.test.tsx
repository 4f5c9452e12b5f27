import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderFragment } from '../views/render.js';
import { CAPTCHA_SETUP_SCRIPT, CAPTCHA_STYLESHEET, CaptchaField, captchaMessages } from './captcha.widget.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('CaptchaField', () => {
  it('renders the widget, its script and stylesheet, the fallback token and a noscript note', () => {
    const html = renderFragment(<CaptchaField lang="en" enabled fallbackToken="nojs1.abc.def.ghi" />);
    expect(html).toContain('<fieldset');
    expect(html).toContain('Security check</legend>');
    expect(html).toMatch(
      /<altcha-widget challenge="\/api\/v1\/captcha\/challenge" name="captcha" language="en" auto="onfocus" type="checkbox" configuration="\{&quot;hideFooter&quot;:true,&quot;hideLogo&quot;:false\}"><\/altcha-widget>/,
    );
    expect(html).toContain(`<script type="module" src="${CAPTCHA_SETUP_SCRIPT}"></script>`);
    expect(html).toContain(`<link rel="stylesheet" href="${CAPTCHA_STYLESHEET}"/>`);
    expect(html).toContain('<input type="hidden" name="captcha_fallback" value="nojs1.abc.def.ghi"/>');
    expect(html).toMatch(/<noscript><p class="kern-body kern-body--small">JavaScript is turned off\./);
    // CSP: no inline script or style.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|style="/);
  });

  it('shows the error on the fieldset in German', () => {
    const t = captchaMessages('de');
    const html = renderFragment(<CaptchaField lang="de" enabled error={t('invalid')} />);
    expect(html).toContain('Sicherheitsprüfung</legend>');
    expect(html).toContain('id="captcha"');
    expect(html).toContain('id="captcha-error"');
    expect(html).toContain('Die Sicherheitsprüfung ist fehlgeschlagen');
    expect(html).toContain('language="de"');
    expect(html).not.toContain('captcha_fallback');
  });

  it('renders nothing when the captcha is switched off', () => {
    expect(renderFragment(<CaptchaField lang="de" enabled={false} fallbackToken="x" />)).toBe('');
  });

  it('refers only to files that exist (public/ and node_modules/altcha/dist)', () => {
    expect(existsSync(path.join(root, 'public/altcha-setup.js'))).toBe(true);
    for (const file of [
      'external/altcha.css',
      'external/altcha.min.js',
      'i18n/de.js',
      'i18n/en.js',
      'workers/sha.js',
    ]) {
      expect(existsSync(path.join(root, 'node_modules/altcha/dist', file)), file).toBe(true);
    }
  });
});
