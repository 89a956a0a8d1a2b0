// `pnpm start`: the embedded ledger (SQLite, seeds ingested on first start, projector in process, API).
import { pino } from 'pino';
import { ConfigError, loadConfig } from '@ledger/config';
import { startLedger } from './start-ledger.ts';

let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}
const logger = pino({ level: config.logLevel });
const ledger = await startLedger(config, logger);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    ledger.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
