import { createHash, randomBytes } from 'node:crypto';
import type { CitizenIdentity } from './citizen.js';
import type { CitizenSessionRepository } from './citizen-session.repository.js';

/**
 * How long a citizen stays logged in after the eID log-in. No sliding: afterwards the next log-in asks
 * for the eID (person, PIN) again, whatever session the identity provider still has (prompt=login and
 * max_age=0, and the ID token's auth_time is checked: oidc-client.ts).
 */
export const CITIZEN_SESSION_MINUTES = 60;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface StartedSession {
  token: string;
  expiresAt: Date;
  maxAgeSeconds: number;
}

/** Server-side sessions of citizens logged in with the eID: the cookie holds a random token. */
export class CitizenSessionService {
  constructor(
    private readonly sessions: CitizenSessionRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async start(identity: CitizenIdentity, idToken: string | undefined): Promise<StartedSession> {
    const now = this.now();
    // Expired sessions go with each new log-in: no job needed, and the table stays small.
    await this.sessions.deleteExpired(now);
    const token = randomBytes(32).toString('base64url');
    const maxAgeSeconds = CITIZEN_SESSION_MINUTES * 60;
    const expiresAt = new Date(now.getTime() + maxAgeSeconds * 1000);
    await this.sessions.insert({
      tokenHash: hashToken(token),
      claims: identity,
      idToken: idToken ?? null,
      createdAt: now,
      expiresAt,
    });
    return { token, expiresAt, maxAgeSeconds };
  }

  async identify(token: string | undefined): Promise<CitizenIdentity | null> {
    if (!token) return null;
    const session = await this.sessions.findValid(hashToken(token), this.now());
    return session?.claims ?? null;
  }

  /** Ends the session; returns its ID token (for the log-out at the identity provider), if any. */
  async end(token: string | undefined): Promise<{ idToken: string | null } | null> {
    if (!token) return null;
    const session = await this.sessions.delete(hashToken(token));
    return session ? { idToken: session.idToken } : null;
  }
}
