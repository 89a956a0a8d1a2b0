import { Router, type Response } from 'express';
import type { RecordedEvent } from '@ledger/event-store';
import type { AppDeps } from '../app-deps.ts';
import { input } from '../validate.ts';
import { parseOrThrow } from '@ledger/domain';
import { z } from 'zod';
import { FilteredEventsQuery, feedFilter, readFilteredPage, type FeedFilter } from '../feed-filter.ts';

const LastEventId = z.coerce.number({ error: 'must be a position' }).int().min(0);

/**
 * The change feed: a JSON page from a position, or, with Accept: text/event-stream, a live stream that resumes from
 * Last-Event-ID. Both take region=, indicator= and type=, filtered here on the server.
 */
export function eventRoutes({ store, shutdown }: AppDeps): Router {
  const router = Router();
  router.get('/v1/events', async (req, res) => {
    const { from = 1, limit = 100, ...filterFields } = input(FilteredEventsQuery, req, 'query');
    const filter = feedFilter(filterFields);
    if (req.accepts(['application/json', 'text/event-stream']) === 'text/event-stream') {
      const lastSeen = req.get('last-event-id');
      const resumeFrom =
        lastSeen === undefined ? from : parseOrThrow(LastEventId, lastSeen, 'header.Last-Event-ID') + 1;
      return streamEvents(res, resumeFrom, filter);
    }
    const { events, next } = await readFilteredPage(store, { from, limit, filter: filter.store, keep: filter.matches });
    res.json({ events, next, head: await store.headPosition() });
  });

  async function streamEvents(res: Response, fromPosition: number, filter: FeedFilter): Promise<void> {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.flushHeaders();
    const subscription = store.subscribeToAll({ fromPosition, filter: filter.store });
    const stop = () => void subscription.close();
    res.on('close', stop);
    shutdown.addEventListener('abort', stop);
    try {
      for await (const event of subscription) if (filter.matches(event)) res.write(frame(event));
    } finally {
      shutdown.removeEventListener('abort', stop);
      res.end();
    }
  }
  return router;
}

function frame(event: RecordedEvent): string {
  return `id: ${event.position}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}
