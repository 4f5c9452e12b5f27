import { and, asc, desc, eq, inArray, lte } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Database } from '../db/database.js';
import { type OutboxAttachment, outbox } from './mail.tables.js';

export type OutboxRow = typeof outbox.$inferSelect;
export type OutboxStatus = OutboxRow['status'];

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer | string;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  attachments?: MailAttachment[];
  lang: string;
  /** What caused the mail, e.g. 'appointment.confirm-link'. */
  kind: string;
  /** The id of the thing that caused it (for `listFor`). */
  reference?: string;
}

export interface MailOptions {
  /** smtp:// or smtps:// URL; without it mail is only stored (status 'stored', readable in the app). */
  smtpUrl?: string | undefined;
  from: string;
  /** Extra nodemailer SMTP options (tests: `{ ignoreTLS: true }`); merged over the defaults. */
  smtp?: Record<string, unknown>;
}

export interface DeliveryResult {
  sent: number;
  /** Attempts that failed in this run (retried later, or given up after MAX_ATTEMPTS). */
  failed: number;
  stored: number;
}

/** Only what `queue` needs, so a domain can pass its transaction handle. */
type Executor = Pick<Database, 'insert'>;

/** After this many failed attempts a mail gets status 'failed' and is not retried any more. */
export const MAX_ATTEMPTS = 8;
/** How long a claimed row is reserved for the node that claimed it (covers the SMTP timeouts below). */
const LEASE_MS = 5 * 60_000;
const MAX_BACKOFF_MINUTES = 60;
const MAX_ERROR_LENGTH = 1000;

/** Minutes to wait after the n-th failed attempt: 1, 2, 4, 8, … capped at 60. */
export function backoffMinutes(attempts: number): number {
  return Math.min(2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MINUTES);
}

function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, MAX_ERROR_LENGTH);
}

/**
 * E-mail through a transactional outbox. `queue` writes the mail with the caller's transaction, so a
 * domain change and the mail it causes commit (or roll back) together. `deliverDue`, run by a background
 * job, sends what is due.
 *
 * Delivery is safe with several app nodes: rows are claimed with `FOR UPDATE SKIP LOCKED` in one
 * short transaction that also moves `next_attempt_at` five minutes ahead (a lease), then sent without any
 * open transaction, then updated. A node that dies mid-send leaves the row queued; it is picked up again when
 * the lease runs out. Delivery is therefore at-least-once: in that rare case a mail may arrive twice.
 */
export class MailService {
  private transporter: Transporter | undefined;

  constructor(
    private readonly db: Database,
    private readonly options: MailOptions,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** True when mail really leaves the system (SMTP configured). */
  get smtpConfigured(): boolean {
    return Boolean(this.options.smtpUrl);
  }

  get from(): string {
    return this.options.from;
  }

  /** Adds a mail to the outbox within the caller's transaction; returns its id. */
  async queue(executor: Executor, message: MailMessage): Promise<number> {
    const at = this.now();
    const attachments: OutboxAttachment[] = (message.attachments ?? []).map((attachment) => ({
      filename: attachment.filename,
      contentType: attachment.contentType,
      content: (typeof attachment.content === 'string'
        ? Buffer.from(attachment.content, 'utf8')
        : attachment.content
      ).toString('base64'),
    }));
    const [row] = await executor
      .insert(outbox)
      .values({
        createdAt: at,
        recipient: message.to,
        subject: message.subject,
        text: message.text,
        attachments,
        lang: message.lang,
        kind: message.kind,
        reference: message.reference ?? null,
        status: 'queued',
        nextAttemptAt: at,
      })
      .returning({ id: outbox.id });
    if (!row) throw new Error('outbox insert returned no row');
    return row.id;
  }

  /** Sends (or, without SMTP, stores) up to `limit` due mails. Never throws for a failing mail. */
  async deliverDue(limit = 20): Promise<DeliveryResult> {
    const result: DeliveryResult = { sent: 0, failed: 0, stored: 0 };
    const claimed = await this.claimDue(limit);
    for (const row of claimed) {
      if (!this.options.smtpUrl) {
        await this.db
          .update(outbox)
          .set({ status: 'stored', lastError: null })
          .where(and(eq(outbox.id, row.id), eq(outbox.status, 'queued')));
        result.stored++;
        continue;
      }
      try {
        await this.send(row);
        await this.db
          .update(outbox)
          .set({ status: 'sent', sentAt: this.now(), attempts: row.attempts + 1, lastError: null })
          .where(and(eq(outbox.id, row.id), eq(outbox.status, 'queued')));
        result.sent++;
      } catch (error) {
        const attempts = row.attempts + 1;
        const giveUp = attempts >= MAX_ATTEMPTS;
        await this.db
          .update(outbox)
          .set({
            attempts,
            lastError: errorText(error),
            ...(giveUp
              ? { status: 'failed' as const }
              : { nextAttemptAt: new Date(this.now().getTime() + backoffMinutes(attempts) * 60_000) }),
          })
          .where(and(eq(outbox.id, row.id), eq(outbox.status, 'queued')));
        result.failed++;
      }
    }
    return result;
  }

  /** Newest first (the mailbox page). */
  async list(limit = 200): Promise<OutboxRow[]> {
    return this.db.select().from(outbox).orderBy(desc(outbox.id)).limit(limit);
  }

  async findById(id: number): Promise<OutboxRow | undefined> {
    const [row] = await this.db.select().from(outbox).where(eq(outbox.id, id));
    return row;
  }

  /** The mails one thing caused, oldest first. */
  async listFor(kind: string, reference: string): Promise<OutboxRow[]> {
    return this.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.kind, kind), eq(outbox.reference, reference)))
      .orderBy(asc(outbox.id));
  }

  /**
   * Deletes mails handled (sent, stored or given up) more than `days` ago: the outbox is not an archive,
   * and its copies hold addresses and texts (retention, like the contact data of ID documents).
   */
  async purgeHandled(days: number): Promise<number> {
    const before = new Date(this.now().getTime() - days * 86_400_000);
    const removed = await this.db
      .delete(outbox)
      .where(and(inArray(outbox.status, ['sent', 'stored', 'failed']), lte(outbox.createdAt, before)))
      .returning({ id: outbox.id });
    return removed.length;
  }

  /** Closes the SMTP transport (at shutdown). */
  close(): void {
    this.transporter?.close();
    this.transporter = undefined;
  }

  /**
   * A short transaction: lock due rows that other nodes have not locked, and move their next attempt
   * ahead by the lease so nobody else picks them up while we send. (Two statements on purpose: in a single
   * `UPDATE … WHERE id IN (SELECT … LIMIT n FOR UPDATE SKIP LOCKED)` PostgreSQL may rescan the subquery
   * and claim more than n rows.)
   */
  private async claimDue(limit: number): Promise<OutboxRow[]> {
    const at = this.now();
    return this.db.transaction(async (tx) => {
      const due = await tx
        .select({ id: outbox.id })
        .from(outbox)
        .where(and(eq(outbox.status, 'queued'), lte(outbox.nextAttemptAt, at)))
        .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
        .limit(limit)
        .for('update', { skipLocked: true });
      if (due.length === 0) return [];
      const rows = await tx
        .update(outbox)
        .set({ nextAttemptAt: new Date(at.getTime() + LEASE_MS) })
        .where(
          inArray(
            outbox.id,
            due.map((row) => row.id),
          ),
        )
        .returning();
      return rows.sort((a, b) => a.id - b.id);
    });
  }

  private async send(row: OutboxRow): Promise<void> {
    this.transporter ??= nodemailer.createTransport({
      url: this.options.smtpUrl,
      // Short timeouts: a hanging server must not keep the job (and the lease) busy for long.
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
      ...this.options.smtp,
    });
    await this.transporter.sendMail({
      from: this.options.from,
      to: row.recipient,
      subject: row.subject,
      text: row.text,
      headers: { 'Auto-Submitted': 'auto-generated', 'Content-Language': row.lang },
      attachments: row.attachments.map((attachment) => ({
        filename: attachment.filename,
        contentType: attachment.contentType,
        content: Buffer.from(attachment.content, 'base64'),
      })),
    });
  }
}
