import { inArray } from 'drizzle-orm';
import type { Executor } from '../domains/dokumente/dokumente.repository.js';
import { signupCodeHash } from '../domains/dokumente/dokumente.service.js';
import { buildSearchText } from '../domains/leistungen/leistungen.rules.js';
import { holidaysOf } from '../domains/locations/opening-hours.rules.js';
import { rowOf } from '../domains/melderegister/melderegister.repository.js';
import { hashPassword } from '../domains/staff/password.js';
import type { Database } from '../platform/db/database.js';
import {
  city,
  counters,
  idDocumentEvents,
  idDocuments,
  leistungen,
  leistungLocations,
  locationExceptions,
  locations,
  openingHours,
  registerPersons,
  staffUsers,
} from '../platform/db/schema.js';
import { addDays, berlinDateOf, berlinInstant, isoWeekday } from '../platform/time/berlin-time.js';
import { demoCity } from './city.data.js';
import { demoDocuments } from './documents.data.js';
import { demoLocations, demoStaff } from './locations.data.js';
import { demoServices } from './services.data.js';
import { furtherResidents, testPersons } from './test-persons.data.js';

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
    await insertDemoDocuments(tx, today);
    await insertDemoRegister(tx);
  });
}

/**
 * The local population register: every test person with a register entry, and the further residents.
 * Only into an empty register (returns how many were written).
 */
export async function insertDemoRegister(tx: Executor): Promise<number> {
  const [present] = await tx.select({ id: registerPersons.id }).from(registerPersons).limit(1);
  if (present) return 0;
  const entries = [
    ...testPersons.flatMap((person) => (person.register ? [person.register] : [])),
    ...furtherResidents,
  ];
  await tx.insert(registerPersons).values(entries.map(rowOf));
  return entries.length;
}

/**
 * The demo ID documents (every status), with their status history; dates relative to `today` (Berlin).
 * Idempotent: documents whose serial number exists already, or whose location does not, are left out.
 * Returns how many were written.
 */
export async function insertDemoDocuments(tx: Executor, today: string): Promise<number> {
  const wanted = [...new Set(demoDocuments.map((document) => document.locationId))];
  const present = new Set(
    (await tx.select({ id: locations.id }).from(locations).where(inArray(locations.id, wanted))).map(
      (row) => row.id,
    ),
  );
  let written = 0;
  for (const [index, demo] of demoDocuments.entries()) {
    if (!present.has(demo.locationId)) continue;
    // Different times of day, so lists sorted by time do not tie.
    const at = (daysAgo: number) =>
      berlinInstant(
        addDays(today, -daysAgo),
        `${String(8 + (index % 8)).padStart(2, '0')}:${index % 2 ? '40' : '10'}`,
      );
    const steps = demo.history.map((step) => ({ status: step.status, at: at(step.daysAgo) }));
    const first = steps[0]!;
    const last = steps.at(-1)!;
    const ready = steps.findLast((step) => step.status === 'bereit_zur_abholung');
    const [created] = await tx
      .insert(idDocuments)
      .values({
        serialNumber: demo.serialNumber,
        documentType: demo.documentType,
        status: last.status,
        locationId: demo.locationId,
        applicantName: demo.applicantName,
        applicantBirthDate: demo.applicantBirthDate,
        contactEmail: demo.contactEmail ?? null,
        contactConsentAt: demo.contactEmail ? first.at : null,
        contactLang: 'de',
        signupCodeHash: signupCodeHash(demo.serialNumber, demo.signupCode),
        appliedAt: first.at,
        statusChangedAt: last.at,
        readyAt: ready?.at ?? null,
        handedOverAt: last.status === 'ausgehaendigt' ? last.at : null,
        handover: demo.handover ?? null,
      })
      .onConflictDoNothing({ target: idDocuments.serialNumber })
      .returning({ id: idDocuments.id });
    if (!created) continue;
    await tx.insert(idDocumentEvents).values(
      steps.map((step, position) => ({
        documentId: created.id,
        fromStatus: position === 0 ? null : steps[position - 1]!.status,
        toStatus: step.status,
        at: step.at,
        actorName: 'Demo-Daten',
        source: 'system' as const,
      })),
    );
    written += 1;
  }
  return written;
}

/**
 * Adds what later versions brought to an existing demo database: the ID documents and the local
 * population register (nothing happens for what is there already).
 */
export async function seedLaterDemoData(db: Database, options: { today?: Date } = {}): Promise<number> {
  const today = berlinDateOf(options.today ?? new Date());
  return db.transaction(
    async (tx) => (await insertDemoDocuments(tx, today)) + (await insertDemoRegister(tx)),
  );
}
