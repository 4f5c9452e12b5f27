import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * What the callback needs to finish a log-in it started: the OIDC `state` and `nonce`, the PKCE
 * `code_verifier`, when it started and where the citizen wanted to go. Kept in a short-lived cookie, encrypted and
 * authenticated (AES-256-GCM with a key derived from the cookie secret): the browser can neither read
 * the code verifier nor change anything without the callback noticing.
 */
export interface LoginTransaction {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** A local path (checked before it is stored and again when it is used). */
  returnTo: string;
  /**
   * When this log-in started (milliseconds since the epoch): the ID token must show an authentication
   * (`auth_time`) after it, never an older session at the identity provider.
   */
  startedAt: number;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export const LOGIN_TRANSACTION_SECONDS = 15 * 60;

export function transactionKey(cookieSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', cookieSecret, 'buergeramt', 'citizen-login-transaction', 32));
}

export function sealTransaction(transaction: LoginTransaction, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(transaction), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

function isTransaction(value: unknown): value is LoginTransaction {
  if (!value || typeof value !== 'object') return false;
  const t = value as Record<string, unknown>;
  return (
    typeof t.state === 'string' &&
    typeof t.nonce === 'string' &&
    typeof t.codeVerifier === 'string' &&
    typeof t.returnTo === 'string' &&
    typeof t.startedAt === 'number' &&
    typeof t.expiresAt === 'number'
  );
}

/** The transaction, or null when the cookie is missing, altered, from another secret or expired. */
export function openTransaction(sealed: string | undefined, key: Buffer, now: Date): LoginTransaction | null {
  if (!sealed || sealed.length > 4096) return null;
  try {
    const raw = Buffer.from(sealed, 'base64url');
    if (raw.length < 29) return null;
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const json = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    const value: unknown = JSON.parse(json);
    if (!isTransaction(value) || value.expiresAt <= now.getTime()) return null;
    return value;
  } catch {
    return null;
  }
}
