import { describe, expect, it } from 'vitest';
import { renderFragment } from '../views/render.js';
import { contentDisposition } from './mailbox.routes.js';
import { MailBody, textParts } from './mailbox.views.js';

describe('textParts', () => {
  it('finds http and https links and leaves sentence punctuation outside', () => {
    expect(textParts('Bitte bestätigen: https://stadt.example/termin/abc?t=1&x=2. Danke')).toEqual([
      { kind: 'text', value: 'Bitte bestätigen: ' },
      { kind: 'link', href: 'https://stadt.example/termin/abc?t=1&x=2' },
      { kind: 'text', value: '. Danke' },
    ]);
    expect(textParts('(siehe http://a.example/x) und http://b.example/wiki/A_(B)')).toEqual([
      { kind: 'text', value: '(siehe ' },
      { kind: 'link', href: 'http://a.example/x' },
      { kind: 'text', value: ') und ' },
      { kind: 'link', href: 'http://b.example/wiki/A_(B)' },
    ]);
  });

  it('makes no links of other schemes or plain text', () => {
    expect(textParts('javascript:alert(1) mailto:a@b.example ftp://x.example')).toEqual([
      { kind: 'text', value: 'javascript:alert(1) mailto:a@b.example ftp://x.example' },
    ]);
    expect(textParts('')).toEqual([]);
  });
});

describe('MailBody', () => {
  it('renders paragraphs, line breaks and links, and escapes everything else', () => {
    const html = renderFragment(
      <MailBody
        text={
          'Guten Tag,\n\nhier: https://stadt.example/t?a=1&b=<2>\nZeile 2 <script>alert(1)</script>\n\n\nEnde'
        }
      />,
    );
    expect(html).toBe(
      '<p class="kern-body">Guten Tag,</p>' +
        '<p class="kern-body">hier: <a class="kern-link" href="https://stadt.example/t?a=1&amp;b=" rel="noopener">https://stadt.example/t?a=1&amp;b=</a>&lt;2><br/>' +
        'Zeile 2 &lt;script>alert(1)&lt;/script></p>' +
        '<p class="kern-body">Ende</p>',
    );
  });
});

describe('contentDisposition', () => {
  it('offers an ASCII name and the exact UTF-8 name', () => {
    expect(contentDisposition('termin.ics')).toBe(
      `attachment; filename="termin.ics"; filename*=UTF-8''termin.ics`,
    );
    expect(contentDisposition('Bestätigung "1".ics')).toBe(
      `attachment; filename="Best_tigung _1_.ics"; filename*=UTF-8''Best%C3%A4tigung%20%221%22.ics`,
    );
    expect(contentDisposition('a\r\nb')).not.toMatch(/[\r\n]/);
  });
});
