/** The day the test database's demo data is seeded for (closures are placed relative to it). */
export const TEST_TODAY = new Date('2026-11-26T09:00:00Z');
