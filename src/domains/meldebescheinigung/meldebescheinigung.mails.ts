import { asc, eq } from 'drizzle-orm';
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

/** E-mails with the certificate PDF attached (see the table `certificate_mails`). */
export class CertificateMails {
  constructor(
    private readonly db: Database,
    private readonly certificates: CertificateIssuer,
    private readonly mail: MailService,
    private readonly links: CertificateMailLinks,
    private readonly now: () => Date = () => new Date(),
  ) {}

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
    await tx.insert(certificateMails).values({ ...input, createdAt: this.now() });
  }

  /**
   * Queues the e-mails still to send (of one case, or all), each with its PDF attached; returns how many.
   * The PDF is made outside any transaction; the row is deleted in the same transaction that queues the
   * e-mail, so two nodes never queue the same one.
   */
  async deliver(caseId?: string): Promise<number> {
    const pending = await this.db
      .select()
      .from(certificateMails)
      .where(caseId ? eq(certificateMails.caseId, caseId) : undefined)
      .orderBy(asc(certificateMails.createdAt))
      .limit(50);
    if (pending.length === 0) return 0;
    const authority = await this.links.authority();
    const base = this.links.publicUrl.replace(/\/+$/, '');
    let queued = 0;
    for (const row of pending) {
      let pdf: Uint8Array;
      try {
        pdf = await this.certificates.pdf(row.certificateId);
      } catch {
        // Left for the next run (the certificates domain logs why its PDF was refused).
        continue;
      }
      const t = messages(row.lang);
      const done = await this.db.transaction(async (tx) => {
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
      if (done) queued++;
    }
    return queued;
  }
}
