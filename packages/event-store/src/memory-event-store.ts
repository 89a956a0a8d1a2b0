import { validateAppend } from './append-rules.ts';
import { planAppend, planAppends, refusalOf } from './append-plan.ts';
import { matchesFilter } from './filter.ts';
import { GENESIS_HASH, verifyChain } from './hash-chain.ts';
import { AppendSignal } from './subscription.ts';
import { eventStoreFrom } from './store-from-parts.ts';
import type {
  AppendResult,
  AppendToStreamsOptions,
  EventStore,
  EventValidator,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  RecordedEvent,
  ReadStreamOptions,
  StreamAppend,
  StreamAppendOutcome,
} from './types.ts';

/** The data of an in-memory store; stores created on one log share it, as connections share a database. */
export interface MemoryEventLog {
  all: RecordedEvent[];
  byId: Map<string, RecordedEvent>;
  streams: Map<string, RecordedEvent[]>;
  appended: AppendSignal;
}

export const createMemoryEventLog = (): MemoryEventLog => ({
  all: [],
  byId: new Map(),
  streams: new Map(),
  appended: new AppendSignal(1_000),
});

/** Keeps events in process memory: for tests and throwaway runs. Events are frozen, so callers cannot alter them. */
export function createMemoryEventStore(
  options: { validate?: EventValidator; now?: () => Date; log?: MemoryEventLog } = {},
): EventStore {
  const { all, byId, streams, appended } = options.log ?? createMemoryEventLog();
  const now = options.now ?? (() => new Date());

  async function appendToStream(
    stream: string,
    events: readonly NewEvent[],
    opts: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    const expected = opts.expectedRevision ?? 'any';
    validateAppend(stream, events, expected, options.validate);
    const existing = streams.get(stream) ?? [];
    const last = all.at(-1);
    const plan = planAppend(stream, events, expected, {
      streamRevision: existing.length - 1,
      head: { position: all.length, hash: last?.hash ?? GENESIS_HASH },
      storedEvent: (id) => byId.get(id),
      recordedAt: now().toISOString(),
    });
    if (!plan.write) return plan.result;
    store(plan.recorded);
    return plan.result;
  }

  async function appendToStreams(
    appends: readonly StreamAppend[],
    { allOrNothing = false }: AppendToStreamsOptions = {},
  ): Promise<StreamAppendOutcome[]> {
    const last = all.at(-1);
    const plan = planAppends(
      appends,
      {
        streamRevision: (stream) => (streams.get(stream)?.length ?? 0) - 1,
        head: { position: all.length, hash: last?.hash ?? GENESIS_HASH },
        storedEvent: (id) => byId.get(id),
        recordedAt: now().toISOString(),
      },
      options.validate,
    );
    const refusal = refusalOf(plan.outcomes, allOrNothing);
    if (refusal) throw refusal;
    store(plan.recorded);
    return plan.outcomes;
  }

  function store(recordedEvents: readonly RecordedEvent[]): void {
    for (const event of recordedEvents) {
      // Copied, so that the caller cannot alter what is stored through the objects it passed.
      const recorded = deepFreeze({
        ...event,
        data: structuredClone(event.data),
        metadata: structuredClone(event.metadata),
      });
      all.push(recorded);
      const existing = streams.get(recorded.stream) ?? [];
      existing.push(recorded);
      streams.set(recorded.stream, existing);
      byId.set(recorded.eventId, recorded);
    }
    if (recordedEvents.length) appended.notify();
  }

  async function readAll({ fromPosition = 0, maxCount = 1000, filter }: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    for (let i = Math.max(fromPosition, 1) - 1; i < all.length && out.length < maxCount; i++) {
      if (matchesFilter(all[i]!, filter)) out.push(all[i]!);
    }
    return out;
  }

  async function readStream(
    stream: string,
    { fromRevision = 0, maxCount = Number.MAX_SAFE_INTEGER }: ReadStreamOptions = {},
  ): Promise<RecordedEvent[]> {
    return (streams.get(stream) ?? []).slice(fromRevision, fromRevision + maxCount);
  }

  const headPosition = async () => all.length;

  return eventStoreFrom({
    appendToStream,
    appendToStreams,
    readStream,
    readAll,
    headPosition,
    appended,
    verify: () => verifyChain(all),
    release: async () => {},
  });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
