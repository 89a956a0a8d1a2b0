import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LedgerConfig } from '@ledger/config';
import { createCheckpointer, type Checkpointer } from './checkpointer.ts';
import { createMerkleTree, type MerkleTree } from './merkle-tree.ts';
import type { NodeStorage } from './node-storage.ts';
import { openPostgresNodeStorage } from './postgres-node-storage.ts';
import { loadOrCreateSigningKey, signingKeyPath, type NoteSigner } from './signing-key.ts';
import { openSqliteNodeStorage } from './sqlite-node-storage.ts';
import { postgresLeafSource, sqliteLeafSource, type LeafSource } from './leaf-source.ts';

/** The verifiable log as the API serves it and the log follower grows it. */
export interface VerifiableLog {
  tree: MerkleTree;
  checkpointer: Checkpointer;
  signer: NoteSigner;
  /** Where the tree reads chain hashes; undefined: whole events through the store. */
  leafSource: LeafSource | undefined;
  close(): Promise<void>;
}

export function openVerifiableLog(options: {
  storage: NodeStorage;
  signer: NoteSigner;
  origin: string;
  leafSource?: LeafSource;
}): VerifiableLog {
  const tree = createMerkleTree(options.storage);
  return {
    tree,
    signer: options.signer,
    checkpointer: createCheckpointer({
      tree,
      storage: options.storage,
      signer: options.signer,
      origin: options.origin,
    }),
    leafSource: options.leafSource,
    async close() {
      await options.leafSource?.close();
      await options.storage.close();
    },
  };
}

/** A SQLite file, or a PostgreSQL database (and schema). Plain data: it crosses into the follower's worker thread. */
export type TableLocation = { sqlitePath: string } | { connectionString: string; schema?: string };

/** Where a log's nodes live, and where its leaves' chain hashes are read (absent: through the event store). */
export interface LogLocation {
  nodes: TableLocation;
  events?: TableLocation;
}

export type LogConfig = Pick<LedgerConfig, 'store' | 'dataDir' | 'databaseUrl' | 'signingKeyFile' | 'logOrigin'>;

/** Nodes where the configuration puts the read models: a SQLite file in the data dir, PostgreSQL otherwise. */
export function configuredLogLocation(config: LogConfig): LogLocation {
  if (config.store === 'sqlite')
    return {
      nodes: { sqlitePath: join(config.dataDir, 'merkle-log.db') },
      // The events file beside it, as @ledger/ledger-commands opens it (created by the store before the log opens).
      events: { sqlitePath: join(config.dataDir, 'events.db') },
    };
  const server = { connectionString: config.databaseUrl! };
  return config.store === 'postgres' ? { nodes: server, events: server } : { nodes: server };
}

export async function openLogAt(
  location: LogLocation,
  options: { signer: NoteSigner; origin: string },
): Promise<VerifiableLog> {
  const { nodes, events } = location;
  const storage =
    'sqlitePath' in nodes
      ? openSqliteNodeStorage({ path: nodes.sqlitePath })
      : await openPostgresNodeStorage(nodes.schema ? nodes : { connectionString: nodes.connectionString });
  const leafSource = !events
    ? undefined
    : 'sqlitePath' in events
      ? sqliteLeafSource({ path: events.sqlitePath })
      : postgresLeafSource(events);
  return openVerifiableLog({ storage, ...options, ...(leafSource && { leafSource }) });
}

export async function openConfiguredLog(
  config: LogConfig,
  logger: { info(fields: object, message: string): void },
): Promise<VerifiableLog> {
  const signer = loadOrCreateSigningKey({
    keyFile: config.signingKeyFile,
    dataDir: config.dataDir,
    name: config.logOrigin,
    logger,
  });
  if (config.store === 'sqlite') mkdirSync(config.dataDir, { recursive: true });
  // Only the nodes: the follower's thread (startLogFollower) opens its own reader of the events.
  return openLogAt({ nodes: configuredLogLocation(config).nodes }, { signer, origin: config.logOrigin });
}

/** The key file the configured log signs with (generated there on first start when none is configured). */
export const configuredSigningKeyFile = (config: LogConfig): string =>
  signingKeyPath({ keyFile: config.signingKeyFile, dataDir: config.dataDir });
