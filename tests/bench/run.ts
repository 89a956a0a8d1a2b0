// `pnpm bench [name…]`: runs the benchmarks and prints their figures; each compares with a baseline from the same run.
import { postgresForTests } from '@ledger/test-infrastructure';
import { benchApi } from './api.bench.ts';
import { benchExtraction } from './extraction.bench.ts';
import { benchPostgresAppend } from './postgres-append.bench.ts';
import { benchProjections } from './projections.bench.ts';
import { benchSqliteAppend } from './sqlite-append.bench.ts';

type Figures = Record<string, number | string>;

async function withPostgres(bench: (connectionString: string) => Promise<Figures>): Promise<Figures> {
  const pg = await postgresForTests();
  if ('skipReason' in pg) return { skipped: pg.skipReason };
  try {
    return await bench(pg.connectionString);
  } finally {
    await pg.stop();
  }
}

const benches: Record<string, () => Promise<Figures>> = {
  'sqlite-append': benchSqliteAppend,
  'postgres-append': () => withPostgres(benchPostgresAppend),
  extraction: benchExtraction,
  api: benchApi,
  projections: benchProjections,
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
  for (const [label, value] of Object.entries(figures)) console.log(`  ${label.padEnd(44)} ${value.toLocaleString('en-US')}`);
}
