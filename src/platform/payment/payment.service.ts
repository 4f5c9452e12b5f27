import { and, desc, eq, gt, isNotNull, isNull, lt } from 'drizzle-orm';
import type { Database, Executor } from '../db/database.js';
import { AppError, NotFoundError } from '../errors/errors.js';
import type { Lang } from '../i18n/i18n.js';
import { isUuid } from './local-payment-provider.js';
import { paymentStatuses, payments } from './payment.tables.js';
import {
  type PaymentItem,
  type PaymentProvider,
  PaymentProviderError,
  type PaymentStatus,
} from './payment-provider.js';

export type Payment = typeof payments.$inferSelect;

/** Called once when a payment of its kind settles (PAYED, FAILED or CANCELED), inside that transaction. */
export type SettlementHandler = (payment: Payment, tx: Executor) => Promise<void>;

export interface StartPayment {
  /** What is paid for, e.g. 'case'; the handler registered for it hears the outcome. */
  purposeKind: string;
  /** The paid-for thing, e.g. the case id; globally unique (it makes the provider's requestId). */
  reference: string;
  amountCents: number;
  /** Verwendungszweck, shown on the payment page and the bank statement. */
  purpose: string;
  items: PaymentItem[];
  lang: Lang;
  /** A path on this site (e.g. '/portal/antraege/…'); the citizen lands there with `?zahlung=<status>`. */
  continueUrl: string;
}

/**
 * The payment could not be started (the provider failed or none is configured). The citizen may try
 * again later; `messages` has the text in both languages for citizen pages.
 */
export class PaymentStartError extends AppError {
  readonly messages: Record<Lang, string>;

  constructor(readonly reason: 'provider' | 'not-configured') {
    const messages =
      reason === 'provider'
        ? {
            de: 'Die Zahlung konnte nicht gestartet werden, bitte später erneut versuchen.',
            en: 'The payment could not be started, please try again later.',
          }
        : {
            de: 'Online-Zahlung ist derzeit nicht möglich.',
            en: 'Online payment is not available at the moment.',
          };
    super(503, 'Zahlung nicht möglich', messages.de);
    this.messages = messages;
  }
}

/** Pending payments are asked about this long after their start, and no longer than `POLL_UNTIL_MS`. */
const POLL_AFTER_MS = 60_000;
const POLL_UNTIL_MS = 2 * 24 * 60 * 60_000;
/** A start that never got its transaction id (crash between our insert and the provider's answer). */
const ABANDONED_START_MS = 10 * 60_000;

/** A path on this site: '/…' but not '//…' (another host) and no backslash tricks. */
export function isLocalPath(url: string): boolean {
  return /^\/(?![/\\])/.test(url) && !/[\\\s]/.test(url);
}

/** The page the citizen continues on, with the outcome: `…?zahlung=PAYED`. */
export function continueUrlOf(payment: Pick<Payment, 'continueUrl' | 'status'>): string {
  const separator = payment.continueUrl.includes('?') ? '&' : '?';
  return `${payment.continueUrl}${separator}zahlung=${payment.status}`;
}

/**
 * Our side of online payments (XBezahldienste pattern): `start` creates an attempt and the provider's
 * transaction and gives the URL to send the citizen to; `confirm` asks the provider (the citizen's
 * return proves nothing) and records the outcome exactly once, calling the purpose's handler in the
 * same transaction; `pollPending` (job `payments.poll`) confirms payments whose citizen never returned.
 */
export class PaymentService {
  private readonly handlers = new Map<string, SettlementHandler>();

  constructor(
    private readonly db: Database,
    /** Undefined: no online payment (BUERGERAMT_PAYMENT_PROVIDER=none); `start` refuses. */
    readonly provider: PaymentProvider | undefined,
    private readonly options: { publicUrl: string },
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Registers what happens when a payment of `purposeKind` settles; one handler per kind. */
  onSettled(purposeKind: string, handler: SettlementHandler): void {
    if (this.handlers.has(purposeKind))
      throw new Error(`a payment handler for '${purposeKind}' exists already`);
    this.handlers.set(purposeKind, handler);
  }

  /** Where the provider sends the citizen back to (our return route). */
  returnUrl(paymentId: string): string {
    return `${this.options.publicUrl}/bezahlung/${paymentId}/rueckkehr`;
  }

  /**
   * Starts a payment, or leads back to the one under way. A previous attempt still open is asked about
   * first: paid meanwhile → no new one, that one is returned (its URL leads through the return route to
   * the continue page); still open at the provider (INITIAL) → the same attempt and its payment page
   * again, as that page (perhaps still open in another tab) still takes the payment and a second
   * transaction could be paid as well. Only after FAILED or CANCELED (or an attempt that never reached
   * the provider) is a new attempt created (requestId `${reference}-${attempt}`). Throws
   * PaymentStartError when the provider fails or none is configured.
   */
  async start(input: StartPayment): Promise<{ paymentId: string; redirectUrl: string }> {
    checkStart(input);
    const provider = this.provider;
    if (!provider) throw new PaymentStartError('not-configured');

    let latest = await this.findLatest(input.reference);
    if (latest?.status === 'INITIAL' && latest.transactionId) {
      try {
        latest = await this.confirm(latest.id);
      } catch (error) {
        if (error instanceof PaymentProviderError) throw new PaymentStartError('provider');
        throw error;
      }
    }
    if (latest?.status === 'PAYED') return { paymentId: latest.id, redirectUrl: this.returnUrl(latest.id) };
    if (
      latest?.status === 'INITIAL' &&
      latest.transactionId &&
      latest.redirectUrl &&
      latest.amountCents === input.amountCents
    ) {
      return { paymentId: latest.id, redirectUrl: latest.redirectUrl };
    }

    const payment = await this.insertAttempt(input, latest?.attempt ?? 0);
    let created: Awaited<ReturnType<PaymentProvider['create']>>;
    try {
      created = await provider.create({
        requestId: payment.requestId,
        amountCents: input.amountCents,
        purpose: input.purpose,
        items: input.items,
        returnUrl: this.returnUrl(payment.id),
        lang: input.lang,
      });
    } catch (error) {
      // Never reached the provider as far as we know: the attempt is closed without a settlement (no
      // handler call); the citizen gets a new attempt next time.
      await this.db
        .update(payments)
        .set({ status: 'FAILED', settledAt: this.now() })
        .where(and(eq(payments.id, payment.id), eq(payments.status, 'INITIAL')));
      if (error instanceof PaymentProviderError) throw new PaymentStartError('provider');
      throw error;
    }
    await this.db
      .update(payments)
      .set({ transactionId: created.transactionId, redirectUrl: created.redirectUrl })
      .where(eq(payments.id, payment.id));
    return { paymentId: payment.id, redirectUrl: created.redirectUrl };
  }

  /** The attempt after `after` (or a later one, when another start came in between). */
  private async insertAttempt(input: StartPayment, after: number): Promise<Payment> {
    let attempt = after + 1;
    for (let tries = 0; tries < 5; tries++) {
      const [row] = await this.db
        .insert(payments)
        .values({
          purposeKind: input.purposeKind,
          reference: input.reference,
          attempt,
          requestId: `${input.reference}-${attempt}`,
          amountCents: input.amountCents,
          purpose: input.purpose,
          items: input.items,
          continueUrl: input.continueUrl,
          createdAt: this.now(),
        })
        .onConflictDoNothing()
        .returning();
      if (row) return row;
      attempt = ((await this.findLatest(input.reference))?.attempt ?? attempt) + 1;
    }
    throw new PaymentStartError('provider');
  }

  /**
   * The payment, confirmed with the provider while it is still open. A change to PAYED, FAILED or
   * CANCELED is recorded exactly once (conditional update), and the kind's handler runs in the same
   * transaction; concurrent returns and polls get the recorded payment. If the handler throws, nothing
   * is recorded and a later confirm tries again. Throws NotFoundError for an unknown id and
   * PaymentProviderError when the provider cannot be asked.
   */
  async confirm(paymentId: string): Promise<Payment> {
    const payment = await this.get(paymentId);
    if (payment.status !== 'INITIAL' || !payment.transactionId || !this.provider) return payment;
    const status = await this.provider.status(payment.transactionId);
    if (!(paymentStatuses as readonly string[]).includes(status)) {
      throw new PaymentProviderError(`unknown payment status '${String(status)}'`);
    }
    if (status === 'INITIAL') return payment;
    return (await this.settle(payment.id, status)) ?? this.get(paymentId);
  }

  private settle(paymentId: string, status: Exclude<PaymentStatus, 'INITIAL'>): Promise<Payment | undefined> {
    return this.db.transaction(async (tx) => {
      const [settled] = await tx
        .update(payments)
        .set({ status, settledAt: this.now() })
        .where(and(eq(payments.id, paymentId), eq(payments.status, 'INITIAL')))
        .returning();
      if (!settled) return undefined;
      const handler = this.handlers.get(settled.purposeKind);
      if (handler) await handler(settled, tx);
      return settled;
    });
  }

  async get(paymentId: string): Promise<Payment> {
    const payment = await this.findById(paymentId);
    if (!payment) throw new NotFoundError();
    return payment;
  }

  async findById(paymentId: string): Promise<Payment | undefined> {
    if (!isUuid(paymentId)) return undefined;
    const [row] = await this.db.select().from(payments).where(eq(payments.id, paymentId));
    return row;
  }

  /** The latest attempt for `reference`, if any. */
  async findLatest(reference: string): Promise<Payment | undefined> {
    const [row] = await this.db
      .select()
      .from(payments)
      .where(eq(payments.reference, reference))
      .orderBy(desc(payments.attempt))
      .limit(1);
    return row;
  }

  /**
   * For the job `payments.poll`: confirms open payments started more than a minute ago (and less than
   * two days ago: after that the provider has long given up on them), e.g. when the citizen closed the
   * browser on the provider's page. Starts that never got a transaction id (10 minutes) are closed as
   * FAILED without a settlement. Safe on several nodes at once (settling is a conditional update).
   */
  async pollPending(): Promise<{ checked: number; settled: number; unreachable: number }> {
    const now = this.now().getTime();
    await this.db
      .update(payments)
      .set({ status: 'FAILED', settledAt: new Date(now) })
      .where(
        and(
          eq(payments.status, 'INITIAL'),
          isNull(payments.transactionId),
          lt(payments.createdAt, new Date(now - ABANDONED_START_MS)),
        ),
      );
    const pending = await this.db
      .select({ id: payments.id })
      .from(payments)
      .where(
        and(
          eq(payments.status, 'INITIAL'),
          isNotNull(payments.transactionId),
          lt(payments.createdAt, new Date(now - POLL_AFTER_MS)),
          gt(payments.createdAt, new Date(now - POLL_UNTIL_MS)),
        ),
      )
      .orderBy(payments.createdAt)
      .limit(200);
    let settled = 0;
    let unreachable = 0;
    let failure: unknown;
    for (const { id } of pending) {
      try {
        if ((await this.confirm(id)).status !== 'INITIAL') settled++;
      } catch (error) {
        if (error instanceof PaymentProviderError) unreachable++;
        // A failing handler must not hold up the other payments; the job logs it after the run.
        else failure ??= error;
      }
    }
    if (failure) throw failure;
    return { checked: pending.length, settled, unreachable };
  }
}

function checkStart(input: StartPayment): void {
  if (!input.purposeKind.trim() || !input.reference.trim())
    throw new RangeError('purposeKind and reference are required');
  if (!Number.isInteger(input.amountCents) || input.amountCents <= 0) {
    throw new RangeError('amountCents must be a positive integer');
  }
  if (input.items.length > 0) {
    const sum = input.items.reduce((total, item) => total + item.quantity * item.unitPriceCents, 0);
    if (sum !== input.amountCents) throw new RangeError(`items add up to ${sum}, not ${input.amountCents}`);
  }
  if (!isLocalPath(input.continueUrl)) throw new RangeError('continueUrl must be a path on this site');
}
