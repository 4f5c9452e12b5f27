import { like } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browserish,
  createTestApp,
  openTestDatabase,
  type TestApp,
  visitor,
} from '../../../test/support/test-app.js';
import { buildApp } from '../../app.js';
import { loadConfig } from '../config/config.js';
import { LocalPaymentProvider } from './local-payment-provider.js';
import { type Payment, PaymentStartError, type StartPayment } from './payment.service.js';
import { localPaymentTransactions } from './payment.tables.js';
import { PaymentProviderError, type PaymentStatus } from './payment-provider.js';

let clock = new Date('2026-11-26T09:00:00Z');
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

let t: TestApp;
/** Every call of the 'test' handler: the payment as settled. */
const settledCalls: Payment[] = [];
/** When set, the handler throws (its settlement must then not be recorded). */
let handlerFails = false;

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  t.services.payments.onSettled('test', async (payment, tx) => {
    if (handlerFails) throw new Error('handler failed');
    settledCalls.push(payment);
    // Written in the settlement's transaction: present exactly when the settlement is.
    await t.services.audit.record(
      tx,
      { id: null, name: 'System' },
      {
        action: 'test.settled',
        entityType: 'test-payment',
        entityId: payment.reference,
        after: payment.status,
      },
    );
  });
});
afterAll(() => t?.close());

let referenceCounter = 0;
const newReference = () => `test-ref-${++referenceCounter}`;

const startInput = (reference: string, overrides: Partial<StartPayment> = {}): StartPayment => ({
  purposeKind: 'test',
  reference,
  amountCents: 1300,
  purpose: 'Führungszeugnis Belegart N',
  items: [
    { reference: 'FZ-N', description: 'Führungszeugnis', quantity: 1, unitPriceCents: 1000 },
    { reference: 'VERSAND', description: 'Versand', quantity: 2, unitPriceCents: 150 },
  ],
  lang: 'de',
  continueUrl: `/portal/antraege/${reference}`,
  ...overrides,
});

const pathOf = (url: string) => {
  const parsed = new URL(url, 'http://localhost');
  return `${parsed.pathname}${parsed.search}`;
};
const callsFor = (reference: string) => settledCalls.filter((payment) => payment.reference === reference);
const auditFor = async (reference: string) =>
  (await t.services.audit.list({ entityType: 'test-payment', entityId: reference })).length;

/** Follows the provider's redirect back to us; returns where the site then sends the citizen. */
const followBack = async (browser: Browserish, back: LightMyRequestResponse) =>
  (await browser.get(pathOf(back.headers.location as string))).headers.location;
/** The service's continue page with the payment's outcome. */
const continuePage = (reference: string, status: PaymentStatus) =>
  `/portal/antraege/${reference}?zahlung=${status}`;

/** Starts a payment and chooses on the test payment page; returns the provider's redirect back to us. */
async function payOnPage(browser: Browserish, reference: string, action: string) {
  const { paymentId, redirectUrl } = await t.services.payments.start(startInput(reference));
  const page = pathOf(redirectUrl);
  const back = await browser.post(page, { aktion: action }, page);
  return { paymentId, page, back };
}

describe('paying on the test payment page', () => {
  it('shows amount, purpose, items and the three choices, in German and English', async () => {
    const reference = newReference();
    const { redirectUrl } = await t.services.payments.start(startInput(reference));
    expect(redirectUrl).toMatch(/^http:\/\/localhost:3000\/testbezahlung\/[0-9a-f-]{36}$/);
    const browser = visitor(t.app);
    const page = await browser.get(pathOf(redirectUrl));
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/13,00\s€/);
    expect(page.body).toContain('Führungszeugnis Belegart N');
    expect(page.body).toContain('<th scope="row" class="kern-table__header">Versand</th>');
    expect(page.body).toMatch(/3,00\s€/);
    for (const label of ['Bezahlen', 'Zahlung fehlschlagen lassen', 'Abbrechen'])
      expect(page.body).toContain(label);
    expect(page.body).not.toContain('<script');
    browser.jar.set('lang', 'en');
    const english = await browser.get(pathOf(redirectUrl));
    expect(english.body).toContain('€13.00');
    expect(english.body).toContain('Let the payment fail');
  });

  it('pays: return → PAYED, the handler runs once even when the return is hit twice and a poll races it', async () => {
    const reference = newReference();
    const browser = visitor(t.app);
    const { paymentId, back } = await payOnPage(browser, reference, 'bezahlen');
    expect(back.statusCode).toBe(303);
    const returnPath = pathOf(back.headers.location as string);
    expect(returnPath).toMatch(
      new RegExp(`^/bezahlung/${paymentId}/rueckkehr\\?transactionId=[0-9a-f-]{36}$`),
    );

    advance(2 * 60_000); // old enough for the poll
    const [first, second] = await Promise.all([
      browser.get(returnPath),
      browser.get(returnPath),
      t.services.payments.pollPending(),
      t.services.payments.confirm(paymentId),
    ]);
    for (const response of [first!, second!]) {
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe(`/portal/antraege/${reference}?zahlung=PAYED`);
    }
    const payment = await t.services.payments.get(paymentId);
    expect(payment.status).toBe('PAYED');
    expect(payment.settledAt).not.toBeNull();
    expect(callsFor(reference)).toHaveLength(1);
    expect(callsFor(reference)[0]!.status).toBe('PAYED');
    expect(await auditFor(reference)).toBe(1);

    // Once more later: nothing changes, nobody is called again.
    expect((await browser.get(returnPath)).headers.location).toBe(
      `/portal/antraege/${reference}?zahlung=PAYED`,
    );
    expect(callsFor(reference)).toHaveLength(1);
  });

  it('does not start a second payment for something paid already', async () => {
    const reference = newReference();
    const { paymentId } = await payOnPage(visitor(t.app), reference, 'bezahlen');
    // The citizen never came back, but the payment went through: starting again finds it.
    const again = await t.services.payments.start(startInput(reference));
    expect(again.paymentId).toBe(paymentId);
    expect(again.redirectUrl).toBe(`http://localhost:3000/bezahlung/${paymentId}/rueckkehr`);
    expect((await t.services.payments.findLatest(reference))?.attempt).toBe(1);
    expect(callsFor(reference)).toHaveLength(1);
    const third = await t.services.payments.start(startInput(reference));
    expect(third.paymentId).toBe(paymentId);
  });

  it('leads a second start back to the attempt still open, so that only one transaction can be paid', async () => {
    const reference = newReference();
    const first = await t.services.payments.start(startInput(reference));
    // E.g. the payment tab left open, and "pay now" clicked again on the case page.
    const second = await t.services.payments.start(startInput(reference));
    expect(second).toEqual(first);
    expect(await t.services.payments.findLatest(reference)).toMatchObject({
      id: first.paymentId,
      attempt: 1,
      redirectUrl: first.redirectUrl,
    });
    const transactions = await t.database.db
      .select()
      .from(localPaymentTransactions)
      .where(like(localPaymentTransactions.requestId, `${reference}-%`));
    expect(transactions.map((transaction) => transaction.requestId)).toEqual([`${reference}-1`]);

    // Once that attempt failed at the provider, the next start is a new attempt.
    const browser = visitor(t.app);
    const page = pathOf(first.redirectUrl);
    await browser.post(page, { aktion: 'fehlschlagen' }, page);
    const third = await t.services.payments.start(startInput(reference));
    expect(third.paymentId).not.toBe(first.paymentId);
    expect(third.redirectUrl).not.toBe(first.redirectUrl);
    expect(await t.services.payments.findLatest(reference)).toMatchObject({ attempt: 2, status: 'INITIAL' });
    expect((await t.services.payments.get(first.paymentId)).status).toBe('FAILED');
  });

  it('fails: FAILED, and a new start is attempt 2 with its own transaction', async () => {
    const reference = newReference();
    const browser = visitor(t.app);
    const { paymentId, back } = await payOnPage(browser, reference, 'fehlschlagen');
    expect(await followBack(browser, back)).toBe(continuePage(reference, 'FAILED'));
    const failed = await t.services.payments.get(paymentId);
    expect(failed).toMatchObject({ status: 'FAILED', attempt: 1, requestId: `${reference}-1` });
    expect(callsFor(reference).map((payment) => payment.status)).toEqual(['FAILED']);

    const second = await t.services.payments.start(startInput(reference));
    expect(second.paymentId).not.toBe(paymentId);
    const latest = await t.services.payments.findLatest(reference);
    expect(latest).toMatchObject({
      id: second.paymentId,
      attempt: 2,
      requestId: `${reference}-2`,
      status: 'INITIAL',
    });
    expect(latest?.transactionId).not.toBe(failed.transactionId);
    const back2 = await browser.post(
      pathOf(second.redirectUrl),
      { aktion: 'bezahlen' },
      pathOf(second.redirectUrl),
    );
    expect(await followBack(browser, back2)).toBe(continuePage(reference, 'PAYED'));
    expect(callsFor(reference).map((payment) => payment.status)).toEqual(['FAILED', 'PAYED']);
  });

  it('cancels: CANCELED', async () => {
    const reference = newReference();
    const browser = visitor(t.app);
    const { paymentId, back } = await payOnPage(browser, reference, 'abbrechen');
    expect(await followBack(browser, back)).toBe(continuePage(reference, 'CANCELED'));
    expect((await t.services.payments.get(paymentId)).status).toBe('CANCELED');
    expect(callsFor(reference)).toHaveLength(1);
  });

  it('returns to the continue page with INITIAL when the citizen comes back without deciding', async () => {
    const reference = newReference();
    const { paymentId } = await t.services.payments.start(startInput(reference));
    const result = await visitor(t.app).get(`/bezahlung/${paymentId}/rueckkehr`);
    expect(result.headers.location).toBe(`/portal/antraege/${reference}?zahlung=INITIAL`);
    expect(callsFor(reference)).toHaveLength(0);
  });

  it('keeps a closed transaction as it is and offers the way back', async () => {
    const reference = newReference();
    const browser = visitor(t.app);
    const { page, back } = await payOnPage(browser, reference, 'abbrechen');
    // The page has no form any more; a late POST (e.g. a second tab) changes nothing.
    const again = await browser.post(page, { aktion: 'bezahlen' }, '/barrierefreiheit/rueckmeldung');
    expect(again.headers.location).toBe(back.headers.location);
    const shown = await browser.get(page);
    expect(shown.body).toContain('Diese Zahlung ist bereits abgeschlossen');
    expect(shown.body).toContain('abgebrochen');
    expect(shown.body).not.toContain('name="aktion"');
  });

  it('asks again when no choice was sent', async () => {
    const reference = newReference();
    const { redirectUrl } = await t.services.payments.start(startInput(reference));
    const browser = visitor(t.app);
    const response = await browser.post(pathOf(redirectUrl), { aktion: 'verschenken' }, pathOf(redirectUrl));
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('id="error-summary"');
    expect(response.body).toContain('Bitte wählen Sie eine der drei Schaltflächen.');
  });

  it('answers unknown and malformed ids with the neutral 404 page', async () => {
    const browser = visitor(t.app);
    for (const url of [
      '/testbezahlung/00000000-0000-4000-8000-000000000000',
      '/testbezahlung/kein-vorgang',
      '/bezahlung/00000000-0000-4000-8000-000000000000/rueckkehr',
      `/bezahlung/${'x'.repeat(300)}/rueckkehr`,
    ]) {
      const response = await browser.get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.body, url).toContain('Nicht gefunden');
    }
    const post = await browser.post(
      '/testbezahlung/00000000-0000-4000-8000-000000000000',
      { aktion: 'bezahlen' },
      '/barrierefreiheit/rueckmeldung',
    );
    expect(post.statusCode).toBe(404);
  });
});

describe('settlement', () => {
  it('polls payments whose citizen never came back, after a minute', async () => {
    const reference = newReference();
    const { paymentId } = await t.services.payments.start(startInput(reference));
    const payment = await t.services.payments.get(paymentId);
    const provider = t.services.payments.provider as LocalPaymentProvider;
    await provider.decide(payment.transactionId!, 'PAYED');
    expect((await t.services.payments.get(paymentId)).status).toBe('INITIAL');
    await t.services.payments.pollPending(); // too early: not asked yet
    expect((await t.services.payments.get(paymentId)).status).toBe('INITIAL');
    advance(61_000);
    const result = await t.services.payments.pollPending();
    expect(result.settled).toBeGreaterThanOrEqual(1);
    expect((await t.services.payments.get(paymentId)).status).toBe('PAYED');
    expect(callsFor(reference)).toHaveLength(1);
  });

  it('records nothing when the handler fails, and settles on the next try', async () => {
    const reference = newReference();
    const browser = visitor(t.app);
    const { paymentId, back } = await payOnPage(browser, reference, 'bezahlen');
    handlerFails = true;
    try {
      await expect(t.services.payments.confirm(paymentId)).rejects.toThrow('handler failed');
    } finally {
      handlerFails = false;
    }
    expect((await t.services.payments.get(paymentId)).status).toBe('INITIAL');
    expect(await auditFor(reference)).toBe(0);
    await browser.get(pathOf(back.headers.location as string));
    expect((await t.services.payments.get(paymentId)).status).toBe('PAYED');
    expect(callsFor(reference)).toHaveLength(1);
    expect(await auditFor(reference)).toBe(1);
  });

  it('refuses to start with wrong amounts or a continue address off this site', async () => {
    const reference = newReference();
    await expect(t.services.payments.start(startInput(reference, { amountCents: 1000 }))).rejects.toThrow(
      RangeError,
    );
    await expect(
      t.services.payments.start(startInput(reference, { continueUrl: 'https://evil.example/' })),
    ).rejects.toThrow(RangeError);
    expect(await t.services.payments.findLatest(reference)).toBeUndefined();
  });
});

/** The local provider, switched off and on: it fails like an unreachable remote one. */
class FlakyProvider extends LocalPaymentProvider {
  down = false;
  override async create(...args: Parameters<LocalPaymentProvider['create']>) {
    if (this.down) throw new PaymentProviderError('connection refused');
    return super.create(...args);
  }
  override async status(transactionId: string): Promise<PaymentStatus> {
    if (this.down) throw new PaymentProviderError('connection refused');
    return super.status(transactionId);
  }
}

describe('when the provider is unreachable', () => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let provider: FlakyProvider;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const database = await openTestDatabase();
    const config = loadConfig({
      BUERGERAMT_DEMO: 'on',
      LOG_LEVEL: 'silent',
      BUERGERAMT_PAYMENT_DELAY_MS: '0',
    });
    provider = new FlakyProvider(database.db, { publicUrl: config.publicUrl, delayMs: 0 });
    app = await buildApp({
      config,
      database,
      cookieSecret: 'test-secret-test-secret-test-secret-0123',
      logger: false,
      paymentProvider: provider,
    });
    await app.app.ready();
    close = async () => {
      await app.app.close();
      await database.close();
    };
  });
  afterAll(() => close?.());

  it('refuses to start with a typed user error, and starts fine once it is back', async () => {
    provider.down = true;
    const error = await app.services.payments.start(startInput('flaky-1')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PaymentStartError);
    expect((error as PaymentStartError).userMessage).toBe(
      'Die Zahlung konnte nicht gestartet werden, bitte später erneut versuchen.',
    );
    expect(await app.services.payments.findLatest('flaky-1')).toMatchObject({ status: 'FAILED', attempt: 1 });
    provider.down = false;
    const started = await app.services.payments.start(startInput('flaky-1'));
    expect(await app.services.payments.findLatest('flaky-1')).toMatchObject({
      id: started.paymentId,
      attempt: 2,
      status: 'INITIAL',
    });
  });

  it('shows the friendly "we are checking" page on return, and continues once it answers', async () => {
    provider.down = false;
    const { paymentId, redirectUrl } = await app.services.payments.start(startInput('flaky-2'));
    const browser = visitor(app.app);
    const back = await browser.post(pathOf(redirectUrl), { aktion: 'bezahlen' }, pathOf(redirectUrl));
    provider.down = true;
    const returnPath = pathOf(back.headers.location as string);
    const checking = await browser.get(returnPath);
    expect(checking.statusCode).toBe(202);
    expect(checking.body).toContain('Wir prüfen Ihre Zahlung');
    expect(checking.body).toContain(`href="/bezahlung/${paymentId}/rueckkehr"`);
    browser.jar.set('lang', 'en');
    expect((await browser.get(returnPath)).body).toContain('We are checking your payment');
    // A poll while it is down changes nothing and does not fail the job.
    expect((await app.services.payments.pollPending()).settled).toBe(0);
    provider.down = false;
    const done = await browser.get(`/bezahlung/${paymentId}/rueckkehr`);
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/portal/antraege/flaky-2?zahlung=PAYED');
  });

  it('refuses a start while a paid-or-not earlier attempt cannot be checked', async () => {
    provider.down = false;
    await app.services.payments.start(startInput('flaky-3'));
    provider.down = true;
    await expect(app.services.payments.start(startInput('flaky-3'))).rejects.toBeInstanceOf(
      PaymentStartError,
    );
    expect((await app.services.payments.findLatest('flaky-3'))?.attempt).toBe(1);
    provider.down = false;
  });
});

describe('a payment provider on another site', () => {
  class RemoteProvider extends LocalPaymentProvider {
    readonly origin = 'https://pay.example';
  }
  let remote: TestApp;
  beforeAll(async () => {
    const database = await openTestDatabase();
    const config = loadConfig({
      BUERGERAMT_DEMO: 'on',
      LOG_LEVEL: 'silent',
      BUERGERAMT_PAYMENT_DELAY_MS: '0',
    });
    const built = await buildApp({
      config,
      database,
      cookieSecret: 'test-secret-test-secret-test-secret-0123',
      logger: false,
      paymentProvider: new RemoteProvider(database.db, { publicUrl: config.publicUrl, delayMs: 0 }),
    });
    await built.app.ready();
    remote = {
      ...built,
      database,
      close: async () => {
        await built.app.close();
        await database.close();
      },
    };
  });
  afterAll(() => remote?.close());

  it("is allowed as form-action of the pages (the forms' 303 leads there), not elsewhere", async () => {
    for (const url of ['/portal', '/mein-bereich/vorgaenge', '/']) {
      const csp = (await remote.app.inject({ url })).headers['content-security-policy'];
      expect(csp, url).toMatch(/form-action 'self'[^;]* https:\/\/pay\.example(;|$| )/);
    }
    // The local provider is on this site: nothing added.
    const local = (await t.app.inject({ url: '/portal' })).headers['content-security-policy'];
    expect(local).toContain("form-action 'self';");
  });
});

describe('without a payment provider', () => {
  it('refuses to start and has no test payment page', async () => {
    const app = await createTestApp({ env: { BUERGERAMT_PAYMENT_PROVIDER: 'none' } });
    try {
      expect(app.services.payments.provider).toBeUndefined();
      const error = await app.services.payments
        .start(startInput('none-1'))
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(PaymentStartError);
      expect((error as PaymentStartError).reason).toBe('not-configured');
      const page = await app.app.inject({
        method: 'GET',
        url: '/testbezahlung/00000000-0000-4000-8000-000000000000',
      });
      expect(page.statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });
});
