// `pnpm start`: the embedded ledger (SQLite, seeds ingested on first start, projector in process, API).
import { pino } from 'pino';
import { loadConfigOrExit } from '@ledger/config';
import { startLedger } from './start-ledger.ts';

const config = loadConfigOrExit();
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
