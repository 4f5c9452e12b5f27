import { createHash, randomBytes } from 'node:crypto';
import type { StaffIdentity } from '../../platform/views/page-context.js';
import { dummyPasswordHash, verifyPassword } from './password.js';
import type { StaffRepository, StaffUser } from './staff.repository.js';

export interface AuthSettings {
  sessionHours: number;
  maxFailures: number;
  lockMinutes: number;
}

export type LoginResult =
  | { ok: true; token: string; user: StaffIdentity; expiresAt: Date; maxAgeSeconds: number }
  | { ok: false; reason: 'invalid' | 'locked'; lockedUntil?: Date };

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function toIdentity(user: StaffUser): StaffIdentity {
  return { id: user.id, username: user.username, displayName: user.displayName, role: user.role };
}

/** How many unknown user names the decoy lock-out remembers (oldest are forgotten first). */
const MAX_DECOYS = 10_000;

export class AuthService {
  /**
   * Failed attempts for user names that do not exist (or are retired). They are "locked" exactly like
   * real accounts, so the lock-out message does not reveal which user names exist.
   */
  private readonly decoys = new Map<string, { failures: number; lockedUntil?: Date }>();

  constructor(
    private readonly staff: StaffRepository,
    private readonly settings: AuthSettings,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async login(username: string, password: string): Promise<LoginResult> {
    const now = this.now();
    const name = username.trim().toLowerCase();
    const user = name ? await this.staff.findByUsername(name) : undefined;
    if (!user || user.retiredAt) {
      const decoy = this.decoys.get(name);
      if (decoy?.lockedUntil && decoy.lockedUntil > now) {
        return { ok: false, reason: 'locked', lockedUntil: decoy.lockedUntil };
      }
      await verifyPassword(await dummyPasswordHash(), password);
      return this.registerDecoyFailure(name, decoy, now);
    }
    if (user.lockedUntil && user.lockedUntil > now) {
      return { ok: false, reason: 'locked', lockedUntil: user.lockedUntil };
    }
    if (!(await verifyPassword(user.passwordHash, password))) {
      const lockUntil = new Date(now.getTime() + this.settings.lockMinutes * 60_000);
      const updated = await this.staff.registerFailure(user.id, this.settings.maxFailures, lockUntil, now);
      if (updated?.lockedUntil && updated.lockedUntil > now) {
        return { ok: false, reason: 'locked', lockedUntil: updated.lockedUntil };
      }
      return { ok: false, reason: 'invalid' };
    }
    await this.staff.registerSuccess(user.id, now);
    const token = randomBytes(32).toString('base64url');
    const maxAgeSeconds = Math.round(this.settings.sessionHours * 3600);
    const expiresAt = new Date(now.getTime() + maxAgeSeconds * 1000);
    await this.staff.createSession(hashToken(token), user.id, expiresAt);
    return { ok: true, token, user: toIdentity(user), expiresAt, maxAgeSeconds };
  }

  async identify(token: string | undefined): Promise<StaffIdentity | null> {
    if (!token) return null;
    const user = await this.staff.findSessionUser(hashToken(token), this.now());
    return user ? toIdentity(user) : null;
  }

  async logout(token: string | undefined): Promise<void> {
    if (token) await this.staff.deleteSession(hashToken(token));
  }

  private registerDecoyFailure(
    name: string,
    previous: { failures: number; lockedUntil?: Date } | undefined,
    now: Date,
  ): LoginResult {
    if (!name) return { ok: false, reason: 'invalid' };
    // Same rule as registerFailure: a lock that has run out starts a fresh count.
    const failures = previous?.lockedUntil ? 1 : (previous?.failures ?? 0) + 1;
    this.decoys.delete(name);
    if (this.decoys.size >= MAX_DECOYS) {
      const oldest = this.decoys.keys().next().value;
      if (oldest !== undefined) this.decoys.delete(oldest);
    }
    if (failures >= this.settings.maxFailures) {
      const lockedUntil = new Date(now.getTime() + this.settings.lockMinutes * 60_000);
      this.decoys.set(name, { failures, lockedUntil });
      return { ok: false, reason: 'locked', lockedUntil };
    }
    this.decoys.set(name, { failures });
    return { ok: false, reason: 'invalid' };
  }
}
