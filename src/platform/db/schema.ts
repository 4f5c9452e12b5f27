// Every table of every domain, for drizzle-kit and the typed query builder.
export * from '../../domains/city/city.tables.js';
export * from '../../domains/devices/devices.tables.js';
export * from '../../domains/dokumente/dokumente.tables.js';
export * from '../../domains/leistungen/leistungen.tables.js';
export * from '../../domains/locations/locations.tables.js';
export * from '../../domains/queue/queue.tables.js';
export * from '../../domains/staff/staff.tables.js';
export * from '../../domains/termine/termine.tables.js';
export * from '../audit/audit.tables.js';
export * from '../mail/mail.tables.js';
export * from '../security/security.tables.js';
export * from '../service-accounts/service-accounts.tables.js';
export * from '../sms/sms.tables.js';
