import { boolean, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { RegisterRecord } from './population-register.js';

/** The part of a register entry kept as JSON: everything that is never searched by. */
export type RegisterPersonDetails = Omit<
  RegisterRecord,
  'personId' | 'familyName' | 'givenNames' | 'birthDate' | 'informationBlock'
>;

/**
 * The local population register (Melderegister): the demo's and a trial installation's stand-in for
 * the city's register software. The searchable parts are columns (`family_name_key` is the name as the
 * identity rule compares it, see melderegister.rules.ts); the rest of the record is JSON.
 */
export const registerPersons = pgTable(
  'register_persons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    familyName: text('family_name').notNull(),
    familyNameKey: text('family_name_key').notNull(),
    givenNames: text('given_names').notNull(),
    /** ISO date; the register may hold partly unknown dates ("1950-00-00"). */
    birthDate: text('birth_date').notNull(),
    informationBlock: boolean('information_block').notNull().default(false),
    details: jsonb('details').$type<RegisterPersonDetails>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('register_persons_lookup_idx').on(table.familyNameKey, table.birthDate)],
);
