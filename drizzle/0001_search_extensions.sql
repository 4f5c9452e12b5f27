-- Typo-tolerant catalogue search: trigram similarity over the normalised search text.
-- Drizzle cannot express extensions, so this migration is hand-written.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS leistungen_search_trgm_idx ON leistungen USING gin (search_text gin_trgm_ops);
