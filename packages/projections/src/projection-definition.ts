import type { Compilable, Kysely, Transaction } from 'kysely';
import type { RecordedEvent } from '@ledger/event-store';

/**
 * A named, versioned projection, in the manner of emmett's `ProjectionDefinition`: what it is called, which version
 * of its tables the code writes, the events it handles, the tables it owns, and its handler. When the version the
 * database holds differs, the projection is rebuilt into new tables beside the old ones and then swapped in.
 */
export interface ProjectionDefinition<Db> {
  name: string;
  /** Raised whenever the tables' shape or the rules that fill them change; a change means a rebuild. */
  version: number;
  /** Event types the handler reads; others only move the checkpoint. */
  canHandle: readonly string[];
  /** Every table it owns, rebuilt and swapped together; the first holds its checkpoint. */
  tables: readonly string[];
  /** Statements that create its tables with the keys its handler writes through (idempotent). */
  createTables(db: Kysely<Db>, indexSuffix: string): Compilable[];
  /** The read paths' indexes: a rebuild builds them after loading, by one sort each (idempotent). */
  createIndexes(db: Kysely<Db>, indexSuffix: string): Compilable[];
  /** Applies events after its checkpoint in the caller's transaction; resolves to the new checkpoint. */
  handle(trx: Transaction<Db>, events: readonly RecordedEvent[], options: HandleOptions): Promise<number>;
  /**
   * A faster way to build the tables from nothing, for a rebuild beside: `load` takes the pages in place of `handle`
   * and may leave out what can be derived once at the end; `finish` derives it after `createIndexes`, and must give
   * what `handle` would have kept (it may run again after a crash).
   */
  bulk?: {
    load(trx: Transaction<Db>, events: readonly RecordedEvent[], options: HandleOptions): Promise<number>;
    /** Rewrites the loaded tables in the order readers read them, in one transaction, before `createIndexes`. */
    cluster?(trx: Transaction<Db>, indexSuffix: string): Promise<void>;
    finish(db: Kysely<Db>): Promise<void>;
  };
}

export interface HandleOptions {
  /** Write outbox entries for what changed (not while rebuilding beside: the swap writes them). */
  outbox: boolean;
  /** Runs after every write, before the checkpoint moves: a seam for crash tests. */
  beforeCheckpoint?: () => void | Promise<void>;
}
