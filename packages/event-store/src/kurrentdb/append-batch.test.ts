import { describe, it, expect } from '@jest/globals';
import { NO_STREAM } from '@kurrent/kurrentdb-client';
import { planAppend } from '../append-plan.ts';
import { newEvent } from '../contract/event-store-contract.ts';
import { batchRequests } from './append-batch.ts';
import { decodeEventIdClaim } from './event-id-claims.ts';
import { decodeLedgerMetadata } from './event-mapping.ts';
import { decodePositionIndexEntry, EMPTY_INDEX, type IndexHead } from './position-index.ts';
import { streamNames } from './stream-names.ts';

const names = streamNames('ns/');
const recordedAt = '2026-01-02T03:04:05.000Z';
const events = [newEvent('A', { i: 1 }), { ...newEvent('B', { i: 2 }), metadata: { by: 'test' } }];

/** Plans the batch as the adapter does, then builds its requests. */
function plannedBatch(lastRevision: number, head: IndexHead) {
  const plan = planAppend('s', events, 'any', {
    streamRevision: lastRevision,
    head,
    storedEvent: () => undefined,
    recordedAt,
  });
  if (!plan.write) throw new Error('expected a write');
  return {
    recorded: plan.recorded,
    requests: batchRequests({ names, stream: 's', lastRevision, head, recorded: plan.recorded }),
  };
}

describe('batchRequests', () => {
  it('writes events, index entries and id claims in one request set, each on the exact state it was planned on', () => {
    const head: IndexHead = { position: 10, hash: 'c'.repeat(64), nativePosition: { commit: 500n, prepare: 499n } };
    const { requests, recorded } = plannedBatch(4, head);
    const [index, stream, ...claims] = requests;

    expect(index).toMatchObject({ streamName: 'ns/ledger-index-positions', expectedState: 9n });
    expect(index!.events.map((e) => decodePositionIndexEntry(e.data))).toEqual(
      recorded.map((e) => ({ hash: e.hash, batchStartsAfter: head.nativePosition })),
    );

    expect(stream).toMatchObject({ streamName: 'ns/s', expectedState: 4n });
    expect(stream!.events.map((e) => [e.id, e.type, e.data])).toEqual(recorded.map((e) => [e.eventId, e.type, e.data]));
    expect(stream!.events.map((e) => decodeLedgerMetadata(e.metadata)?.position)).toEqual([11, 12]);

    expect(claims.map((c) => [c.streamName, c.expectedState, decodeEventIdClaim(c.events[0]!.data)])).toEqual(
      recorded.map((e) => [`ns/ledger-index-event-${e.eventId}`, NO_STREAM, { stream: 's', revision: e.revision }]),
    );
  });

  it('expects no index and no stream for the first batch of a new stream', () => {
    const [index, stream] = plannedBatch(-1, EMPTY_INDEX).requests;
    expect(index!.expectedState).toBe(NO_STREAM);
    expect(stream!.expectedState).toBe(NO_STREAM);
    expect(decodePositionIndexEntry(index!.events[0]!.data).batchStartsAfter).toBeUndefined();
  });
});
