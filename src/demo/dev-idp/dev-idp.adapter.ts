import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { Adapter, AdapterConstructor, AdapterPayload } from 'oidc-provider';
import type { Database } from '../../platform/db/database.js';
import { devIdpStore } from './dev-idp.tables.js';

/**
 * oidc-provider's storage in our database (table dev_idp_store) instead of its in-memory default: the
 * dev IdP's sessions survive a restart and all app nodes share them. One class per model name, as
 * oidc-provider expects; expired rows are removed whenever a new interaction starts.
 */
export function devIdpAdapter(db: Database): AdapterConstructor {
  const live = () => or(isNull(devIdpStore.expiresAt), gt(devIdpStore.expiresAt, sql`now()`));

  return class DevIdpAdapter implements Adapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
      const expiresAt = expiresIn ? new Date(Date.now() + expiresIn * 1000) : null;
      if (this.model === 'Interaction') {
        await db.delete(devIdpStore).where(lt(devIdpStore.expiresAt, sql`now()`));
      }
      const row = {
        payload: payload as Record<string, unknown>,
        grantId: payload.grantId ?? null,
        uid: payload.uid ?? null,
        userCode: payload.userCode ?? null,
        expiresAt,
      };
      await db
        .insert(devIdpStore)
        .values({ model: this.model, id, ...row })
        .onConflictDoUpdate({ target: [devIdpStore.model, devIdpStore.id], set: row });
    }

    private async findWhere(condition: ReturnType<typeof eq>): Promise<AdapterPayload | undefined> {
      const [row] = await db
        .select({ payload: devIdpStore.payload })
        .from(devIdpStore)
        .where(and(eq(devIdpStore.model, this.model), condition, live()));
      return row?.payload as AdapterPayload | undefined;
    }

    find(id: string) {
      return this.findWhere(eq(devIdpStore.id, id));
    }

    findByUid(uid: string) {
      return this.findWhere(eq(devIdpStore.uid, uid));
    }

    findByUserCode(userCode: string) {
      return this.findWhere(eq(devIdpStore.userCode, userCode));
    }

    async consume(id: string): Promise<void> {
      await db
        .update(devIdpStore)
        .set({
          payload: sql`jsonb_set(${devIdpStore.payload}, '{consumed}', to_jsonb(extract(epoch from now())::bigint))`,
        })
        .where(and(eq(devIdpStore.model, this.model), eq(devIdpStore.id, id)));
    }

    async destroy(id: string): Promise<void> {
      await db.delete(devIdpStore).where(and(eq(devIdpStore.model, this.model), eq(devIdpStore.id, id)));
    }

    /**
     * Only this model's rows: oidc-provider revokes a grant model by model (tokens, codes). An
     * Interaction carries the grantId too, and must outlive the revocation: when another person logs
     * in over an open session, the provider ends that session (revoking its grant) and then resumes
     * this very interaction.
     */
    async revokeByGrantId(grantId: string): Promise<void> {
      await db
        .delete(devIdpStore)
        .where(and(eq(devIdpStore.model, this.model), eq(devIdpStore.grantId, grantId)));
    }
  };
}
