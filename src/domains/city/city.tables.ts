import { bigserial, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { LocalizedText } from '../../platform/i18n/localized-text.js';

/** One row: the city running this instance (id is always 1). */
export const city = pgTable('city', {
  id: integer('id').primaryKey().default(1),
  name: text('name').notNull(),
  authority: text('authority').notNull(),
  logoSvg: text('logo_svg'),
  street: text('street').notNull(),
  postalCode: text('postal_code').notNull(),
  town: text('town').notNull(),
  phone: text('phone').notNull(),
  email: text('email').notNull(),
  website: text('website'),
  hotline115: integer('hotline_115').notNull().default(1),
  imprint: jsonb('imprint').$type<LocalizedText>().notNull(),
  privacy: jsonb('privacy').$type<LocalizedText>().notNull(),
  accessibility: jsonb('accessibility').$type<LocalizedText>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Messages from the accessibility feedback form (BITV 2.0 requires a feedback channel). */
export const accessibilityFeedback = pgTable('accessibility_feedback', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  pageUrl: text('page_url'),
  message: text('message').notNull(),
  name: text('name'),
  email: text('email'),
  handledAt: timestamp('handled_at', { withTimezone: true }),
});
