import { buildSearchText } from '../domains/leistungen/leistungen.rules.js';
import { holidaysOf } from '../domains/locations/opening-hours.rules.js';
import { hashPassword } from '../domains/staff/password.js';
import type { Database } from '../platform/db/database.js';
import {
  city,
  counters,
  leistungen,
  leistungLocations,
  locationExceptions,
  locations,
  openingHours,
  staffUsers,
} from '../platform/db/schema.js';
import { addDays, berlinDateOf, isoWeekday } from '../platform/time/berlin-time.js';
import { demoCity } from './city.data.js';
import { demoLocations, demoStaff } from './locations.data.js';
import { demoServices } from './services.data.js';

/** The Monday-to-Friday date `weeksAhead` weeks from `today` on the given ISO weekday. */
function nextWeekday(today: string, weekday: number, weeksAhead: number): string {
  const offset = (weekday - isoWeekday(today) + 7) % 7 || 7;
  return addDays(today, offset + 7 * weeksAhead);
}

/** Rosenmontag (carnival Monday, the offices close in the Rhineland) = Good Friday − 46 days. */
function rosenmontag(year: number): string {
  const goodFriday = holidaysOf(year).find((holiday) => holiday.name.de === 'Karfreitag');
  return addDays(goodFriday!.date, -46);
}

/**
 * Fills an empty database with the demo city. Dates of closures are relative to `today` so the demo
 * always shows some upcoming ones.
 */
export async function seedDemo(db: Database, options: { staff: boolean; today?: Date }): Promise<void> {
  const today = berlinDateOf(options.today ?? new Date());
  const staffRows = options.staff
    ? await Promise.all(
        demoStaff.map(async (user) => ({
          username: user.username,
          displayName: user.displayName,
          role: user.role,
          passwordHash: await hashPassword(user.password),
        })),
      )
    : [];
  await db.transaction(async (tx) => {
    await tx.insert(city).values({ id: 1, ...demoCity });
    for (const location of demoLocations) {
      const { counters: counterNames, weekly, ...row } = location;
      await tx.insert(locations).values(row);
      await tx.insert(openingHours).values(weekly.map((entry) => ({ ...entry, locationId: location.id })));
      await tx.insert(counters).values(counterNames.map((name) => ({ name, locationId: location.id })));
    }
    const year = Number(today.slice(0, 4));
    const nextRosenmontag = [rosenmontag(year), rosenmontag(year + 1)].find((date) => date >= today)!;
    await tx.insert(locationExceptions).values([
      {
        locationId: 'rathaus',
        fromDate: nextRosenmontag,
        toDate: nextRosenmontag,
        kind: 'closed',
        reason: { de: 'Rosenmontag', en: 'Carnival Monday (Rosenmontag)' },
      },
      {
        locationId: 'nord',
        fromDate: nextWeekday(today, 3, 1),
        toDate: nextWeekday(today, 3, 1),
        kind: 'closed',
        reason: { de: 'Personalversammlung', en: 'Staff meeting' },
      },
      {
        locationId: 'rathaus',
        fromDate: nextWeekday(today, 4, 2),
        toDate: nextWeekday(today, 4, 2),
        kind: 'hours',
        intervals: [{ opens: '07:30', closes: '12:30' }],
        reason: {
          de: 'Nachmittags geschlossen wegen Schulung',
          en: 'Closed in the afternoon for staff training',
        },
      },
    ]);
    for (const service of demoServices) {
      const { locationIds, ...row } = service;
      await tx.insert(leistungen).values({ ...row, searchText: buildSearchText(row) });
      await tx
        .insert(leistungLocations)
        .values(locationIds.map((locationId) => ({ leistungId: service.id, locationId })));
    }
    if (staffRows.length > 0) await tx.insert(staffUsers).values(staffRows);
  });
}
