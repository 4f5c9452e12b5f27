import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { type EidConfig, eidVariables, resolveEidConfig } from '../eid/eid.config.js';

/**
 * The one typed configuration module. Every value comes from the environment; any variable may instead
 * be given as a file (`NAME_FILE=/run/secrets/…`, the Docker/Kubernetes secrets convention). An invalid
 * value stops start-up with a message naming the variable.
 */
const onOff = z
  .enum(['on', 'off', 'true', 'false', '1', '0'])
  .transform((value) => value === 'on' || value === 'true' || value === '1');

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  BUERGERAMT_DATA_DIR: z.string().min(1).default('./data'),
  BUERGERAMT_DEMO: onOff.optional(),
  BUERGERAMT_PUBLIC_URL: z.url().optional(),
  BUERGERAMT_COOKIE_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  BUERGERAMT_TRUST_PROXY: onOff.default(false),
  BUERGERAMT_SESSION_HOURS: z.coerce.number().positive().max(24).default(8),
  BUERGERAMT_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  BUERGERAMT_LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  BUERGERAMT_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  BUERGERAMT_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  BUERGERAMT_MAIL_FROM: z.string().min(3).default('Bürgeramt <buergeramt@localhost>'),
  BUERGERAMT_CAPTCHA: onOff.default(true),
  BUERGERAMT_RATE_LIMIT: onOff.default(true),
  BUERGERAMT_HOLD_MINUTES: z.coerce.number().int().min(1).max(120).default(10),
  BUERGERAMT_CONFIRM_MINUTES: z.coerce.number().int().min(5).max(1440).default(60),
  BUERGERAMT_FREEZE_MINUTES: z.coerce.number().int().min(0).max(1440).default(30),
  BUERGERAMT_MAX_APPOINTMENTS_PER_EMAIL: z.coerce.number().int().min(1).max(50).default(3),
  BUERGERAMT_REMINDER_HOURS: z.coerce.number().int().min(1).max(168).default(24),
  BUERGERAMT_OFFER_HOURS: z.coerce.number().int().min(1).max(168).default(24),
  /** ID documents: reminder to collect after this many days ready, destruction list after that many. */
  BUERGERAMT_DOCUMENT_REMINDER_DAYS: z.coerce.number().int().min(1).max(365).default(28),
  BUERGERAMT_DOCUMENT_DESTRUCTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** Personal data of handed-over documents is deleted after this many days. */
  BUERGERAMT_DOCUMENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** Sent e-mails are deleted from the outbox after this many days. */
  BUERGERAMT_MAIL_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Largest file a citizen may upload with an online application (each field may allow less). */
  BUERGERAMT_UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(100).default(10),
  /** Ed25519 private key (PEM) sealing certificates; usually given as BUERGERAMT_SEAL_KEY_FILE. */
  BUERGERAMT_SEAL_KEY: z.string().optional(),
  /** Answer time of the local population register (it behaves like a remote one); default 150 in demo mode, else 0. */
  BUERGERAMT_REGISTER_DELAY_MS: z.coerce.number().int().min(0).max(60_000).optional(),
  /** Share of identifications the local register answers "unavailable" (0..1), for testing. */
  BUERGERAMT_REGISTER_FAILURE_RATE: z.coerce.number().min(0).max(1).default(0),
  /** Online payment: `local` (the built-in test payment page) or `none`; default local in demo mode, else none. */
  BUERGERAMT_PAYMENT_PROVIDER: z.enum(['local', 'none']).optional(),
  /** Answer time of the local payment provider; default a realistic 300–800 ms (status 100–300 ms). */
  BUERGERAMT_PAYMENT_DELAY_MS: z.coerce.number().int().min(0).max(60_000).optional(),
  /** Citizen log-in with the eID: BUERGERAMT_OIDC_ISSUER, _CLIENT_ID, _CLIENT_SECRET, _SCOPES. */
  ...eidVariables,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type RawConfig = z.infer<typeof configSchema>;

export interface Config {
  port: number;
  host: string;
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string; poolSize: number };
  /** Demo mode: demo data and demo staff accounts with published passwords. Never in production. */
  demo: boolean;
  publicUrl: string;
  /** Undefined in demo mode until the data directory provides a generated one. */
  cookieSecret: string | undefined;
  trustProxy: boolean;
  sessionHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  logLevel: RawConfig['LOG_LEVEL'];
  mail: { smtpUrl: string | undefined; from: string; retentionDays: number };
  /** Online applications: the global cap for one uploaded file. */
  uploads: { maxBytes: number };
  booking: {
    captcha: boolean;
    rateLimit: boolean;
    holdMinutes: number;
    confirmMinutes: number;
    freezeMinutes: number;
    maxAppointmentsPerEmail: number;
    reminderHours: number;
    offerHours: number;
  };
  /** The certificate seal: the configured Ed25519 private key (PEM), if any (see README). */
  seal: { privateKeyPem: string | undefined };
  /** Citizen log-in with the eID: an identity broker, the built-in dev IdP (demo) or none. */
  eid: EidConfig;
  /** The local population register's simulated remote behaviour. */
  register: { delayMs: number; failureRate: number };
  /** Online payment provider; `delayMs` undefined: the local provider's realistic random delays. */
  payment: { provider: 'local' | 'none'; delayMs: number | undefined };
  documents: {
    reminderDays: number;
    destructionDays: number;
    retentionDays: number;
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The seal key must be an Ed25519 private key in PEM; anything else stops start-up naming the variable. */
function sealKeyOf(pem: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (pem === undefined) return undefined;
  const variable = env.BUERGERAMT_SEAL_KEY_FILE ? 'BUERGERAMT_SEAL_KEY_FILE' : 'BUERGERAMT_SEAL_KEY';
  const hint = 'generate one with: openssl genpkey -algorithm ed25519 -out seal.pem';
  let type: string | undefined;
  try {
    type = createPrivateKey(pem).asymmetricKeyType;
  } catch {
    throw new ConfigError(`Invalid configuration:\n  ${variable}: not a PEM private key (${hint})`);
  }
  if (type !== 'ed25519') {
    throw new ConfigError(
      `Invalid configuration:\n  ${variable}: an Ed25519 key is needed, not ${type} (${hint})`,
    );
  }
  return pem;
}

/** Resolves `NAME_FILE` into `NAME` so secrets can live in files. */
function withSecretFiles(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const resolved: Record<string, string | undefined> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const fileVariable = `${key}_FILE`;
    const file = env[fileVariable];
    if (file) {
      try {
        resolved[key] = readFileSync(file, 'utf8').trim();
      } catch (error) {
        throw new ConfigError(`${fileVariable}: cannot read ${file} (${(error as Error).message})`);
      }
    } else if (env[key] !== undefined && env[key] !== '') {
      resolved[key] = env[key];
    }
  }
  return resolved;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(withSecretFiles(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const raw = parsed.data;
  const database: Config['database'] = raw.DATABASE_URL
    ? { kind: 'postgres', url: raw.DATABASE_URL, poolSize: raw.BUERGERAMT_DB_POOL_SIZE }
    : { kind: 'pglite', dataDir: path.resolve(raw.BUERGERAMT_DATA_DIR) };
  // Embedded PGlite is for trials and a single office, so demo mode is its default.
  const demo = raw.BUERGERAMT_DEMO ?? database.kind === 'pglite';
  if (!demo && !raw.BUERGERAMT_COOKIE_SECRET) {
    throw new ConfigError(
      'Invalid configuration:\n  BUERGERAMT_COOKIE_SECRET: required outside demo mode (at least 32 random characters)',
    );
  }
  const sealKey = sealKeyOf(raw.BUERGERAMT_SEAL_KEY, env);
  const publicUrl = (raw.BUERGERAMT_PUBLIC_URL ?? `http://localhost:${raw.PORT}`).replace(/\/$/, '');
  const eid = resolveEidConfig(raw, { demo, publicUrl });
  if ('problem' in eid) throw new ConfigError(`Invalid configuration:\n  ${eid.problem}`);
  return {
    port: raw.PORT,
    host: raw.HOST,
    database,
    demo,
    publicUrl,
    cookieSecret: raw.BUERGERAMT_COOKIE_SECRET,
    trustProxy: raw.BUERGERAMT_TRUST_PROXY,
    sessionHours: raw.BUERGERAMT_SESSION_HOURS,
    loginMaxFailures: raw.BUERGERAMT_LOGIN_MAX_FAILURES,
    loginLockMinutes: raw.BUERGERAMT_LOGIN_LOCK_MINUTES,
    logLevel: raw.LOG_LEVEL,
    mail: {
      smtpUrl: raw.BUERGERAMT_SMTP_URL,
      from: raw.BUERGERAMT_MAIL_FROM,
      retentionDays: raw.BUERGERAMT_MAIL_RETENTION_DAYS,
    },
    uploads: { maxBytes: raw.BUERGERAMT_UPLOAD_MAX_MB * 1024 * 1024 },
    booking: {
      captcha: raw.BUERGERAMT_CAPTCHA,
      rateLimit: raw.BUERGERAMT_RATE_LIMIT,
      holdMinutes: raw.BUERGERAMT_HOLD_MINUTES,
      confirmMinutes: raw.BUERGERAMT_CONFIRM_MINUTES,
      freezeMinutes: raw.BUERGERAMT_FREEZE_MINUTES,
      maxAppointmentsPerEmail: raw.BUERGERAMT_MAX_APPOINTMENTS_PER_EMAIL,
      reminderHours: raw.BUERGERAMT_REMINDER_HOURS,
      offerHours: raw.BUERGERAMT_OFFER_HOURS,
    },
    seal: { privateKeyPem: sealKey },
    eid,
    register: {
      delayMs: raw.BUERGERAMT_REGISTER_DELAY_MS ?? (demo ? 150 : 0),
      failureRate: raw.BUERGERAMT_REGISTER_FAILURE_RATE,
    },
    payment: {
      provider: raw.BUERGERAMT_PAYMENT_PROVIDER ?? (demo ? 'local' : 'none'),
      delayMs: raw.BUERGERAMT_PAYMENT_DELAY_MS,
    },
    documents: {
      reminderDays: raw.BUERGERAMT_DOCUMENT_REMINDER_DAYS,
      destructionDays: raw.BUERGERAMT_DOCUMENT_DESTRUCTION_DAYS,
      retentionDays: raw.BUERGERAMT_DOCUMENT_RETENTION_DAYS,
    },
  };
}
