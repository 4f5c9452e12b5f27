import { seedDemo } from '../demo/seed.js';
import { ConfigError, loadConfig } from '../platform/config/config.js';
import { DataDirLockedError } from '../platform/db/data-dir-lock.js';
import { isEmpty, migrateDatabase, openDatabase } from '../platform/db/database.js';

/** `npm run seed`: migrates, then fills an empty database with the demo city. */
async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config.database);
  try {
    await migrateDatabase(database);
    if (!(await isEmpty(database.db))) {
      console.log('The database already holds data: nothing was changed.');
      return;
    }
    await seedDemo(database.db, { staff: config.demo });
    console.log(
      `Demo data written${config.demo ? ' (with demo staff accounts)' : ' (without staff accounts: not in demo mode)'}.`,
    );
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof DataDirLockedError ? error.message : error);
  process.exit(1);
});
