import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LedgerConfig } from '@ledger/config';
import { createCheckpointer, type Checkpointer } from './checkpointer.ts';
import { createMerkleTree, type MerkleTree } from './merkle-tree.ts';
import type { NodeStorage } from './node-storage.ts';
import { openPostgresNodeStorage } from './postgres-node-storage.ts';
import { loadOrCreateSigningKey, type NoteSigner } from './signing-key.ts';
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

/** Node storage where the configuration puts the read models: a SQLite file in the data dir, PostgreSQL otherwise. */
export async function openConfiguredLog(
  config: Pick<LedgerConfig, 'store' | 'dataDir' | 'databaseUrl' | 'signingKeyFile' | 'logOrigin'>,
  logger: { info(fields: object, message: string): void },
): Promise<VerifiableLog> {
  const signer = loadOrCreateSigningKey({
    keyFile: config.signingKeyFile,
    dataDir: config.dataDir,
    name: config.logOrigin,
    logger,
  });
  if (config.store === 'sqlite') {
    mkdirSync(config.dataDir, { recursive: true });
    return openVerifiableLog({
      storage: openSqliteNodeStorage({ path: join(config.dataDir, 'merkle-log.db') }),
      // The events file beside it, as @ledger/ledger-commands opens it (created by the store before the log opens).
      leafSource: sqliteLeafSource({ path: join(config.dataDir, 'events.db') }),
      signer,
      origin: config.logOrigin,
    });
  }
  const storage = await openPostgresNodeStorage({ connectionString: config.databaseUrl! });
  const leafSource =
    config.store === 'postgres' ? postgresLeafSource({ connectionString: config.databaseUrl! }) : undefined;
  return openVerifiableLog({ storage, signer, origin: config.logOrigin, ...(leafSource && { leafSource }) });
}
