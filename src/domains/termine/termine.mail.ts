import { createEvent } from 'ics';
import { defineMessages, isLang, type Lang } from '../../platform/i18n/i18n.js';
import { type LocalizedText, pick } from '../../platform/i18n/localized-text.js';
import { berlinDateOf, formatDate, formatTime } from '../../platform/time/berlin-time.js';
import type { Appointment } from './termine.repository.js';

const messages = defineMessages({
  de: {
    confirmSubject: 'Bitte bestätigen Sie Ihren Termin am {date}',
    confirmText:
      'Guten Tag {name},\n\nSie haben einen Termin reserviert:\n\n{summary}\n\nBitte bestätigen Sie ihn innerhalb von {minutes} Minuten mit diesem Link, sonst wird er wieder freigegeben:\n{link}\n\nWenn Sie diesen Termin nicht reserviert haben, müssen Sie nichts tun.\n\n{authority}',
    finalSubject: 'Ihr Termin am {date} um {time} Uhr ist bestätigt ({code})',
    finalText:
      'Guten Tag {name},\n\nIhr Termin ist gebucht:\n\n{summary}\nBuchungsnummer: {code}\n\nBitte bringen Sie mit:\n{documents}\n\nTermin ansehen, verschieben oder absagen:\n{manage}\n\nDen Termin für Ihren Kalender finden Sie im Anhang.\n\n{authority}',
    cancelSubject: 'Ihr Termin am {date} wurde abgesagt ({code})',
    cancelText:
      'Guten Tag {name},\n\nIhr Termin wurde abgesagt:\n\n{summary}\n{reason}\nEinen neuen Termin können Sie hier buchen:\n{book}\n\n{authority}',
    reasonLine: 'Grund: {reason}\n',
    summary: '{services}\n{date}, {time} Uhr\n{location}, {address}',
    noDocuments: '– keine besonderen Unterlagen –',
    calendarTitle: 'Termin Bürgeramt: {services}',
    reminderSubject: 'Erinnerung: Ihr Termin am {date} um {time} Uhr ({code})',
    reminderText:
      'Guten Tag {name},\n\nwir erinnern Sie an Ihren Termin:\n\n{summary}\nBuchungsnummer: {code}\n\nBitte bringen Sie mit:\n{documents}\n\nSie können nicht kommen? Bitte sagen Sie ab, damit jemand anderes den Termin bekommt: mit dem Link aus Ihrer Bestätigungs-E-Mail oder telefonisch unter {manage}.\n\n{authority}',
    waitlistSubject: 'Bitte bestätigen Sie Ihre Anmeldung auf der Warteliste',
    waitlistText:
      'Guten Tag {name},\n\nSie möchten benachrichtigt werden, sobald ein passender Termin frei wird:\n\n{services}\n{range}\n\nBitte bestätigen Sie die Anmeldung mit diesem Link:\n{link}\n\nVon der Warteliste abmelden:\n{leave}\n\n{authority}',
    offerSubject: 'Ein Termin für Sie: {date} um {time} Uhr – bitte bis {until} annehmen',
    offerText:
      'Guten Tag {name},\n\nfür Sie ist ein Termin frei geworden und bis {until} reserviert:\n\n{summary}\n\nTermin annehmen oder ablehnen:\n{link}\n\nWenn Sie nichts tun, bieten wir den Termin der nächsten Person auf der Warteliste an.\n\nVon der Warteliste abmelden:\n{leave}\n\n{authority}',
  },
  en: {
    confirmSubject: 'Please confirm your appointment on {date}',
    confirmText:
      'Hello {name},\n\nYou have reserved an appointment:\n\n{summary}\n\nPlease confirm it within {minutes} minutes with this link, otherwise it will be released again:\n{link}\n\nIf you did not reserve this appointment, you do not need to do anything.\n\n{authority}',
    finalSubject: 'Your appointment on {date} at {time} is confirmed ({code})',
    finalText:
      'Hello {name},\n\nYour appointment is booked:\n\n{summary}\nBooking number: {code}\n\nPlease bring:\n{documents}\n\nView, move or cancel the appointment:\n{manage}\n\nThe appointment for your calendar is attached.\n\n{authority}',
    cancelSubject: 'Your appointment on {date} has been cancelled ({code})',
    cancelText:
      'Hello {name},\n\nYour appointment has been cancelled:\n\n{summary}\n{reason}\nYou can book a new appointment here:\n{book}\n\n{authority}',
    reasonLine: 'Reason: {reason}\n',
    summary: '{services}\n{date}, {time}\n{location}, {address}',
    noDocuments: '– nothing special –',
    calendarTitle: 'Citizen office appointment: {services}',
    reminderSubject: 'Reminder: your appointment on {date} at {time} ({code})',
    reminderText:
      'Hello {name},\n\nThis is a reminder of your appointment:\n\n{summary}\nBooking number: {code}\n\nPlease bring:\n{documents}\n\nCannot come? Please cancel so that somebody else gets the time: with the link in your confirmation e-mail or by phone on {manage}.\n\n{authority}',
    waitlistSubject: 'Please confirm your place on the waiting list',
    waitlistText:
      'Hello {name},\n\nYou would like to be told as soon as a suitable appointment becomes free:\n\n{services}\n{range}\n\nPlease confirm with this link:\n{link}\n\nLeave the waiting list:\n{leave}\n\n{authority}',
    offerSubject: 'An appointment for you: {date} at {time} – please accept by {until}',
    offerText:
      'Hello {name},\n\nAn appointment has become free and is reserved for you until {until}:\n\n{summary}\n\nAccept or decline it here:\n{link}\n\nIf you do nothing, we will offer it to the next person on the waiting list.\n\nLeave the waiting list:\n{leave}\n\n{authority}',
  },
});

export interface AppointmentContext {
  appointment: Appointment;
  services: Array<{ name: LocalizedText; documents: LocalizedText[] }>;
  location: { name: LocalizedText; street: string; postalCode: string; town: string; phone?: string | null };
  authority: string;
}

function langOf(appointment: Appointment): Lang {
  return isLang(appointment.lang) ? appointment.lang : 'de';
}

function common(context: AppointmentContext) {
  const lang = langOf(context.appointment);
  const t = messages(lang);
  const services = context.services.map((service) => pick(service.name, lang)).join(', ');
  const date = formatDate(berlinDateOf(context.appointment.startsAt), lang);
  const time = formatTime(context.appointment.startsAt);
  const address = `${context.location.street}, ${context.location.postalCode} ${context.location.town}`;
  const summary = t('summary', {
    services,
    date,
    time,
    location: pick(context.location.name, lang),
    address,
  });
  return { lang, t, services, date, time, summary, address };
}

export function confirmLinkMail(context: AppointmentContext, link: string, minutes: number) {
  const { t, date, summary } = common(context);
  return {
    subject: t('confirmSubject', { date }),
    text: t('confirmText', {
      name: context.appointment.name ?? '',
      summary,
      minutes,
      link,
      authority: context.authority,
    }),
  };
}

/** The confirmation and the reminder: the appointment, its code, what to bring, the manage link. */
function bookedMail(context: AppointmentContext, manage: string, kind: 'final' | 'reminder') {
  const { t, lang, date, time, summary } = common(context);
  const lines = context.services.flatMap((service) =>
    service.documents.map((document) => `- ${pick(document, lang)}`),
  );
  return {
    subject: t(kind === 'final' ? 'finalSubject' : 'reminderSubject', {
      date,
      time,
      code: context.appointment.code,
    }),
    text: t(kind === 'final' ? 'finalText' : 'reminderText', {
      name: context.appointment.name ?? '',
      summary,
      code: context.appointment.code,
      // Several services often need the same document: list it once.
      documents: lines.length ? [...new Set(lines)].join('\n') : t('noDocuments'),
      manage,
      authority: context.authority,
    }),
  };
}

export const finalMail = (context: AppointmentContext, manage: string) =>
  bookedMail(context, manage, 'final');
export const reminderMail = (context: AppointmentContext, manage: string) =>
  bookedMail(context, manage, 'reminder');

export function cancelMail(context: AppointmentContext, reason: string | null, book: string) {
  const { t, date, summary } = common(context);
  return {
    subject: t('cancelSubject', { date, code: context.appointment.code }),
    text: t('cancelText', {
      name: context.appointment.name ?? '',
      summary,
      reason: reason ? t('reasonLine', { reason }) : '',
      book,
      authority: context.authority,
    }),
  };
}

/** RFC 5545 event in UTC: every calendar program converts it to the reader's (Berlin) time correctly. */
export function calendarFile(context: AppointmentContext, manage: string, organizerEmail?: string): string {
  const { t, services, address, lang } = common(context);
  const { error, value } = createEvent({
    uid: `${context.appointment.id}@buergeramt`,
    start: context.appointment.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: context.appointment.endsAt.getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: t('calendarTitle', { services }),
    description: `${context.appointment.code}\n${manage}`,
    location: `${pick(context.location.name, lang)}, ${address}`,
    url: manage,
    status: 'CONFIRMED',
    productId: 'buergeramt',
    ...(organizerEmail ? { organizer: { name: context.authority, email: organizerEmail } } : {}),
  });
  if (error || !value) throw error ?? new Error('calendar file could not be created');
  return value;
}

export function waitlistOptInMail(
  input: {
    name: string;
    lang: string;
    services: LocalizedText[];
    fromDate: string;
    toDate: string;
    authority: string;
  },
  link: string,
  leave: string,
) {
  const lang: Lang = isLang(input.lang) ? input.lang : 'de';
  const t = messages(lang);
  return {
    subject: t('waitlistSubject'),
    text: t('waitlistText', {
      name: input.name,
      services: input.services.map((service) => pick(service, lang)).join(', '),
      range: `${formatDate(input.fromDate, lang)} – ${formatDate(input.toDate, lang)}`,
      link,
      leave,
      authority: input.authority,
    }),
  };
}

export function offerMail(context: AppointmentContext, link: string, leave: string) {
  const { t, date, time, summary, lang } = common(context);
  const until = `${formatDate(berlinDateOf(context.appointment.holdUntil!), lang)}, ${formatTime(context.appointment.holdUntil!)}`;
  return {
    subject: t('offerSubject', { date, time, until }),
    text: t('offerText', {
      name: context.appointment.name ?? '',
      until,
      summary,
      link,
      leave,
      authority: context.authority,
    }),
  };
}
