import type { Response } from 'express';
import type { EventStore, RecordedEvent } from '@ledger/event-store';
import type { FeedFilter } from './feed-filter.ts';

export interface EventStreamLimits {
  /** Bytes written but not yet taken by the client, past which the stream waits for it before reading on. */
  bufferBytes: number;
  heartbeatMs: number;
}

/**
 * Streams the store from a position as server-sent events. The subscription is read only as fast as the client
 * takes the bytes: past `bufferBytes` the stream waits for 'drain', so a client that reads nothing holds one page of
 * events and one buffer, not the whole backlog. A comment line every `heartbeatMs` keeps proxies from closing an idle
 * stream and shows a dead client.
 */
export async function streamEvents(
  res: Response,
  store: EventStore,
  fromPosition: number,
  { bufferBytes, heartbeatMs }: EventStreamLimits,
  shutdown: AbortSignal,
  filter?: FeedFilter,
): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.flushHeaders();
  const subscription = store.subscribeToAll({ fromPosition, ...(filter && { filter: filter.store }) });
  const stop = () => void subscription.close();
  res.on('close', stop);
  shutdown.addEventListener('abort', stop);
  const heartbeat = setInterval(() => {
    if (res.writableLength < bufferBytes) res.write(': heartbeat\n\n');
  }, heartbeatMs);
  try {
    for await (const event of subscription) {
      if (filter && !filter.matches(event)) continue;
      res.write(frame(event));
      if (res.writableLength >= bufferBytes) await drainedOrClosed(res);
    }
  } finally {
    clearInterval(heartbeat);
    shutdown.removeEventListener('abort', stop);
    res.off('close', stop);
    res.end();
  }
}

function drainedOrClosed(res: Response): Promise<void> {
  if (res.destroyed || res.writableEnded) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

function frame(event: RecordedEvent): string {
  return `id: ${event.position}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}
