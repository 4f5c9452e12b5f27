import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { formatCents } from './payment.messages.js';
import { continueUrlOf, isLocalPath, PaymentStartError } from './payment.service.js';

describe('isLocalPath', () => {
  it('accepts paths on this site only', () => {
    expect(isLocalPath('/portal/antraege/1')).toBe(true);
    expect(isLocalPath('/portal?x=1')).toBe(true);
    expect(isLocalPath('//evil.example/')).toBe(false);
    expect(isLocalPath('/\\evil.example/')).toBe(false);
    expect(isLocalPath('https://evil.example/')).toBe(false);
    expect(isLocalPath('portal')).toBe(false);
    expect(isLocalPath('/a b')).toBe(false);
  });
});

describe('continueUrlOf', () => {
  it('adds the outcome to the continue page', () => {
    expect(continueUrlOf({ continueUrl: '/portal/a', status: 'PAYED' })).toBe('/portal/a?zahlung=PAYED');
    expect(continueUrlOf({ continueUrl: '/portal/a?x=1', status: 'CANCELED' })).toBe(
      '/portal/a?x=1&zahlung=CANCELED',
    );
  });
});

describe('PaymentStartError', () => {
  it('is a 503 user error with German and English text', () => {
    const error = new PaymentStartError('provider');
    expect(error.statusCode).toBe(503);
    expect(error.userMessage).toBe(
      'Die Zahlung konnte nicht gestartet werden, bitte später erneut versuchen.',
    );
    expect(error.messages.en).toBe('The payment could not be started, please try again later.');
    expect(new PaymentStartError('not-configured').messages.de).toBe(
      'Online-Zahlung ist derzeit nicht möglich.',
    );
  });
});

describe('formatCents', () => {
  it('writes euros as the language does', () => {
    expect(formatCents(900, 'de').replace(/\s/g, ' ')).toBe('9,00 €');
    expect(formatCents(123456, 'en')).toBe('€1,234.56');
  });
});

describe('configuration', () => {
  const secret = { BUERGERAMT_COOKIE_SECRET: 'x'.repeat(32) };
  it('uses the local provider and a register delay in demo mode', () => {
    const config = loadConfig({ BUERGERAMT_DEMO: 'on' });
    expect(config.payment).toEqual({ provider: 'local', delayMs: undefined });
    expect(config.register).toEqual({ delayMs: 150, failureRate: 0 });
  });

  it('has no payment provider and no delay outside demo mode unless configured', () => {
    const config = loadConfig({ BUERGERAMT_DEMO: 'off', ...secret });
    expect(config.payment.provider).toBe('none');
    expect(config.register.delayMs).toBe(0);
    const local = loadConfig({
      BUERGERAMT_DEMO: 'off',
      BUERGERAMT_PAYMENT_PROVIDER: 'local',
      BUERGERAMT_PAYMENT_DELAY_MS: '0',
      BUERGERAMT_REGISTER_DELAY_MS: '40',
      BUERGERAMT_REGISTER_FAILURE_RATE: '0.25',
      ...secret,
    });
    expect(local.payment).toEqual({ provider: 'local', delayMs: 0 });
    expect(local.register).toEqual({ delayMs: 40, failureRate: 0.25 });
  });

  it('refuses invalid values naming the variable', () => {
    expect(() => loadConfig({ BUERGERAMT_DEMO: 'on', BUERGERAMT_PAYMENT_PROVIDER: 'epaybl' })).toThrow(
      /BUERGERAMT_PAYMENT_PROVIDER/,
    );
    expect(() => loadConfig({ BUERGERAMT_DEMO: 'on', BUERGERAMT_REGISTER_FAILURE_RATE: '1.5' })).toThrow(
      /BUERGERAMT_REGISTER_FAILURE_RATE/,
    );
  });
});
