import type { RecordedEvent } from '@ledger/event-store';
import type { IHeaders, Message } from 'kafkajs';
import { provenanceOf } from '@ledger/domain';

/** CloudEvents `source` of every ledger event. */
export const LEDGER_SOURCE = 'urn:indicator-ledger';

/**
 * An event as a Kafka message in CloudEvents binary mode: attributes in `ce_` headers, the event itself as the JSON
 * value. The key is the stream, so one series (or document) always lands on one partition, in order.
 */
export function eventMessage(event: RecordedEvent): Message {
  const { recordedBy, correlationId, causationId } = provenanceOf(event.metadata);
  return {
    key: event.stream,
    value: JSON.stringify(event),
    headers: {
      ce_specversion: '1.0',
      ce_id: event.eventId,
      ce_type: event.type,
      ce_source: LEDGER_SOURCE,
      ce_subject: event.stream,
      ce_time: event.recordedAt,
      // Provenance as CloudEvents extension attributes (names: lower-case letters and digits only).
      ...(recordedBy && { ce_recordedby: recordedBy }),
      ...(correlationId && { ce_correlationid: correlationId }),
      ...(causationId && { ce_causationid: causationId }),
      'content-type': 'application/json',
    },
  };
}

/** What a consumer receives: the value, and the headers as kafkajs hands them over. */
export interface ReceivedMessage {
  value: Buffer | null;
  headers?: IHeaders;
}

/** The event carried by a message of the events topic; throws when it is not one. */
export function eventOfMessage(message: ReceivedMessage): RecordedEvent {
  const id = message.headers?.ce_id?.toString();
  if (!message.value || !id) throw new TypeError('not a ledger event message: it has no value or no ce_id header');
  const event = JSON.parse(message.value.toString('utf8')) as RecordedEvent;
  if (event.eventId !== id)
    throw new TypeError(`ce_id ${id} does not match the event id ${event.eventId} of the value`);
  return event;
}
