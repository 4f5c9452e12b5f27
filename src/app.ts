import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyRequest, LogController } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { devIdpPlugin } from './demo/dev-idp/dev-idp.plugin.js';
import { AntraegeRepository } from './domains/antraege/antraege.repository.js';
import { antraegeRoutes } from './domains/antraege/antraege.routes.js';
import { AntraegeService } from './domains/antraege/antraege.service.js';
import { bescheinigungenAdminRoutes } from './domains/bescheinigungen/bescheinigungen.admin.routes.js';
import { SealKeys } from './domains/bescheinigungen/bescheinigungen.keys.js';
import { BescheinigungenRepository } from './domains/bescheinigungen/bescheinigungen.repository.js';
import { bescheinigungenRoutes } from './domains/bescheinigungen/bescheinigungen.routes.js';
import { BescheinigungenService } from './domains/bescheinigungen/bescheinigungen.service.js';
import { cityAdminRoutes } from './domains/city/city.admin.routes.js';
import { CityRepository } from './domains/city/city.repository.js';
import { cityRoutes } from './domains/city/city.routes.js';
import { CityService } from './domains/city/city.service.js';
import { devicesAdminRoutes } from './domains/devices/devices.admin.routes.js';
import { DevicesRepository } from './domains/devices/devices.repository.js';
import { devicesRoutes } from './domains/devices/devices.routes.js';
import { DevicesService } from './domains/devices/devices.service.js';
import { dokumenteAdminRoutes } from './domains/dokumente/dokumente.admin.routes.js';
import { documentStatusEarly, dokumenteApi } from './domains/dokumente/dokumente.api.js';
import { dokumenteIntegrationApi } from './domains/dokumente/dokumente.integration.api.js';
import { DokumenteJobs } from './domains/dokumente/dokumente.jobs.js';
import { DokumenteRepository } from './domains/dokumente/dokumente.repository.js';
import { dokumenteRoutes } from './domains/dokumente/dokumente.routes.js';
import { DokumenteService } from './domains/dokumente/dokumente.service.js';
import { leistungenAdminRoutes } from './domains/leistungen/leistungen.admin.routes.js';
import { leistungenApi } from './domains/leistungen/leistungen.api.js';
import { LeistungenRepository } from './domains/leistungen/leistungen.repository.js';
import { leistungenRoutes } from './domains/leistungen/leistungen.routes.js';
import { LeistungenService } from './domains/leistungen/leistungen.service.js';
import { locationsAdminRoutes } from './domains/locations/locations.admin.routes.js';
import { locationsApi } from './domains/locations/locations.api.js';
import { LocationsRepository } from './domains/locations/locations.repository.js';
import { locationsRoutes } from './domains/locations/locations.routes.js';
import { LocationsService } from './domains/locations/locations.service.js';
import { meldebescheinigungDefinition } from './domains/meldebescheinigung/meldebescheinigung.definition.js';
import { meldebescheinigungHandler } from './domains/meldebescheinigung/meldebescheinigung.handler.js';
import { CertificateMails } from './domains/meldebescheinigung/meldebescheinigung.mails.js';
import { RegisterCheckSeal } from './domains/meldebescheinigung/register-check.js';
import { LocalPopulationRegister } from './domains/melderegister/local-population-register.js';
import { melderegisterAdminRoutes } from './domains/melderegister/melderegister.admin.routes.js';
import { MelderegisterRepository } from './domains/melderegister/melderegister.repository.js';
import type { PopulationRegister } from './domains/melderegister/population-register.js';
import { queueApi } from './domains/queue/queue.api.js';
import { QueueRepository } from './domains/queue/queue.repository.js';
import { queueRoutes } from './domains/queue/queue.routes.js';
import { type Issuer, QueueService } from './domains/queue/queue.service.js';
import { QueueStreams } from './domains/queue/queue.streams.js';
import { QueueSettingsRepository } from './domains/queue/queue-settings.repository.js';
import { QueueSettingsService } from './domains/queue/queue-settings.service.js';
import { workstationRoutes } from './domains/queue/workstation.routes.js';
import { authPlugin } from './domains/staff/auth.plugin.js';
import { AuthService } from './domains/staff/auth.service.js';
import { staffAdminRoutes } from './domains/staff/staff.admin.routes.js';
import { StaffRepository } from './domains/staff/staff.repository.js';
import { staffRoutes } from './domains/staff/staff.routes.js';
import { StaffService } from './domains/staff/staff.service.js';
import { bookingPolicyRoutes } from './domains/termine/booking-policy.routes.js';
import { termineAdminRoutes } from './domains/termine/termine.admin.routes.js';
import { AvailabilityAnswers, termineApi } from './domains/termine/termine.api.js';
import { TermineRepository } from './domains/termine/termine.repository.js';
import { termineRoutes } from './domains/termine/termine.routes.js';
import { TermineService } from './domains/termine/termine.service.js';
import { TermineStaffService } from './domains/termine/termine.staff.service.js';
import { waitlistRoutes } from './domains/termine/waitlist.routes.js';
import { WaitlistService } from './domains/termine/waitlist.service.js';
import { vorgaengeAdminRoutes } from './domains/vorgaenge/vorgaenge.admin.routes.js';
import { VorgaengeRepository } from './domains/vorgaenge/vorgaenge.repository.js';
import { vorgaengeRoutes } from './domains/vorgaenge/vorgaenge.routes.js';
import { CasesService } from './domains/vorgaenge/vorgaenge.service.js';
import { apiPlugin } from './platform/api/api.plugin.js';
import { earlyAnswerHook } from './platform/api/early-answer.js';
import { actorOf } from './platform/audit/actor.js';
import { AuditRepository } from './platform/audit/audit.repository.js';
import { captchaRoutes } from './platform/captcha/captcha.routes.js';
import { CaptchaService } from './platform/captcha/captcha.service.js';
import type { Config } from './platform/config/config.js';
import type { DatabaseHandle } from './platform/db/database.js';
import { CitizenSessionRepository } from './platform/eid/citizen-session.repository.js';
import { CitizenSessionService } from './platform/eid/citizen-session.service.js';
import { DEV_IDP_CLIENT_ID, devIdpClientSecret } from './platform/eid/eid.config.js';
import { CALLBACK_PATH, LOGGED_OUT_PATH } from './platform/eid/eid.paths.js';
import { citizenAuthPlugin } from './platform/eid/eid.plugin.js';
import { errorsPlugin } from './platform/errors/errors.plugin.js';
import { MailService } from './platform/mail/mail.service.js';
import { mailboxRoutes } from './platform/mail/mailbox.routes.js';
import { opsPlugin } from './platform/ops/ops.plugin.js';
import { LocalPaymentProvider } from './platform/payment/local-payment-provider.js';
import { paymentRoutes } from './platform/payment/payment.routes.js';
import { PaymentService } from './platform/payment/payment.service.js';
import type { PaymentProvider } from './platform/payment/payment-provider.js';
import { RateLimiter, rateLimitHook } from './platform/rate-limit/rate-limit.js';
import { apiHeaders, securityPlugin } from './platform/security/security.plugin.js';
import { ServiceAccountsRepository } from './platform/service-accounts/service-accounts.repository.js';
import { serviceAccountsRoutes } from './platform/service-accounts/service-accounts.routes.js';
import { ServiceAccountsService } from './platform/service-accounts/service-accounts.service.js';
import { LocalSmsSender, type SmsSender, SmsService } from './platform/sms/sms.js';
import { smsRoutes } from './platform/sms/sms.routes.js';
import { viewsPlugin } from './platform/views/views.plugin.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface AppDependencies {
  config: Config;
  database: DatabaseHandle;
  cookieSecret: string;
  /** The clock; tests pin it. */
  now?: () => Date;
  /** The SMS provider adapter; default: the local sender, which only stores (see README). */
  smsSender?: SmsSender;
  /** The city's population register (see README); default: the local register table. */
  populationRegister?: PopulationRegister;
  /** The city's payment provider (see README); default: by BUERGERAMT_PAYMENT_PROVIDER. */
  paymentProvider?: PaymentProvider;
  logger?: boolean;
}

export interface Services {
  audit: AuditRepository;
  city: CityService;
  leistungen: LeistungenService;
  locations: LocationsService;
  staff: StaffService;
  auth: AuthService;
  termine: TermineService;
  mail: MailService;
  waitlist: WaitlistService;
  termineStaff: TermineStaffService;
  captcha: CaptchaService;
  rateLimiter: RateLimiter;
  devices: DevicesService;
  queue: QueueService;
  /** ID documents: tracking, delivery, handover, the public status. */
  dokumente: DokumenteService;
  /** ID documents' background work: "ready" notification, reminders, retention. */
  dokumenteJobs: DokumenteJobs;
  /** Machine accounts (API keys) for integrations. */
  serviceAccounts: ServiceAccountsService;
  /** SMS outbox and the provider adapter. */
  sms: SmsService;
  queueSettings: QueueSettingsService;
  /** This node's live connections (call displays, phone tickets). */
  queueStreams: QueueStreams;
  /** Citizens' eID sessions (log-in: the citizen-auth plugin, src/platform/eid). */
  citizenSessions: CitizenSessionService;
  /** The population register (Melderegister): identification by eID, register data, clerks' search. */
  register: PopulationRegister;
  /** Online payments: start, confirmation with the provider, settlement handlers. */
  payments: PaymentService;
  /** Cases (Vorgänge) of the online services: numbers, timeline, e-mails, the staff work queue. */
  vorgaenge: CasesService;
  /** Sealed certificates: issue, PDF, public verification (/pruefen), revocation. */
  bescheinigungen: BescheinigungenService;
  /** The application engine (online services under /portal/antraege): definitions, drafts, uploads, submit. */
  antraege: AntraegeService;
  /** Meldebescheinigung PDFs to e-mail (job `meldebescheinigung.mail`). */
  certificateMails: CertificateMails;
}

/** Who may draw tickets and check citizens in: a registered kiosk (of the location, checked by the service), or a clerk. */
async function issuerOf(
  app: FastifyInstance,
  services: Services,
  request: FastifyRequest,
): Promise<Issuer | undefined> {
  const device = await services.devices.deviceFromRequest(request);
  if (device?.kind === 'kiosk') return { kind: 'device', deviceId: device.id, locationId: device.locationId };
  const staff = await app.identifyStaff(request);
  if (staff) return { kind: 'staff', actor: actorOf(staff), username: staff.username };
  return undefined;
}

/** The one place that wires data → services → routes. */
export function createServices({
  config,
  database,
  cookieSecret,
  now = () => new Date(),
  smsSender = new LocalSmsSender(),
  populationRegister,
  paymentProvider,
}: AppDependencies): Services {
  const db = database.db;
  const audit = new AuditRepository(db);
  const staffRepository = new StaffRepository(db);
  const locations = new LocationsService(new LocationsRepository(db), audit, now);
  const leistungen = new LeistungenService(new LeistungenRepository(db), audit);
  const city = new CityService(new CityRepository(db), audit);
  const mail = new MailService(db, { smtpUrl: config.mail.smtpUrl, from: config.mail.from }, now);
  const termineRepository = new TermineRepository(db, database.events);
  const links = { publicUrl: config.publicUrl, authority: async () => (await city.get()).authority };
  const termine = new TermineService(
    termineRepository,
    leistungen,
    locations,
    config.booking,
    mail,
    links,
    now,
  );
  const waitlist = new WaitlistService(db, termineRepository, termine, mail, config.booking, links, now);
  termine.useWaitlist(waitlist);
  const queue = new QueueService(
    new QueueRepository(db),
    termineRepository,
    leistungen,
    locations,
    audit,
    database.events,
    now,
  );
  const dokumenteRepository = new DokumenteRepository(db);
  const sms = new SmsService(db, smsSender, now);
  const cityRepository = new CityRepository(db);
  const vorgaenge = new CasesService(
    new VorgaengeRepository(db),
    audit,
    mail,
    // Read through the caller's transaction: e-mails are queued inside it.
    {
      publicUrl: config.publicUrl,
      authority: async (tx) => (await cityRepository.find(tx))?.authority ?? '',
    },
    now,
  );
  const bescheinigungen = new BescheinigungenService(
    new BescheinigungenRepository(db),
    new SealKeys(db, { privateKeyPem: config.seal.privateKeyPem, demo: config.demo }),
    new CityRepository(db),
    audit,
    { publicUrl: config.publicUrl },
    now,
  );
  // A revoked certificate is noted on its case (timeline, e-mail) in the revocation's transaction.
  bescheinigungen.onRevoked((certificate, tx) => vorgaenge.certificateRevoked(tx, certificate));
  const localPayments =
    config.payment.provider === 'local'
      ? new LocalPaymentProvider(db, { publicUrl: config.publicUrl, delayMs: config.payment.delayMs, now })
      : undefined;
  const services: Omit<Services, 'antraege' | 'certificateMails'> = {
    register:
      populationRegister ??
      new LocalPopulationRegister(new MelderegisterRepository(db), audit, config.register),
    payments: new PaymentService(db, paymentProvider ?? localPayments, { publicUrl: config.publicUrl }, now),
    bescheinigungen,
    vorgaenge,
    dokumente: new DokumenteService(
      dokumenteRepository,
      locations,
      audit,
      config.documents,
      now,
      database.events,
    ),
    dokumenteJobs: new DokumenteJobs(
      dokumenteRepository,
      mail,
      sms,
      locations,
      leistungen,
      audit,
      links,
      config.documents,
      now,
    ),
    serviceAccounts: new ServiceAccountsService(new ServiceAccountsRepository(db), audit, now),
    sms,
    queue,
    queueStreams: new QueueStreams(queue),
    queueSettings: new QueueSettingsService(
      new QueueSettingsRepository(db),
      leistungen,
      locations,
      audit,
      now,
    ),
    termineStaff: new TermineStaffService(termine, termineRepository, audit, now),
    captcha: new CaptchaService(db, { enabled: config.booking.captcha, hmacKey: cookieSecret }, now),
    rateLimiter: new RateLimiter(db, { enabled: config.booking.rateLimit }, now),
    devices: new DevicesService(
      new DevicesRepository(db),
      audit,
      { publicUrl: config.publicUrl, demo: config.demo, secret: cookieSecret },
      now,
    ),
    waitlist,
    termine,
    mail,
    audit,
    city,
    leistungen,
    locations,
    staff: new StaffService(staffRepository, audit),
    citizenSessions: new CitizenSessionService(new CitizenSessionRepository(db), now),
    auth: new AuthService(
      staffRepository,
      {
        sessionHours: config.sessionHours,
        maxFailures: config.loginMaxFailures,
        lockMinutes: config.loginLockMinutes,
      },
      now,
    ),
  };
  // The online services on the application engine: each a definition (pages, submit) and a case handler.
  const antraege = new AntraegeService(
    new AntraegeRepository(db),
    services.vorgaenge,
    services.payments,
    { uploadMaxBytes: config.uploads.maxBytes },
    now,
  );
  const certificateMails = new CertificateMails(db, services.bescheinigungen, mail, links, now);
  const meldebescheinigung = {
    register: services.register,
    certificates: services.bescheinigungen,
    mails: certificateMails,
  };
  antraege.register(
    meldebescheinigungDefinition({
      ...meldebescheinigung,
      cases: services.vorgaenge,
      paperByPost: services.payments.provider !== undefined,
    }),
  );
  services.vorgaenge.registerHandler(
    meldebescheinigungHandler({ ...meldebescheinigung, seal: new RegisterCheckSeal(cookieSecret), now }),
  );
  return { ...services, antraege, certificateMails };
}

export async function buildApp(deps: AppDependencies): Promise<{ app: FastifyInstance; services: Services }> {
  const { config } = deps;
  const app = Fastify({
    logger: deps.logger === false ? false : { level: config.logLevel },
    // Per-request logging would dominate hot routes; the ops plugin logs only errors and slow requests.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: config.trustProxy,
    // Seven form fields per weekday and more: allow bigger forms than the default.
    bodyLimit: 1024 * 1024,
    // Long garbage in a path parameter (e.g. a serial number) gets the route's own neutral 404, not a 414.
    routerOptions: { maxParamLength: 500 },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const services = createServices(deps);
  services.bescheinigungen.useLogger(app.log);
  services.certificateMails.useLogger(app.log);
  // Early answers come first: in a release storm most requests are repeats of an answer still valid
  // (see earlyAnswerHook).
  const availability = new AvailabilityAnswers(services.termine, deps.now ?? (() => new Date()));
  const availabilityLimit = rateLimitHook(services.rateLimiter, {
    group: 'availability',
    limit: 60,
    windowSeconds: 60,
  });
  app.addHook(
    'onRequest',
    earlyAnswerHook([availability.early(availabilityLimit), documentStatusEarly(services)], apiHeaders),
  );

  await app.register(errorsPlugin);
  await app.register(securityPlugin, { cookieSecret: deps.cookieSecret });
  await app.register(viewsPlugin, { demo: config.demo, siteInfo: () => services.city.siteInfo() });
  await app.register(authPlugin, { auth: services.auth });
  if (config.eid.kind === 'dev-idp') {
    // Demo mode without an identity broker: the built-in one (test persons, PIN 123456) at /dev-idp.
    await app.register(devIdpPlugin, {
      db: deps.database.db,
      issuer: config.eid.issuer,
      client: {
        clientId: DEV_IDP_CLIENT_ID,
        clientSecret: devIdpClientSecret(deps.cookieSecret),
        redirectUri: `${config.publicUrl}${CALLBACK_PATH}`,
        postLogoutRedirectUri: `${config.publicUrl}${LOGGED_OUT_PATH}`,
      },
      portalUrl: `${config.publicUrl}/`,
      cookieSecret: deps.cookieSecret,
    });
  }
  await app.register(citizenAuthPlugin, {
    eid: config.eid,
    publicUrl: config.publicUrl,
    cookieSecret: deps.cookieSecret,
    sessions: services.citizenSessions,
    ...(deps.now ? { now: deps.now } : {}),
  });
  await app.register(opsPlugin, { ping: deps.database.ping });
  await app.register(fastifyStatic, { root: path.join(root, 'public'), prefix: '/assets/', maxAge: '1h' });
  await app.register(fastifyStatic, {
    root: path.join(root, 'node_modules/@kern-ux/native/dist'),
    prefix: '/assets/kern/',
    decorateReply: false,
    maxAge: '7d',
  });

  await app.register(fastifyStatic, {
    root: path.join(root, 'node_modules/altcha/dist'),
    prefix: '/assets/altcha/',
    decorateReply: false,
    maxAge: '7d',
  });

  await app.register(apiPlugin, { publicUrl: config.publicUrl });
  await app.register(
    async (api) => {
      await api.register(leistungenApi, { leistungen: services.leistungen });
      await api.register(locationsApi, { locations: services.locations });
      // Per IP and shared by all nodes; switched off only for load tests (BUERGERAMT_RATE_LIMIT=off).
      const limit = (group: string, n: number, windowSeconds: number) =>
        rateLimitHook(services.rateLimiter, { group, limit: n, windowSeconds });
      await api.register(captchaRoutes, { captcha: services.captcha, limit: limit('captcha', 30, 60) });
      await api.register(termineApi, {
        termine: services.termine,
        captcha: (payload) => services.captcha.verify(payload),
        availabilityLimit,
        reservationLimit: limit('reservation', 10, 600),
        availability,
      });
      await api.register(dokumenteApi, services);
      await api.register(dokumenteIntegrationApi, services);
      await api.register(queueApi, {
        queue: services.queue,
        streams: services.queueStreams,
        publicUrl: config.publicUrl,
        issuerOf: (request) => issuerOf(app, services, request),
      });
    },
    { prefix: '/api/v1' },
  );
  app.addHook('onClose', async () => services.queueStreams.close());

  await app.register(cityRoutes, services);
  await app.register(leistungenRoutes, services);
  await app.register(locationsRoutes, services);
  await app.register(termineRoutes, services);
  await app.register(queueRoutes, { ...services, publicUrl: config.publicUrl });
  await app.register(workstationRoutes, services);
  await app.register(dokumenteRoutes, services);
  await app.register(dokumenteAdminRoutes, { ...services, publicUrl: config.publicUrl });
  await app.register(waitlistRoutes, services);
  await app.register(staffRoutes, services);
  await app.register(staffAdminRoutes, services);
  await app.register(cityAdminRoutes, services);
  await app.register(leistungenAdminRoutes, services);
  await app.register(locationsAdminRoutes, services);
  await app.register(mailboxRoutes, { mail: services.mail, demo: config.demo });
  await app.register(smsRoutes, { sms: services.sms, demo: config.demo });
  await app.register(serviceAccountsRoutes, services);
  await app.register(termineAdminRoutes, services);
  await app.register(bookingPolicyRoutes, services);
  await app.register(devicesRoutes, services);
  await app.register(devicesAdminRoutes, services);
  await app.register(melderegisterAdminRoutes, services);
  await app.register(paymentRoutes, services);
  await app.register(vorgaengeAdminRoutes, services);
  await app.register(vorgaengeRoutes, services);
  await app.register(antraegeRoutes, services);
  await app.register(bescheinigungenRoutes, services);
  await app.register(bescheinigungenAdminRoutes, services);

  return { app, services };
}
