import { describe, it, expect } from '@jest/globals';
import {
  decodeLedgerMetadata,
  encodeLedgerMetadata,
  toEventData,
  toLedgerEvent,
  type StoredRecord,
} from './event-mapping.ts';
import { streamNames } from './stream-names.ts';
import type { RecordedEvent } from '../types.ts';

const names = streamNames('ns/');
const event: RecordedEvent = {
  eventId: '3f1c2a4e-8b7d-4c1e-9f0a-2b3c4d5e6f70',
  type: 'Reported',
  stream: 'series-1',
  revision: 2,
  position: 7,
  data: { value: '30.24', nested: { list: [1, 'two'] } },
  metadata: { correlationId: 'c-1' },
  recordedAt: '2026-01-02T03:04:05.000Z',
  prevHash: 'a'.repeat(64),
  hash: 'b'.repeat(64),
};

/** The record as the client returns it after the server stored `toEventData(event)` in the namespaced stream. */
const storedAs = (e: RecordedEvent, changes: Partial<StoredRecord> = {}): StoredRecord => {
  const data = toEventData(e);
  return {
    streamId: names.native(e.stream),
    id: data.id,
    type: data.type,
    revision: BigInt(e.revision),
    data: data.data,
    metadata: data.metadata,
    ...changes,
  };
};

describe('ledger metadata', () => {
  it('is one string property (multi-stream appends take no other values) that decodes to the claims', () => {
    const metadata = encodeLedgerMetadata(event);
    expect(Object.values(metadata).every((value) => typeof value === 'string')).toBe(true);
    expect(decodeLedgerMetadata(metadata)).toEqual({
      position: 7,
      prevHash: event.prevHash,
      hash: event.hash,
      recordedAt: event.recordedAt,
      metadata: event.metadata,
    });
  });

  it('decodes from bytes too, and ignores properties the server adds', () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ ...encodeLedgerMetadata(event), $schema: 'x' }));
    expect(decodeLedgerMetadata(bytes)?.position).toBe(7);
  });

  it('is absent from records the ledger did not write', () => {
    for (const metadata of [
      undefined,
      {},
      { ledger: 'not json' },
      { ledger: '{"position":0}' },
      { ledger: 5 },
      new Uint8Array([1, 2]),
      ['ledger'],
    ]) {
      expect(decodeLedgerMetadata(metadata)).toBeUndefined();
    }
  });
});

describe('event ↔ record', () => {
  it('stores the event id as the record id, as a JSON event', () => {
    expect(toEventData(event)).toMatchObject({
      id: event.eventId,
      type: 'Reported',
      contentType: 'application/json',
      data: event.data,
    });
  });

  it('reads back the event that was written', () => {
    expect(toLedgerEvent(storedAs(event), names)).toEqual(event);
  });

  it('reads JSON data the client left as bytes', () => {
    expect(
      toLedgerEvent(storedAs(event, { data: new TextEncoder().encode(JSON.stringify(event.data)) }), names)?.data,
    ).toEqual(event.data);
  });

  it('takes the revision from the server, which is what the chain checks', () => {
    expect(toLedgerEvent(storedAs(event, { revision: 9n }), names)?.revision).toBe(9);
  });

  it('leaves out records of other namespaces, index and system streams, and records without claims', () => {
    expect(toLedgerEvent(storedAs(event, { streamId: 'other/series-1' }), names)).toBeUndefined();
    expect(toLedgerEvent(storedAs(event, { streamId: names.positionIndex }), names)).toBeUndefined();
    expect(toLedgerEvent(storedAs(event, { streamId: '$ce-ns/series' }), names)).toBeUndefined();
    expect(toLedgerEvent(storedAs(event, { metadata: { correlationId: 'c-1' } }), names)).toBeUndefined();
    expect(toLedgerEvent(storedAs(event, { data: 'not an object' }), names)).toBeUndefined();
  });
});
