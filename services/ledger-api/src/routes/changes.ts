import { Router } from 'express';
import { availableFrom } from '@ledger/domain';
import type { RecordedEvent } from '@ledger/event-store';
import type { AppDeps } from '../app-deps.ts';
import { ChangesQuery, feedFilter, readFilteredPage } from '../feed-filter.ts';
import { input } from '../validate.ts';

const FIGURE_EVENTS = ['FigureReported', 'FigureCorrected', 'FigureRetracted'];

/**
 * What became known after a date (SDMX `updatedAfter`): figures reported from documents published after it, and
 * corrections and retractions recorded after it. Paged like the event feed: follow `next` until it passes `head`.
 */
export function changeRoutes({ store, commands }: AppDeps): Router {
  const router = Router();
  router.get('/v1/changes', async (req, res) => {
    const { since, from = 1, limit = 100, region, indicator } = input(ChangesQuery, req, 'query');
    const filter = feedFilter({ type: FIGURE_EVENTS, ...(region && { region }), ...(indicator && { indicator }) });
    const knownSince = async (event: RecordedEvent): Promise<boolean> => {
      if (!filter.matches(event)) return false;
      if (event.type !== 'FigureReported') return event.recordedAt.slice(0, 10) > since;
      const citations = event.data.citations as Array<{ documentId: string }>;
      const { document } = await commands.loadDocument(citations[0]!.documentId);
      return document !== undefined && availableFrom(document.published) > since;
    };
    const { events, next } = await readFilteredPage(store, { from, limit, filter: filter.store, keep: knownSince });
    res.json({ since, changes: events, next, head: await store.headPosition() });
  });
  return router;
}
