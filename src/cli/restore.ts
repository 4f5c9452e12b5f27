import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../platform/config/config.js';
import { DataDirLockedError } from '../platform/db/data-dir-lock.js';
import { openDatabase } from '../platform/db/database.js';

/** `npm run restore -- backups/buergeramt-….tar.gz`: rebuilds an empty PGlite data directory from a backup. */
async function main(): Promise<void> {
  const config = loadConfig();
  const file = process.argv[2];
  if (!file) throw new ConfigError('Usage: npm run restore -- <backup.tar.gz>');
  if (config.database.kind === 'postgres') {
    throw new ConfigError('For PostgreSQL use pg_restore (see README, "Backup and restore").');
  }
  const pgdata = path.join(config.database.dataDir, 'pgdata');
  if (existsSync(pgdata) && readdirSync(pgdata).length > 0) {
    throw new ConfigError(
      `${pgdata} is not empty. Move it away first (or set BUERGERAMT_DATA_DIR to a new directory), then restore.`,
    );
  }
  const database = await openDatabase(config.database, {
    pgliteFromDump: new Blob([readFileSync(path.resolve(file))]),
  });
  await database.ping();
  await database.close();
  console.log(`Restored ${file} into ${config.database.dataDir}.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof DataDirLockedError ? error.message : error);
  process.exit(1);
});
