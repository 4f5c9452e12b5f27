import type { Actor, AuditRepository } from '../../platform/audit/audit.repository.js';
import { NotFoundError } from '../../platform/errors/errors.js';
import type { LocalizedText } from '../../platform/i18n/localized-text.js';
import type { SiteInfo } from '../../platform/views/page-context.js';
import type { City, CityRepository, CityUpdate, Feedback } from './city.repository.js';

export type ContentPage = 'imprint' | 'privacy' | 'accessibility';

// Several app nodes may serve the site: a short cache keeps the header cheap and picks up edits soon.
const SITE_CACHE_MS = 10_000;

export class CityService {
  private cached: { at: number; city: City } | undefined;

  constructor(
    private readonly repo: CityRepository,
    private readonly audit: AuditRepository,
  ) {}

  async get(): Promise<City> {
    const now = Date.now();
    if (this.cached && now - this.cached.at < SITE_CACHE_MS) return this.cached.city;
    const city = await this.repo.find();
    if (!city) throw new NotFoundError('Die Stadt ist noch nicht eingerichtet.');
    this.cached = { at: now, city };
    return city;
  }

  async siteInfo(): Promise<SiteInfo> {
    const city = await this.get();
    return {
      name: city.name,
      authority: city.authority,
      street: city.street,
      postalCode: city.postalCode,
      town: city.town,
      phone: city.phone,
      email: city.email,
      hotline115: city.hotline115 === 1,
      hasLogo: Boolean(city.logoSvg),
    };
  }

  async content(page: ContentPage): Promise<LocalizedText> {
    return (await this.get())[page];
  }

  async update(actor: Actor, values: CityUpdate): Promise<City> {
    const updated = await this.repo.transaction(async (tx) => {
      const before = await this.repo.find(tx);
      const after = await this.repo.update(tx, values);
      if (!before || !after) throw new NotFoundError('Die Stadt ist noch nicht eingerichtet.');
      await this.audit.record(tx, actor, {
        action: 'city.update',
        entityType: 'city',
        entityId: '1',
        before,
        after,
      });
      return after;
    });
    this.cached = undefined;
    return updated;
  }

  submitFeedback(values: {
    message: string;
    pageUrl: string | null;
    name: string | null;
    email: string | null;
  }): Promise<Feedback> {
    return this.repo.insertFeedback(values);
  }

  listFeedback(): Promise<Feedback[]> {
    return this.repo.listFeedback();
  }

  async markFeedbackHandled(actor: Actor, id: number): Promise<void> {
    await this.repo.transaction(async (tx) => {
      const after = await this.repo.markFeedbackHandled(tx, id, new Date());
      if (!after) throw new NotFoundError('Diese Rückmeldung gibt es nicht.');
      await this.audit.record(tx, actor, {
        action: 'feedback.handled',
        entityType: 'feedback',
        entityId: String(id),
        after: { handledAt: after.handledAt },
      });
    });
  }
}
