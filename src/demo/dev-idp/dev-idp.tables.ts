import { index, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The development identity provider's signing key (demo mode only): generated once, so ID tokens
 * (and the `id_token_hint` of a log-out) stay valid across restarts and app nodes.
 */
export const devIdpKeys = pgTable('dev_idp_keys', {
  id: text('id').primaryKey(),
  /** The private JWK (RS256). */
  jwk: jsonb('jwk').$type<Record<string, unknown>>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The dev IdP's state (oidc-provider's models: sessions, interactions, codes, grants, tokens; and the
 * PIN tries of an interaction), so that it survives restarts and is shared by all app nodes.
 */
export const devIdpStore = pgTable(
  'dev_idp_store',
  {
    model: text('model').notNull(),
    id: text('id').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    grantId: text('grant_id'),
    uid: text('uid'),
    userCode: text('user_code'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
  },
  (table) => [
    primaryKey({ columns: [table.model, table.id] }),
    index('dev_idp_store_uid_idx').on(table.model, table.uid),
    index('dev_idp_store_grant_idx').on(table.grantId),
    index('dev_idp_store_expires_idx').on(table.expiresAt),
  ],
);
