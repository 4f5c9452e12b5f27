import type { KeyObject } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database, Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors/errors.js';
import {
  generateSealKeyPair,
  keyIdOf,
  parseSealPrivateKey,
  parseSealPublicKey,
  publicKeyPemOf,
  SEAL_ALGORITHM,
} from './bescheinigungen.seal.js';
import { signingKeys } from './bescheinigungen.tables.js';

/** Id of the key generated in demo mode (one per installation, shared by all nodes through the table). */
export const DEMO_KEY_ID = 'demo';

/** Outside demo mode without BUERGERAMT_SEAL_KEY_FILE: nothing can be sealed. */
export class SealUnavailableError extends AppError {
  constructor() {
    super(
      503,
      {
        de: 'Bescheinigungen derzeit nicht möglich',
        en: 'Certificates are not available at the moment',
      },
      {
        de: 'Es ist kein Siegelschlüssel eingerichtet (BUERGERAMT_SEAL_KEY_FILE), daher können keine Bescheinigungen ausgestellt werden. Bitte wenden Sie sich an den Betrieb.',
        en: 'No certificates can be issued at the moment because the electronic seal is not set up. Please try again later or contact the citizen office.',
      },
    );
  }
}

export interface SigningKey {
  id: string;
  privateKey: KeyObject;
}

/** Where the key new certificates are sealed with comes from. */
export type SealKeyState = 'configured' | 'generated' | 'unavailable';

/**
 * The seal keys. The configured key (BUERGERAMT_SEAL_KEY_FILE) signs; its public key is recorded in
 * signing_keys so certificates stay verifiable after the key is replaced. Without one, demo mode
 * generates a key once and keeps it (private part included) in signing_keys under a fixed id: the
 * insert is `on conflict do nothing` followed by a read, so concurrent starts and other nodes all end up
 * with the one key that won. Outside demo mode without a key nothing can be issued (verification still
 * works).
 *
 * Reads and writes go through the given executor: on PGlite a query outside an open transaction would
 * wait for it. Keys are cached only once they are known to be committed (read outside a transaction).
 */
export class SealKeys {
  private current: SigningKey | undefined;
  private readonly publicKeys = new Map<string, KeyObject>();
  private readonly configured: SigningKey | undefined;

  constructor(
    private readonly db: Database,
    private readonly options: { privateKeyPem: string | undefined; demo: boolean },
  ) {
    if (options.privateKeyPem) {
      const privateKey = parseSealPrivateKey(options.privateKeyPem);
      this.configured = { id: keyIdOf(privateKey), privateKey };
    }
  }

  get state(): SealKeyState {
    return this.configured ? 'configured' : this.options.demo ? 'generated' : 'unavailable';
  }

  /** Records the configured key, or generates the demo key; run at start-up. */
  async prepare(): Promise<SealKeyState> {
    if (this.state !== 'unavailable') await this.signingKey();
    return this.state;
  }

  /** The key new certificates are sealed with. */
  async signingKey(executor?: Executor): Promise<SigningKey> {
    if (this.current) return this.current;
    const key = await this.load(executor ?? this.db);
    if (!executor) this.current = key;
    return key;
  }

  private async load(executor: Executor): Promise<SigningKey> {
    if (this.configured) {
      await executor
        .insert(signingKeys)
        .values({
          id: this.configured.id,
          algorithm: SEAL_ALGORITHM,
          publicKey: publicKeyPemOf(this.configured.privateKey),
          privateKey: null,
        })
        .onConflictDoNothing({ target: signingKeys.id });
      return this.configured;
    }
    if (!this.options.demo) throw new SealUnavailableError();
    const generated = generateSealKeyPair();
    await executor
      .insert(signingKeys)
      .values({
        id: DEMO_KEY_ID,
        algorithm: SEAL_ALGORITHM,
        publicKey: generated.publicKeyPem,
        privateKey: generated.privateKeyPem,
      })
      .onConflictDoNothing({ target: signingKeys.id });
    const [row] = await executor.select().from(signingKeys).where(eq(signingKeys.id, DEMO_KEY_ID));
    if (!row?.privateKey) throw new SealUnavailableError();
    return { id: row.id, privateKey: parseSealPrivateKey(row.privateKey) };
  }

  /** The public key of `id` (any key ever used), or undefined when there is none. */
  async publicKey(id: string, executor: Executor = this.db): Promise<KeyObject | undefined> {
    const cached = this.publicKeys.get(id);
    if (cached) return cached;
    const [row] = await executor.select().from(signingKeys).where(eq(signingKeys.id, id));
    if (!row) return undefined;
    const key = parseSealPublicKey(row.publicKey);
    if (executor === this.db) this.publicKeys.set(id, key);
    return key;
  }
}
