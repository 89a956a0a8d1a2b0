import {
  BACKWARDS,
  END,
  KurrentDBClient,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError as ClientWrongExpectedVersionError,
  type ReadPosition,
  type ReadStreamOptions as ClientReadStreamOptions,
} from '@kurrent/kurrentdb-client';
import { validateAppend } from '../append-rules.ts';
import { planAppend } from '../append-plan.ts';
import { matchesFilter } from '../filter.ts';
import { AppendSignal } from '../subscription.ts';
import { eventStoreFrom } from '../store-from-parts.ts';
import { batchRequests } from './append-batch.ts';
import { toLedgerEvent } from './event-mapping.ts';
import { decodeEventIdClaim } from './event-id-claims.ts';
import { firstClaims, verifyClaims } from './first-claims.ts';
import { decodePositionIndexEntry, EMPTY_INDEX, indexHeadFrom, type IndexHead } from './position-index.ts';
import { serverFilter } from './server-filter.ts';
import { rejectReservedNames, streamNames } from './stream-names.ts';
import { toLedgerConflict } from './stream-state.ts';
import type {
  AppendResult,
  EventFilter,
  EventStore,
  EventValidator,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
} from '../types.ts';

export interface KurrentDbEventStoreOptions {
  /** A KurrentDB connection string, e.g. kurrentdb://127.0.0.1:2113?tls=false. */
  connectionString: string;
  /** A prefix of every stream the ledger writes, so that several ledgers share one database (tests do); default none. */
  namespace?: string;
  validate?: EventValidator;
  /** How often a live subscription looks for appends made by other processes. */
  pollIntervalMs?: number;
  now?: () => Date;
}

// Reads go to the leader: a lagging follower could show the head from one moment and the log from an earlier one,
// and a subscription that trusted both would skip events.
const FROM_LEADER = { requiresLeader: true } as const;
const LAST: ClientReadStreamOptions = { ...FROM_LEADER, direction: BACKWARDS, fromRevision: END };

/**
 * The event store on KurrentDB (server 25.1 or later: it needs atomic multi-stream appends; the tests pin the 26.0 LTS).
 *
 * Each append is one atomic multi-stream append of the events, their entries in the position index (dense positions
 * and the hash chain, see position-index.ts) and their event id claims (see event-id-claims.ts), planned on the index
 * head and the stream's revision read just before. The index entry's expected revision serialises appends across all
 * writers: a writer that lost the race plans again on the new head. There is no step between writes for a crashed
 * writer to leave half done; an append whose outcome is unknown can be retried, and finds its ids stored.
 *
 * Limits: one append commits at a time per ledger, and a writer that loses the race pays another round of reads;
 * every event costs three records (event, index entry, id claim) and a claim stream of its own; readAll costs one
 * index read before the $all read, and a filtered read scans on the server until it finds enough; verify reads all of
 * $all for the namespace (the user needs $all read permission); subscribers in other processes see appends by polling.
 */
export async function createKurrentDbEventStore(options: KurrentDbEventStoreOptions): Promise<EventStore> {
  const client = KurrentDBClient.connectionString(options.connectionString);
  const namespace = options.namespace ?? '';
  const names = streamNames(namespace);
  const now = options.now ?? (() => new Date());
  const appended = new AppendSignal(options.pollIntervalMs ?? 200);

  /** The first record a stream read returns, or undefined if there is none (or no stream). */
  async function firstRecord(stream: string, readOptions: ClientReadStreamOptions) {
    try {
      for await (const { event } of client.readStream(stream, { ...readOptions, maxCount: 1 })) return event;
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return undefined;
  }

  async function readIndexHead(): Promise<IndexHead> {
    const last = await firstRecord(names.positionIndex, LAST);
    return last ? indexHeadFrom(last) : EMPTY_INDEX;
  }

  async function lastRevisionOf(stream: string): Promise<number> {
    const last = await firstRecord(names.native(stream), LAST);
    return last ? Number(last.revision) : -1;
  }

  async function storedEvent(eventId: string): Promise<RecordedEvent | undefined> {
    const claim = await firstRecord(names.eventIdClaim(eventId), FROM_LEADER);
    if (!claim) return undefined;
    const { stream, revision } = decodeEventIdClaim(claim.data);
    const record = await firstRecord(names.native(stream), { ...FROM_LEADER, fromRevision: BigInt(revision) });
    const event = record && toLedgerEvent(record, names);
    if (!event)
      throw new Error(`event id ${eventId} is claimed by "${stream}" revision ${revision}, which does not hold it`);
    return event;
  }

  async function appendToStream(
    stream: string,
    events: readonly NewEvent[],
    opts: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    const expected = opts.expectedRevision ?? 'any';
    validateAppend(stream, events, expected, options.validate);
    rejectReservedNames(stream, events);
    for (;;) {
      // The head before the stream and the ids: an append those reads miss committed after the head was read, so it
      // moved the index, and the append below fails on the index's expected revision.
      const head = await readIndexHead();
      const [lastRevision, stored] = await Promise.all([
        lastRevisionOf(stream),
        Promise.all(events.map((e) => storedEvent(e.eventId))),
      ]);
      const byId = new Map(stored.filter((e) => e !== undefined).map((e) => [e.eventId, e]));
      const plan = planAppend(stream, events, expected, {
        streamRevision: lastRevision,
        head,
        storedEvent: (id) => byId.get(id),
        recordedAt: now().toISOString(),
      });
      if (!plan.write) return plan.result;
      const requests = batchRequests({ names, stream, lastRevision, head, recorded: plan.recorded });
      try {
        await client.multiStreamAppend(requests);
      } catch (error) {
        if (!(error instanceof ClientWrongExpectedVersionError)) throw error;
        // The index moved: another ledger append won; plan again on it. If it did not, the stream was written outside the ledger.
        if ((await readIndexHead()).position !== head.position) continue;
        throw error.streamName === names.native(stream) ? toLedgerConflict(stream, expected, error) : error;
      }
      appended.notify();
      return plan.result;
    }
  }

  /** Every record that claims a ledger position, in $all order from `fromPosition`. */
  async function* claimsInLog(fromPosition: ReadPosition, filter?: EventFilter): AsyncGenerator<RecordedEvent> {
    for await (const { event } of client.readAll({
      ...FROM_LEADER,
      fromPosition,
      filter: serverFilter(namespace, filter),
    })) {
      const claim = event && toLedgerEvent(event, names);
      if (claim) yield claim;
    }
  }

  async function readAll({ fromPosition = 0, maxCount = 1000, filter }: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const from = Math.max(fromPosition, 1);
    const entry = await firstRecord(names.positionIndex, { ...FROM_LEADER, fromRevision: BigInt(from - 1) });
    if (!entry || maxCount < 1) return [];
    const events: RecordedEvent[] = [];
    for await (const event of firstClaims(
      claimsInLog(decodePositionIndexEntry(entry.data).batchStartsAfter ?? START, filter),
      from,
    )) {
      if (!matchesFilter(event, filter)) continue;
      events.push(event);
      if (events.length === maxCount) break;
    }
    return events;
  }

  async function readStream(
    stream: string,
    { fromRevision = 0, maxCount }: ReadStreamOptions = {},
  ): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const { event } of client.readStream(names.native(stream), {
        ...FROM_LEADER,
        fromRevision: BigInt(fromRevision),
        ...(maxCount !== undefined && { maxCount }),
      })) {
        const ledgerEvent = event && toLedgerEvent(event, names);
        if (ledgerEvent) events.push(ledgerEvent);
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return events;
  }

  const headPosition = async () => (await readIndexHead()).position;

  // Fails now rather than at the first append when the server cannot be reached.
  await headPosition().catch(async (error) => {
    await client.dispose();
    throw error;
  });

  return eventStoreFrom({
    appendToStream,
    readStream,
    readAll,
    headPosition,
    appended,
    verify: () => verifyClaims(claimsInLog(START)),
    release: () => client.dispose(),
  });
}
