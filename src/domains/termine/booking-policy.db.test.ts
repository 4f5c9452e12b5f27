import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, staffSession, type TestApp } from '../../../test/support/test-app.js';

describe('booking rules per location', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ now: () => new Date('2026-12-03T04:00:00Z') });
  });
  afterAll(() => t.close());

  const valid = {
    slotMinutes: '10',
    onlineSharePercent: '50',
    earliestDaysAhead: '1',
    latestDaysAhead: '30',
    releaseTime: '07:00',
    minLeadMinutes: '60',
  };

  it('lets an admin change them, audited, and availability follows', async () => {
    const admin = await staffSession(t.app, 'admin');
    const page = await admin.get('/verwaltung/termine/regeln/rathaus');
    expect(page.body).toContain('Online-Anteil der Schalter in Prozent');
    const saved = await admin.post(
      '/verwaltung/termine/regeln/rathaus',
      valid,
      '/verwaltung/termine/regeln/rathaus',
    );
    expect(saved.statusCode).toBe(303);
    expect(await t.services.termine.policy('rathaus')).toMatchObject({
      onlineSharePercent: 50,
      earliestDaysAhead: 1,
    });
    const [entry] = await t.services.audit.list({ entityType: 'location', entityId: 'rathaus' });
    expect(entry!.action).toBe('booking_policy.update');
    // Earliest one day ahead: today (2026-12-03) is no longer offered.
    const availability = await t.services.termine.availability({
      locationId: 'rathaus',
      serviceIds: ['meldebescheinigung'],
      from: '2026-12-03',
      to: '2026-12-04',
    });
    expect(availability.days.map((day) => day.date)).toEqual(['2026-12-04']);
    // 6 counters at 50 %: 3 online places per slot.
    expect(availability.days[0]!.slots[5]!.free).toBe(3);
  });

  it('refuses invalid rules with messages and changes nothing; only admins may edit', async () => {
    const admin = await staffSession(t.app, 'admin');
    const before = await t.services.termine.policy('rathaus');
    const invalid = await admin.post(
      '/verwaltung/termine/regeln/rathaus',
      { ...valid, onlineSharePercent: '150', releaseTime: '25:00', earliestDaysAhead: '40' },
      '/verwaltung/termine/regeln/rathaus',
    );
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain('href="#onlineSharePercent"');
    expect(invalid.body).toContain('href="#releaseTime"');
    expect(await t.services.termine.policy('rathaus')).toEqual(before);
    const team = await staffSession(t.app, 'teamleitung');
    expect((await team.get('/verwaltung/termine/regeln/rathaus')).statusCode).toBe(403);
  });

  it('keeps the slot grid while future appointments are booked', async () => {
    const admin = await staffSession(t.app, 'admin');
    const day = await t.services.termine.availability({
      locationId: 'rathaus',
      serviceIds: ['meldebescheinigung'],
      from: '2026-12-04',
      to: '2026-12-04',
    });
    await t.services.termine.reserve({
      locationId: 'rathaus',
      serviceIds: ['meldebescheinigung'],
      start: day.days[0]!.slots[0]!.start,
    });
    const refused = await admin.post(
      '/verwaltung/termine/regeln/rathaus',
      { ...valid, slotMinutes: '15' },
      '/verwaltung/termine/regeln/rathaus',
    );
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Das Zeitraster kann nicht geändert werden');
    expect((await t.services.termine.policy('rathaus')).slotMinutes).toBe(10);
  });
});
