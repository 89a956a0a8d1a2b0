import type { EventStore } from '@ledger/event-store';

const PAGE = 5000;
/** The events that create a figure id, each naming its series. */
const CREATING = ['FigureReported', 'FigureCorrected'];

export interface FigureStreams {
  /** The series a figure was reported or corrected in, or undefined when the store holds no such figure. */
  seriesKeyOf(figureId: string): Promise<string | undefined>;
}

/**
 * Where each figure lives, learnt from the event store itself (not the read models), so a correction or retraction
 * finds a figure as soon as its report is appended, before any projector has run. The index is read once and then
 * only from where it stopped, when a figure id is not yet in it.
 */
export function createFigureStreams(store: Pick<EventStore, 'readAll'>): FigureStreams {
  const seriesOf = new Map<string, string>();
  let from = 1;
  let reading: Promise<void> | undefined;

  async function readNewEvents(): Promise<void> {
    for (;;) {
      const page = await store.readAll({ fromPosition: from, maxCount: PAGE, filter: { eventTypes: CREATING } });
      for (const event of page) seriesOf.set(String(event.data.figureId), String(event.data.seriesKey));
      if (page.length) from = page.at(-1)!.position + 1;
      if (page.length < PAGE) return;
    }
  }
  /** One reader at a time; callers that arrive meanwhile wait for it and then read again (they may need newer events). */
  async function catchUp(): Promise<void> {
    while (reading) await reading;
    reading = readNewEvents().finally(() => (reading = undefined));
    await reading;
  }

  return {
    async seriesKeyOf(figureId) {
      if (!seriesOf.has(figureId)) await catchUp();
      return seriesOf.get(figureId);
    },
  };
}
