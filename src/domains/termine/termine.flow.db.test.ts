import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

// A movable clock: Thursday 2026-12-03, 05:00 Berlin.
let clock = new Date('2026-12-03T04:00:00Z');
const advance = (minutes: number) => {
  clock = new Date(clock.getTime() + minutes * 60_000);
};

describe('booking flow through the API: hold, double opt-in, calendar file, cancel, expiry', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ now: () => clock });
  });
  afterAll(() => t.close());

  const availability = async (serviceIds = 'personalausweis') =>
    (
      await t.app.inject(
        `/api/v1/availability?locationId=rathaus&serviceIds=${serviceIds}&from=2026-12-03&to=2026-12-06`,
      )
    ).json();

  const reserve = (start: string, serviceIds = ['personalausweis']) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/reservations',
      payload: { locationId: 'rathaus', serviceIds, start },
    });

  it('lists only days with free slots, with Berlin offsets, and the summed duration', async () => {
    const body = await availability('personalausweis,meldebescheinigung');
    const durations = await Promise.all(
      ['personalausweis', 'meldebescheinigung'].map(
        async (id) => (await t.app.inject(`/api/v1/services/${id}`)).json().durationMinutes,
      ),
    );
    expect(body.durationMinutes).toBe(durations[0] + durations[1]);
    const dates = body.days.map((day: { date: string }) => day.date);
    // Thursday to Saturday are open; the closed Sunday is not listed at all.
    expect(dates).toEqual(['2026-12-03', '2026-12-04', '2026-12-05']);
    const first = body.days[0].slots[0];
    expect(first.start).toMatch(/^2026-12-03T\d\d:\d\d:00\+01:00$/);
    expect(first.free).toBeGreaterThanOrEqual(1);
  });

  it('applies a closure entered after the day was first shown: its times disappear at once', async () => {
    const before = await availability();
    expect(before.days.map((day: { date: string }) => day.date)).toContain('2026-12-05');
    await t.services.locations.addException({ id: null, name: 'Test' }, 'rathaus', {
      from: '2026-12-05',
      to: '2026-12-05',
      kind: 'closed',
      intervals: [],
      reason: { de: 'Betriebsausflug' },
    });
    const after = (
      await t.app.inject(
        '/api/v1/availability?locationId=rathaus&serviceIds=personalausweis&from=2026-12-05&to=2026-12-05',
      )
    ).json();
    expect(after.days).toEqual([]);
    await expect(
      t.services.termine.reserve({
        locationId: 'rathaus',
        serviceIds: ['personalausweis'],
        start: new Date(
          before.days.find((day: { date: string }) => day.date === '2026-12-05').slots[0].start,
        ),
      }),
    ).rejects.toThrow(/nicht mehr frei/);
  });

  it('follows a change of counters: two more counters, more online capacity in every slot', async () => {
    const day = async () =>
      (
        await t.services.termine.availability({
          locationId: 'rathaus',
          serviceIds: ['meldebescheinigung'],
          from: '2026-12-04',
          to: '2026-12-04',
        })
      ).days[0]!.slots[25]!.free;
    const before = await day();
    await t.services.locations.addCounter({ id: null, name: 'Test' }, 'rathaus', 'Schalter 7');
    await t.services.locations.addCounter({ id: null, name: 'Test' }, 'rathaus', 'Schalter 8');
    // 6 → 8 counters at 75 % online: 4 → 6 online places per slot.
    expect(await day()).toBe(before + 2);
  });

  it('rejects bad input with 422 problem+json and unknown locations with 404', async () => {
    const bad = await t.app.inject(
      '/api/v1/availability?locationId=rathaus&serviceIds=personalausweis&from=03.12.2026&to=x',
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const unknown = await t.app.inject(
      '/api/v1/availability?locationId=mond&serviceIds=personalausweis&from=2026-12-03&to=2026-12-04',
    );
    expect(unknown.statusCode).toBe(404);
    const notBookable = await t.app.inject(
      '/api/v1/availability?locationId=rathaus&serviceIds=kinderreisepass&from=2026-12-03&to=2026-12-04',
    );
    expect(notBookable.statusCode).toBe(422);
  });

  it('holds, sends the opt-in link, confirms on click with a calendar file, and cancels with a freeze', async () => {
    const start = (await availability()).days[0].slots[3].start as string;
    const held = await reserve(start);
    expect(held.statusCode).toBe(201);
    const reservation = held.json();
    expect(reservation.start).toBe(start);

    const confirm = await t.app.inject({
      method: 'POST',
      url: `/api/v1/reservations/${reservation.id}/confirm`,
      payload: { name: 'Kim Musterfrau', email: 'kim@example.org', lang: 'en' },
    });
    expect(confirm.statusCode).toBe(202);
    const [linkMail] = await t.services.mail.listFor('appointment.confirm-link', reservation.id);
    expect(linkMail!.recipient).toBe('kim@example.org');
    expect(linkMail!.subject).toMatch(/^Please confirm your appointment/);
    const link = linkMail!.text.match(/\/termine\/bestaetigen\/([\w-]+)\?token=([\w-]+)/)!;
    expect(link[1]).toBe(reservation.id);

    // Not final before the click: a wrong token changes nothing.
    await expect(t.services.termine.confirm(reservation.id, 'wrong')).rejects.toThrow(/ungültig/);
    const confirmed = await t.services.termine.confirm(reservation.id, link[2]!);
    expect(confirmed.status).toBe('confirmed');

    const [finalMail] = await t.services.mail.listFor('appointment.confirmed', reservation.id);
    expect(finalMail!.text).toContain(confirmed.code);
    const ics = Buffer.from(finalMail!.attachments[0]!.content, 'base64').toString('utf8');
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!);
    expect(event.startDate.toJSDate().toISOString()).toBe(new Date(start).toISOString());
    expect(event.location).toContain('Markt 2');

    const viewed = await t.app.inject(`/api/v1/appointments/${confirmed.code}?token=${link[2]}`);
    expect(viewed.json()).toMatchObject({
      code: confirmed.code,
      status: 'confirmed',
      name: 'Kim Musterfrau',
    });
    expect((await t.app.inject(`/api/v1/appointments/${confirmed.code}?token=nope`)).statusCode).toBe(404);

    const cancelled = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/appointments/${confirmed.code}`,
      headers: { authorization: `Bearer ${link[2]}` },
    });
    expect(cancelled.json().status).toBe('cancelled');
    expect(await t.services.mail.listFor('appointment.cancelled', reservation.id)).toHaveLength(1);
    // Frozen: nobody gets the time back at once.
    const slotFree = async () =>
      (await availability()).days[0].slots.find((slot: { start: string }) => slot.start === start)?.free ?? 0;
    const freeWhileFrozen = await slotFree();
    advance(29);
    await t.services.termine.expire();
    expect(await slotFree()).toBe(freeWhileFrozen);
    advance(2);
    await t.services.termine.expire();
    expect(await slotFree()).toBe(freeWhileFrozen + 1);
  });

  it('moves an appointment: the old one stays until the new one is final, same link, same name', async () => {
    const slots = (await availability()).days[1].slots;
    const first = (await reserve(slots[0].start)).json();
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/reservations/${first.id}/confirm`,
      payload: { name: 'Mo Ver', email: 'mo@example.org' },
    });
    const [mail] = await t.services.mail.listFor('appointment.confirm-link', first.id);
    const secret = mail!.text.match(/token=([\w-]+)/)![1]!;
    const old = await t.services.termine.confirm(first.id, secret);
    const next = (await reserve(slots[6].start)).json();
    // Until the move is final, the old appointment is untouched.
    expect((await t.services.termine.findForCitizen(old.code, secret)).status).toBe('confirmed');
    const moved = await t.services.termine.move(old.code, secret, next.id);
    expect(moved).toMatchObject({
      status: 'confirmed',
      name: 'Mo Ver',
      email: 'mo@example.org',
      replacesId: old.id,
    });
    expect((await t.services.termine.get(old.id)).status).toBe('cancelled');
    expect((await t.services.termine.findForCitizen(moved.code, secret)).id).toBe(next.id);
  });

  it('sends one reminder a day before, and never twice', async () => {
    const slots = (await availability()).days[1].slots;
    const held = (await reserve(slots[20].start)).json();
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/reservations/${held.id}/confirm`,
      payload: { name: 'Erin Nerung', email: 'erin@example.org' },
    });
    const [mail] = await t.services.mail.listFor('appointment.confirm-link', held.id);
    await t.services.termine.confirm(held.id, mail!.text.match(/token=([\w-]+)/)![1]!);
    expect(await t.services.mail.listFor('appointment.reminder', held.id)).toHaveLength(0);
    const before = clock;
    clock = new Date(new Date(held.start).getTime() - 23 * 3_600_000);
    try {
      await t.services.termine.remindDue();
      await t.services.termine.remindDue();
      const reminders = await t.services.mail.listFor('appointment.reminder', held.id);
      expect(reminders).toHaveLength(1);
      expect(reminders[0]!.subject).toContain('Erinnerung');
    } finally {
      clock = before;
    }
  });

  it('limits appointments per e-mail address and service', async () => {
    const slots = (await availability()).days[0].slots;
    const first = (await reserve(slots[10].start)).json();
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/reservations/${first.id}/confirm`,
      payload: { name: 'Ali Beispiel', email: 'ali@example.org' },
    });
    const second = (await reserve(slots[12].start)).json();
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/v1/reservations/${second.id}/confirm`,
      payload: { name: 'Ali Beispiel', email: 'ALI@example.org' },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('schon einen Termin');
  });

  it('releases a hold nobody completes, and an unconfirmed booking after its opt-in time', async () => {
    const slot = (await availability()).days[0].slots[20];
    const held = (await reserve(slot.start)).json();
    const freeAfterHold =
      (await availability()).days[0].slots.find((s: { start: string }) => s.start === slot.start)?.free ?? 0;
    expect(freeAfterHold).toBe(slot.free - 1);
    advance(11);
    expect(await t.services.termine.expire()).toBeGreaterThanOrEqual(1);
    const restored = (await availability()).days[0].slots.find(
      (s: { start: string }) => s.start === slot.start,
    );
    expect(restored.free).toBe(slot.free);
    const late = await t.app.inject({
      method: 'POST',
      url: `/api/v1/reservations/${held.id}/confirm`,
      payload: { name: 'Spät Kommer', email: 'late@example.org' },
    });
    expect(late.statusCode).toBe(409);
  });
});
