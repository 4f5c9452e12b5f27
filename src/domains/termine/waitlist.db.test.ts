import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { waitlistEntries } from './termine.tables.js';
import { matches } from './waitlist.service.js';

let clock = new Date('2026-12-03T04:00:00Z');
const advance = (minutes: number) => {
  clock = new Date(clock.getTime() + minutes * 60_000);
};
const tokenIn = (text: string, path: RegExp) => text.match(path)![1]!;

describe('waiting list: opt-in, offers in order of registration, accept, decline, timeout, leave', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ now: () => clock });
  });
  afterAll(() => t.close());

  async function bookConfirmed(email: string, slotIndex: number) {
    const day = await t.services.termine.availability({
      locationId: 'rathaus',
      serviceIds: ['meldebescheinigung'],
      from: '2026-12-04',
      to: '2026-12-04',
    });
    const held = await t.services.termine.reserve({
      locationId: 'rathaus',
      serviceIds: ['meldebescheinigung'],
      start: day.days[0]!.slots[slotIndex]!.start,
    });
    const { secret } = await t.services.termine.requestConfirmation(held.id, {
      name: 'Booker',
      email,
      lang: 'de',
    });
    return t.services.termine.confirm(held.id, secret);
  }

  async function join(name: string, email: string) {
    const { entry } = await t.services.waitlist.join({
      name,
      email,
      lang: 'de',
      serviceIds: ['meldebescheinigung'],
      locationIds: ['rathaus'],
      fromDate: '2026-12-04',
      toDate: '2026-12-04',
      timesOfDay: ['vormittag'],
    });
    const [mail] = await t.services.mail.listFor('waitlist.opt-in', entry.id);
    const secret = tokenIn(mail!.text, /bestaetigen\?token=([\w-]+)/);
    advance(1);
    return { entry: await t.services.waitlist.activate(entry.id, secret), secret };
  }

  let firstInLine: { entry: { id: string }; secret: string } | undefined;

  const offersFor = async (entryId: string) =>
    (await t.services.mail.list(500)).filter(
      (mail) => mail.kind === 'waitlist.offer' && mail.text.includes(entryId),
    );

  it('matches by location, date range and time of day', () => {
    const entry = {
      locationIds: ['rathaus'],
      fromDate: '2026-12-04',
      toDate: '2026-12-05',
      timesOfDay: ['vormittag' as const],
    };
    expect(matches(entry, 'rathaus', new Date('2026-12-04T08:00:00Z'))).toBe(true);
    expect(matches(entry, 'rathaus', new Date('2026-12-04T13:00:00Z'))).toBe(false);
    expect(matches(entry, 'nord', new Date('2026-12-04T08:00:00Z'))).toBe(false);
    expect(matches(entry, 'rathaus', new Date('2026-12-06T08:00:00Z'))).toBe(false);
  });

  it('refuses an invalid registration and changes nothing', async () => {
    await expect(
      t.services.waitlist.join({
        name: 'X',
        email: 'x@example.org',
        lang: 'de',
        serviceIds: ['kinderreisepass'],
        locationIds: [],
        fromDate: '2026-12-10',
        toDate: '2026-12-01',
        timesOfDay: [],
      }),
    ).rejects.toMatchObject({
      fieldErrors: expect.objectContaining({ serviceIds: expect.any(String), toDate: expect.any(String) }),
    });
    expect(await t.database.db.select().from(waitlistEntries)).toHaveLength(0);
  });

  it('offers a cancelled time to the first person, then the next on decline, then back to everybody', async () => {
    const first = await join('Erste Person', 'erste@example.org');
    firstInLine = first;
    const second = await join('Zweite Person', 'zweite@example.org');
    const booked = await bookConfirmed('booker@example.org', 2);

    await t.services.termine.cancel(booked.id, { reason: null, by: 'citizen' });
    const [offerToFirst] = await offersFor(first.entry.id);
    expect(offerToFirst).toBeDefined();
    const offerId = tokenIn(offerToFirst!.text, /angebot\/([\w-]+)\?/);
    const offerSecret = tokenIn(offerToFirst!.text, /angebot\/[\w-]+\?token=([\w-]+)/);
    expect((await offersFor(second.entry.id)).length).toBe(0);

    // Declined: the second person (registered later) gets it now.
    await t.services.waitlist.decline(offerId, offerSecret);
    const [offerToSecond] = await offersFor(second.entry.id);
    expect(offerToSecond).toBeDefined();
    const secondOfferId = tokenIn(offerToSecond!.text, /angebot\/([\w-]+)\?/);
    const secondSecret = tokenIn(offerToSecond!.text, /angebot\/[\w-]+\?token=([\w-]+)/);

    const accepted = await t.services.waitlist.accept(secondOfferId, secondSecret);
    expect(accepted.status).toBe('confirmed');
    expect(accepted.startsAt.getTime()).toBe(booked.startsAt.getTime());
    expect(await t.services.mail.listFor('appointment.confirmed', secondOfferId)).toHaveLength(1);
    const [entry] = await t.database.db
      .select()
      .from(waitlistEntries)
      .where(eq(waitlistEntries.id, second.entry.id));
    expect(entry!.status).toBe('booked');
  });

  it('passes an unanswered offer on after its time, and lets people leave with one click', async () => {
    // The first person declined earlier and still waits; here they leave, so the later ones are served.
    await t.services.waitlist.leave(firstInLine!.entry.id, firstInLine!.secret);
    const third = await join('Dritte Person', 'dritte@example.org');
    const fourth = await join('Vierte Person', 'vierte@example.org');
    expect(fourth.secret).toBeTruthy();
    const booked = await bookConfirmed('booker2@example.org', 4);
    await t.services.termine.cancel(booked.id, { reason: null, by: 'citizen' });
    expect((await offersFor(third.entry.id)).length).toBe(1);

    advance(24 * 60 + 1);
    await t.services.termine.expire();
    const [thirdEntry] = await t.database.db
      .select()
      .from(waitlistEntries)
      .where(eq(waitlistEntries.id, third.entry.id));
    expect(thirdEntry!.status).toBe('expired');
    expect((await offersFor(fourth.entry.id)).length).toBe(1);

    // Leaving with the link in the offer e-mail frees the open offer for everybody (nobody else waits).
    const [offerMail] = await offersFor(fourth.entry.id);
    const leaveSecret = tokenIn(offerMail!.text, /abmelden\?token=([\w-]+)/);
    await expect(t.services.waitlist.leave(fourth.entry.id, 'wrong')).rejects.toThrow(/ungültig/);
    const left = await t.services.waitlist.leave(fourth.entry.id, leaveSecret);
    expect(left.status).toBe('left');
    const availability = await t.services.termine.availability({
      locationId: 'rathaus',
      serviceIds: ['meldebescheinigung'],
      from: '2026-12-04',
      to: '2026-12-04',
    });
    const slot = availability.days[0]!.slots.find(
      (offer) => offer.start.getTime() === booked.startsAt.getTime(),
    );
    expect(slot).toBeDefined();
  });

  it('offers capacity that is simply free (expired hold, new day) to the waiting entries by a job', async () => {
    const fifth = await join('Fünfte Person', 'fuenfte@example.org');
    expect(await t.services.waitlist.offerFreeCapacity()).toBe(1);
    const [offer] = await offersFor(fifth.entry.id);
    expect(offer).toBeDefined();
    const offerId = tokenIn(offer!.text, /angebot\/([\w-]+)\?/);
    const secret = tokenIn(offer!.text, /angebot\/[\w-]+\?token=([\w-]+)/);
    const held = await t.services.termine.get(offerId);
    expect(held).toMatchObject({ status: 'held', offerId: fifth.entry.id, email: 'fuenfte@example.org' });
    // Morning of the wanted day only, as registered.
    expect(held.startsAt.toISOString().slice(0, 10)).toBe('2026-12-04');
    // Nobody else is waiting: a second run offers nothing.
    expect(await t.services.waitlist.offerFreeCapacity()).toBe(0);
    expect((await t.services.waitlist.accept(offerId, secret)).status).toBe('confirmed');
  });
});
