import { and, eq, gt, lt } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import type { CitizenIdentity } from './citizen.js';
import { citizenSessions } from './eid.tables.js';

export type CitizenSessionRow = typeof citizenSessions.$inferSelect;

/** Storage of the citizens' eID sessions (by token hash only). */
export class CitizenSessionRepository {
  constructor(private readonly db: Database) {}

  async insert(session: {
    tokenHash: string;
    claims: CitizenIdentity;
    idToken: string | null;
    createdAt: Date;
    expiresAt: Date;
  }): Promise<void> {
    await this.db.insert(citizenSessions).values(session);
  }

  /** The session, if it exists and has not expired. */
  async findValid(tokenHash: string, now: Date): Promise<CitizenSessionRow | undefined> {
    const [row] = await this.db
      .select()
      .from(citizenSessions)
      .where(and(eq(citizenSessions.tokenHash, tokenHash), gt(citizenSessions.expiresAt, now)));
    return row;
  }

  /** Deletes the session and returns it (its ID token is needed for the log-out at the provider). */
  async delete(tokenHash: string): Promise<CitizenSessionRow | undefined> {
    const [row] = await this.db
      .delete(citizenSessions)
      .where(eq(citizenSessions.tokenHash, tokenHash))
      .returning();
    return row;
  }

  async deleteExpired(now: Date): Promise<void> {
    await this.db.delete(citizenSessions).where(lt(citizenSessions.expiresAt, now));
  }
}
