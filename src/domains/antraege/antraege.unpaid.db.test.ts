import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import type { LocalPaymentProvider } from '../../platform/payment/local-payment-provider.js';
import type { CaseRecord } from '../vorgaenge/case-handlers.js';
import { caseInput } from '../vorgaenge/vorgaenge.test-support.js';
import { UNPAID_DAYS } from './antraege.service.js';
import { registerTestService, TEST_SERVICE } from './antraege.test-support.js';

const DAY = 86_400_000;
let clock = new Date('2026-11-02T09:00:00+01:00');
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  registerTestService(t);
});
afterAll(async () => t.close());

/** A case waiting for its fee (way "b" costs 5 EUR), with a payment started at the local provider. */
async function waitingCase(): Promise<{ record: CaseRecord; transactionId: string }> {
  const { vorgaenge, antraege, payments } = t.services;
  const record = await vorgaenge.transaction((tx) =>
    vorgaenge.create(
      tx,
      caseInput({
        serviceKey: TEST_SERVICE,
        status: 'payment_pending',
        answers: { weg: 'b' },
        reviewReason: null,
      }),
    ),
  );
  await antraege.startPayment(record, 'de');
  const latest = await payments.findLatest(record.id);
  return { record, transactionId: latest!.transactionId! };
}

const statusOf = async (id: string) => (await t.services.vorgaenge.findById(id))!.status;

describe('fees left unpaid', () => {
  it(`closes a case after ${UNPAID_DAYS} days without payment, but not a younger one or one paid meanwhile`, async () => {
    const old = await waitingCase();
    const paidAtTheProvider = await waitingCase();
    clock = new Date(clock.getTime() + 10 * DAY);
    const young = await waitingCase();
    // The citizen paid but closed the tab before coming back: only the provider knows.
    const provider = t.services.payments.provider as LocalPaymentProvider;
    await provider.decide(paidAtTheProvider.transactionId, 'PAYED');

    clock = new Date(clock.getTime() + (UNPAID_DAYS - 10) * DAY + 60_000);
    expect(await t.services.antraege.closeUnpaid()).toBe(1);
    expect(await statusOf(old.record.id)).toBe('rejected');
    expect(await statusOf(paidAtTheProvider.record.id)).toBe('submitted');
    expect(await statusOf(young.record.id)).toBe('payment_pending');

    const events = await t.services.vorgaenge.timeline(old.record.id, { includeInternal: false });
    expect(events.at(-1)?.text.de).toContain(`nicht innerhalb von ${UNPAID_DAYS} Tagen bezahlt`);
    // Nothing more to do on a second run.
    expect(await t.services.antraege.closeUnpaid()).toBe(0);

    // Paid after all, after the close: the case stays closed, the clerks see a refund note.
    await provider.decide(old.transactionId, 'PAYED');
    const latest = await t.services.payments.findLatest(old.record.id);
    await t.services.payments.confirm(latest!.id);
    expect(await statusOf(old.record.id)).toBe('rejected');
    const internal = await t.services.vorgaenge.timeline(old.record.id, { includeInternal: true });
    expect(internal.at(-1)?.text.de).toContain('Erstattung');
  });
});
