import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LedgerConfig } from '@ledger/config';
import { createCheckpointer, type Checkpointer } from './checkpointer.ts';
import { createMerkleTree, type MerkleTree } from './merkle-tree.ts';
import type { NodeStorage } from './node-storage.ts';
import { openPostgresNodeStorage } from './postgres-node-storage.ts';
import { loadOrCreateSigningKey, type NoteSigner } from './signing-key.ts';
import { openSqliteNodeStorage } from './sqlite-node-storage.ts';

/** The verifiable log as the API serves it and the log follower grows it. */
export interface VerifiableLog {
  tree: MerkleTree;
  checkpointer: Checkpointer;
  signer: NoteSigner;
  close(): Promise<void>;
}

export function openVerifiableLog(options: {
  storage: NodeStorage;
  signer: NoteSigner;
  origin: string;
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
    close: () => options.storage.close(),
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
  let storage: NodeStorage;
  if (config.store === 'sqlite') {
    mkdirSync(config.dataDir, { recursive: true });
    storage = openSqliteNodeStorage({ path: join(config.dataDir, 'merkle-log.db') });
  } else storage = await openPostgresNodeStorage({ connectionString: config.databaseUrl! });
  return openVerifiableLog({ storage, signer, origin: config.logOrigin });
}
