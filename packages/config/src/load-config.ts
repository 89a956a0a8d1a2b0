import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';

// An entry is `name=secret:scope`, or `secret:scope` (the older form, named by a short hash of the secret).
const NAMED_TOKEN = /^([A-Za-z0-9_.-]{1,64})=([^\s:,=][^\s:,]*):(read|write)$/;
const UNNAMED_TOKEN = /^([^\s:,]+):(read|write)$/;
const TOKEN_LIST = /^[^\s,]+(,[^\s,]+)*$/;

/** A whole number from the environment, at least `min`. */
const count = (what: string, min: number) =>
  z.coerce
    .number({ error: `must be ${what}` })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`);

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
    .regex(TOKEN_LIST, 'must be a comma-separated list of name=secret:scope (or secret:scope), scope read or write')
    .refine(
      (list) => list.split(',').every((entry) => NAMED_TOKEN.test(entry) || UNNAMED_TOKEN.test(entry)),
      'must be a comma-separated list of name=secret:scope (or secret:scope), scope read or write',
    )
    .optional(),
  LEDGER_READ_ACCESS: z.enum(['open', 'token'], { error: 'must be "open" or "token"' }).default('open'),
  LEDGER_BODY_LIMIT_BYTES: z.coerce
    .number({ error: 'must be a number of bytes' })
    .int()
    .min(1024)
    .max(50_000_000)
    .default(8_000_000),
  LEDGER_RATE_LIMIT_PER_MINUTE: z.coerce.number({ error: 'must be a number' }).int().min(1).default(6000),
  LEDGER_SSE_MAX_STREAMS: count('a number of streams', 1).default(100),
  LEDGER_SSE_BUFFER_BYTES: count('a number of bytes', 16_384).default(1_048_576),
  LEDGER_SSE_HEARTBEAT_SECONDS: count('a number of seconds', 1).default(15),
  LEDGER_HEADERS_TIMEOUT_MS: count('a number of milliseconds', 1000).default(10_000),
  LEDGER_REQUEST_TIMEOUT_MS: count('a number of milliseconds', 1000).default(60_000),
  LEDGER_KEEP_ALIVE_TIMEOUT_MS: count('a number of milliseconds', 1000).default(5_000),
  LEDGER_MAX_REQUESTS_PER_SOCKET: count('a number of requests', 1).default(1000),
  LEDGER_MAX_CONNECTIONS: count('a number of connections', 1).default(1000),
  LEDGER_SEEDS_DIR: z.string().min(1).default('./seeds'),
  LEDGER_INGEST_SEEDS: z.enum(['on', 'off'], { error: 'must be "on" or "off"' }).default('on'),
  LEDGER_SIGNING_KEY_FILE: z.string().min(1, 'must not be empty').optional(),
  LEDGER_LOG_ORIGIN: z
    .string()
    .regex(/^[^\s+]+$/, 'must be non-empty, without spaces or "+" (it is also the signing key name)')
    .optional(),
});

export interface ApiToken {
  /** What events written with the token say recorded them (`token:<name>`); never the secret. */
  name: string;
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
  /** Live event streams (SSE): how many at once, bytes buffered per stream before waiting for the client, heartbeat. */
  sse: { maxStreams: number; bufferBytes: number; heartbeatMs: number };
  /** Limits of the HTTP server: slow or endless requests and idle connections are cut off. */
  http: {
    headersTimeoutMs: number;
    requestTimeoutMs: number;
    keepAliveTimeoutMs: number;
    maxRequestsPerSocket: number;
    maxConnections: number;
  };
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
  const apiTokens = (c.LEDGER_API_TOKENS ?? '').split(',').filter(Boolean).map(apiTokenOf);
  const names = apiTokens.map((t) => t.name);
  if (new Set(names).size !== names.length)
    throw new ConfigError('invalid configuration: LEDGER_API_TOKENS names one token twice');
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
  if (c.LEDGER_HEADERS_TIMEOUT_MS > c.LEDGER_REQUEST_TIMEOUT_MS) {
    throw new ConfigError('invalid configuration: LEDGER_HEADERS_TIMEOUT_MS must not exceed LEDGER_REQUEST_TIMEOUT_MS');
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
    sse: {
      maxStreams: c.LEDGER_SSE_MAX_STREAMS,
      bufferBytes: c.LEDGER_SSE_BUFFER_BYTES,
      heartbeatMs: c.LEDGER_SSE_HEARTBEAT_SECONDS * 1000,
    },
    http: {
      headersTimeoutMs: c.LEDGER_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: c.LEDGER_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: c.LEDGER_KEEP_ALIVE_TIMEOUT_MS,
      maxRequestsPerSocket: c.LEDGER_MAX_REQUESTS_PER_SOCKET,
      maxConnections: c.LEDGER_MAX_CONNECTIONS,
    },
    ingestSeeds: c.LEDGER_INGEST_SEEDS === 'on',
    signingKeyFile: c.LEDGER_SIGNING_KEY_FILE && resolve(c.LEDGER_SIGNING_KEY_FILE),
    logOrigin: c.LEDGER_LOG_ORIGIN ?? `indicator-ledger/${hostname()}`,
  };
}

function apiTokenOf(entry: string): ApiToken {
  const named = NAMED_TOKEN.exec(entry);
  if (named) return { name: named[1]!, token: named[2]!, scope: named[3] as ApiToken['scope'] };
  const [, token, scope] = UNNAMED_TOKEN.exec(entry)!;
  return {
    name: createHash('sha256').update(token!).digest('hex').slice(0, 8),
    token: token!,
    scope: scope as ApiToken['scope'],
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
