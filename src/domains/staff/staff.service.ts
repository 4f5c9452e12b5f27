import { actorOf } from '../../platform/audit/actor.js';
import type { AuditRepository, AuditRow } from '../../platform/audit/audit.repository.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors/errors.js';
import type { StaffIdentity } from '../../platform/views/page-context.js';
import { hashPassword } from './password.js';
import { PASSWORD_MIN_LENGTH, usernameTakenMessage } from './staff.form.js';
import type { StaffRepository, StaffUser } from './staff.repository.js';
import type { StaffRole } from './staff.tables.js';

/** A staff account as pages see it: never the password hash. */
export type StaffAccount = Omit<StaffUser, 'passwordHash'>;

export interface NewStaffAccount {
  username: string;
  displayName: string;
  email: string | null;
  role: StaffRole;
  password: string;
}

export interface StaffAccountChanges {
  displayName: string;
  email: string | null;
  role: StaffRole;
}

export interface AuditFilter {
  /** Only entries of this entity type (e.g. 'staff', 'leistung'). */
  entityType?: string;
  entityId?: string;
  /** 1-based page number. */
  page?: number;
  pageSize?: number;
}

export interface AuditPage {
  entries: AuditRow[];
  page: number;
  pageSize: number;
  hasMore: boolean;
}

export const STAFF_ENTITY = 'staff';
const MAX_AUDIT_PAGE = 40;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const lastAdminRetireMessage =
  'Dieses Konto ist das letzte aktive Administrationskonto und kann nicht stillgelegt werden. Geben Sie zuerst einem anderen Konto die Rolle Administration.';
export const lastAdminDemoteMessage =
  'Dieses Konto ist das letzte aktive Administrationskonto; die Rolle kann nicht geändert werden. Geben Sie zuerst einem anderen Konto die Rolle Administration.';
export const selfRetireMessage = 'Sie können Ihr eigenes Konto nicht stilllegen.';
export const retiredMessage = 'Dieses Konto ist stillgelegt und kann nicht mehr geändert werden.';

/** What the audit log keeps of an account: everything but secrets. */
export function auditSnapshot(user: StaffUser | StaffAccount) {
  return {
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    role: user.role,
    lockedUntil: user.lockedUntil?.toISOString() ?? null,
    retiredAt: user.retiredAt?.toISOString() ?? null,
  };
}

function withoutSecret(user: StaffUser): StaffAccount {
  const { passwordHash: _, ...account } = user;
  return account;
}

function isUniqueViolation(error: unknown): boolean {
  for (
    let current = error as { code?: unknown; cause?: unknown } | undefined, depth = 0;
    current && depth < 5;
    depth++
  ) {
    if (current.code === '23505') return true;
    current = current.cause as typeof current;
  }
  return false;
}

/** Staff accounts: create, change, reset passwords, retire (never delete); every change audited. */
export class StaffService {
  constructor(
    private readonly repo: StaffRepository,
    private readonly auditLog: AuditRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(): Promise<StaffAccount[]> {
    return (await this.repo.list()).map(withoutSecret);
  }

  async get(id: string): Promise<StaffAccount> {
    if (!UUID_RE.test(id)) throw new NotFoundError('Dieses Benutzerkonto gibt es nicht.');
    const user = await this.repo.findById(id);
    if (!user) throw new NotFoundError('Dieses Benutzerkonto gibt es nicht.');
    return withoutSecret(user);
  }

  async create(actor: StaffIdentity, input: NewStaffAccount): Promise<StaffAccount> {
    if (input.password.length < PASSWORD_MIN_LENGTH) {
      throw new ValidationError({
        password: `Das Passwort muss mindestens ${PASSWORD_MIN_LENGTH} Zeichen lang sein.`,
      });
    }
    const username = input.username.trim().toLowerCase();
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.repo.transaction(async (tx) => {
        if (await this.repo.findByUsername(username, tx))
          throw new ValidationError({ username: usernameTakenMessage });
        const created = await this.repo.insert(tx, {
          username,
          displayName: input.displayName,
          email: input.email,
          role: input.role,
          passwordHash,
        });
        await this.auditLog.record(tx, actorOf(actor), {
          action: 'staff.create',
          entityType: STAFF_ENTITY,
          entityId: created.id,
          after: auditSnapshot(created),
        });
        return withoutSecret(created);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ValidationError({ username: usernameTakenMessage });
      throw error;
    }
  }

  async update(actor: StaffIdentity, id: string, changes: StaffAccountChanges): Promise<StaffAccount> {
    await this.get(id);
    return this.repo.transaction(async (tx) => {
      const admins = await this.repo.lockActiveAdmins(tx);
      const before = await this.repo.findById(id, tx);
      if (!before) throw new NotFoundError('Dieses Benutzerkonto gibt es nicht.');
      if (before.retiredAt) throw new ConflictError(retiredMessage);
      if (before.role === 'admin' && changes.role !== 'admin' && admins.length <= 1) {
        throw new ValidationError({ role: lastAdminDemoteMessage }, lastAdminDemoteMessage);
      }
      const after = await this.repo.update(tx, id, {
        displayName: changes.displayName,
        email: changes.email,
        role: changes.role,
      });
      if (!after) throw new NotFoundError('Dieses Benutzerkonto gibt es nicht.');
      // Sessions read the role from the account on every request, so a new role applies at once.
      await this.auditLog.record(tx, actorOf(actor), {
        action: 'staff.update',
        entityType: STAFF_ENTITY,
        entityId: id,
        before: auditSnapshot(before),
        after: auditSnapshot(after),
      });
      return withoutSecret(after);
    });
  }

  /** Sets a new password, lifts a lock-out and ends all of the account's sessions. */
  async resetPassword(actor: StaffIdentity, id: string, password: string): Promise<StaffAccount> {
    if (password.length < PASSWORD_MIN_LENGTH) {
      throw new ValidationError({
        password: `Das Passwort muss mindestens ${PASSWORD_MIN_LENGTH} Zeichen lang sein.`,
      });
    }
    await this.get(id);
    const passwordHash = await hashPassword(password);
    return this.repo.transaction(async (tx) => {
      const before = await this.repo.findById(id, tx);
      if (!before) throw new NotFoundError('Dieses Benutzerkonto gibt es nicht.');
      if (before.retiredAt) throw new ConflictError(retiredMessage);
      const after = await this.repo.update(tx, id, { passwordHash, failedLogins: 0, lockedUntil: null });
      if (!after) throw new NotFoundError('Dieses Benutzerkonto gibt es nicht.');
      await this.repo.deleteSessionsOf(tx, id);
      await this.auditLog.record(tx, actorOf(actor), {
        action: 'staff.password_reset',
        entityType: STAFF_ENTITY,
        entityId: id,
        before: { ...auditSnapshot(before), password: 'unverändert' },
        after: { ...auditSnapshot(after), password: 'neu gesetzt' },
      });
      return withoutSecret(after);
    });
  }

  /** Retires an account: it can no longer log in, its sessions end, its history stays. */
  async retire(actor: StaffIdentity, id: string): Promise<StaffAccount> {
    await this.get(id);
    if (actor.id === id) throw new ConflictError(selfRetireMessage);
    return this.repo.transaction(async (tx) => {
      const admins = await this.repo.lockActiveAdmins(tx);
      const before = await this.repo.findById(id, tx);
      if (!before) throw new NotFoundError('Dieses Benutzerkonto gibt es nicht.');
      if (before.retiredAt) throw new ConflictError('Dieses Konto ist bereits stillgelegt.');
      if (before.role === 'admin' && admins.length <= 1) throw new ConflictError(lastAdminRetireMessage);
      const after = await this.repo.update(tx, id, { retiredAt: this.now() });
      if (!after) throw new NotFoundError('Dieses Benutzerkonto gibt es nicht.');
      await this.repo.deleteSessionsOf(tx, id);
      await this.auditLog.record(tx, actorOf(actor), {
        action: 'staff.retire',
        entityType: STAFF_ENTITY,
        entityId: id,
        before: auditSnapshot(before),
        after: auditSnapshot(after),
      });
      return withoutSecret(after);
    });
  }

  /** One page of the audit log, newest first. */
  async audit(filter: AuditFilter = {}): Promise<AuditPage> {
    const pageSize = Math.min(Math.max(Math.trunc(filter.pageSize ?? 50), 1), 200);
    const page = Math.min(Math.max(Math.trunc(filter.page ?? 1), 1), MAX_AUDIT_PAGE);
    // The audit repository offers a limit only, so a page reads everything before it (bounded above).
    const rows = await this.auditLog.list({
      entityType: filter.entityType || undefined,
      entityId: filter.entityId || undefined,
      limit: page * pageSize + 1,
    });
    const entries = rows.slice((page - 1) * pageSize, page * pageSize);
    return { entries, page, pageSize, hasMore: rows.length > page * pageSize && page < MAX_AUDIT_PAGE };
  }

  /** Entity types that occur in the audit log, for its filter. */
  auditEntityTypes(): Promise<string[]> {
    return this.repo.auditEntityTypes();
  }
}
