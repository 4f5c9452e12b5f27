import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Extensions, PGlite } from '@electric-sql/pglite';

/**
 * A freshly initialised PGlite cluster, made once at `npm install` (postinstall) and copied into a new
 * data directory at first start: running initdb on disk is the slowest step of a first start.
 * The file name carries the PGlite version, so an upgrade never reuses an old cluster.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const pgliteVersion: string = JSON.parse(
  readFileSync(path.join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8'),
).version;
export const templateFile = path.join(
  root,
  'node_modules/.cache/buergeramt',
  `pglite-${pgliteVersion}.tar.gz`,
);

export async function writePgliteTemplate(extensions: Extensions): Promise<string> {
  const pglite = await PGlite.create({ extensions });
  const dump = await pglite.dumpDataDir('gzip');
  await pglite.close();
  mkdirSync(path.dirname(templateFile), { recursive: true });
  const partial = `${templateFile}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, templateFile);
  return templateFile;
}

/** The template, when the data directory is new and a template was prepared; otherwise undefined. */
export function templateFor(pgdata: string): Blob | undefined {
  const fresh = !existsSync(pgdata) || readdirSync(pgdata).length === 0;
  if (!fresh || !existsSync(templateFile)) return undefined;
  return new Blob([readFileSync(templateFile)]);
}
