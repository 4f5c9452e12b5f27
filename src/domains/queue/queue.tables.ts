import { sql } from 'drizzle-orm';
import {
  bigserial,
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
import { leistungen } from '../leistungen/leistungen.tables.js';
import { counters, locations } from '../locations/locations.tables.js';
import { staffUsers } from '../staff/staff.tables.js';
import { appointments } from '../termine/termine.tables.js';

export const ticketKinds = ['appointment', 'walk_in'] as const;
export const ticketStatuses = [
  'waiting',
  'called',
  'serving',
  'parked',
  'done',
  'no_show',
  'cancelled',
] as const;

/** Queue rules per location; a location without a row uses the defaults (queue.rules.ts). */
export const queueSettings = pgTable('queue_settings', {
  locationId: text('location_id')
    .primaryKey()
    .references(() => locations.id),
  appointmentPrefix: text('appointment_prefix').notNull().default('T'),
  walkInPrefix: text('walk_in_prefix').notNull().default('W'),
  walkInStopMinutesBeforeClose: integer('walk_in_stop_minutes_before_close').notNull().default(30),
  checkInEarliestMinutes: integer('check_in_earliest_minutes').notNull().default(60),
  lateToleranceMinutes: integer('late_tolerance_minutes').notNull().default(15),
  lateRule: text('late_rule', { enum: ['walk_in', 'refuse'] })
    .notNull()
    .default('walk_in'),
  maxCalls: integer('max_calls').notNull().default(3),
  recallAfterSeconds: integer('recall_after_seconds').notNull().default(60),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Daily walk-in quota per location and service (no row = unlimited). */
export const walkInQuotas = pgTable(
  'walk_in_quotas',
  {
    locationId: text('location_id')
      .notNull()
      .references(() => locations.id),
    leistungId: text('leistung_id')
      .notNull()
      .references(() => leistungen.id),
    dailyQuota: integer('daily_quota').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.locationId, table.leistungId] }),
    check('walk_in_quota_check', sql`${table.dailyQuota} >= 0`),
  ],
);

/** The services a counter handles; a counter without rows handles all. */
export const counterServices = pgTable(
  'counter_services',
  {
    counterId: uuid('counter_id')
      .notNull()
      .references(() => counters.id),
    leistungId: text('leistung_id')
      .notNull()
      .references(() => leistungen.id),
  },
  (table) => [primaryKey({ columns: [table.counterId, table.leistungId] })],
);

/** The last number drawn per location, day and prefix: numbers restart every day. */
export const ticketNumbers = pgTable(
  'ticket_numbers',
  {
    locationId: text('location_id').notNull(),
    day: text('day').notNull(),
    prefix: text('prefix').notNull(),
    last: integer('last').notNull(),
  },
  (table) => [primaryKey({ columns: [table.locationId, table.day, table.prefix] })],
);

/** A visit on site: a checked-in appointment or a walk-in ticket. */
export const tickets = pgTable(
  'tickets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** SHA-256 of the secret in the phone link (/ticket/{id}?k=…). */
    secretHash: text('secret_hash').notNull(),
    locationId: text('location_id')
      .notNull()
      .references(() => locations.id),
    /** Berlin date of the visit. */
    day: text('day').notNull(),
    kind: text('kind', { enum: ticketKinds }).notNull(),
    /** As shown and called, e.g. "W 017". */
    number: text('number').notNull(),
    serviceIds: jsonb('service_ids').$type<string[]>().notNull(),
    appointmentId: uuid('appointment_id').references(() => appointments.id),
    appointmentAt: timestamp('appointment_at', { withTimezone: true }),
    status: text('status', { enum: ticketStatuses }).notNull().default('waiting'),
    priority: boolean('priority').notNull().default(false),
    priorityReason: text('priority_reason'),
    /** Only this counter may call it (set by a transfer to a counter). */
    counterId: uuid('counter_id').references(() => counters.id),
    arrivedAt: timestamp('arrived_at', { withTimezone: true }).notNull(),
    /** The counter that called it last / serves it. */
    calledCounterId: uuid('called_counter_id').references(() => counters.id),
    callCount: integer('call_count').notNull().default(0),
    lastCalledAt: timestamp('last_called_at', { withTimezone: true }),
    servingStartedAt: timestamp('serving_started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** Who drew it: a device id or 'staff:<username>'. */
    issuedBy: text('issued_by').notNull(),
    note: text('note'),
    lang: text('lang').notNull().default('de'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('tickets_number_idx').on(table.locationId, table.day, table.number),
    // One visit per appointment: a second check-in is a conflict, enforced by the database.
    uniqueIndex('tickets_appointment_idx').on(table.appointmentId),
    index('tickets_queue_idx').on(table.locationId, table.day, table.status),
  ],
);

/** Every call of a ticket to a counter (the display's history; recalls count). */
export const ticketCalls = pgTable(
  'ticket_calls',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    locationId: text('location_id').notNull(),
    counterId: uuid('counter_id')
      .notNull()
      .references(() => counters.id),
    number: text('number').notNull(),
    counterName: text('counter_name').notNull(),
    calledAt: timestamp('called_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('ticket_calls_location_idx').on(table.locationId, table.calledAt)],
);

/** Recorded service times (the rolling average of the wait estimate). */
export const serviceTimes = pgTable(
  'service_times',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    locationId: text('location_id').notNull(),
    /** The ticket's services; the time counts for each in proportion to its configured duration. */
    serviceIds: jsonb('service_ids').$type<string[]>().notNull(),
    minutes: integer('minutes').notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('service_times_location_idx').on(table.locationId, table.finishedAt)],
);

/** Which clerk works at which counter now (the estimate counts open counters). */
export const counterSessions = pgTable('counter_sessions', {
  counterId: uuid('counter_id')
    .primaryKey()
    .references(() => counters.id),
  staffUserId: uuid('staff_user_id')
    .notNull()
    .references(() => staffUsers.id),
  openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
});
