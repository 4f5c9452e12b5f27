import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { actorOf } from '../../platform/audit/actor.js';
import type { Actor, AuditRepository } from '../../platform/audit/audit.repository.js';
import {
  AppError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../platform/errors/errors.js';
import type { Lang } from '../../platform/i18n/i18n.js';
import type { LocalizedText } from '../../platform/i18n/localized-text.js';
import type { StaffIdentity } from '../../platform/views/page-context.js';
import { credentialFromRequest } from './device-auth.js';
import { devicesMessages } from './devices.messages.js';
import type { DeviceRow, DevicesRepository, DeviceWithLocation, Executor } from './devices.repository.js';
import { type DeviceKind, deviceKinds } from './devices.tables.js';

/** Path of the public enrolment page; the link is `${publicUrl}${ENROLMENT_PATH}?code=<secret>`. */
export const ENROLMENT_PATH = '/geraete/anmelden';
/** How long an enrolment link stays valid. */
export const ENROLMENT_DAYS = 7;
/** How long a successful authentication is remembered in memory (per process). */
export const AUTH_CACHE_MS = 10_000;
/** last_seen_at is written at most this often per device. */
export const LAST_SEEN_INTERVAL_MS = 60_000;
export const DEVICE_ENTITY = 'device';
export const DEVICE_NAME_MAX = 80;
const AUTH_CACHE_MAX_ENTRIES = 1000;
/** Longer input is no secret this service issued; it is rejected before hashing. */
const SECRET_MAX_LENGTH = 200;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The demo installation's devices. Their enrolment codes are fixed, published (README, start-up log)
 * and multi-use without expiry, so that anyone trying the demo can turn a browser into the kiosk or the
 * call display without logging in as admin first. That is only acceptable because demo data is
 * invented and demo mode is never used in production: outside demo mode the service refuses to create
 * these devices and treats such never-expiring codes as expired.
 */
export const demoDevices = [
  { code: 'demo-kiosk-rathaus', locationId: 'rathaus', kind: 'kiosk', name: 'Kiosk Foyer' },
  { code: 'demo-anzeige-rathaus', locationId: 'rathaus', kind: 'display', name: 'Anzeige Wartebereich' },
] as const satisfies ReadonlyArray<{ code: string; locationId: string; kind: DeviceKind; name: string }>;

/** The state of a device's enrolment link. 'demo': a fixed, multi-use demo code. */
export type EnrolmentLinkState = 'open' | 'expired' | 'none' | 'demo';

/** A device as pages and other domains see it: never the hashes. */
export interface Device {
  id: string;
  locationId: string;
  locationName: LocalizedText;
  kind: DeviceKind;
  name: string;
  /** Until when the open enrolment link works (null: no link, or a demo code). */
  enrolmentUntil: Date | null;
  enrolledAt: Date | null;
  lastSeenAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  link: EnrolmentLinkState;
}

export interface NewDevice {
  locationId: string;
  kind: DeviceKind;
  name: string;
}

/** A freshly made enrolment link: shown once to the admin, only its hash is stored. */
export interface EnrolmentLink {
  device: Device;
  url: string;
  /** null for the demo codes (no expiry). */
  validUntil: Date | null;
}

export interface Enrolment {
  device: Device;
  /** `<deviceId>.<secret>`: goes into the browser's `device` cookie (or an API client's bearer token). */
  credential: string;
}

export type EnrolmentFailure = 'unknown' | 'expired' | 'revoked';

/**
 * An enrolment link that cannot be used: 'unknown' (never issued or already used, 404), 'expired'
 * (410) or the device was revoked (410). `messageIn(lang)` gives the German or English text.
 */
export class EnrolmentError extends AppError {
  constructor(readonly reason: EnrolmentFailure) {
    super(
      reason === 'unknown' ? 404 : 410,
      reason === 'unknown' ? 'Nicht gefunden' : 'Nicht mehr gültig',
      devicesMessages('de')(reason),
    );
  }

  messageIn(lang: Lang): string {
    return devicesMessages(lang)(this.reason);
  }
}

export interface DevicesOptions {
  publicUrl: string;
  /** Demo mode: only then do the fixed demo codes work. */
  demo: boolean;
  /** A server secret (the cookie secret): derives the shared credential of the demo devices. */
  secret: string;
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Compares two hex digests in constant time. */
function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

/** What the audit log keeps of a device: everything but the hashes. */
function auditSnapshot(row: DeviceRow) {
  return {
    locationId: row.locationId,
    kind: row.kind,
    name: row.name,
    enrolmentUntil: row.enrolmentUntil?.toISOString() ?? null,
    enrolledAt: row.enrolledAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** The audit actor of an enrolment: nobody is logged in, the link itself is the authorisation. */
const enrolmentActor: Actor = { id: null, name: 'Anmeldelink' };

/**
 * Kiosks and call displays: registration by an admin, enrolment of a browser through a one-time link,
 * authentication of the enrolled browser, revocation. Every change is audited in its transaction.
 *
 * Secrets: the enrolment link carries 256 random bits, the credential another 256; the database keeps
 * only their SHA-256 (enough for random secrets of that length: nothing to brute-force).
 */
export class DevicesService {
  /** Positive authentications by credential hash; see `authenticate`. */
  private readonly cache = new Map<string, { device: Device; until: number }>();

  constructor(
    private readonly repo: DevicesRepository,
    private readonly auditLog: AuditRepository,
    private readonly options: DevicesOptions,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** All devices, by location, with the state of their enrolment link. */
  async list(): Promise<Device[]> {
    const now = this.now();
    return (await this.repo.list()).map((row) => this.toDevice(row, now));
  }

  async get(id: string): Promise<Device> {
    const row = UUID_RE.test(id) ? await this.repo.findById(id) : undefined;
    if (!row) throw new NotFoundError('Dieses Gerät gibt es nicht.');
    return this.toDevice(row, this.now());
  }

  /** The locations a device can be registered at (not retired). */
  locations(): Promise<Array<{ id: string; name: LocalizedText }>> {
    return this.repo.activeLocations();
  }

  /** Registers a device and makes its first enrolment link (valid for ENROLMENT_DAYS, single use). */
  async create(actor: StaffIdentity, input: NewDevice): Promise<EnrolmentLink> {
    const name = input.name.trim();
    const errors: Record<string, string> = {};
    if (!name) errors.name = 'Bitte geben Sie einen Namen ein.';
    else if (name.length > DEVICE_NAME_MAX) errors.name = 'Der Name ist zu lang.';
    if (!deviceKinds.includes(input.kind)) errors.kind = 'Bitte wählen Sie Kiosk oder Aufrufanzeige.';
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    const now = this.now();
    const secret = newSecret();
    const validUntil = new Date(now.getTime() + ENROLMENT_DAYS * 86_400_000);
    return this.repo.transaction(async (tx) => {
      const location = await this.repo.findActiveLocation(input.locationId, tx);
      if (!location)
        throw new ValidationError({ locationId: 'Bitte wählen Sie einen Standort aus der Liste.' });
      const created = await this.repo.insert(tx, {
        locationId: location.id,
        kind: input.kind,
        name,
        enrolmentHash: sha256(secret),
        enrolmentUntil: validUntil,
        createdAt: now,
      });
      await this.auditLog.record(tx, actorOf(actor), {
        action: 'device.create',
        entityType: DEVICE_ENTITY,
        entityId: created.id,
        after: auditSnapshot(created),
      });
      return {
        device: this.toDevice({ ...created, locationName: location.name }, now),
        url: this.enrolmentUrl(secret),
        validUntil,
      };
    });
  }

  /**
   * A new enrolment link for the device; the previous link stops working. A browser that is already
   * enrolled keeps working until the new link is used (one browser per device: enrolling replaces the
   * credential) or the device is revoked.
   */
  async reissue(actor: StaffIdentity, id: string): Promise<EnrolmentLink> {
    await this.get(id);
    const now = this.now();
    const secret = newSecret();
    const validUntil = new Date(now.getTime() + ENROLMENT_DAYS * 86_400_000);
    return this.repo.transaction(async (tx) => {
      const before = await this.lockForChange(tx, id);
      const after = await this.repo.update(tx, id, {
        enrolmentHash: sha256(secret),
        enrolmentUntil: validUntil,
      });
      await this.auditLog.record(tx, actorOf(actor), {
        action: 'device.reissue',
        entityType: DEVICE_ENTITY,
        entityId: id,
        before: auditSnapshot(before),
        after: auditSnapshot(after!),
      });
      const row = await this.repo.findById(id, tx);
      return { device: this.toDevice(row!, now), url: this.enrolmentUrl(secret), validUntil };
    });
  }

  /** Blocks the device for good: its credential and any open link stop working. */
  async revoke(actor: StaffIdentity, id: string): Promise<Device> {
    await this.get(id);
    const now = this.now();
    const device = await this.repo.transaction(async (tx) => {
      const before = await this.lockForChange(tx, id);
      const after = await this.repo.update(tx, id, { revokedAt: now });
      await this.auditLog.record(tx, actorOf(actor), {
        action: 'device.revoke',
        entityType: DEVICE_ENTITY,
        entityId: id,
        before: auditSnapshot(before),
        after: auditSnapshot(after!),
      });
      return this.toDevice((await this.repo.findById(id, tx))!, now);
    });
    // This process forgets it at once; other nodes within AUTH_CACHE_MS (see authenticate).
    this.forget(id);
    return device;
  }

  /** The device an enrolment link would enrol, without using the link up (the page before the POST). */
  async preview(secret: string | undefined): Promise<Device> {
    const hash = enrolmentHashOf(secret);
    const row = hash ? await this.repo.findByEnrolmentHash(hash) : undefined;
    if (!row) throw new EnrolmentError('unknown');
    const now = this.now();
    this.assertUsable(row, now);
    return this.toDevice(row, now);
  }

  /**
   * Uses an enrolment link: issues the device's credential (only its hash is stored), sets enrolled_at
   * and clears the link. A demo code stays usable and hands every browser the same credential.
   * Throws EnrolmentError for unknown, used, expired or revoked links, changing nothing.
   */
  async enrol(secret: string | undefined): Promise<Enrolment> {
    const hash = enrolmentHashOf(secret);
    if (!hash) throw new EnrolmentError('unknown');
    const now = this.now();
    const enrolment = await this.repo.transaction(async (tx) => {
      const found = await this.repo.findByEnrolmentHash(hash, tx);
      // Locked and read again: of two concurrent uses of one link, the second finds it cleared.
      const row = found ? await this.repo.lockById(tx, found.id) : undefined;
      if (!found || !row || row.enrolmentHash !== hash) throw new EnrolmentError('unknown');
      this.assertUsable(row, now);
      const multiUse = row.enrolmentUntil === null;
      const credential = multiUse ? this.demoCredential(row.id) : `${row.id}.${newSecret()}`;
      const after = await this.repo.update(
        tx,
        row.id,
        multiUse
          ? { credentialHash: sha256(credential), enrolledAt: row.enrolledAt ?? now }
          : {
              credentialHash: sha256(credential),
              enrolledAt: now,
              enrolmentHash: null,
              enrolmentUntil: null,
            },
      );
      await this.auditLog.record(tx, enrolmentActor, {
        action: 'device.enrol',
        entityType: DEVICE_ENTITY,
        entityId: row.id,
        before: auditSnapshot(row),
        after: auditSnapshot(after!),
      });
      return { device: this.toDevice({ ...after!, locationName: found.locationName }, now), credential };
    });
    // A browser enrolled earlier for this device has just lost its credential.
    this.forget(enrolment.device.id);
    return enrolment;
  }

  /**
   * The active (not revoked) device a credential belongs to, or undefined.
   *
   * Kiosk pages and the call display's event stream ask on every request, so a positive answer is
   * remembered in this process for AUTH_CACHE_MS (10 s). Consequence: a revoke on this node takes
   * effect at once (the entry is dropped), on other nodes after at most 10 s. Failures are not cached
   * (a just-enrolled browser must work at once); malformed credentials never reach the database.
   */
  async authenticate(credential: string | undefined): Promise<Device | undefined> {
    if (!credential || credential.length > SECRET_MAX_LENGTH) return undefined;
    const id = credential.slice(0, credential.indexOf('.'));
    if (!UUID_RE.test(id)) return undefined;
    const hash = sha256(credential);
    const now = this.now();
    const cached = this.cache.get(hash);
    if (cached && cached.until > now.getTime()) return cached.device;
    if (cached) this.cache.delete(hash);

    const row = await this.repo.findById(id);
    if (!row || row.revokedAt || !row.credentialHash || !sameHash(row.credentialHash, hash)) return undefined;
    if (!row.lastSeenAt || now.getTime() - row.lastSeenAt.getTime() >= LAST_SEEN_INTERVAL_MS) {
      // Conditional, so that several nodes do not all write within the same minute.
      await this.repo.touch(row.id, now, new Date(now.getTime() - LAST_SEEN_INTERVAL_MS));
      row.lastSeenAt = now;
    }
    const device = this.toDevice(row, now);
    if (this.cache.size >= AUTH_CACHE_MAX_ENTRIES) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(hash, { device, until: now.getTime() + AUTH_CACHE_MS });
    return device;
  }

  /**
   * The device a request comes from: the signed `device` cookie of an enrolled browser or an
   * `Authorization: Bearer <credential>` header (API clients). Undefined when neither is valid.
   */
  deviceFromRequest(request: FastifyRequest): Promise<Device | undefined> {
    return this.authenticate(credentialFromRequest(request));
  }

  /**
   * Like deviceFromRequest, but throws ForbiddenError unless the request comes from an active device
   * of the given kind (and location, when given): e.g. walk-in tickets only from a kiosk on site.
   */
  async requireDevice(
    request: FastifyRequest,
    expected: { kind?: DeviceKind; locationId?: string } = {},
  ): Promise<Device> {
    const device = await this.deviceFromRequest(request);
    if (
      !device ||
      (expected.kind && device.kind !== expected.kind) ||
      (expected.locationId && device.locationId !== expected.locationId)
    ) {
      throw new ForbiddenError('Diese Seite ist nur auf einem angemeldeten Gerät des Bürgeramts verfügbar.');
    }
    return device;
  }

  /**
   * Demo mode only: makes sure the demo kiosk and call display exist (see `demoDevices`) and returns
   * their fixed enrolment links. Idempotent; a demo device an admin has revoked is replaced by a new one
   * on the next start, so the published codes keep working.
   */
  async ensureDemoDevices(): Promise<EnrolmentLink[]> {
    if (!this.options.demo) throw new Error('Demo devices exist only in demo mode.');
    const links: EnrolmentLink[] = [];
    for (const demo of demoDevices) {
      const hash = sha256(demo.code);
      const now = this.now();
      const device = await this.repo.transaction(async (tx) => {
        const location = await this.repo.findActiveLocation(demo.locationId, tx, true);
        if (!location) return undefined;
        const existing = await this.repo.findByEnrolmentHash(hash, tx);
        if (existing && !existing.revokedAt) return existing;
        if (existing) await this.repo.update(tx, existing.id, { enrolmentHash: null, enrolmentUntil: null });
        const created = await this.repo.insert(tx, {
          locationId: location.id,
          kind: demo.kind,
          name: demo.name,
          enrolmentHash: hash,
          enrolmentUntil: null,
          createdAt: now,
        });
        await this.auditLog.record(tx, actorOf(null), {
          action: 'device.create',
          entityType: DEVICE_ENTITY,
          entityId: created.id,
          after: { ...auditSnapshot(created), demo: true },
        });
        return { ...created, locationName: location.name };
      });
      if (device)
        links.push({
          device: this.toDevice(device, now),
          url: this.enrolmentUrl(demo.code),
          validUntil: null,
        });
    }
    return links;
  }

  private enrolmentUrl(secret: string): string {
    return `${this.options.publicUrl}${ENROLMENT_PATH}?code=${encodeURIComponent(secret)}`;
  }

  /** The demo devices' credential: the same for every browser, derived from the server secret. */
  private demoCredential(id: string): string {
    const secret = createHmac('sha256', this.options.secret)
      .update(`demo-device-credential:${id}`)
      .digest('base64url');
    return `${id}.${secret}`;
  }

  private assertUsable(row: DeviceRow, now: Date): void {
    if (row.revokedAt) throw new EnrolmentError('revoked');
    // No expiry is the mark of a demo code; outside demo mode such a code counts as expired.
    if (row.enrolmentUntil === null ? !this.options.demo : row.enrolmentUntil <= now) {
      throw new EnrolmentError('expired');
    }
  }

  private async lockForChange(tx: Executor, id: string): Promise<DeviceRow> {
    const row = await this.repo.lockById(tx, id);
    if (!row) throw new NotFoundError('Dieses Gerät gibt es nicht.');
    if (row.revokedAt) {
      throw new ConflictError(
        'Dieses Gerät ist gesperrt. Gesperrte Geräte bleiben gesperrt; registrieren Sie bei Bedarf ein neues Gerät.',
      );
    }
    return row;
  }

  private forget(deviceId: string): void {
    for (const [hash, entry] of this.cache) {
      if (entry.device.id === deviceId) this.cache.delete(hash);
    }
  }

  private toDevice(row: DeviceWithLocation, now: Date): Device {
    const { enrolmentHash, credentialHash: _, ...rest } = row;
    const link: EnrolmentLinkState =
      enrolmentHash === null
        ? 'none'
        : row.enrolmentUntil === null
          ? this.options.demo
            ? 'demo'
            : 'expired'
          : row.enrolmentUntil > now
            ? 'open'
            : 'expired';
    return { ...rest, link };
  }
}

/** 256 random bits, URL-safe. */
function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The stored hash for an enrolment secret from a link; undefined for input that cannot be one. */
function enrolmentHashOf(secret: string | undefined): string | undefined {
  if (typeof secret !== 'string') return undefined;
  const trimmed = secret.trim();
  if (!trimmed || trimmed.length > SECRET_MAX_LENGTH) return undefined;
  return sha256(trimmed);
}
