import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { startE2E, visit } from './browser.js';

// The README's picture of the start page. The app needs the test database template that vitest's
// global setup provides, so this is a test file; it only writes the file when asked:
//   UPDATE_SCREENSHOT=1 npx vitest run --config test/e2e/vitest.config.ts test/e2e/screenshot
const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/screenshot.png');

test.skipIf(process.env.UPDATE_SCREENSHOT !== '1')(
  'screenshot of the start page → docs/screenshot.png',
  async () => {
    const e2e = await startE2E();
    try {
      const context = await e2e.browser.newContext({
        baseURL: e2e.baseUrl,
        locale: 'de-DE',
        viewport: { width: 1280, height: 900 },
      });
      const page = await context.newPage();
      await visit(page, '/');
      // KERN's own font, not a fallback: the picture shows what citizens see.
      const fonts = await page.evaluate(async () => {
        await document.fonts.ready;
        const loaded: string[] = [];
        document.fonts.forEach((font) => {
          if (font.status === 'loaded') loaded.push(font.family);
        });
        return loaded;
      });
      expect(fonts.join(' ')).toMatch(/Fira Sans/);
      await page.screenshot({ path: target });
      await context.close();
    } finally {
      await e2e.close();
    }
  },
);
