// `pnpm bench [name…]`: runs the benchmarks and prints their figures; each compares with a baseline from the same run.
import { benchSqliteAppend } from './sqlite-append.bench.ts';

const benches: Record<string, () => Promise<Record<string, number>>> = {
  'sqlite-append': benchSqliteAppend,
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
