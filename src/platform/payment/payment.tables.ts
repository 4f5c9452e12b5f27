import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { PaymentItem, PaymentStatus } from './payment-provider.js';

export const paymentStatuses = [
  'INITIAL',
  'PAYED',
  'FAILED',
  'CANCELED',
] as const satisfies readonly PaymentStatus[];

/**
 * Our side of online payments: one row per attempt (XBezahldienste requestId = `${reference}-${attempt}`).
 * `status` moves from INITIAL to PAYED, FAILED or CANCELED exactly once (conditional update), when the
 * provider confirms it; `settled_at` is when we learnt it.
 */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** What is paid for, e.g. 'case'; chooses the handler called on settlement. */
    purposeKind: text('purpose_kind').notNull(),
    /** The paid-for thing within its kind, e.g. the case id. */
    reference: text('reference').notNull(),
    requestId: text('request_id').notNull(),
    attempt: integer('attempt').notNull(),
    /** The provider's transaction id; null until the provider created it (or when that failed). */
    transactionId: text('transaction_id'),
    /**
     * The provider's payment page of this attempt (with the transaction id). While the attempt is open,
     * a new start sends the citizen back there instead of opening a second, also payable transaction.
     */
    redirectUrl: text('redirect_url'),
    amountCents: integer('amount_cents').notNull(),
    purpose: text('purpose').notNull(),
    items: jsonb('items').$type<PaymentItem[]>().notNull(),
    status: text('status', { enum: paymentStatuses }).notNull().default('INITIAL'),
    /** Our page the citizen continues on after the payment (a path on this site). */
    continueUrl: text('continue_url').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    settledAt: timestamp('settled_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('payments_request_id_idx').on(table.requestId),
    uniqueIndex('payments_reference_attempt_idx').on(table.reference, table.attempt),
    index('payments_pending_idx').on(table.createdAt).where(sql`${table.status} = 'INITIAL'`),
  ],
);

/**
 * The local payment provider's own bookkeeping (the demo's stand-in for ePayBL / pmPayment): one
 * transaction per requestId (creating twice with the same requestId returns the same transaction).
 */
export const localPaymentTransactions = pgTable(
  'local_payment_transactions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: text('request_id').notNull(),
    amountCents: integer('amount_cents').notNull(),
    purpose: text('purpose').notNull(),
    items: jsonb('items').$type<PaymentItem[]>().notNull(),
    returnUrl: text('return_url').notNull(),
    status: text('status', { enum: paymentStatuses }).notNull().default('INITIAL'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('local_payment_transactions_request_id_idx').on(table.requestId)],
);
