export { startRelay, type Relay, type RelayOptions } from './relay.ts';
export { DEFAULT_TOPICS, ensureTopics, type TopicNames } from './topics.ts';
export { eventMessage, eventOfMessage, type ReceivedMessage } from './cloud-event.ts';
export {
  createObservationTracker,
  observationMessage,
  type ObservationChange,
  type ObservationValue,
} from './observations.ts';
export { openSqliteCheckpoint, memoryCheckpoint, type CheckpointStore } from './checkpoint.ts';
export { createDeduper, type Deduper, type Delivery, type Gap } from './dedupe.ts';
export { consumeLedgerEvents, type LedgerConsumerOptions } from './consumer.ts';
export { parseBrokers, type RelayLogger } from './logging.ts';
export { openPostgresCheckpoint } from './postgres-checkpoint.ts';
export { startConfiguredRelay } from './configured-relay.ts';
export { startCheckpointPublisher, CHECKPOINTS_TOPIC, type CheckpointPublisher } from './checkpoint-publisher.ts';
