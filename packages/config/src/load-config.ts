import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';

const TOKEN_LIST = /^[^\s:,]+:(read|write)(,[^\s:,]+:(read|write))*$/;

const ConfigSchema = z.object({
  LEDGER_DATA_DIR: z.string().min(1, 'must not be empty').default('./data'),
  LEDGER_STORE: z
    .enum(['sqlite', 'postgres', 'kurrentdb'], { error: 'must be "sqlite", "postgres" or "kurrentdb"' })
    .default('sqlite'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  EVENTSTORE_CONNECTION_STRING: z
    .string()
    .regex(/^(kurrentdb|esdb|kdb)(\+discover)?:\/\//, 'must be a kurrentdb:// (or esdb://) connection string')
    .optional(),
  LEDGER_PROJECTOR: z.enum(['inline', 'off'], { error: 'must be "inline" or "off"' }).default('inline'),
  KAFKA_EVENTS_TOPIC: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,249}$/, 'must be a Kafka topic name')
    .default('indicator-ledger.events.v1'),
  KAFKA_OBSERVATIONS_TOPIC: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,249}$/, 'must be a Kafka topic name')
    .default('indicator-ledger.observations.v1'),
  KAFKA_BROKERS: z
    .string()
    .regex(/^[^\s,]+:\d+(,[^\s,]+:\d+)*$/, 'must be comma-separated host:port addresses')
    .optional(),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be a pino level (info, debug, …)',
    })
    .default('info'),
  PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a whole number')
    .min(0)
    .max(65535, 'must be at most 65535')
    .default(8080),
  LEDGER_API_TOKENS: z
    .string()
    .regex(TOKEN_LIST, 'must be a comma-separated list of token:scope with scope read or write')
    .optional(),
  LEDGER_READ_ACCESS: z.enum(['open', 'token'], { error: 'must be "open" or "token"' }).default('open'),
  LEDGER_BODY_LIMIT_BYTES: z.coerce
    .number({ error: 'must be a number of bytes' })
    .int()
    .min(1024)
    .max(50_000_000)
    .default(8_000_000),
  LEDGER_RATE_LIMIT_PER_MINUTE: z.coerce.number({ error: 'must be a number' }).int().min(1).default(6000),
  LEDGER_SEEDS_DIR: z.string().min(1).default('./seeds'),
  LEDGER_INGEST_SEEDS: z.enum(['on', 'off'], { error: 'must be "on" or "off"' }).default('on'),
  LEDGER_SIGNING_KEY_FILE: z.string().min(1, 'must not be empty').optional(),
  LEDGER_LOG_ORIGIN: z
    .string()
    .regex(/^[^\s+]+$/, 'must be non-empty, without spaces or "+" (it is also the signing key name)')
    .optional(),
});

export interface ApiToken {
  token: string;
  scope: 'read' | 'write';
}

export interface LedgerConfig {
  dataDir: string;
  /** Where events live; read models are SQLite files beside them for sqlite, PostgreSQL (databaseUrl) otherwise. */
  store: 'sqlite' | 'postgres' | 'kurrentdb';
  databaseUrl: string | undefined;
  eventStoreConnectionString: string | undefined;
  /** inline: this process also runs the projector (embedded); off: a separate projector process does. */
  projector: 'inline' | 'off';
  kafkaBrokers: string[];
  kafkaTopics: { events: string; observations: string };
  logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
  port: number;
  apiTokens: ApiToken[];
  readAccess: 'open' | 'token';
  bodyLimitBytes: number;
  rateLimitPerMinute: number;
  seedsDir: string;
  /** Ingest the seeds when the store is empty at start. */
  ingestSeeds: boolean;
  /** The Ed25519 key that signs log checkpoints; generated into dataDir when not given. */
  signingKeyFile: string | undefined;
  /** The first line of every checkpoint (C2SP tlog-checkpoint origin). */
  logOrigin: string;
}

/** A bad setting; the message names every variable at fault and never echoes its value (it may be a secret). */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): LedgerConfig {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      `invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  }
  const c = parsed.data;
  const apiTokens = (c.LEDGER_API_TOKENS ?? '')
    .split(',')
    .filter(Boolean)
    .map((entry) => {
      const [token, scope] = entry.split(':') as [string, ApiToken['scope']];
      return { token, scope };
    });
  if (c.LEDGER_STORE !== 'sqlite' && !c.DATABASE_URL) {
    throw new ConfigError(
      `invalid configuration: DATABASE_URL is required when LEDGER_STORE is "${c.LEDGER_STORE}" (read models live in PostgreSQL)`,
    );
  }
  if (c.LEDGER_STORE === 'kurrentdb' && !c.EVENTSTORE_CONNECTION_STRING) {
    throw new ConfigError(
      'invalid configuration: EVENTSTORE_CONNECTION_STRING is required when LEDGER_STORE is "kurrentdb"',
    );
  }
  if (c.LEDGER_READ_ACCESS === 'token' && apiTokens.length === 0) {
    throw new ConfigError('invalid configuration: LEDGER_READ_ACCESS is "token" but LEDGER_API_TOKENS names no token');
  }
  return {
    dataDir: resolve(c.LEDGER_DATA_DIR),
    store: c.LEDGER_STORE,
    databaseUrl: c.DATABASE_URL,
    eventStoreConnectionString: c.EVENTSTORE_CONNECTION_STRING,
    projector: c.LEDGER_PROJECTOR,
    kafkaBrokers: c.KAFKA_BROKERS?.split(',') ?? [],
    kafkaTopics: { events: c.KAFKA_EVENTS_TOPIC, observations: c.KAFKA_OBSERVATIONS_TOPIC },
    logLevel: c.LOG_LEVEL,
    port: c.PORT,
    apiTokens,
    readAccess: c.LEDGER_READ_ACCESS,
    bodyLimitBytes: c.LEDGER_BODY_LIMIT_BYTES,
    rateLimitPerMinute: c.LEDGER_RATE_LIMIT_PER_MINUTE,
    seedsDir: resolve(c.LEDGER_SEEDS_DIR),
    ingestSeeds: c.LEDGER_INGEST_SEEDS === 'on',
    signingKeyFile: c.LEDGER_SIGNING_KEY_FILE && resolve(c.LEDGER_SIGNING_KEY_FILE),
    logOrigin: c.LEDGER_LOG_ORIGIN ?? `indicator-ledger/${hostname()}`,
  };
}

/** For a service's entry point: the configuration, or a message naming what is wrong and exit code 2. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): LedgerConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
}
