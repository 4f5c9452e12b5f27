import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { locations } from '../locations/locations.tables.js';

export const deviceKinds = ['kiosk', 'display'] as const;
export type DeviceKind = (typeof deviceKinds)[number];

/**
 * Kiosks and call displays registered by an admin. A device proves itself with a credential stored in
 * its browser (a signed cookie); the database keeps only hashes of the credential and of the one-time
 * enrolment secret.
 */
export const devices = pgTable(
  'devices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    locationId: text('location_id')
      .notNull()
      .references(() => locations.id),
    kind: text('kind', { enum: deviceKinds }).notNull(),
    name: text('name').notNull(),
    /** SHA-256 of the enrolment secret in the link; cleared once used. */
    enrolmentHash: text('enrolment_hash'),
    enrolmentUntil: timestamp('enrolment_until', { withTimezone: true }),
    /** SHA-256 of the credential stored in the enrolled browser. */
    credentialHash: text('credential_hash'),
    enrolledAt: timestamp('enrolled_at', { withTimezone: true }),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('devices_location_idx').on(table.locationId)],
);
