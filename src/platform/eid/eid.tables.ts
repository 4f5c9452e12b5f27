import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { CitizenIdentity } from './citizen.js';

/**
 * Citizens logged in with the eID. The cookie holds a random token, the table only its SHA-256 hash
 * (as the staff sessions). `claims` are the mapped identity claims, nothing else of the ID card; the
 * ID token is kept for the log-out at the identity provider (`id_token_hint`).
 */
export const citizenSessions = pgTable(
  'citizen_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    claims: jsonb('claims').$type<CitizenIdentity>().notNull(),
    idToken: text('id_token'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('citizen_sessions_expires_idx').on(table.expiresAt)],
);
