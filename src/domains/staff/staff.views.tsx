import { formatDateTime } from '../../platform/time/format.js';
import type { StaffRole } from './staff.tables.js';

export { DateTime } from '../../platform/views/date-time.js';
export { type StaffSection, sectionsFor, staffSections } from '../../platform/views/staff-sections.js';
export { formatDateTime };

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
