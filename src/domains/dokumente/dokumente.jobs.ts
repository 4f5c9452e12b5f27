import type { Actor, AuditRepository } from '../../platform/audit/audit.repository.js';
import type { MailService } from '../../platform/mail/mail.service.js';
import type { SmsService } from '../../platform/sms/sms.js';
import { berlinDateOf, formatDate } from '../../platform/time/berlin-time.js';
import type { LeistungenService } from '../leistungen/leistungen.service.js';
import type { Location } from '../locations/locations.repository.js';
import type { LocationsService } from '../locations/locations.service.js';
import { langOf, type ReadyMessageContext, readyMail, readySms, reminderMail } from './dokumente.mail.js';
import type { DokumenteRepository, IdDocument } from './dokumente.repository.js';
import { type DocumentPeriods, finalStatuses } from './dokumente.rules.js';

export interface DocumentLinks {
  publicUrl: string;
  /** The authority's name for signatures. */
  authority(): Promise<string>;
}

/** The service citizens book to collect a document (preselected in the booking link). */
export const PICKUP_SERVICE_ID = 'ausweis-abholung';
/** The citizen's status page (dokumente.views.tsx); `?nummer=` answers for that serial number. */
export const STATUS_PATH = '/ausweisstatus';

const DAY_MS = 86_400_000;

interface MessageParts {
  locations: Map<string, Location>;
  authority: string;
  /** Locations where the pickup service can be booked online. */
  bookableAt: Set<string>;
}
const SYSTEM: Actor = { id: null, name: 'System' };

/** The booking calendar with the pickup service and the location chosen (see termine.form.ts flowUrl). */
export function bookingLink(publicUrl: string, locationId: string): string {
  return `${publicUrl}/termine/kalender?leistungen=${PICKUP_SERVICE_ID}&standort=${encodeURIComponent(locationId)}`;
}

export function statusLink(publicUrl: string, serial: string): string {
  return `${publicUrl}${STATUS_PATH}?nummer=${encodeURIComponent(serial)}`;
}

/**
 * The background work of ID documents, run by jobs in every app node (src/server.ts). All state is in
 * the table (notifiedAt, reminderSentAt, personalDataPurgedAt), rows are claimed with
 * `FOR UPDATE SKIP LOCKED` and marked in the same transaction that queues the message, so a run that
 * dies changes nothing, a restart picks up exactly what is left, and two nodes never handle one
 * document twice.
 */
export class DokumenteJobs {
  constructor(
    private readonly repo: DokumenteRepository,
    private readonly mail: MailService,
    private readonly sms: SmsService,
    private readonly locations: LocationsService,
    private readonly leistungen: LeistungenService,
    private readonly audit: AuditRepository,
    private readonly links: DocumentLinks,
    private readonly periods: DocumentPeriods,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * "Ready for pickup": for every ready document with a consented contact not yet notified, the e-mail
   * (and the SMS when a phone number was given) is queued in the contact's language, `notifiedAt` set and
   * the contact data deleted — all in one transaction, so the message goes out exactly when the contact
   * is gone (the outbox delivers it, with retries, across restarts). Returns how many were notified.
   */
  async notifyReady(limit = 50): Promise<number> {
    const parts = await this.messageParts();
    const now = this.now();
    return this.repo.transaction(async (tx) => {
      const due = await this.repo.claimReadyToNotify(tx, limit);
      for (const document of due) {
        const location = parts.locations.get(document.locationId);
        if (location) {
          const context = this.contextOf(document, location, parts);
          const channels: string[] = [];
          if (document.contactEmail) {
            await this.mail.queue(tx, {
              to: document.contactEmail,
              ...readyMail(context),
              lang: langOf(document),
              kind: 'document.ready',
              reference: document.id,
            });
            channels.push('email');
          }
          if (document.contactPhone) {
            await this.sms.queue(tx, {
              to: document.contactPhone,
              body: readySms(context),
              kind: 'document.ready',
            });
            channels.push('sms');
          }
          await this.audit.record(tx, SYSTEM, {
            action: 'document.notify',
            entityType: 'document',
            entityId: document.id,
            // Which channels, never the address or number themselves.
            after: { channels, notifiedAt: now, contactDeleted: true },
          });
        }
        await this.repo.update(tx, document.id, { notifiedAt: now, contactEmail: null, contactPhone: null });
      }
      return due.length;
    });
  }

  /**
   * Documents ready for `reminderDays` and not collected. The contact data is deleted as soon as the
   * "ready" message is queued (data minimisation, as the citizen was told at consent), so normally there
   * is nobody left to write to: a reminder e-mail goes out only when a contact is still present (e.g. the
   * document became ready before the notification job ran, or was announced without consent for e-mail).
   * In every case `reminderSentAt` is set, which puts the document on the staff's reminder list (letter
   * or phone call from the desk). A city that wants e-mail reminders would have to keep the contact
   * until pickup and say so in the consent text; we chose deleting early. Returns how many were marked.
   */
  async remindUncollected(limit = 100): Promise<number> {
    const parts = await this.messageParts();
    const now = this.now();
    const readySince = new Date(now.getTime() - this.periods.reminderDays * DAY_MS);
    return this.repo.transaction(async (tx) => {
      const due = await this.repo.claimReminders(tx, readySince, limit);
      for (const document of due) {
        const location = parts.locations.get(document.locationId);
        if (document.contactEmail && document.contactConsentAt && location && document.readyAt) {
          const context = this.contextOf(document, location, parts);
          const since = formatDate(berlinDateOf(document.readyAt), langOf(document));
          await this.mail.queue(tx, {
            to: document.contactEmail,
            ...reminderMail(context, since),
            lang: langOf(document),
            kind: 'document.reminder',
            reference: document.id,
          });
        }
        await this.repo.update(tx, document.id, { reminderSentAt: now });
      }
      return due.length;
    });
  }

  /**
   * Retention: documents final (handed over, delivered, destroyed) for longer than `retentionDays` lose
   * their personal data — applicant's name and date of birth, contact data, the sign-up code's hash —
   * and get `personalDataPurgedAt`. Serial number, type, status and history stay (statistics, the
   * status query). Each purge is audited as done by the system, without the deleted values.
   */
  async purgePersonalData(limit = 500): Promise<number> {
    const now = this.now();
    const changedBefore = new Date(now.getTime() - this.periods.retentionDays * DAY_MS);
    return this.repo.transaction(async (tx) => {
      const due = await this.repo.claimPurge(tx, finalStatuses, changedBefore, limit);
      for (const document of due) {
        await this.repo.update(tx, document.id, {
          applicantName: null,
          applicantBirthDate: null,
          contactEmail: null,
          contactPhone: null,
          contactConsentAt: null,
          signupCodeHash: null,
          personalDataPurgedAt: now,
        });
        await this.audit.record(tx, SYSTEM, {
          action: 'document.purge',
          entityType: 'document',
          entityId: document.id,
          before: { status: document.status, statusChangedAt: document.statusChangedAt },
          after: { personalDataPurgedAt: now, retentionDays: this.periods.retentionDays },
        });
      }
      return due.length;
    });
  }

  /**
   * Locations, the authority's name and where pickup can be booked online, read before the transaction
   * (PGlite has one connection: a query outside the open transaction would wait for it).
   */
  private async messageParts(): Promise<MessageParts> {
    const [all, authority, pickup, offeredAt] = await Promise.all([
      this.locations.listAll(),
      this.links.authority(),
      this.leistungen.get(PICKUP_SERVICE_ID).catch(() => undefined),
      this.leistungen.locationIdsByLeistung([PICKUP_SERVICE_ID]),
    ]);
    return {
      locations: new Map(all.map((location) => [location.id, location])),
      authority,
      bookableAt: new Set(pickup?.bookableOnline ? (offeredAt.get(PICKUP_SERVICE_ID) ?? []) : []),
    };
  }

  private contextOf(document: IdDocument, location: Location, parts: MessageParts): ReadyMessageContext {
    const { publicUrl } = this.links;
    return {
      document,
      location,
      links: {
        book: parts.bookableAt.has(location.id) ? bookingLink(publicUrl, location.id) : null,
        status: statusLink(publicUrl, document.serialNumber),
      },
      authority: parts.authority,
      destructionDays: this.periods.destructionDays,
    };
  }
}
