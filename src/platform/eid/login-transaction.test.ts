import { describe, expect, test } from 'vitest';
import {
  type LoginTransaction,
  openTransaction,
  sealTransaction,
  transactionKey,
} from './login-transaction.js';

const key = transactionKey('test-secret-test-secret-test-secret-0123');
const now = new Date('2026-11-02T10:00:00Z');
const transaction: LoginTransaction = {
  state: 'state-1',
  nonce: 'nonce-1',
  codeVerifier: 'verifier-1',
  returnTo: '/mein-bereich',
  startedAt: now.getTime(),
  expiresAt: now.getTime() + 60_000,
};

describe('login transaction cookie', () => {
  test('round trip; the sealed text does not show the code verifier', () => {
    const sealed = sealTransaction(transaction, key);
    expect(sealed).not.toContain('verifier');
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain('verifier-1');
    expect(openTransaction(sealed, key, now)).toEqual(transaction);
  });

  test('altered, foreign, expired or missing: null', () => {
    const sealed = sealTransaction(transaction, key);
    const bytes = Buffer.from(sealed, 'base64url');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    expect(openTransaction(bytes.toString('base64url'), key, now)).toBeNull();
    expect(openTransaction(sealed, transactionKey('another-secret-another-secret-another'), now)).toBeNull();
    expect(openTransaction(sealed, key, new Date(transaction.expiresAt))).toBeNull();
    expect(openTransaction(undefined, key, now)).toBeNull();
    expect(openTransaction('not base64 at all!', key, now)).toBeNull();
    expect(openTransaction('', key, now)).toBeNull();
    // A cookie from before `startedAt` existed cannot prove when the log-in started.
    const { startedAt: _none, ...withoutStart } = transaction;
    expect(openTransaction(sealTransaction(withoutStart as LoginTransaction, key), key, now)).toBeNull();
  });
});
