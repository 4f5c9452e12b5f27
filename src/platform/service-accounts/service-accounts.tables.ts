import { jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Machine accounts for integrations (e.g. the register software pushing document statuses). The API key
 * is shown once at creation; only its SHA-256 is stored.
 */
export const serviceAccounts = pgTable(
  'service_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** What the key may do, e.g. ['documents:write']. */
    scopes: jsonb('scopes').$type<string[]>().notNull(),
    /** First characters of the key, to recognise it in lists (not secret). */
    keyPrefix: text('key_prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [uniqueIndex('service_accounts_key_idx').on(table.keyHash)],
);
