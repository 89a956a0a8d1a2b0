// Prints every ledger event once, as the relay publishes it, and says when revisions of a stream are missing:
//   KAFKA_BROKERS=127.0.0.1:19092 node packages/kafka/src/examples/print-events.ts
import { Kafka } from 'kafkajs';
import { consumeLedgerEvents, parseBrokers } from '../index.ts';

const kafka = new Kafka({
  clientId: 'print-events',
  brokers: parseBrokers(process.env.KAFKA_BROKERS ?? '127.0.0.1:19092'),
});
const { stop } = await consumeLedgerEvents({
  kafka,
  groupId: `print-events-${process.pid}`,
  onEvent: (event) => console.log(`${event.position}\t${event.stream}@${event.revision}\t${event.type}`),
  onGap: (gap) => console.warn(`gap: ${gap.stream} revisions ${gap.fromRevision}..${gap.toRevision} are missing`),
});
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void stop().then(() => process.exit(0)));
