import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, lte, ne } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { smsOutbox } from './sms.tables.js';

export type SmsRow = typeof smsOutbox.$inferSelect;

/**
 * The adapter a city implements for its SMS provider (see README, "SMS-Anbieter anbinden"). `send` hands
 * one message to the provider and resolves with the provider's message id once the provider accepted it;
 * it rejects when it did not. A rejection with {@link SmsRejectedError} is final (e.g. the number does not
 * exist); any other error is retried later with back-off.
 */
export interface SmsSender {
  /** Shown on the staff page, e.g. "Lokal (nur gespeichert)" or "Anbieter XY". */
  readonly label: string;
  /** False when messages do not leave the system (the local sender). */
  readonly delivers: boolean;
  send(to: string, body: string): Promise<{ providerId: string }>;
}

/** The provider refused the message for good (invalid number, blocked recipient): not retried. */
export class SmsRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SmsRejectedError';
  }
}

/** E.164: "+", country code, subscriber number, 8 to 15 digits in all. */
export const E164_PATTERN = /^\+[1-9]\d{7,14}$/;

/**
 * A phone number as typed in Germany, in E.164 where it can be read: spaces, dashes, slashes, dots and
 * brackets removed, "00" read as "+", a national number ("0171 …") given the country code 49.
 * Anything else is returned as cleaned up; the sender refuses it.
 */
export function normalisePhone(input: string, countryCode = '49'): string {
  const compact = input.trim().replace(/[\s\-/.()]/g, '');
  if (compact.startsWith('+')) return compact;
  if (compact.startsWith('00')) return `+${compact.slice(2)}`;
  if (compact.startsWith('0')) return `+${countryCode}${compact.slice(1)}`;
  return compact;
}

/**
 * The built-in sender: sends nothing, but behaves like a provider (checks the number, answers with a
 * message id), so the whole path can be tried out and tested. The messages stay in the outbox and are
 * readable under /verwaltung/sms. Tests can make it fail.
 */
export class LocalSmsSender implements SmsSender {
  readonly label = 'Lokal (nur gespeichert, kein Versand)';
  readonly delivers = false;
  /** What was "sent", oldest first. */
  readonly sent: Array<{ to: string; body: string; providerId: string }> = [];
  private failures: Error[] = [];

  /** The next `times` calls fail with `error` (a temporary provider failure unless it is SmsRejectedError). */
  failNext(times = 1, error: Error = new Error('Anbieter nicht erreichbar (Test)')): void {
    for (let i = 0; i < times; i++) this.failures.push(error);
  }

  async send(to: string, body: string): Promise<{ providerId: string }> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    if (!E164_PATTERN.test(to)) throw new SmsRejectedError(`Keine gültige Rufnummer: ${to}`);
    if (body.trim() === '') throw new SmsRejectedError('Leere Nachricht');
    const providerId = `local-${randomUUID()}`;
    this.sent.push({ to, body, providerId });
    return { providerId };
  }
}

export interface SmsMessage {
  to: string;
  body: string;
  /** What caused it, e.g. 'document.ready'. */
  kind: string;
}

export interface SmsDeliveryResult {
  sent: number;
  failed: number;
}

/** Only what `queue` needs, so a domain can pass its transaction handle. */
type Executor = Pick<Database, 'insert'>;

export const SMS_MAX_ATTEMPTS = 8;
const LEASE_MS = 5 * 60_000;
const MAX_ERROR_LENGTH = 1000;

/** Minutes to wait after the n-th failed attempt: 1, 2, 4, 8, … capped at 60 (as for e-mail). */
export function smsBackoffMinutes(attempts: number): number {
  return Math.min(2 ** Math.max(0, attempts - 1), 60);
}

/**
 * SMS through a transactional outbox, like e-mail: `queue` writes with the caller's transaction, the
 * job `sms.deliver` calls `deliverDue`, which claims due rows (`FOR UPDATE SKIP LOCKED` and a five-minute
 * lease, so several nodes never send one message twice at the same time), hands them to the
 * {@link SmsSender} outside any transaction and records the outcome: sent with the provider's id, or a
 * new attempt later (1, 2, 4 … 60 minutes), or failed for good after {@link SMS_MAX_ATTEMPTS} attempts or
 * a refusal. Delivery is at-least-once: a node dying mid-send may cause a duplicate after the lease.
 */
export class SmsService {
  constructor(
    private readonly db: Database,
    readonly sender: SmsSender,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Adds an SMS to the outbox within the caller's transaction (the number normalised); returns its id. */
  async queue(executor: Executor, message: SmsMessage): Promise<number> {
    const at = this.now();
    const [row] = await executor
      .insert(smsOutbox)
      .values({
        recipient: normalisePhone(message.to),
        body: message.body,
        kind: message.kind,
        status: 'queued',
        nextAttemptAt: at,
        createdAt: at,
      })
      .returning({ id: smsOutbox.id });
    if (!row) throw new Error('sms outbox insert returned no row');
    return row.id;
  }

  /** Hands up to `limit` due messages to the sender. Never throws for a failing message. */
  async deliverDue(limit = 20): Promise<SmsDeliveryResult> {
    const result: SmsDeliveryResult = { sent: 0, failed: 0 };
    for (const row of await this.claimDue(limit)) {
      const stillQueued = and(eq(smsOutbox.id, row.id), eq(smsOutbox.status, 'queued'));
      try {
        const { providerId } = await this.sender.send(row.recipient, row.body);
        await this.db
          .update(smsOutbox)
          .set({
            status: 'sent',
            sentAt: this.now(),
            attempts: row.attempts + 1,
            providerId,
            lastError: null,
          })
          .where(stillQueued);
        result.sent++;
      } catch (error) {
        const attempts = row.attempts + 1;
        const giveUp = error instanceof SmsRejectedError || attempts >= SMS_MAX_ATTEMPTS;
        const message = (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_LENGTH);
        await this.db
          .update(smsOutbox)
          .set({
            attempts,
            lastError: message,
            ...(giveUp
              ? { status: 'failed' as const }
              : { nextAttemptAt: new Date(this.now().getTime() + smsBackoffMinutes(attempts) * 60_000) }),
          })
          .where(stillQueued);
        result.failed++;
      }
    }
    return result;
  }

  /** Newest first (the staff page). */
  list(limit = 200): Promise<SmsRow[]> {
    return this.db.select().from(smsOutbox).orderBy(desc(smsOutbox.id)).limit(limit);
  }

  /**
   * Deletes sent and failed messages created more than `days` ago (they hold phone numbers). Queued ones
   * stay until they are sent or given up.
   */
  async purgeFinished(days: number): Promise<number> {
    const before = new Date(this.now().getTime() - days * 86_400_000);
    const deleted = await this.db
      .delete(smsOutbox)
      .where(and(ne(smsOutbox.status, 'queued'), lte(smsOutbox.createdAt, before)))
      .returning({ id: smsOutbox.id });
    return deleted.length;
  }

  /** Locks due rows no other node holds and moves them ahead by the lease (two statements, see MailService). */
  private async claimDue(limit: number): Promise<SmsRow[]> {
    const at = this.now();
    return this.db.transaction(async (tx) => {
      const due = await tx
        .select({ id: smsOutbox.id })
        .from(smsOutbox)
        .where(and(eq(smsOutbox.status, 'queued'), lte(smsOutbox.nextAttemptAt, at)))
        .orderBy(asc(smsOutbox.nextAttemptAt), asc(smsOutbox.id))
        .limit(limit)
        .for('update', { skipLocked: true });
      if (due.length === 0) return [];
      const rows = await tx
        .update(smsOutbox)
        .set({ nextAttemptAt: new Date(at.getTime() + LEASE_MS) })
        .where(
          inArray(
            smsOutbox.id,
            due.map((row) => row.id),
          ),
        )
        .returning();
      return rows.sort((a, b) => a.id - b.id);
    });
  }
}
