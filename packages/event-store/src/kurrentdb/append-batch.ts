import { NO_STREAM, type AppendStreamRequest } from '@kurrent/kurrentdb-client';
import { toEventData } from './event-mapping.ts';
import { eventIdClaimRecord } from './event-id-claims.ts';
import { positionIndexRecord, type IndexHead } from './position-index.ts';
import { appendStateAfter } from './stream-state.ts';
import type { StreamNames } from './stream-names.ts';
import type { RecordedEvent } from '../types.ts';

export interface BatchInput {
  names: StreamNames;
  stream: string;
  /** The stream's last revision when the batch was planned; -1: no stream. */
  lastRevision: number;
  head: IndexHead;
  /** The events as planned on that revision and head (planAppend): positions, revisions and chain. */
  recorded: readonly RecordedEvent[];
}

/**
 * The records of one atomic multi-stream append: the events, their index entries and id claims, each on the exact
 * state the batch was planned on, so it commits only if no other append moved the index or the stream since.
 */
export function batchRequests({ names, stream, lastRevision, head, recorded }: BatchInput): AppendStreamRequest[] {
  return [
    {
      streamName: names.positionIndex,
      expectedState: appendStateAfter(head.position - 1),
      events: recorded.map(({ hash }) => positionIndexRecord({ hash, batchStartsAfter: head.nativePosition })),
    },
    {
      streamName: names.native(stream),
      expectedState: appendStateAfter(lastRevision),
      events: recorded.map(toEventData),
    },
    ...recorded.map(({ eventId, revision }): AppendStreamRequest => ({
      streamName: names.eventIdClaim(eventId),
      expectedState: NO_STREAM,
      events: [eventIdClaimRecord({ stream, revision })],
    })),
  ];
}
