import { checkExpectedRevision, partitionByStored, validateAppend } from './append-rules.ts';
import { matchesFilter } from './filter.ts';
import { eventHash, GENESIS_HASH, verifyChain } from './hash-chain.ts';
import { AppendSignal } from './subscription.ts';
import { eventStoreFrom } from './store-from-parts.ts';
import type {
  AppendResult,
  EventStore,
  EventValidator,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  RecordedEvent,
  ReadStreamOptions,
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
    const { stored, fresh } = partitionByStored(stream, events, (id) => byId.get(id));
    const existing = streams.get(stream) ?? [];
    if (fresh.length === 0) return { nextExpectedRevision: existing.length - 1, position: stored.at(-1)!.position };
    checkExpectedRevision(stream, expected, existing.length - 1);
    const recordedAt = now().toISOString();
    for (const event of fresh) {
      const content = {
        eventId: event.eventId,
        type: event.type,
        stream,
        revision: existing.length,
        position: all.length + 1,
        data: structuredClone(event.data),
        metadata: structuredClone(event.metadata ?? {}),
        recordedAt,
      };
      const prevHash = all.at(-1)?.hash ?? GENESIS_HASH;
      const recorded = deepFreeze({ ...content, prevHash, hash: eventHash(prevHash, content) });
      all.push(recorded);
      existing.push(recorded);
      byId.set(recorded.eventId, recorded);
    }
    streams.set(stream, existing);
    appended.notify();
    return { nextExpectedRevision: existing.length - 1, position: all.length };
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
