import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type LedgerConfig } from '@ledger/config';

export const BENCH_TOKEN = 'bench-writer';
const SEEDS = join(import.meta.dirname, '../../seeds');

/**
 * An embedded ledger's environment for a bench: a fresh data directory, the seeds, a write token, no rate limit, no
 * limit of requests per connection.
 */
export function benchLedgerEnv(
  name: string,
  env: Record<string, string> = {},
): { env: Record<string, string>; dataDir: string } {
  const dataDir = mkdtempSync(join(tmpdir(), `bench-${name}-`));
  return {
    env: {
      LEDGER_DATA_DIR: dataDir,
      LEDGER_SEEDS_DIR: SEEDS,
      PORT: '0',
      LOG_LEVEL: 'silent',
      LEDGER_API_TOKENS: `${BENCH_TOKEN}:write`,
      LEDGER_RATE_LIMIT_PER_MINUTE: '100000000',
      // autocannon keeps a connection past the server's `Connection: close` and counts Node's 503s for every request
      // after the limit; clients that honour it simply reconnect.
      LEDGER_MAX_REQUESTS_PER_SOCKET: String(Number.MAX_SAFE_INTEGER),
      ...env,
    },
    dataDir,
  };
}

/** The same as a configuration, for a ledger started in the bench's own process. */
export function benchLedgerConfig(
  name: string,
  env: Record<string, string> = {},
): { config: LedgerConfig; dataDir: string } {
  const bench = benchLedgerEnv(name, env);
  return { config: loadConfig(bench.env), dataDir: bench.dataDir };
}
