import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/** An address, a CIDR range, or a name proxy-addr knows, as TRUST_PROXY lists them. */
function isProxyAddress(entry: string): boolean {
  if (entry === 'loopback' || entry === 'uniquelocal' || entry === 'linklocal') return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const prefix = Number(bits);
  return /^\d{1,3}$/.test(bits) && prefix <= (version === 4 ? 32 : 128);
}

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** Every setting Liaison reads from the environment, parsed once. README lists them for operators. */
const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('localhost'),
  /** Where the embedded database keeps its files when DATABASE_URL is not set. */
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().url().optional(),
  /**
   * The role that owns the tables, for migrations (`liaison migrate` and start-up). The server's
   * own DATABASE_URL role then needs no more than reading and writing rows (`liaison db grant`).
   */
  MIGRATION_DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  /** How long a request waits for a database connection before it is answered 503. */
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2_000),
  /** How long one statement may wait for the database before its connection is given up; 0: no limit. */
  DATABASE_QUERY_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  /** Public address of the web interface, used in links sent to partners. */
  PUBLIC_URL: z.string().url().optional(),
  /**
   * The reverse proxies in front of Liaison, as addresses or CIDR ranges separated by commas (or
   * `loopback`, `uniquelocal`). A client's address is then read from X-Forwarded-For as far as
   * these proxies vouch for it; from anyone else the header is ignored. Unset: only the direct
   * peer's address counts.
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((value, context) => {
      const entries = (value ?? '')
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry.length > 0);
      for (const entry of entries) {
        if (!isProxyAddress(entry)) {
          context.addIssue({
            code: 'custom',
            message: `"${entry}" is not an IP address, a CIDR range (such as 10.0.0.0/8), loopback or uniquelocal`,
          });
        }
      }
      return entries;
    }),
  /** Secure cookies need HTTPS; browsers treat http://localhost as secure, so this stays on by default. */
  COOKIE_SECURE: booleanFlag.default(true),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(72).default(12),
  /** Sign-in attempts one address may make per minute, whichever accounts they are for. */
  SIGN_IN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(60),
  /** How recently a person must have confirmed their password (and code) for sensitive actions. */
  REAUTHENTICATION_MINUTES: z.coerce.number().int().min(1).max(60).default(5),
  /** The AES-256 key that encrypts authenticator (TOTP) secrets; never stored in the database. */
  MFA_KEY_FILE: z.string().min(1).optional(),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_SECURE: booleanFlag.default(false),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_FROM: z.string().default('Liaison <liaison@localhost>'),
  /** Send only over an encrypted connection; off only for a relay on this machine or a test server. */
  SMTP_REQUIRE_TLS: booleanFlag.default(true),
  /** How long an audit entry may wait before the sequencer seals it into its organisation's chain. */
  AUDIT_SEAL_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(200),
  /** Where signed audit checkpoints are written: keep it off the database server, append-only if you can. */
  AUDIT_CHECKPOINT_DIR: z.string().min(1).optional(),
  /** The Ed25519 key that signs checkpoints (PKCS#8 PEM, mode 0600); never stored in the database. */
  AUDIT_CHECKPOINT_KEY_FILE: z.string().min(1).optional(),
  /**
   * A second folder every checkpoint is also written to, on storage the database's administrators
   * cannot reach (another host's share, write-once storage): verification needs the latest
   * checkpoint in both.
   */
  AUDIT_CHECKPOINT_MIRROR_DIR: z.string().min(1).optional(),
  /** How often the server writes checkpoints; 0 leaves it to `liaison audit checkpoint`. */
  AUDIT_CHECKPOINT_INTERVAL_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .default(60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** The table owner's connection, for migrations; without it they run through databaseUrl. */
  migrationDatabaseUrl: string | undefined;
  databasePoolSize: number;
  databaseConnectTimeoutMs: number;
  databaseQueryTimeoutMs: number;
  publicUrl: string;
  cookieSecure: boolean;
  /** The reverse proxies trusted to say who the client is (TRUST_PROXY); empty: none. */
  trustProxy: string[];
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  signInAttemptsPerMinute: number;
  reauthenticationMs: number;
  mfaKeyFile: string;
  smtp: {
    host: string | undefined;
    port: number;
    secure: boolean;
    user: string | undefined;
    password: string | undefined;
    from: string;
    requireTls: boolean;
  };
  auditSealIntervalMs: number;
  auditCheckpoint: {
    directory: string;
    keyFile: string;
    mirrorDirectory?: string | null;
    intervalMs: number;
  };
  logLevel: string;
  environment: 'development' | 'production' | 'test';
};

export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration in the environment:\n${problems.join('\n')}`);
  }
  const env = parsed.data;
  if (env.NODE_ENV === 'production') {
    const problems = productionProblems(env, environment);
    if (problems.length > 0) {
      const lines = problems.map((problem) => `  ${problem}`);
      throw new Error(`Settings not safe for production (NODE_ENV=production):\n${lines.join('\n')}`);
    }
  }
  const dataDir = path.resolve(env.DATA_DIR);
  // Beside the data directory, not inside it: a backup of the database files must not carry its
  // checkpoints (restoring it would roll them back too) nor the key that signs them.
  const besideData = path.dirname(dataDir);
  return {
    port: env.PORT,
    host: env.HOST,
    dataDir,
    databaseUrl: env.DATABASE_URL,
    migrationDatabaseUrl: env.MIGRATION_DATABASE_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    databaseConnectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
    databaseQueryTimeoutMs: env.DATABASE_QUERY_TIMEOUT_MS,
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
    cookieSecure: env.COOKIE_SECURE,
    trustProxy: env.TRUST_PROXY,
    sessionIdleMs: env.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: env.SESSION_ABSOLUTE_HOURS * 3_600_000,
    signInAttemptsPerMinute: env.SIGN_IN_ATTEMPTS_PER_MINUTE,
    reauthenticationMs: env.REAUTHENTICATION_MINUTES * 60_000,
    // Beside the data directory like the checkpoint key: a copy of the database is no use without it.
    mfaKeyFile: path.resolve(env.MFA_KEY_FILE ?? path.join(besideData, 'mfa-secret-key')),
    smtp: {
      host: env.SMTP_HOST,
      port: env.SMTP_PORT,
      secure: env.SMTP_SECURE,
      user: env.SMTP_USER,
      password: env.SMTP_PASSWORD,
      from: env.SMTP_FROM,
      requireTls: env.SMTP_REQUIRE_TLS,
    },
    auditSealIntervalMs: env.AUDIT_SEAL_INTERVAL_MS,
    auditCheckpoint: {
      directory: path.resolve(env.AUDIT_CHECKPOINT_DIR ?? path.join(besideData, 'audit-checkpoints')),
      keyFile: path.resolve(
        env.AUDIT_CHECKPOINT_KEY_FILE ?? path.join(besideData, 'audit-checkpoint-key.pem'),
      ),
      mirrorDirectory: env.AUDIT_CHECKPOINT_MIRROR_DIR ? path.resolve(env.AUDIT_CHECKPOINT_MIRROR_DIR) : null,
      intervalMs: env.AUDIT_CHECKPOINT_INTERVAL_MINUTES * 60_000,
    },
    logLevel: env.LOG_LEVEL,
    environment: env.NODE_ENV,
  };
}

const onThisMachine = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/**
 * What a production server must not run with: every setting that would turn off a protection
 * only a test or a developer's machine can do without. Each line names the setting and what to do.
 */
function productionProblems(
  env: z.infer<typeof environmentSchema>,
  environment: NodeJS.ProcessEnv,
): string[] {
  const problems: string[] = [];
  if (env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace') {
    problems.push(
      `LOG_LEVEL: ${env.LOG_LEVEL} logs every request, for finding a fault on a test server; use info (the default), warn or error.`,
    );
  }
  if (!env.COOKIE_SECURE) {
    problems.push('COOKIE_SECURE: must be on, so the session cookie only ever travels over HTTPS.');
  }
  if (!env.PUBLIC_URL?.startsWith('https://')) {
    problems.push(
      'PUBLIC_URL: set the https:// address people reach Liaison at; links emailed to partners use it.',
    );
  }
  if (environment.NODE_TLS_REJECT_UNAUTHORIZED === '0') {
    problems.push(
      'NODE_TLS_REJECT_UNAUTHORIZED: 0 turns off certificate checks on every connection (database, mail server); remove it.',
    );
  }
  for (const [name, url] of [
    ['DATABASE_URL', env.DATABASE_URL],
    ['MIGRATION_DATABASE_URL', env.MIGRATION_DATABASE_URL],
  ] as const) {
    if (url && /[?&]sslmode=no-verify(&|$)/i.test(url)) {
      problems.push(
        `${name}: sslmode=no-verify accepts any certificate; use verify-full (or require, which checks it too).`,
      );
    }
  }
  if (env.SMTP_HOST && !env.SMTP_REQUIRE_TLS && !onThisMachine.has(env.SMTP_HOST)) {
    problems.push(
      `SMTP_REQUIRE_TLS: off sends emails to ${env.SMTP_HOST} unencrypted; turn it on (off only for a relay on this machine).`,
    );
  }
  return problems;
}
