import { describe, it, expect } from '@jest/globals';
import type { RecordedEvent } from '@ledger/event-store';
import { createDeduper } from './dedupe.ts';

const event = (stream: string, revision: number, eventId = `${stream}#${revision}`): RecordedEvent => ({
  eventId,
  type: 'T',
  stream,
  revision,
  position: 0,
  data: {},
  metadata: {},
  recordedAt: '2024-01-01T00:00:00.000Z',
  hash: '',
  prevHash: '',
});

describe('createDeduper', () => {
  it('passes each event id once and calls a repeat a duplicate', () => {
    const deduper = createDeduper();
    const kinds = [event('a', 0), event('a', 1), event('a', 0), event('a', 1), event('a', 2)].map(
      (e) => deduper.accept(e).kind,
    );
    expect(kinds).toEqual(['new', 'new', 'duplicate', 'duplicate', 'new']);
  });

  it('names the revisions missing before an event of the same stream', () => {
    const deduper = createDeduper();
    deduper.accept(event('a', 0));
    expect(deduper.accept(event('b', 0))).not.toHaveProperty('gap');
    expect(deduper.accept(event('a', 4))).toMatchObject({
      kind: 'new',
      gap: { stream: 'a', fromRevision: 1, toRevision: 3 },
    });
    expect(deduper.accept(event('a', 5))).not.toHaveProperty('gap');
  });

  it('reports a stream that does not start at revision 0 as a gap (the topic no longer holds its start)', () => {
    expect(createDeduper().accept(event('a', 2))).toMatchObject({
      gap: { stream: 'a', fromRevision: 0, toRevision: 1 },
    });
  });

  it('does not take a late repeat of an old revision for a gap or move the stream back', () => {
    const deduper = createDeduper();
    for (const r of [0, 1, 2]) deduper.accept(event('a', r));
    expect(deduper.accept(event('a', 1)).kind).toBe('duplicate');
    expect(deduper.accept(event('a', 3))).not.toHaveProperty('gap');
  });
});
