// The Kafka relay process, loaded by main.ts once the compile cache is on.
import { pino } from 'pino';
import { loadConfigOrExit } from '@ledger/config';
import { openLedgerEventStore } from '@ledger/ledger-commands';
import { startConfiguredRelay } from '@ledger/kafka';

const config = loadConfigOrExit();
if (config.kafkaBrokers.length === 0) {
  process.stderr.write('invalid configuration: KAFKA_BROKERS must name at least one bootstrap address\n');
  process.exit(2);
}
const logger = pino({ level: config.logLevel, base: { service: 'kafka-relay' } });
const store = await openLedgerEventStore(config, { readsInOrder: true });
const stopping = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stopping.abort());

try {
  await startConfiguredRelay(config, store, logger, stopping.signal).done;
} catch (error) {
  if ((error as Error).name !== 'AbortError') throw error;
} finally {
  await store.close();
}
// A relay that stopped without being asked to (a lost leader lock) exits non-zero, so its supervisor restarts it.
process.exitCode = stopping.signal.aborted ? 0 : 1;
