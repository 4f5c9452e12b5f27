import { existsSync } from 'node:fs';
import { pgliteExtensions } from '../platform/db/database.js';
import { templateFile, writePgliteTemplate } from '../platform/db/pglite-template.js';

/** postinstall: prepares an initialised PGlite cluster so the first `npm start` skips initdb. */
if (existsSync(templateFile)) {
  console.log(`PGlite template present: ${templateFile}`);
} else {
  try {
    console.log(`PGlite template written: ${await writePgliteTemplate(pgliteExtensions)}`);
  } catch (error) {
    // Only an optimisation: without it the first start runs initdb itself.
    console.warn(
      `PGlite template not prepared (${(error as Error).message}); the first start will take longer.`,
    );
  }
}
