import { DateTime } from 'luxon';
import { TIME_ZONE } from './berlin-time.js';

/** "26.11.2026, 14:05 Uhr" in Berlin time, for staff pages. */
export function formatDateTime(instant: Date): string {
  return `${DateTime.fromJSDate(instant, { zone: TIME_ZONE }).toFormat('dd.MM.yyyy, HH:mm')} Uhr`;
}
