import { generateKeyPair, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { devIdpKeys } from './dev-idp.tables.js';

const KEY_ID = 'signing';

/**
 * The dev IdP's RS256 signing key: read from the database, or generated on the first start and stored
 * (the first of several nodes starting at once wins, the others read its key).
 */
export async function devIdpSigningKey(db: Database): Promise<Record<string, unknown>> {
  const [existing] = await db.select().from(devIdpKeys).where(eq(devIdpKeys.id, KEY_ID));
  if (existing) return existing.jwk;
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' };
  await db.insert(devIdpKeys).values({ id: KEY_ID, jwk }).onConflictDoNothing();
  const [stored] = await db.select().from(devIdpKeys).where(eq(devIdpKeys.id, KEY_ID));
  if (!stored) throw new Error('dev IdP signing key could not be stored');
  return stored.jwk;
}
