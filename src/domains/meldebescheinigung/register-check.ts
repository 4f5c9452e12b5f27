import { createHmac, timingSafeEqual } from 'node:crypto';
import type { RegisterRecord } from '../melderegister/population-register.js';

/**
 * The register check a clerk sees, carried in the approval form and sealed with an HMAC: the approval
 * certifies exactly the register data the clerk compared (no second register query inside the approval's
 * transaction, which on PGlite could not run beside it). It is valid for one case and a limited time.
 */
export const REGISTER_CHECK_MAX_AGE_MS = 2 * 60 * 60_000;

interface Snapshot {
  caseId: string;
  at: number;
  persons: RegisterRecord[];
}

export class RegisterCheckSeal {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('meldebescheinigung.register-check').digest();
  }

  seal(caseId: string, persons: RegisterRecord[], at: Date): string {
    const payload = Buffer.from(
      JSON.stringify({ caseId, at: at.getTime(), persons } satisfies Snapshot),
    ).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  /** The persons of a sealed check for `caseId`, or undefined (forged, other case, too old). */
  open(token: unknown, caseId: string, now: Date): RegisterRecord[] | undefined {
    if (typeof token !== 'string') return undefined;
    const [payload, mac] = token.split('.');
    if (!payload || !mac) return undefined;
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    let snapshot: Snapshot;
    try {
      snapshot = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Snapshot;
    } catch {
      return undefined;
    }
    if (snapshot.caseId !== caseId) return undefined;
    const age = now.getTime() - snapshot.at;
    if (!(age >= 0 && age <= REGISTER_CHECK_MAX_AGE_MS)) return undefined;
    return Array.isArray(snapshot.persons) ? snapshot.persons : undefined;
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}
