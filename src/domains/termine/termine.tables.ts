import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { locations } from '../locations/locations.tables.js';

/** Booking rules per location (ZMS-style); a location without a row uses the defaults. */
export const bookingPolicies = pgTable('booking_policies', {
  locationId: text('location_id')
    .primaryKey()
    .references(() => locations.id),
  slotMinutes: integer('slot_minutes').notNull().default(10),
  /** Share of the counters bookable online, in percent; the rest is the internal (phone/staff) quota. */
  onlineSharePercent: integer('online_share_percent').notNull().default(75),
  earliestDaysAhead: integer('earliest_days_ahead').notNull().default(0),
  latestDaysAhead: integer('latest_days_ahead').notNull().default(60),
  /** The newest day becomes bookable at this Berlin time of day, not at midnight. */
  releaseTime: text('release_time').notNull().default('08:00'),
  minLeadMinutes: integer('min_lead_minutes').notNull().default(60),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Capacity of one slot. The CHECK constraints are the guarantee against double booking: a reservation
 * increments `*_taken` with a conditional UPDATE, and the database refuses any row over capacity,
 * whatever the application does and however many nodes run it.
 */
export const slotCapacity = pgTable(
  'slot_capacity',
  {
    locationId: text('location_id')
      .notNull()
      .references(() => locations.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    /** Berlin date of the slot, for day queries. */
    day: text('day').notNull(),
    onlineCapacity: integer('online_capacity').notNull(),
    internalCapacity: integer('internal_capacity').notNull(),
    onlineTaken: integer('online_taken').notNull().default(0),
    internalTaken: integer('internal_taken').notNull().default(0),
    /** A cancelled slot is frozen for the waiting list (and against appointment trading) until then. */
    frozenUntil: timestamp('frozen_until', { withTimezone: true }),
    /** Staff closed the time (office closure): never offered again. */
    blocked: boolean('blocked').notNull().default(false),
  },
  (table) => [
    primaryKey({ columns: [table.locationId, table.startsAt] }),
    index('slot_capacity_day_idx').on(table.locationId, table.day),
    check(
      'slot_online_within_capacity',
      sql`${table.onlineTaken} >= 0 and ${table.onlineTaken} <= ${table.onlineCapacity}`,
    ),
    check(
      'slot_internal_within_capacity',
      sql`${table.internalTaken} >= 0 and ${table.internalTaken} <= ${table.internalCapacity}`,
    ),
  ],
);

export const appointmentStatuses = [
  'held',
  'pending',
  'confirmed',
  'cancelled',
  'expired',
  'no_show',
] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];

export const appointments = pgTable(
  'appointments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Short code the citizen shows at the kiosk, e.g. "K7M-4QX". */
    code: text('code').notNull(),
    /** SHA-256 of the secret in the citizen's manage link. */
    tokenHash: text('token_hash').notNull(),
    locationId: text('location_id')
      .notNull()
      .references(() => locations.id),
    serviceIds: jsonb('service_ids').$type<string[]>().notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    channel: text('channel', { enum: ['online', 'internal'] }).notNull(),
    status: text('status', { enum: appointmentStatuses }).notNull(),
    holdUntil: timestamp('hold_until', { withTimezone: true }),
    confirmUntil: timestamp('confirm_until', { withTimezone: true }),
    name: text('name'),
    email: text('email'),
    phone: text('phone'),
    note: text('note'),
    lang: text('lang').notNull().default('de'),
    /** Moving: the appointment this one replaces once it is final. */
    replacesId: uuid('replaces_id'),
    /** The waiting-list offer this appointment came from. */
    offerId: uuid('offer_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelReason: text('cancel_reason'),
    reminderSentAt: timestamp('reminder_sent_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('appointments_code_idx').on(table.code),
    index('appointments_location_day_idx').on(table.locationId, table.startsAt),
    index('appointments_email_idx').on(table.email),
    index('appointments_hold_idx').on(table.holdUntil).where(sql`${table.status} = 'held'`),
    index('appointments_confirm_idx').on(table.confirmUntil).where(sql`${table.status} = 'pending'`),
  ],
);

/** Which slot rows an appointment occupies, so a release gives back exactly those. */
export const appointmentSlots = pgTable(
  'appointment_slots',
  {
    appointmentId: uuid('appointment_id')
      .notNull()
      .references(() => appointments.id),
    locationId: text('location_id').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.appointmentId, table.startsAt] })],
);

export const waitlistStatuses = ['pending', 'active', 'offered', 'booked', 'left', 'expired'] as const;

/**
 * Terminagent: citizens waiting for a time. Served in order of registration (opt-in time): when
 * capacity becomes free, the first matching entry gets an offer held for a while.
 */
export const waitlistEntries = pgTable(
  'waitlist_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    lang: text('lang').notNull().default('de'),
    serviceIds: jsonb('service_ids').$type<string[]>().notNull(),
    locationIds: jsonb('location_ids').$type<string[]>().notNull(),
    fromDate: text('from_date').notNull(),
    toDate: text('to_date').notNull(),
    /** 'vormittag' (before 12:00) and/or 'nachmittag' (from 12:00). */
    timesOfDay: jsonb('times_of_day').$type<Array<'vormittag' | 'nachmittag'>>().notNull(),
    status: text('status', { enum: waitlistStatuses }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    optInUntil: timestamp('opt_in_until', { withTimezone: true }),
    activatedAt: timestamp('activated_at', { withTimezone: true }),
    leftAt: timestamp('left_at', { withTimezone: true }),
  },
  (table) => [index('waitlist_active_idx').on(table.status, table.activatedAt)],
);
