import type { StaffIdentity } from './page-context.js';

// The staff area's sections and who may use them (the routes check the same roles). The navigation
// in StaffLayout and the dashboard both read this list.
export interface StaffSection {
  href: string;
  title: string;
  description: string;
  roles: Array<StaffIdentity['role']>;
}

/** The staff area's sections and who may use them (the routes check the same roles). */
export const staffSections: StaffSection[] = [
  {
    href: '/verwaltung/leistungen',
    title: 'Leistungen',
    description: 'Leistungen, Gebühren, Unterlagen und Termindauer pflegen.',
    roles: ['admin'],
  },
  {
    href: '/verwaltung/standorte',
    title: 'Standorte',
    description: 'Standorte, Öffnungszeiten, Schließtage und Schalter verwalten.',
    roles: ['admin', 'teamleitung'],
  },
  {
    href: '/verwaltung/benutzer',
    title: 'Benutzer',
    description: 'Konten der Mitarbeitenden anlegen, ändern, Passwörter zurücksetzen und Konten stilllegen.',
    roles: ['admin'],
  },
  {
    href: '/verwaltung/inhalte',
    title: 'Inhalte',
    description: 'Angaben zur Stadt, Impressum, Datenschutz und Barrierefreiheit bearbeiten.',
    roles: ['admin'],
  },
  {
    href: '/verwaltung/rueckmeldungen',
    title: 'Rückmeldungen',
    description: 'Rückmeldungen zur Barrierefreiheit lesen und beantworten.',
    roles: ['admin', 'teamleitung'],
  },
  {
    href: '/verwaltung/protokoll',
    title: 'Protokoll',
    description: 'Nachvollziehen, wer wann was geändert hat.',
    roles: ['admin', 'teamleitung'],
  },
  {
    href: '/verwaltung/termine',
    title: 'Termine',
    description: 'Tagesübersicht, Termine für Anrufende buchen, absagen, Schließungen.',
    roles: ['admin', 'teamleitung', 'sachbearbeitung'],
  },
  {
    href: '/verwaltung/dokumente',
    title: 'Ausweisdokumente',
    description: 'Anträge erfassen, Lieferungen einscannen, Dokumente aushändigen, Erinnern und Vernichten.',
    roles: ['admin', 'teamleitung', 'sachbearbeitung'],
  },
  {
    href: '/verwaltung/vorgaenge',
    title: 'Vorgänge',
    description: 'Online gestellte Anträge übernehmen, prüfen, genehmigen oder ablehnen.',
    roles: ['admin', 'teamleitung', 'sachbearbeitung'],
  },
  {
    href: '/verwaltung/bescheinigungen',
    title: 'Bescheinigungen',
    description: 'Ausgestellte Bescheinigungen finden, als PDF öffnen und widerrufen.',
    roles: ['admin', 'teamleitung', 'sachbearbeitung'],
  },
  {
    href: '/verwaltung/melderegister',
    title: 'Melderegister',
    description: 'Im lokalen Melderegister suchen und weitere Einwohnerinnen und Einwohner als CSV einlesen.',
    roles: ['admin', 'teamleitung'],
  },
  {
    href: '/verwaltung/platz',
    title: 'Platz',
    description: 'Am Schalter arbeiten: aufrufen, bedienen, parken, weiterleiten, Wartenummern ziehen.',
    roles: ['admin', 'teamleitung', 'sachbearbeitung'],
  },
  {
    href: '/verwaltung/warteschlange',
    title: 'Warteschlange',
    description: 'Regeln für Wartenummern und Einchecken, Tageskontingente und Leistungen je Schalter.',
    roles: ['admin', 'teamleitung'],
  },
  {
    href: '/verwaltung/geraete',
    title: 'Geräte',
    description: 'Kioske und Aufrufanzeigen registrieren, Anmeldelinks erzeugen und Geräte sperren.',
    roles: ['admin'],
  },
  {
    href: '/verwaltung/post',
    title: 'Post',
    description: 'Ausgehende E-Mails ansehen (im Demo-Modus landen hier alle E-Mails).',
    roles: ['admin'],
  },
  {
    href: '/verwaltung/sms',
    title: 'SMS',
    description: 'Ausgehende SMS ansehen (ohne angebundenen Anbieter werden sie nur gespeichert).',
    roles: ['admin'],
  },
  {
    href: '/verwaltung/dienstkonten',
    title: 'Dienstkonten',
    description: 'API-Schlüssel für das Fachverfahren und andere Programme anlegen und sperren.',
    roles: ['admin'],
  },
];

export function sectionsFor(staff: StaffIdentity): StaffSection[] {
  return staffSections.filter((section) => section.roles.includes(staff.role));
}
