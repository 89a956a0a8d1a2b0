import { describe, it, expect } from '@jest/globals';
import { NO_STREAM } from '@kurrent/kurrentdb-client';
import { eventHash, verifyChain } from '../hash-chain.ts';
import { newEvent } from '../contract/event-store-contract.ts';
import { planBatch } from './append-batch.ts';
import { decodeEventIdClaim } from './event-id-claims.ts';
import { decodeLedgerMetadata } from './event-mapping.ts';
import { decodePositionIndexEntry, EMPTY_INDEX, type IndexHead } from './position-index.ts';
import { streamNames } from './stream-names.ts';

const names = streamNames('ns/');
const recordedAt = '2026-01-02T03:04:05.000Z';
const events = [newEvent('A', { i: 1 }), { ...newEvent('B', { i: 2 }), metadata: { by: 'test' } }];

describe('planBatch', () => {
  it('gives the first batch positions from 1, revisions from 0, and a chain from genesis', async () => {
    const { recorded } = planBatch({ names, stream: 's', lastRevision: -1, head: EMPTY_INDEX, events, recordedAt });
    expect(recorded.map((e) => [e.position, e.revision, e.stream, e.recordedAt])).toEqual([
      [1, 0, 's', recordedAt],
      [2, 1, 's', recordedAt],
    ]);
    expect(recorded[1]!.metadata).toEqual({ by: 'test' });
    expect(await verifyChain(recorded)).toEqual({ ok: true, checked: 2, headHash: recorded[1]!.hash });
  });

  it('continues the chain and positions from the index head, and revisions from the stream', () => {
    const head: IndexHead = { position: 10, hash: 'c'.repeat(64), nativePosition: { commit: 500n, prepare: 500n } };
    const { recorded } = planBatch({ names, stream: 's', lastRevision: 4, head, events, recordedAt });
    expect(recorded.map((e) => [e.position, e.revision])).toEqual([
      [11, 5],
      [12, 6],
    ]);
    expect(recorded[0]!.prevHash).toBe(head.hash);
    expect(recorded[0]!.hash).toBe(eventHash(head.hash, recorded[0]!));
    expect(recorded[1]!.prevHash).toBe(recorded[0]!.hash);
  });

  it('writes events, index entries and id claims in one request set, each on the exact state it was planned on', () => {
    const head: IndexHead = { position: 10, hash: 'c'.repeat(64), nativePosition: { commit: 500n, prepare: 499n } };
    const { requests, recorded } = planBatch({ names, stream: 's', lastRevision: 4, head, events, recordedAt });
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
    const [index, stream] = planBatch({
      names,
      stream: 's',
      lastRevision: -1,
      head: EMPTY_INDEX,
      events,
      recordedAt,
    }).requests;
    expect(index!.expectedState).toBe(NO_STREAM);
    expect(stream!.expectedState).toBe(NO_STREAM);
    expect(decodePositionIndexEntry(index!.events[0]!.data).batchStartsAfter).toBeUndefined();
  });
});
