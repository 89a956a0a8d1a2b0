import { NO_STREAM, type AppendStreamRequest } from '@kurrent/kurrentdb-client';
import { eventHash } from '../hash-chain.ts';
import { toEventData } from './event-mapping.ts';
import { eventIdClaimRecord } from './event-id-claims.ts';
import { positionIndexRecord, type IndexHead } from './position-index.ts';
import { appendStateAfter } from './stream-state.ts';
import type { StreamNames } from './stream-names.ts';
import type { NewEvent, RecordedEvent } from '../types.ts';

export interface BatchInput {
  names: StreamNames;
  stream: string;
  /** The stream's last revision when the batch was planned; -1: no stream. */
  lastRevision: number;
  head: IndexHead;
  events: readonly NewEvent[];
  recordedAt: string;
}

export interface BatchPlan {
  /** One atomic multi-stream append: it commits only if no other append moved the index or the stream since planning. */
  requests: AppendStreamRequest[];
  recorded: RecordedEvent[];
}

/** Assigns positions, revisions and the chain after `head`, and the records that store them with their index entries and id claims. */
export function planBatch({ names, stream, lastRevision, head, events, recordedAt }: BatchInput): BatchPlan {
  let prevHash = head.hash;
  const recorded = events.map((event, i): RecordedEvent => {
    const content = {
      eventId: event.eventId,
      type: event.type,
      stream,
      revision: lastRevision + 1 + i,
      position: head.position + 1 + i,
      data: event.data,
      metadata: event.metadata ?? {},
      recordedAt,
    };
    const hash = eventHash(prevHash, content);
    const linked = { ...content, prevHash, hash };
    prevHash = hash;
    return linked;
  });
  const requests: AppendStreamRequest[] = [
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
  return { requests, recorded };
}
