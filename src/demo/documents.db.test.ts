import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { TEST_TODAY } from '../../test/support/test-clock.js';
import { canTransition, isWellFormedSerial } from '../domains/dokumente/dokumente.rules.js';
import { documentStatuses } from '../domains/dokumente/dokumente.tables.js';
import { demoDocuments } from './documents.data.js';
import { seedLaterDemoData } from './seed.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('demo ID documents', () => {
  it('have valid, unique serial numbers and histories the status machine allows', () => {
    const serials = demoDocuments.map((document) => document.serialNumber);
    expect(new Set(serials).size).toBe(serials.length);
    for (const document of demoDocuments) {
      expect(isWellFormedSerial(document.serialNumber), document.serialNumber).toBe(true);
      expect(document.history[0]!.status).toBe('in_bearbeitung');
      for (let i = 1; i < document.history.length; i++) {
        const [from, to] = [document.history[i - 1]!, document.history[i]!];
        expect(canTransition(from.status, to.status), document.serialNumber).toBe(true);
        expect(to.daysAgo).toBeLessThan(from.daysAgo);
      }
    }
  });

  it('are in the seeded database in every status, at both locations, with their history', async () => {
    const stored = await t.services.dokumente.list({ limit: 1000 });
    expect(stored.map((document) => document.serialNumber).sort()).toEqual(
      demoDocuments.map((document) => document.serialNumber).sort(),
    );
    expect(new Set(stored.map((document) => document.status))).toEqual(new Set(documentStatuses));
    expect(stored.filter((document) => document.locationId === 'rathaus').length).toBeGreaterThan(3);
    expect(stored.filter((document) => document.locationId === 'nord').length).toBeGreaterThan(1);
    const ready = stored.find((document) => document.serialNumber === 'L01XR7T2M')!;
    expect(ready.readyAt).not.toBeNull();
    const events = await t.services.dokumente.events(ready.id);
    expect(events.map((event) => event.toStatus)).toEqual(['in_bearbeitung', 'bereit_zur_abholung']);
  });

  it('can be written again without changing anything', async () => {
    expect(await seedLaterDemoData(t.database.db, { today: TEST_TODAY })).toBe(0);
    expect(await t.services.dokumente.list({ limit: 1000 })).toHaveLength(demoDocuments.length);
  });
});
