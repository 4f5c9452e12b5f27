import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { LocalizedText } from '../../platform/i18n/localized-text.js';
import { locations } from '../locations/locations.tables.js';

export interface Fee {
  label: LocalizedText;
  amountCents: number;
  legalBasis: string;
}

/** Leistungen: what the citizen office does, with the facts a citizen needs before coming. */
export const leistungen = pgTable('leistungen', {
  id: text('id').primaryKey(),
  leikaKey: text('leika_key'),
  name: jsonb('name').$type<LocalizedText>().notNull(),
  shortDescription: jsonb('short_description').$type<LocalizedText>().notNull(),
  description: jsonb('description').$type<LocalizedText>().notNull(),
  documents: jsonb('documents').$type<LocalizedText[]>().notNull().default([]),
  fees: jsonb('fees').$type<Fee[]>().notNull().default([]),
  durationMinutes: integer('duration_minutes').notNull(),
  bookableOnline: boolean('bookable_online').notNull().default(true),
  walkIn: boolean('walk_in').notNull().default(false),
  onlineApplication: boolean('online_application').notNull().default(false),
  hints: jsonb('hints').$type<LocalizedText[]>().notNull().default([]),
  keywords: jsonb('keywords').$type<string[]>().notNull().default([]),
  popularity: integer('popularity').notNull().default(0),
  /** Normalised text the typo-tolerant search runs on (trigram index, see the custom migration). */
  searchText: text('search_text').notNull().default(''),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const leistungLocations = pgTable(
  'leistung_locations',
  {
    leistungId: text('leistung_id')
      .notNull()
      .references(() => leistungen.id),
    locationId: text('location_id')
      .notNull()
      .references(() => locations.id),
  },
  (table) => [
    primaryKey({ columns: [table.leistungId, table.locationId] }),
    index('leistung_locations_location_idx').on(table.locationId),
  ],
);
