import { describe, it, expect } from '@jest/globals';
import type { RecordedEvent } from '@ledger/event-store';
import { eventMessage, eventOfMessage } from './cloud-event.ts';

const recorded: RecordedEvent = {
  eventId: '0b7e6a3c-7a5d-4c4e-9f1e-2d1f0c9a8b7e',
  type: 'FigureReported',
  stream: 'series-370112:GDP:level:元',
  revision: 3,
  position: 42,
  data: { value: '126', unit: '亿元' },
  metadata: {},
  recordedAt: '2024-03-01T08:00:00.000Z',
  hash: 'b'.repeat(64),
  prevHash: 'a'.repeat(64),
};

describe('eventMessage', () => {
  it('keys by stream and carries the CloudEvents attributes in binary-mode headers', () => {
    const message = eventMessage(recorded);
    expect(message.key).toBe(recorded.stream);
    expect(message.headers).toEqual({
      ce_specversion: '1.0',
      ce_id: recorded.eventId,
      ce_type: 'FigureReported',
      ce_source: 'urn:indicator-ledger',
      ce_subject: recorded.stream,
      ce_time: recorded.recordedAt,
      'content-type': 'application/json',
    });
    expect(JSON.parse(message.value as string)).toEqual(recorded);
  });

  it('carries the provenance of the event as CloudEvents extension attributes', () => {
    const metadata = {
      recordedBy: 'extractor@0.1.0',
      correlationId: 'req-7',
      causationId: '1c7e6a3c-7a5d-4c4e-9f1e-2d1f0c9a8b7e',
    };
    expect(eventMessage({ ...recorded, metadata }).headers).toMatchObject({
      ce_recordedby: 'extractor@0.1.0',
      ce_correlationid: 'req-7',
      ce_causationid: metadata.causationId,
    });
  });

  it('round-trips through the bytes a consumer receives', () => {
    const message = eventMessage(recorded);
    const headers = Object.fromEntries(Object.entries(message.headers!).map(([k, v]) => [k, Buffer.from(v as string)]));
    expect(eventOfMessage({ value: Buffer.from(message.value as string), headers })).toEqual(recorded);
  });

  it('refuses a message whose ce_id is not the id of the event it carries', () => {
    const value = Buffer.from(JSON.stringify(recorded));
    expect(() => eventOfMessage({ value, headers: { ce_id: Buffer.from('other') } })).toThrow(/does not match/);
    expect(() => eventOfMessage({ value, headers: {} })).toThrow(/no ce_id/);
  });
});
