import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildApp } from './app.js';
import { seedDemo, seedLaterDemoData } from './demo/seed.js';
import { type Config, ConfigError, loadConfig } from './platform/config/config.js';
import { DataDirLockedError } from './platform/db/data-dir-lock.js';
import { isEmpty, migrateDatabase, openDatabase } from './platform/db/database.js';
import { JobRunner } from './platform/jobs/job-runner.js';

/** In demo mode without a configured secret, one is generated once and kept in the data directory. */
function cookieSecretFor(config: Config): string {
  if (config.cookieSecret) return config.cookieSecret;
  if (config.database.kind === 'pglite') {
    const file = path.join(config.database.dataDir, 'cookie-secret');
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
    const secret = randomBytes(32).toString('base64url');
    writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
  console.warn('BUERGERAMT_COOKIE_SECRET is not set: using a random secret; sessions end at restart.');
  return randomBytes(32).toString('base64url');
}

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config.database);
  await migrateDatabase(database);
  if (config.demo && (await isEmpty(database.db))) {
    await seedDemo(database.db, { staff: true });
  } else if (config.demo) {
    // A demo data directory from an earlier version: documents and register came later (idempotent).
    await seedLaterDemoData(database.db);
  }
  const { app, services } = await buildApp({ config, database, cookieSecret: cookieSecretFor(config) });
  // Background work; all its state is in the database, so a restart just picks it up again.
  const jobs = new JobRunner(app.log);
  jobs.every('mail.deliver', 10_000, () => services.mail.deliverDue());
  jobs.every('mail.purge', 6 * 60 * 60_000, () => services.mail.purgeHandled(config.mail.retentionDays));
  jobs.every('appointments.expire', 15_000, () => services.termine.expire());
  jobs.every('appointments.remind', 60_000, () => services.termine.remindDue());
  jobs.every('waitlist.expire', 300_000, () => services.waitlist.expirePending());
  jobs.every('waitlist.offer', 120_000, () => services.waitlist.offerFreeCapacity());
  jobs.every('captcha.cleanup', 60 * 60_000, () => services.captcha.cleanup());
  jobs.every('rate-limit.cleanup', 15 * 60_000, () => services.rateLimiter.cleanup());
  jobs.every('sms.deliver', 10_000, () => services.sms.deliverDue());
  jobs.every('documents.notify', 60_000, () => services.dokumenteJobs.notifyReady());
  jobs.every('documents.remind', 60 * 60_000, () => services.dokumenteJobs.remindUncollected());
  // Payments whose citizen never came back from the provider's page: ask the provider.
  jobs.every('payments.poll', 60_000, () => services.payments.pollPending());
  // Online applications: drafts nobody finished (with their uploads); certificate PDFs to e-mail.
  jobs.every('applications.purge', 60 * 60_000, () => services.antraege.purgeExpiredDrafts());
  jobs.every('applications.unpaid', 60 * 60_000, () => services.antraege.closeUnpaid());
  jobs.every('meldebescheinigung.mail', 15_000, () => services.certificateMails.deliver());
  // Retention: personal data of finished documents, and sent SMS (they hold phone numbers).
  jobs.every('documents.purge', 6 * 60 * 60_000, async () => {
    await services.dokumenteJobs.purgePersonalData();
    await services.sms.purgeFinished(config.documents.retentionDays);
  });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    // Stop accepting connections, let running requests finish, then close the database.
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    try {
      await app.close();
      await jobs.stop();
      services.mail.close();
      await database.close();
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  // Demo only: the kiosk and call display with their fixed enrolment codes (see demoDevices).
  const demoDeviceLinks = config.demo ? await services.devices.ensureDemoDevices() : [];
  await app.listen({ port: config.port, host: config.host });
  jobs.start();
  const engine = config.database.kind === 'pglite' ? `PGlite in ${config.database.dataDir}` : 'PostgreSQL';
  app.log.info(`Bürgeramt läuft auf ${config.publicUrl} (${engine}${config.demo ? ', Demo-Modus' : ''})`);
  if (config.demo) {
    app.log.info('Demo-Anmeldung unter /verwaltung: admin / admin-demo-2026 (siehe README)');
    // Opening one of these links in a browser (any number of times) makes that browser the device.
    for (const { device, url } of demoDeviceLinks) {
      app.log.info(`${device.kind === 'kiosk' ? 'Kiosk' : 'Aufrufanzeige'} „${device.name}“: ${url}`);
    }
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    console.error(error.message);
    process.exit(78);
  }
  console.error(error);
  process.exit(1);
});
