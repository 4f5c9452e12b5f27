import type { ComponentChildren } from 'preact';
import { berlinDateOf, berlinTimeOf, toIsoWithOffset } from '../../platform/time/berlin-time.js';
import type { StaffIdentity } from '../../platform/views/page-context.js';
import type { StaffRole } from './staff.tables.js';

/** Shared pieces of the staff pages (German only). */

export const roleLabels: Record<StaffRole, string> = {
  admin: 'Administration',
  teamleitung: 'Teamleitung',
  sachbearbeitung: 'Sachbearbeitung',
};

export const roleOptions = (Object.keys(roleLabels) as StaffRole[]).map((role) => ({
  value: role,
  label: roleLabels[role],
}));

export interface StaffSection {
  href: string;
  title: string;
  description: string;
  roles: StaffRole[];
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
];

export function sectionsFor(staff: StaffIdentity): StaffSection[] {
  return staffSections.filter((section) => section.roles.includes(staff.role));
}

/** 'TT.MM.JJJJ, HH:MM Uhr' in Europe/Berlin. */
export function formatDateTime(instant: Date): string {
  const [year, month, day] = berlinDateOf(instant).split('-');
  return `${day}.${month}.${year}, ${berlinTimeOf(instant)} Uhr`;
}

/** A point in time for people and machines: readable text in a `<time>` element. */
export function DateTime({ value }: { value: Date }) {
  return <time dateTime={toIsoWithOffset(value)}>{formatDateTime(value)}</time>;
}

/** A form wrapper with the method and action set; the fields come as children. */
export function PostForm({ action, children }: { action: string; children: ComponentChildren }) {
  return (
    <form method="post" action={action} noValidate>
      {children}
    </form>
  );
}
