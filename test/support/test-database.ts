import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/platform/db/database.js';

let counter = 0;

/** A fresh copy of the migrated, demo-seeded database (see db-global-setup.ts). */
export async function openTestDatabase(): Promise<DatabaseHandle> {
  const pgTemplate = inject('pgTemplate');
  const url = process.env.TEST_DATABASE_URL;
  if (pgTemplate && url) {
    const name = `buergeramt_t${counter++}_${process.pid}_${pgTemplate.split('_')[2]}_${randomBytes(3).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`create database ${name} template ${pgTemplate}`);
    } finally {
      await admin.end();
    }
    const databaseUrl = new URL(url);
    databaseUrl.pathname = `/${name}`;
    const handle = await openDatabase({ kind: 'postgres', url: databaseUrl.toString(), poolSize: 10 });
    return {
      ...handle,
      close: async () => {
        await handle.close();
        const cleanup = new pg.Client({ connectionString: url });
        await cleanup.connect();
        await cleanup.query(`drop database if exists ${name} with (force)`);
        await cleanup.end();
      },
    };
  }
  const dump = new Blob([readFileSync(inject('pgliteTemplate'))]);
  return openDatabase({ kind: 'pglite', dataDir: 'memory://' }, { pgliteFromDump: dump });
}
