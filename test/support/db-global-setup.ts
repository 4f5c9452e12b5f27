import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { seedDemo } from '../../src/demo/seed.js';
import { migrateDatabase, openDatabase } from '../../src/platform/db/database.js';
import { TEST_TODAY } from './test-clock.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite: path of a dumped, migrated and seeded data directory. */
    pgliteTemplate: string;
    /** PostgreSQL: name of a migrated and seeded template database. */
    pgTemplate: string;
  }
}

/**
 * Builds the migrated, demo-seeded database once per run. Each test file then starts from a copy:
 * PGlite loads the dumped data directory (far cheaper than initdb + migrations), PostgreSQL clones a
 * template database.
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const template = `buergeramt_tpl_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${template}`);
    const templateUrl = new URL(url);
    templateUrl.pathname = `/${template}`;
    const database = await openDatabase({ kind: 'postgres', url: templateUrl.toString(), poolSize: 2 });
    await migrateDatabase(database);
    await seedDemo(database.db, { staff: true, today: TEST_TODAY });
    await database.close();
    project.provide('pgTemplate', template);
    project.provide('pgliteTemplate', '');
    return async () => {
      const { rows } = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like 'buergeramt_t%_${process.pid}_%'`,
      );
      for (const row of rows) {
        await admin.query(`drop database if exists ${row.datname} with (force)`);
      }
      await admin.end();
    };
  }

  const directory = mkdtempSync(path.join(os.tmpdir(), 'buergeramt-test-'));
  const database = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
  await migrateDatabase(database);
  await seedDemo(database.db, { staff: true, today: TEST_TODAY });
  const dump = await database.pglite!.dumpDataDir('none');
  const file = path.join(directory, 'template.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('pgliteTemplate', file);
  project.provide('pgTemplate', '');
  return () => rmSync(directory, { recursive: true, force: true });
}
