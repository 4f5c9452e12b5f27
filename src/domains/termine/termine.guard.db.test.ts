import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

describe('booking API with captcha and rate limits switched on (the production default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      now: () => new Date('2026-12-03T04:00:00Z'),
      env: { BUERGERAMT_CAPTCHA: 'on', BUERGERAMT_RATE_LIMIT: 'on' },
    });
  });
  afterAll(() => t.close());

  it('refuses a reservation without proof of work and holds nothing', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reservations',
      payload: { locationId: 'rathaus', serviceIds: ['personalausweis'], start: '2026-12-03T09:00:00+01:00' },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors[0].field).toBe('captcha');
    const garbage = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reservations',
      payload: {
        locationId: 'rathaus',
        serviceIds: ['personalausweis'],
        start: '2026-12-03T09:00:00+01:00',
        captcha: 'x',
      },
    });
    expect(garbage.statusCode).toBe(422);
  });

  it('limits availability requests per IP and answers 429 problem+json with retry-after', async () => {
    const url =
      '/api/v1/availability?locationId=rathaus&serviceIds=personalausweis&from=2026-12-03&to=2026-12-03';
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++)
      statuses.push((await t.app.inject({ url, remoteAddress: '203.0.113.7' })).statusCode);
    expect(statuses.slice(0, 60).every((status) => status === 200)).toBe(true);
    const limited = await t.app.inject({ url, remoteAddress: '203.0.113.7' });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another citizen is not affected.
    expect((await t.app.inject({ url, remoteAddress: '198.51.100.9' })).statusCode).toBe(200);
  });

  it('hands out a challenge for the widget', async () => {
    const challenge = await t.app.inject('/api/v1/captcha/challenge');
    expect(challenge.statusCode).toBe(200);
    expect(challenge.headers['cache-control']).toBe('no-store');
  });
});
