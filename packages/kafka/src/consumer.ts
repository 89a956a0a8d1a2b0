import type { RecordedEvent } from '@ledger/event-store';
import type { Consumer, Kafka } from 'kafkajs';
import { eventOfMessage } from './cloud-event.ts';
import { createDeduper, type Gap } from './dedupe.ts';
import { DEFAULT_TOPICS } from './topics.ts';

export interface LedgerConsumerOptions {
  kafka: Kafka;
  groupId: string;
  topic?: string;
  /** Where a group without committed offsets starts; the beginning by default, so every stream starts at revision 0. */
  fromBeginning?: boolean;
  /** Called once per event id, in stream order; the offset is committed after it resolves. */
  onEvent(event: RecordedEvent): void | Promise<void>;
  /** Called before the event that follows missing revisions. */
  onGap?(gap: Gap): void | Promise<void>;
}

/** Consumes the events topic, handing each event over once and reporting gaps; `stop` disconnects. */
export async function consumeLedgerEvents(
  options: LedgerConsumerOptions,
): Promise<{ consumer: Consumer; stop(): Promise<void> }> {
  const deduper = createDeduper();
  const consumer = options.kafka.consumer({ groupId: options.groupId });
  await consumer.connect();
  await consumer.subscribe({
    topics: [options.topic ?? DEFAULT_TOPICS.events],
    fromBeginning: options.fromBeginning ?? true,
  });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const delivery = deduper.accept(eventOfMessage(message));
      if (delivery.kind === 'duplicate') return;
      if (delivery.gap) await options.onGap?.(delivery.gap);
      await options.onEvent(delivery.event);
    },
  });
  return { consumer, stop: () => consumer.disconnect() };
}
