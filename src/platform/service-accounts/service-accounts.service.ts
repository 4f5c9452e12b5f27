import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Actor, AuditRepository } from '../audit/audit.repository.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors/errors.js';
import type { ServiceAccount, ServiceAccountsRepository } from './service-accounts.repository.js';

/** What a service account may be allowed to do. */
export const serviceAccountScopes = ['documents:write'] as const;
export type ServiceAccountScope = (typeof serviceAccountScopes)[number];

export const scopeLabels: Record<ServiceAccountScope, string> = {
  'documents:write':
    'Ausweisdokumente: Status setzen und Lieferungen melden (Fachverfahren, Scanner-App) – documents:write',
};

export const SERVICE_ACCOUNT_NAME_MAX = 100;
/** Every key starts with this, so a leaked key is recognisable (e.g. by secret scanners). */
export const KEY_PREFIX = 'ba_';
/** `ba_` and 32 random bytes in base64url (43 characters). */
const KEY_PATTERN = /^ba_[A-Za-z0-9_-]{43}$/;
/** How many characters of the key are kept readable for lists ("ba_" and 8 more). */
const SHOWN_PREFIX_LENGTH = 11;
const TOUCH_INTERVAL_MS = 60_000;

export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** What the audit log and the pages keep of an account: never the key's hash. */
export function accountSnapshot(account: ServiceAccount) {
  const { keyHash: _hash, ...rest } = account;
  return rest;
}

/** The actor of changes made with a service account's key (audit log, document history). */
export function serviceAccountActor(account: Pick<ServiceAccount, 'name'>): Actor {
  return { id: null, name: `Dienstkonto ${account.name}` };
}

export interface NewServiceAccountInput {
  name: string;
  scopes: string[];
}

/**
 * Machine accounts for integrations (e.g. the register software pushing document statuses). An admin
 * creates one and sees its API key exactly once; only its SHA-256 is stored. A revoked account's key
 * stops working at once.
 */
export class ServiceAccountsService {
  constructor(
    private readonly repo: ServiceAccountsRepository,
    private readonly audit: AuditRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Creates an account; returns it with its key, which is not stored and cannot be shown again. */
  async create(
    actor: Actor,
    input: NewServiceAccountInput,
  ): Promise<{ account: ServiceAccount; key: string }> {
    const name = input.name.trim();
    const scopes = [...new Set(input.scopes)];
    const errors: Record<string, string> = {};
    if (name === '') errors.name = 'Bitte geben Sie einen Namen ein.';
    else if (name.length > SERVICE_ACCOUNT_NAME_MAX)
      errors.name = `Der Name darf höchstens ${SERVICE_ACCOUNT_NAME_MAX} Zeichen lang sein.`;
    if (
      scopes.length === 0 ||
      !scopes.every((scope) => (serviceAccountScopes as readonly string[]).includes(scope))
    )
      errors.scopes = 'Bitte wählen Sie mindestens eine Berechtigung aus der Liste.';
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);

    const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const account = await this.repo.transaction(async (tx) => {
      const created = await this.repo.insert(tx, {
        name,
        scopes,
        keyPrefix: key.slice(0, SHOWN_PREFIX_LENGTH),
        keyHash: hashKey(key),
        createdBy: actor.name,
        createdAt: this.now(),
      });
      await this.audit.record(tx, actor, {
        action: 'service_account.create',
        entityType: 'service_account',
        entityId: created.id,
        after: accountSnapshot(created),
      });
      return created;
    });
    return { account, key };
  }

  list(): Promise<ServiceAccount[]> {
    return this.repo.list();
  }

  async revoke(actor: Actor, id: string): Promise<ServiceAccount> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError('Dieses Dienstkonto gibt es nicht.');
    return this.repo.transaction(async (tx) => {
      const account = await this.repo.lock(tx, id);
      if (!account) throw new NotFoundError('Dieses Dienstkonto gibt es nicht.');
      if (account.revokedAt) throw new ConflictError('Dieses Dienstkonto ist bereits gesperrt.');
      const revoked = await this.repo.update(tx, id, { revokedAt: this.now() });
      await this.audit.record(tx, actor, {
        action: 'service_account.revoke',
        entityType: 'service_account',
        entityId: id,
        before: { revokedAt: null },
        after: { revokedAt: revoked.revokedAt },
      });
      return revoked;
    });
  }

  /**
   * The active account a key belongs to, or undefined. The key is looked up by its SHA-256 (an attacker
   * learns nothing from the timing of comparing hashes of keys they chose) and the stored hash compared
   * once more in constant time. `lastUsedAt` is written at most once a minute.
   */
  async authenticate(key: string | undefined): Promise<ServiceAccount | undefined> {
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) return undefined;
    const hash = hashKey(key);
    const account = await this.repo.findByHash(hash);
    if (!account || account.revokedAt) return undefined;
    const given = Buffer.from(hash, 'hex');
    const stored = Buffer.from(account.keyHash, 'hex');
    if (given.length !== stored.length || !timingSafeEqual(given, stored)) return undefined;
    const now = this.now();
    if (!account.lastUsedAt || now.getTime() - account.lastUsedAt.getTime() >= TOUCH_INTERVAL_MS) {
      await this.repo.touch(account.id, now, new Date(now.getTime() - TOUCH_INTERVAL_MS));
    }
    return account;
  }
}
