import { createMemoryEventStore, type EventStore } from '@ledger/event-store';
import { ledgerEventValidator } from '@ledger/ledger-commands';
import type { ProjectorOptions } from '../projector.ts';
import type { ReadModels } from '../read-models.ts';
import type { LedgerQueries, PointInTime } from '../read-model-types.ts';

/** Fresh, empty read models of one store kind. */
export type OpenReadModels = (projector?: ProjectorOptions) => Promise<ReadModels>;

/** An in-memory event store that accepts only valid ledger events, on a clock the test moves. */
export function ledgerStore(): { store: EventStore; clock: { now: Date; advance(seconds: number): void } } {
  const clock = {
    now: new Date('2026-02-01T08:00:00.000Z'),
    advance(seconds: number) {
      clock.now = new Date(clock.now.getTime() + seconds * 1000);
    },
  };
  return { store: createMemoryEventStore({ validate: ledgerEventValidator, now: () => clock.now }), clock };
}

/** Now, publication dates at day, month and year precision, record positions and both together. */
const POINTS: PointInTime[] = [
  {},
  { publishedBy: '2021-06-30' },
  { publishedBy: '2022-01' },
  { publishedBy: '2023' },
  { recordedAtPosition: 5 },
  { recordedAtPosition: 60, publishedBy: '2022-12-31' },
];

/** Everything the queries answer about the given series and figures: two read models agree when these are equal. */
export async function answers(
  queries: LedgerQueries,
  seriesKeys: readonly string[],
  figureIds: readonly string[] = [],
) {
  return {
    checkpoint: await queries.checkpoint(),
    documents: await queries.listDocuments(),
    series: await queries.searchSeries({ limit: 1000 }),
    observations: await Promise.all(seriesKeys.flatMap((key) => POINTS.map((at) => queries.observations(key, at)))),
    regions: await Promise.all(
      ['370112', '370113'].flatMap((region) => POINTS.map((at) => queries.regionSnapshot(region, at))),
    ),
    vintages: await Promise.all(seriesKeys.map((key) => queries.vintages(key))),
    conflicts: await queries.conflicts({ limit: 1000 }),
    figures: await Promise.all(figureIds.map((id) => queries.getFigure(id))),
  };
}
