import type { Actor, AuditRepository } from '../../platform/audit/audit.repository.js';
import { ConflictError, NotFoundError } from '../../platform/errors/errors.js';
import type {
  Executor,
  Leistung,
  LeistungenRepository,
  LeistungInput,
  LeistungValues,
} from './leistungen.repository.js';
import { buildSearchText, slugify, uniqueSlug } from './leistungen.rules.js';

export type { Leistung, LeistungInput } from './leistungen.repository.js';

const ENTITY = 'leistung';

/** What the audit log keeps of a service: everything staff edit, plus the locations. */
function snapshot(leistung: Leistung, locationIds: string[]) {
  const { searchText: _searchText, createdAt: _createdAt, updatedAt: _updatedAt, ...rest } = leistung;
  return { ...rest, locationIds };
}

function valuesOf(input: LeistungInput): LeistungValues {
  const { locationIds: _locationIds, ...values } = input;
  return { ...values, searchText: buildSearchText(values) };
}

/** The service catalogue: what citizens read and staff maintain. */
export class LeistungenService {
  constructor(
    private readonly repo: LeistungenRepository,
    private readonly audit: AuditRepository,
  ) {}

  /** Active services (by German name); staff pass `includeRetired`. */
  list(options: { includeRetired?: boolean } = {}): Promise<Leistung[]> {
    return this.repo.list(options);
  }

  /** Typo-tolerant search over the active services, best match first. */
  search(query: string): Promise<Leistung[]> {
    return this.repo.search(query);
  }

  /** The services citizens ask for most (for the start page). */
  popular(n: number): Promise<Leistung[]> {
    return this.repo.listPopular(n);
  }

  /** An active service, or 404 (unknown and retired services look the same to citizens). */
  async get(id: string): Promise<Leistung> {
    const leistung = await this.repo.findById(id);
    if (!leistung || leistung.retiredAt) throw new NotFoundError();
    return leistung;
  }

  /** Any service, retired ones included (staff area), or 404. */
  async getForStaff(id: string): Promise<Leistung> {
    const leistung = await this.repo.findById(id);
    if (!leistung) throw new NotFoundError();
    return leistung;
  }

  /** The active locations offering a service, in display order. */
  locationIdsOf(id: string): Promise<string[]> {
    return this.repo.locationIdsOf(id);
  }

  /** Active locations per service id (all services when `ids` is omitted). */
  locationIdsByLeistung(ids?: string[]): Promise<Map<string, string[]>> {
    return this.repo.locationIdsByLeistung(ids);
  }

  /** Creates a service with a readable id from its German name; audited in the same transaction. */
  async create(actor: Actor, input: LeistungInput): Promise<Leistung> {
    const values = valuesOf(input);
    const base = slugify(input.name.de);
    return this.repo.transaction(async (tx) => {
      const taken = await this.repo.idsStartingWith(base, tx);
      // Another admin may take the same id at the same moment: then the next free one is used.
      for (let attempt = 0; attempt < 5; attempt++) {
        const id = uniqueSlug(base, taken);
        const created = await this.repo.insert(tx, id, values);
        if (!created) {
          taken.add(id);
          continue;
        }
        const locationIds = await this.repo.setLocations(tx, id, input.locationIds);
        await this.audit.record(tx, actor, {
          action: 'leistung.create',
          entityType: ENTITY,
          entityId: id,
          before: null,
          after: snapshot(created, locationIds),
        });
        return created;
      }
      throw new ConflictError(
        'Die Leistung konnte nicht angelegt werden. Bitte versuchen Sie es noch einmal.',
      );
    });
  }

  /** Changes a service and its locations; audited with the state before and after. */
  async update(actor: Actor, id: string, input: LeistungInput): Promise<Leistung> {
    return this.repo.transaction(async (tx) => {
      const before = await this.lockedForUpdate(tx, id);
      const locationsBefore = await this.repo.locationIdsOf(id, tx);
      const updated = await this.repo.update(tx, id, valuesOf(input));
      if (!updated) throw new NotFoundError();
      const locationIds = await this.repo.setLocations(tx, id, input.locationIds);
      await this.audit.record(tx, actor, {
        action: 'leistung.update',
        entityType: ENTITY,
        entityId: id,
        before: snapshot(before, locationsBefore),
        after: snapshot(updated, locationIds),
      });
      return updated;
    });
  }

  /** Retires a service: citizens no longer see it; nothing is deleted. */
  async retire(actor: Actor, id: string): Promise<Leistung> {
    return this.repo.transaction(async (tx) => {
      const before = await this.lockedForUpdate(tx, id);
      if (before.retiredAt) throw new ConflictError('Die Leistung ist bereits stillgelegt.');
      const retired = await this.repo.retire(tx, id);
      if (!retired) throw new ConflictError('Die Leistung ist bereits stillgelegt.');
      const locationIds = await this.repo.locationIdsOf(id, tx);
      await this.audit.record(tx, actor, {
        action: 'leistung.retire',
        entityType: ENTITY,
        entityId: id,
        before: snapshot(before, locationIds),
        after: snapshot(retired, locationIds),
      });
      return retired;
    });
  }

  private async lockedForUpdate(tx: Executor, id: string): Promise<Leistung> {
    const leistung = await this.repo.findForUpdate(tx, id);
    if (!leistung) throw new NotFoundError();
    return leistung;
  }
}
