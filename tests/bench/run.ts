// `pnpm bench [name…]`: runs the benchmarks and prints their figures; each compares with a baseline from the same run.
import { kafkaForTests, postgresForTests } from '@ledger/test-infrastructure';
import { benchApi } from './api.bench.ts';
import { benchCitations } from './citations.bench.ts';
import { benchExtraction } from './extraction.bench.ts';
import { benchExplorer } from './explorer.bench.ts';
import { benchKafkaRelay } from './kafka-relay.bench.ts';
import { benchLedgerAdd } from './ledger-add.bench.ts';
import { benchMerkleAppendPostgres, benchMerkleAppendSqlite } from './merkle-append.bench.ts';
import { benchMerkleProofs } from './merkle-proofs.bench.ts';
import { benchPostgresAppend } from './postgres-append.bench.ts';
import { benchProjections } from './projections.bench.ts';
import { benchSoak } from './soak.bench.ts';
import { benchSqliteAppend } from './sqlite-append.bench.ts';
import { benchStores } from './stores.bench.ts';

type Figures = Record<string, number | string>;

/** Runs a bench against a server picked like the tests pick theirs; says why when there is none. */
async function withServer<S extends { stop(): Promise<void> }>(
  provide: () => Promise<S | { skipReason: string }>,
  bench: (server: S) => Promise<Figures>,
): Promise<Figures> {
  const server = await provide();
  if ('skipReason' in server) return { skipped: server.skipReason };
  try {
    return await bench(server);
  } finally {
    await server.stop();
  }
}

const benches: Record<string, () => Promise<Figures>> = {
  'sqlite-append': benchSqliteAppend,
  'postgres-append': () => withServer(postgresForTests, (pg) => benchPostgresAppend(pg.connectionString)),
  extraction: benchExtraction,
  api: benchApi,
  'kafka-relay': () => withServer(kafkaForTests, (kafka) => benchKafkaRelay(kafka.brokers)),
  projections: benchProjections,
  'ledger-add': benchLedgerAdd,
  citations: benchCitations,
  'merkle-proofs': benchMerkleProofs,
  'merkle-append-sqlite': benchMerkleAppendSqlite,
  'merkle-append-postgres': () => withServer(postgresForTests, (pg) => benchMerkleAppendPostgres(pg.connectionString)),
  soak: benchSoak,
  stores: benchStores,
  explorer: benchExplorer,
};

const chosen = process.argv.slice(2);
for (const name of chosen.length ? chosen : Object.keys(benches)) {
  const bench = benches[name];
  if (!bench) {
    console.error(`unknown benchmark "${name}"; known: ${Object.keys(benches).join(', ')}`);
    process.exit(2);
  }
  const figures = await bench();
  console.log(`\n${name}`);
  for (const [label, value] of Object.entries(figures))
    console.log(`  ${label.padEnd(44)} ${value.toLocaleString('en-US')}`);
}
