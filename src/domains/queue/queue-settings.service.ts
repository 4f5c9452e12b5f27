import type { Actor, AuditRepository } from '../../platform/audit/audit.repository.js';
import { ValidationError } from '../../platform/errors/errors.js';
import type { Leistung } from '../leistungen/leistungen.repository.js';
import type { LeistungenService } from '../leistungen/leistungen.service.js';
import type { LocationsService } from '../locations/locations.service.js';
import { settingsFromRow, settingsToRow } from './queue.repository.js';
import { defaultQueueSettings, type QueueSettings } from './queue.rules.js';
import type { QueueSettingsRepository } from './queue-settings.repository.js';

export interface CounterServices {
  id: string;
  name: string;
  /** The services the counter handles; empty = all. */
  serviceIds: string[];
}

/**
 * The queue's settings per location, edited by admins and team leads: the rules (prefixes, walk-in cut-off,
 * check-in window, late rule, calls), the daily walk-in quota per service and the services each counter
 * handles. Every change is audited in the same transaction. The queue service reads the same tables on
 * every action, so a change applies at once.
 */
export class QueueSettingsService {
  constructor(
    private readonly repo: QueueSettingsRepository,
    private readonly leistungen: LeistungenService,
    private readonly locations: LocationsService,
    private readonly audit: AuditRepository,
    private readonly clock: () => Date,
  ) {}

  /** The app's clock (tests pin it): the workstation's waiting times are counted from it. */
  now(): Date {
    return this.clock();
  }

  /** The rules of an active location (the defaults until somebody saves them). 404 for unknown ids. */
  async get(locationId: string): Promise<QueueSettings> {
    const location = await this.locations.get(locationId);
    const row = await this.repo.settings(location.id);
    return row ? settingsFromRow(row) : defaultQueueSettings;
  }

  async update(actor: Actor, locationId: string, settings: QueueSettings): Promise<QueueSettings> {
    const location = await this.locations.get(locationId);
    if (settings.prefixes.appointment === settings.prefixes.walk_in) {
      throw new ValidationError({
        walkInPrefix: 'Die Kürzel für Termine und für Wartende ohne Termin müssen sich unterscheiden.',
      });
    }
    return this.repo.transaction(async (tx) => {
      const before = await this.repo.settings(location.id, tx);
      const row = await this.repo.upsertSettings(tx, location.id, settingsToRow(settings), this.clock());
      await this.audit.record(tx, actor, {
        action: 'queue_settings.update',
        entityType: 'location',
        entityId: location.id,
        before: before ? settingsFromRow(before) : defaultQueueSettings,
        after: settingsFromRow(row),
      });
      return settingsFromRow(row);
    });
  }

  /** Active services offered at an active location, by name. */
  async servicesAt(locationId: string): Promise<Leistung[]> {
    const location = await this.locations.get(locationId);
    const [all, byLeistung] = await Promise.all([
      this.leistungen.list(),
      this.leistungen.locationIdsByLeistung(),
    ]);
    return all
      .filter((leistung) => byLeistung.get(leistung.id)?.includes(location.id))
      .sort((a, b) => a.name.de.localeCompare(b.name.de, 'de'));
  }

  /** The walk-in services of a location with their daily quota (undefined = unlimited). */
  async quotas(locationId: string): Promise<Array<{ leistung: Leistung; quota: number | undefined }>> {
    const services = (await this.servicesAt(locationId)).filter((leistung) => leistung.walkIn);
    const quotas = await this.repo.quotas(locationId);
    return services.map((leistung) => ({ leistung, quota: quotas.get(leistung.id) }));
  }

  /**
   * Sets the daily quota of the given walk-in services (null = unlimited, 0 = no walk-in tickets today).
   * Services that are not walk-in services of the location are refused; services not named stay as they are.
   */
  async updateQuotas(actor: Actor, locationId: string, quotas: Record<string, number | null>): Promise<void> {
    const walkIn = new Set((await this.quotas(locationId)).map((entry) => entry.leistung.id));
    const errors: Record<string, string> = {};
    for (const [id, quota] of Object.entries(quotas)) {
      if (!walkIn.has(id)) errors[`quota-${id}`] = 'Für diese Leistung gibt es hier keine Wartenummern.';
      else if (quota !== null && (!Number.isSafeInteger(quota) || quota < 0)) {
        errors[`quota-${id}`] = 'Bitte geben Sie eine ganze Zahl ab 0 ein oder lassen Sie das Feld leer.';
      }
    }
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    await this.repo.transaction(async (tx) => {
      const current = await this.repo.quotas(locationId, tx);
      const before: Record<string, number | null> = {};
      const after: Record<string, number | null> = {};
      for (const [id, quota] of Object.entries(quotas)) {
        const old = current.get(id) ?? null;
        if (old === quota) continue;
        before[id] = old;
        after[id] = quota;
      }
      if (Object.keys(after).length === 0) return;
      await this.repo.replaceQuotas(tx, locationId, new Map(Object.entries(after)));
      await this.audit.record(tx, actor, {
        action: 'walk_in_quota.update',
        entityType: 'location',
        entityId: locationId,
        before,
        after,
      });
    });
  }

  /** Active counters of a location with the services each handles (empty = all). */
  async counters(locationId: string): Promise<CounterServices[]> {
    const location = await this.locations.get(locationId);
    return this.repo.counters(location.id);
  }

  /**
   * Sets the services of the given counters of a location (empty list = the counter handles all). Counters
   * not named stay as they are; unknown counters and services not offered at the location are refused.
   */
  async updateCounterServices(
    actor: Actor,
    locationId: string,
    assignments: Record<string, string[]>,
  ): Promise<void> {
    const offered = new Set((await this.servicesAt(locationId)).map((leistung) => leistung.id));
    const errors: Record<string, string> = {};
    const active = new Set((await this.repo.counters(locationId)).map((counter) => counter.id));
    for (const [counterId, serviceIds] of Object.entries(assignments)) {
      if (!active.has(counterId)) errors[`counter-${counterId}`] = 'Diesen Schalter gibt es nicht.';
      else if (serviceIds.some((id) => !offered.has(id))) {
        errors[`counter-${counterId}`] = 'Bitte wählen Sie nur Leistungen, die der Standort anbietet.';
      }
    }
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    await this.repo.transaction(async (tx) => {
      await this.repo.lockCounters(tx, locationId);
      const current = new Map((await this.repo.counters(locationId, tx)).map((c) => [c.id, c]));
      for (const [counterId, serviceIds] of Object.entries(assignments)) {
        const counter = current.get(counterId);
        if (!counter)
          throw new ValidationError({ [`counter-${counterId}`]: 'Diesen Schalter gibt es nicht.' });
        const wanted = [...new Set(serviceIds)].sort();
        if (sameList(wanted, [...counter.serviceIds].sort())) continue;
        await this.repo.replaceCounterServices(tx, counterId, wanted);
        await this.audit.record(tx, actor, {
          action: 'counter_services.update',
          entityType: 'counter',
          entityId: counterId,
          before: { counter: counter.name, serviceIds: counter.serviceIds },
          after: { counter: counter.name, serviceIds: wanted },
        });
      }
    });
  }
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((value, i) => value === b[i]);
