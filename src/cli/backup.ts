import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../platform/config/config.js';
import { DataDirLockedError } from '../platform/db/data-dir-lock.js';
import { openDatabase } from '../platform/db/database.js';

/**
 * `npm run backup [-- target-directory]`: PGlite → a tarball of the data directory (restore with
 * `npm run restore -- file`); PostgreSQL → pg_dump's custom format (restore with pg_restore).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const targetDirectory = path.resolve(process.argv[2] ?? 'backups');
  mkdirSync(targetDirectory, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');

  if (config.database.kind === 'postgres') {
    const file = path.join(targetDirectory, `buergeramt-${stamp}.dump`);
    const result = spawnSync(
      'pg_dump',
      ['--format=custom', '--no-owner', `--file=${file}`, config.database.url],
      {
        stdio: 'inherit',
      },
    );
    if (result.error || result.status !== 0) {
      throw new Error(
        `pg_dump failed${result.error ? `: ${result.error.message}` : ''}; is the PostgreSQL client installed?`,
      );
    }
    console.log(
      `Backup written to ${file}\nRestore: pg_restore --clean --if-exists --no-owner -d "$DATABASE_URL" ${file}`,
    );
    return;
  }

  // The lock guarantees a consistent copy: PGlite cannot be read while the server owns the directory.
  const database = await openDatabase(config.database);
  try {
    const dump = await database.pglite!.dumpDataDir('gzip');
    const file = path.join(targetDirectory, `buergeramt-${stamp}.tar.gz`);
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    console.log(`Backup written to ${file}\nRestore: npm run restore -- ${file}`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof DataDirLockedError) {
    console.error(
      `${error.message}\nFor a PGlite backup, stop the server first (it owns the data directory).`,
    );
  } else {
    console.error(error instanceof ConfigError ? error.message : error);
  }
  process.exit(1);
});
