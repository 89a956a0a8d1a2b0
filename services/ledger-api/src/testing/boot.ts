import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@ledger/config';
import { startLedger, type RunningLedger } from '../start-ledger.ts';

export const WRITE_TOKEN = 'test-writer-token';
export const READ_TOKEN = 'test-reader-token';
export const SEEDS_DIR = join(import.meta.dirname, '../../../../seeds');

/** Boots the embedded ledger as `pnpm start` does, on a fresh data directory and a free port. */
export async function bootFreshLedger(env: Record<string, string> = {}): Promise<RunningLedger & { dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-api-'));
  const config = loadConfig({
    LEDGER_DATA_DIR: dataDir,
    LEDGER_SEEDS_DIR: SEEDS_DIR,
    PORT: '0',
    LOG_LEVEL: 'silent',
    LEDGER_API_TOKENS: `${WRITE_TOKEN}:write,${READ_TOKEN}:read`,
    ...env,
  });
  const ledger = await startLedger(config);
  return { ...ledger, dataDir };
}

/** Retries an assertion until it holds: read models follow the store asynchronously. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
