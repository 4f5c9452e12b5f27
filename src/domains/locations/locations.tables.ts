import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type { LocalizedText } from '../../platform/i18n/localized-text.js';

/** Standorte: the offices where citizens are served. */
export const locations = pgTable('locations', {
  id: text('id').primaryKey(),
  name: jsonb('name').$type<LocalizedText>().notNull(),
  street: text('street').notNull(),
  postalCode: text('postal_code').notNull(),
  town: text('town').notNull(),
  phone: text('phone'),
  email: text('email'),
  directions: jsonb('directions').$type<LocalizedText>().notNull(),
  accessibility: jsonb('accessibility').$type<LocalizedText>().notNull(),
  closedOnDec24: boolean('closed_on_dec24').notNull().default(true),
  closedOnDec31: boolean('closed_on_dec31').notNull().default(true),
  sortOrder: integer('sort_order').notNull().default(0),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Weekly opening hours: several intervals per ISO weekday (1 = Monday). Times are Berlin wall time. */
export const openingHours = pgTable(
  'opening_hours',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    locationId: text('location_id')
      .notNull()
      .references(() => locations.id),
    weekday: integer('weekday').notNull(),
    opens: text('opens').notNull(),
    closes: text('closes').notNull(),
  },
  (table) => [
    index('opening_hours_location_idx').on(table.locationId),
    check('opening_hours_weekday_check', sql`${table.weekday} between 1 and 7`),
    check('opening_hours_order_check', sql`${table.opens} < ${table.closes}`),
  ],
);

/** Closures and special hours for a date range (inclusive), e.g. staff training or Rosenmontag. */
export const locationExceptions = pgTable(
  'location_exceptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    locationId: text('location_id')
      .notNull()
      .references(() => locations.id),
    fromDate: date('from_date', { mode: 'string' }).notNull(),
    toDate: date('to_date', { mode: 'string' }).notNull(),
    kind: text('kind', { enum: ['closed', 'hours'] }).notNull(),
    intervals: jsonb('intervals').$type<Array<{ opens: string; closes: string }>>().notNull().default([]),
    reason: jsonb('reason').$type<LocalizedText>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('location_exceptions_location_idx').on(table.locationId, table.toDate),
    check('location_exceptions_range_check', sql`${table.fromDate} <= ${table.toDate}`),
  ],
);

/** Schalter / Arbeitsplätze. */
export const counters = pgTable(
  'counters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    locationId: text('location_id')
      .notNull()
      .references(() => locations.id),
    name: text('name').notNull(),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('counters_location_idx').on(table.locationId)],
);
