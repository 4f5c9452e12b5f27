import { and, asc, eq, isNull, lte } from 'drizzle-orm';
import type { Database, Executor } from '../../platform/db/database.js';
import { defineMessages, type Lang } from '../../platform/i18n/i18n.js';
import type { MailService } from '../../platform/mail/mail.service.js';
import type { CertificateIssuer } from '../bescheinigungen/certificate-issuer.js';
import { certificateMails } from './meldebescheinigung.tables.js';

export const CERTIFICATE_MAIL_KIND = 'meldebescheinigung.pdf';

const messages = defineMessages({
  de: {
    subject: 'Ihre Meldebescheinigung ({number})',
    text: 'Guten Tag {name},\n\nim Anhang finden Sie Ihre Meldebescheinigung als PDF (Vorgang {number}).\n\nDie Bescheinigung ist elektronisch versiegelt. Jede Stelle, der Sie sie vorlegen, kann ihre Echtheit mit dem Prüfcode oder dem QR-Code auf der Bescheinigung prüfen:\n{verify}\n\nSie können die Bescheinigung auch jederzeit auf der Seite Ihres Antrags herunterladen (Anmeldung mit dem Online-Ausweis):\n{link}\n\nDiese E-Mail wurde automatisch erstellt; bitte antworten Sie nicht darauf.\n\n{authority}',
  },
  en: {
    subject: 'Your certificate of registration ({number})',
    text: 'Hello {name},\n\nplease find your certificate of registration attached as a PDF (case {number}).\n\nThe certificate is sealed electronically. Anyone you show it to can check that it is genuine with the verification code or the QR code on the certificate:\n{verify}\n\nYou can also download the certificate at any time on the page of your application (log-in with your online ID):\n{link}\n\nThis e-mail was created automatically; please do not reply to it.\n\n{authority}',
  },
});

export interface CertificateMailLinks {
  publicUrl: string;
  authority(): Promise<string>;
}

/** The part of a pino / Fastify logger used here (`app.log` fits). */
export interface CertificateMailLogger {
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

export interface CertificateMailRetry {
  /** Attempts in all; after the last failed one the e-mail is given up (logged as an error). */
  maxAttempts: number;
  /** The pause after the first failure; it doubles with each further one, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/** 10 attempts over about 8.5 hours: 1, 2, 4 … 256 minutes apart. */
export const defaultCertificateMailRetry: CertificateMailRetry = {
  maxAttempts: 10,
  baseDelayMs: 60_000,
  maxDelayMs: 6 * 60 * 60_000,
};

/** The pause before the next attempt after `failures` failed ones (1, 2, …): doubling, capped. */
export function retryDelayMs(failures: number, retry: CertificateMailRetry): number {
  const exponent = Math.max(0, Math.min(failures - 1, 30));
  return Math.min(retry.baseDelayMs * 2 ** exponent, retry.maxDelayMs);
}

/** How many rows one run takes, the ones due earliest first. */
export const CERTIFICATE_MAIL_BATCH = 50;

const consoleLogger: CertificateMailLogger = {
  warn: (object, message) => console.warn(message, object),
  error: (object, message) => console.error(message, object),
};

type CertificateMailRow = typeof certificateMails.$inferSelect;

/** E-mails with the certificate PDF attached (see the table `certificate_mails`). */
export class CertificateMails {
  constructor(
    private readonly db: Database,
    private readonly certificates: CertificateIssuer,
    private readonly mail: MailService,
    private readonly links: CertificateMailLinks,
    private readonly now: () => Date = () => new Date(),
    private readonly retry: CertificateMailRetry = defaultCertificateMailRetry,
  ) {}

  private log: CertificateMailLogger = consoleLogger;

  /** Logs go to the app's logger once it exists (wired in buildApp). */
  useLogger(log: CertificateMailLogger): void {
    this.log = log;
  }

  /** Notes, in the certificate's transaction, that its PDF is to be e-mailed. */
  async request(
    tx: Executor,
    input: {
      caseId: string;
      caseNumber: string;
      certificateId: string;
      recipient: string;
      applicantName: string;
      lang: Lang;
    },
  ): Promise<void> {
    const at = this.now();
    await tx.insert(certificateMails).values({ ...input, createdAt: at, nextAttemptAt: at });
  }

  /**
   * Queues the e-mails due (of one case, or all), each with its PDF attached; returns how many.
   * The PDF is made outside any transaction; the row is deleted in the same transaction that queues the
   * e-mail, so two nodes never queue the same one. A row whose PDF (or queueing) fails is tried again
   * after a pause that doubles each time, and given up after the last attempt: a PDF that keeps failing
   * never holds up the others.
   */
  async deliver(caseId?: string): Promise<number> {
    const due = and(
      isNull(certificateMails.gaveUpAt),
      lte(certificateMails.nextAttemptAt, this.now()),
      caseId ? eq(certificateMails.caseId, caseId) : undefined,
    );
    const pending = await this.db
      .select()
      .from(certificateMails)
      .where(due)
      .orderBy(asc(certificateMails.nextAttemptAt), asc(certificateMails.createdAt))
      .limit(CERTIFICATE_MAIL_BATCH);
    if (pending.length === 0) return 0;
    const authority = await this.links.authority();
    const base = this.links.publicUrl.replace(/\/+$/, '');
    let queued = 0;
    for (const row of pending) {
      try {
        if (await this.send(row, authority, base)) queued++;
      } catch (error) {
        // The certificates domain logs why it refused a PDF; here: when to try again, or that we stop.
        await this.failed(row, error);
      }
    }
    return queued;
  }

  /** One e-mail: the PDF, then the row deleted and the e-mail queued together. False: another node had it. */
  private async send(row: CertificateMailRow, authority: string, base: string): Promise<boolean> {
    const pdf = await this.certificates.pdf(row.certificateId);
    const t = messages(row.lang);
    return this.db.transaction(async (tx) => {
      const [claimed] = await tx
        .delete(certificateMails)
        .where(eq(certificateMails.id, row.id))
        .returning({ id: certificateMails.id });
      if (!claimed) return false;
      await this.mail.queue(tx, {
        to: row.recipient,
        subject: t('subject', { number: row.caseNumber }),
        text: t('text', {
          name: row.applicantName,
          number: row.caseNumber,
          verify: `${base}/pruefen`,
          link: `${base}/mein-bereich/vorgaenge/${row.caseId}`,
          authority,
        }),
        attachments: [
          {
            filename: `Meldebescheinigung-${row.caseNumber}.pdf`,
            contentType: 'application/pdf',
            content: Buffer.from(pdf),
          },
        ],
        lang: row.lang,
        kind: CERTIFICATE_MAIL_KIND,
        reference: row.caseId,
      });
      return true;
    });
  }

  /**
   * Notes a failed attempt: the next one after a longer pause, or none after the last (an error in the
   * log names case, certificate and attempts; the row stays, with `gave_up_at`, for the operators). Only
   * if no other node changed the row meanwhile.
   */
  private async failed(row: CertificateMailRow, error: unknown): Promise<void> {
    const attempts = row.attempts + 1;
    const at = this.now();
    const givingUp = attempts >= this.retry.maxAttempts;
    const nextAttemptAt = new Date(at.getTime() + retryDelayMs(attempts, this.retry));
    const [changed] = await this.db
      .update(certificateMails)
      .set(givingUp ? { attempts, gaveUpAt: at } : { attempts, nextAttemptAt })
      .where(and(eq(certificateMails.id, row.id), eq(certificateMails.attempts, row.attempts)))
      .returning({ id: certificateMails.id });
    if (!changed) return;
    const context = {
      caseId: row.caseId,
      caseNumber: row.caseNumber,
      certificateId: row.certificateId,
      attempts,
      reason: error instanceof Error ? error.message : String(error),
    };
    if (givingUp) {
      this.log.error(context, 'certificate mail: the PDF could not be sent; given up after the last attempt');
    } else {
      this.log.warn({ ...context, nextAttemptAt }, 'certificate mail: attempt failed; tried again later');
    }
  }
}
