import { desc, eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { accessibilityFeedback, city } from './city.tables.js';

export type City = typeof city.$inferSelect;
export type CityUpdate = Partial<Omit<City, 'id' | 'updatedAt'>>;
export type Feedback = typeof accessibilityFeedback.$inferSelect;
type Executor = Pick<Database, 'insert' | 'update' | 'select'>;

export class CityRepository {
  constructor(private readonly db: Database) {}

  async find(executor: Executor = this.db): Promise<City | undefined> {
    const [row] = await executor.select().from(city).where(eq(city.id, 1));
    return row;
  }

  async update(executor: Executor, values: CityUpdate): Promise<City | undefined> {
    const [row] = await executor
      .update(city)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(city.id, 1))
      .returning();
    return row;
  }

  async insertFeedback(values: Pick<Feedback, 'message' | 'pageUrl' | 'name' | 'email'>): Promise<Feedback> {
    const [row] = await this.db.insert(accessibilityFeedback).values(values).returning();
    return row!;
  }

  async listFeedback(limit = 200): Promise<Feedback[]> {
    return this.db.select().from(accessibilityFeedback).orderBy(desc(accessibilityFeedback.id)).limit(limit);
  }

  async markFeedbackHandled(executor: Executor, id: number, at: Date): Promise<Feedback | undefined> {
    const [row] = await executor
      .update(accessibilityFeedback)
      .set({ handledAt: at })
      .where(eq(accessibilityFeedback.id, id))
      .returning();
    return row;
  }

  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }
}
