import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { localPaymentTransactions } from './payment.tables.js';
import {
  type CreatedPayment,
  type CreatePaymentRequest,
  type PaymentProvider,
  PaymentProviderError,
  type PaymentStatus,
} from './payment-provider.js';

export type LocalPaymentTransaction = typeof localPaymentTransactions.$inferSelect;

export interface LocalPaymentOptions {
  /** The site's public address; the test payment page lives at `${publicUrl}/testbezahlung/:id`. */
  publicUrl: string;
  /**
   * Answer time of every call (0 in tests). Undefined: realistic random times, 300–800 ms for the
   * citizen's decision on the payment page, 100–300 ms for creating and for status queries.
   */
  delayMs?: number | undefined;
  now?: () => Date;
  random?: () => number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string): boolean => UUID.test(value);

/** A citizen's choice on the test payment page. */
export type TestPaymentDecision = Exclude<PaymentStatus, 'INITIAL'>;

/**
 * The demo's payment provider, shaped like an XBezahldienste provider (ePayBL, pmPayment) but run in
 * this app: `create` stores a transaction (idempotent by requestId) and sends the citizen to the test
 * payment page (/testbezahlung/:id), where they pay, let it fail or cancel; `status` answers what was
 * chosen. Calls take time like a remote service's. No money moves.
 */
export class LocalPaymentProvider implements PaymentProvider {
  private readonly now: () => Date;
  private readonly random: () => number;

  constructor(
    private readonly db: Database,
    private readonly options: LocalPaymentOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
  }

  async create(request: CreatePaymentRequest): Promise<CreatedPayment> {
    await this.wait(100, 300);
    if (!Number.isInteger(request.amountCents) || request.amountCents <= 0) {
      throw new PaymentProviderError('amount must be a positive number of cents');
    }
    const at = this.now();
    const [created] = await this.db
      .insert(localPaymentTransactions)
      .values({
        requestId: request.requestId,
        amountCents: request.amountCents,
        purpose: request.purpose,
        items: request.items,
        returnUrl: request.returnUrl,
        createdAt: at,
        updatedAt: at,
      })
      .onConflictDoNothing({ target: localPaymentTransactions.requestId })
      .returning();
    const transaction =
      created ??
      (
        await this.db
          .select()
          .from(localPaymentTransactions)
          .where(eq(localPaymentTransactions.requestId, request.requestId))
      )[0];
    if (!transaction) throw new PaymentProviderError('transaction could not be stored');
    return {
      transactionId: transaction.id,
      redirectUrl: `${this.options.publicUrl}/testbezahlung/${transaction.id}`,
      status: transaction.status,
    };
  }

  async status(transactionId: string): Promise<PaymentStatus> {
    await this.wait(100, 300);
    const transaction = await this.find(transactionId);
    if (!transaction) throw new PaymentProviderError(`unknown transaction ${transactionId}`);
    return transaction.status;
  }

  /** The transaction for the test payment page; undefined for an unknown or malformed id. */
  async find(transactionId: string): Promise<LocalPaymentTransaction | undefined> {
    if (!isUuid(transactionId)) return undefined;
    const [row] = await this.db
      .select()
      .from(localPaymentTransactions)
      .where(eq(localPaymentTransactions.id, transactionId));
    return row;
  }

  /**
   * The citizen's choice on the test payment page, after the time a real payment takes. Only an open
   * (INITIAL) transaction changes; the transaction as it is afterwards is returned.
   */
  async decide(
    transactionId: string,
    decision: TestPaymentDecision,
  ): Promise<LocalPaymentTransaction | undefined> {
    await this.wait(300, 800);
    if (!isUuid(transactionId)) return undefined;
    const [updated] = await this.db
      .update(localPaymentTransactions)
      .set({ status: decision, updatedAt: this.now() })
      .where(
        and(eq(localPaymentTransactions.id, transactionId), eq(localPaymentTransactions.status, 'INITIAL')),
      )
      .returning();
    return updated ?? this.find(transactionId);
  }

  /** Where the page sends the citizen back: the return URL with `transactionId` added. */
  static returnUrlOf(transaction: LocalPaymentTransaction): string {
    const separator = transaction.returnUrl.includes('?') ? '&' : '?';
    return `${transaction.returnUrl}${separator}transactionId=${encodeURIComponent(transaction.id)}`;
  }

  private wait(minMs: number, maxMs: number): Promise<void> {
    const ms = this.options.delayMs ?? Math.round(minMs + (maxMs - minMs) * this.random());
    return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
  }
}
