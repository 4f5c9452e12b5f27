import { defineMessages, isLang, type Lang } from '../../platform/i18n/i18n.js';
import { type LocalizedText, pick } from '../../platform/i18n/localized-text.js';
import { documentTypeLabels } from './dokumente.rules.js';
import { hasPinLetter } from './dokumente.service.js';
import type { DocumentType } from './dokumente.tables.js';

/**
 * Texts of the "ready for pickup" message and the reminder (e-mail and SMS), German and English. Only
 * what the citizen needs: the kind of document and its serial number (to tell a family's documents
 * apart), where and with what to collect it, and the links. Never the name or date of birth.
 */
const messages = defineMessages({
  de: {
    readySubject: 'Ihr {type} ist abholbereit',
    readyText:
      'Guten Tag,\n\nIhr neues Dokument ist eingetroffen und kann abgeholt werden:\n\n{type}, Seriennummer {serial}\n\n{pickup}\n\nBitte bringen Sie mit:\n{bring}\n\n{book}\n\nDen aktuellen Stand sehen Sie jederzeit hier:\n{status}\n\nBitte holen Sie das Dokument innerhalb von {days} Tagen ab; nicht abgeholte Dokumente werden danach vernichtet.\n\nIhre Kontaktdaten für diese Benachrichtigung haben wir mit dem Versand gelöscht. Diese E-Mail wurde automatisch erstellt; bitte antworten Sie nicht darauf.\n\n{authority}',
    reminderSubject: 'Erinnerung: Ihr {type} liegt zur Abholung bereit',
    reminderText:
      'Guten Tag,\n\nIhr neues Dokument liegt seit {since} zur Abholung bereit:\n\n{type}, Seriennummer {serial}\n\n{pickup}\n\nBitte bringen Sie mit:\n{bring}\n\n{book}\n\nDen aktuellen Stand sehen Sie jederzeit hier:\n{status}\n\nNicht abgeholte Dokumente werden nach Ablauf der Frist vernichtet.\n\n{authority}',
    pickup: 'Abholort:\n{location}\n{address}',
    book: 'Einen Termin für die Abholung können Sie hier buchen:\n{link}',
    noBooking: 'Die Öffnungszeiten des Abholorts zeigt Ihnen die Statusseite (Link unten).',
    pickupPhone: 'Telefon: {phone}',
    bringOld: '- Ihr bisheriges Dokument (es wird bei der Abholung entwertet), falls vorhanden',
    bringPin: '- den PIN-Brief der Bundesdruckerei, den Sie per Post bekommen haben',
    bringAuthorised:
      '- Holt eine andere Person das Dokument ab: Ihre schriftliche Vollmacht, deren eigenen Ausweis und Ihr bisheriges Dokument',
    smsReady:
      '{authority}: Ihr {type} ({serial}) ist abholbereit. Abholort: {location}, {address}. Bitte altes Dokument{pin} mitbringen. Stand: {status}',
    smsPin: ' und PIN-Brief',
  },
  en: {
    readySubject: 'Your {type} is ready for pickup',
    readyText:
      'Hello,\n\nYour new document has arrived and can be collected:\n\n{type}, serial number {serial}\n\n{pickup}\n\nPlease bring:\n{bring}\n\n{book}\n\nYou can see the current status at any time here:\n{status}\n\nPlease collect the document within {days} days; documents not collected are destroyed after that.\n\nWe deleted your contact details for this notification when sending it. This e-mail was created automatically; please do not reply to it.\n\n{authority}',
    reminderSubject: 'Reminder: your {type} is ready for pickup',
    reminderText:
      'Hello,\n\nYour new document has been ready for pickup since {since}:\n\n{type}, serial number {serial}\n\n{pickup}\n\nPlease bring:\n{bring}\n\n{book}\n\nYou can see the current status at any time here:\n{status}\n\nDocuments not collected are destroyed when the period ends.\n\n{authority}',
    pickup: 'Pickup place:\n{location}\n{address}',
    book: 'You can book an appointment for the pickup here:\n{link}',
    noBooking: 'The status page (link below) shows the opening hours of the pickup place.',
    pickupPhone: 'Phone: {phone}',
    bringOld: '- your previous document (it is invalidated at pickup), if you have one',
    bringPin: '- the PIN letter from the Bundesdruckerei that you received by post',
    bringAuthorised:
      '- If someone else collects it: your written authorisation, their own ID and your previous document',
    smsReady:
      '{authority}: Your {type} ({serial}) is ready for pickup at {location}, {address}. Please bring your old document{pin}. Status: {status}',
    smsPin: ' and the PIN letter',
  },
});

export interface ReadyMessageContext {
  document: { serialNumber: string; documentType: DocumentType; contactLang: string };
  location: { name: LocalizedText; street: string; postalCode: string; town: string; phone?: string | null };
  /** `book` only when the pickup can be booked online at this location. */
  links: { book: string | null; status: string };
  authority: string;
  /** Days after which uncollected documents are destroyed. */
  destructionDays: number;
}

export function langOf(document: { contactLang: string }): Lang {
  return isLang(document.contactLang) ? document.contactLang : 'de';
}

function common(context: ReadyMessageContext) {
  const lang = langOf(context.document);
  const t = messages(lang);
  const type = pick(documentTypeLabels[context.document.documentType], lang);
  const location = pick(context.location.name, lang);
  const address = `${context.location.street}, ${context.location.postalCode} ${context.location.town}`;
  const pickup = [
    t('pickup', { location, address }),
    ...(context.location.phone ? [t('pickupPhone', { phone: context.location.phone })] : []),
  ].join('\n');
  const bring = [
    t('bringOld'),
    ...(hasPinLetter(context.document.documentType) ? [t('bringPin')] : []),
    t('bringAuthorised'),
  ].join('\n');
  const book = context.links.book ? t('book', { link: context.links.book }) : t('noBooking');
  return { lang, t, type, location, address, pickup, bring, book, serial: context.document.serialNumber };
}

/** The e-mail when a document becomes ready for pickup. */
export function readyMail(context: ReadyMessageContext) {
  const { t, type, pickup, bring, book, serial } = common(context);
  return {
    subject: t('readySubject', { type }),
    text: t('readyText', {
      type,
      serial,
      pickup,
      bring,
      book,
      status: context.links.status,
      days: context.destructionDays,
      authority: context.authority,
    }),
  };
}

/** The reminder when a document has not been collected; `since` is the date it became ready (formatted). */
export function reminderMail(context: ReadyMessageContext, since: string) {
  const { t, type, pickup, bring, book, serial } = common(context);
  return {
    subject: t('reminderSubject', { type }),
    text: t('reminderText', {
      type,
      serial,
      since,
      pickup,
      bring,
      book,
      status: context.links.status,
      authority: context.authority,
    }),
  };
}

/** The SMS when a document becomes ready: short, the same facts as the e-mail's first lines. */
export function readySms(context: ReadyMessageContext): string {
  const { t, type, location, address, serial } = common(context);
  return t('smsReady', {
    authority: context.authority,
    type,
    serial,
    location,
    address,
    pin: hasPinLetter(context.document.documentType) ? t('smsPin') : '',
    status: context.links.status,
  });
}
