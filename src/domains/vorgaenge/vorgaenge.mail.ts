import { defineMessages, type Lang } from '../../platform/i18n/i18n.js';
import { type LocalizedText, pick } from '../../platform/i18n/localized-text.js';
import type { CaseStatus } from './case-handlers.js';
import { nextSteps, statusLabels } from './vorgaenge.rules.js';

/**
 * The e-mail a citizen gets when a case is created or changes status. Only what they need to recognise
 * the case and find it: their name in the greeting, the case number, the service, the status in plain
 * words, what happens next and the link to the case page (behind the eID log-in). Nothing else personal,
 * not even a clerk's reason for a rejection: that is on the case page.
 */
const messages = defineMessages({
  de: {
    subject: 'Ihr Antrag {number}: {status}',
    text: 'Guten Tag {name},\n\n{intro}\n\nVorgangsnummer: {number}\nLeistung: {service}\nStand: {status}\n\nWie es weitergeht:\n{next}\n\nDen aktuellen Stand und alle Einzelheiten sehen Sie nach der Anmeldung mit Ihrem Online-Ausweis hier:\n{link}\n\nDiese E-Mail wurde automatisch erstellt; bitte antworten Sie nicht darauf.\n\n{authority}',
    created: 'vielen Dank, Ihr Antrag ist bei uns eingegangen.',
    changed: 'der Stand Ihres Antrags hat sich geändert.',
  },
  en: {
    subject: 'Your application {number}: {status}',
    text: 'Hello {name},\n\n{intro}\n\nCase number: {number}\nService: {service}\nStatus: {status}\n\nWhat happens next:\n{next}\n\nYou can see the current status and all details here after logging in with your online ID:\n{link}\n\nThis e-mail was created automatically; please do not reply to it.\n\n{authority}',
    created: 'thank you, we have received your application.',
    changed: 'the status of your application has changed.',
  },
});

/** A message about something other than a status change (e.g. a revoked certificate). */
export interface CaseMailNotice {
  /** After the case number in the subject, in place of the status. */
  subject: LocalizedText;
  /** The first sentence after the greeting, in place of "the status has changed". */
  intro: LocalizedText;
  /** "What happens next", in place of the status's next steps. */
  next: LocalizedText;
}

export interface CaseMailContext {
  caseRecord: { id: string; number: string; applicantName: string; lang: Lang };
  status: CaseStatus;
  serviceTitle: LocalizedText;
  publicUrl: string;
  authority: string;
  /** The first message of a case (it was just created) or a later status change. */
  created: boolean;
  notice?: CaseMailNotice;
}

export const casePagePath = (id: string) => `/mein-bereich/vorgaenge/${id}`;

export function caseMail(context: CaseMailContext): { subject: string; text: string } {
  const { caseRecord, status } = context;
  const lang = caseRecord.lang;
  const t = messages(lang);
  const statusText = pick(statusLabels[status], lang);
  const { notice } = context;
  return {
    subject: t('subject', {
      number: caseRecord.number,
      status: notice ? pick(notice.subject, lang) : statusText,
    }),
    text: t('text', {
      name: caseRecord.applicantName,
      intro: notice ? pick(notice.intro, lang) : t(context.created ? 'created' : 'changed'),
      number: caseRecord.number,
      service: pick(context.serviceTitle, lang),
      status: statusText,
      next: pick(notice?.next ?? nextSteps[status], lang),
      link: `${context.publicUrl.replace(/\/+$/, '')}${casePagePath(caseRecord.id)}`,
      authority: context.authority,
    }),
  };
}
