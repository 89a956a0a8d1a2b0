import { Router } from 'express';
import type { AppDeps } from '../app-deps.ts';
import { input } from '../validate.ts';
import { streamEvents } from '../event-stream.ts';
import { HttpProblem } from '../problem.ts';
import { parseOrThrow } from '@ledger/domain';
import { z } from 'zod';
import { FilteredEventsQuery, feedFilter, readFilteredPage } from '../feed-filter.ts';

const LastEventId = z.coerce.number({ error: 'must be a position' }).int().min(0);

/**
 * The change feed: a JSON page from a position, or, with Accept: text/event-stream, a live stream that resumes from
 * Last-Event-ID. Both take region=, indicator= and type=, filtered here on the server.
 */
export function eventRoutes({ store, shutdown, config, metrics }: AppDeps): Router {
  const router = Router();
  let openStreams = 0;
  router.get('/v1/events', async (req, res) => {
    const { from = 1, limit = 100, ...filterFields } = input(FilteredEventsQuery, req, 'query');
    const filter = feedFilter(filterFields);
    if (req.accepts(['application/json', 'text/event-stream']) === 'text/event-stream') {
      const lastSeen = req.get('last-event-id');
      const resumeFrom =
        lastSeen === undefined ? from : parseOrThrow(LastEventId, lastSeen, 'header.Last-Event-ID') + 1;
      if (openStreams >= config.sse.maxStreams) {
        res.set('retry-after', '5');
        throw new HttpProblem({
          status: 503,
          title: 'Service Unavailable',
          detail: `${config.sse.maxStreams} live streams are open, the most this server keeps; retry later`,
        });
      }
      openStreams++;
      metrics.liveStreams.inc();
      try {
        return await streamEvents(res, store, resumeFrom, config.sse, shutdown, filter);
      } finally {
        openStreams--;
        metrics.liveStreams.dec();
      }
    }
    const { events, next } = await readFilteredPage(store, { from, limit, filter: filter.store, keep: filter.matches });
    res.json({ events, next, head: await store.headPosition() });
  });
  return router;
}
