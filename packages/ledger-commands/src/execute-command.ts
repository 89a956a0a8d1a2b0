import {
  DomainError,
  EventMetadataSchema,
  checkCitation,
  documentAggregate,
  documentStream,
  eventIdOf,
  evolveAll,
  indexText,
  isDocumentCommand,
  parseCommand,
  parseOrThrow,
  seriesAggregate,
  validateLedgerEvent,
  type Aggregate,
  type Citation,
  type Command,
  type DocumentState,
  type SeriesState,
  type EventMetadata,
  type LedgerEvent,
  type TextIndex,
} from '@ledger/domain';
import {
  WrongExpectedVersionError,
  checkExpectedRevision,
  groupCommit,
  nextTurn,
  type EventStore,
  type ExpectedRevision,
  type RecordedEvent,
} from '@ledger/event-store';
import { decidedFromParsedCommand } from './event-validator.ts';
import { LRUCache } from 'lru-cache';
import { createStreamStates, type StreamState, type StreamStates } from './stream-states.ts';

/** A command of a batch was refused: which one (its index), and why. Nothing of the batch was appended. */
export class CommandInBatchError extends Error {
  override readonly name = 'CommandInBatchError';
  readonly index: number;
  constructor(index: number, cause: unknown) {
    super(`command ${index}: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.index = index;
  }
}

export interface CommandResult {
  stream: string;
  /** The events this command appended; empty when it changed nothing (an idempotent repeat). */
  appended: Array<{ eventId: string; type: string }>;
  /** The global position of the last appended event (absent when nothing was appended). */
  position?: number;
  /** The stream's revision after the command, for optimistic concurrency on the next write. */
  revision: number;
}

export interface ExecuteOptions {
  expectedRevision?: ExpectedRevision;
  /** Who asked and why, written beside every event the command appends (never part of the event's content). */
  metadata?: EventMetadata;
}

export interface LedgerCommands {
  /**
   * Validates, decides against the stream's current state and appends. With `expectedRevision` the caller's view
   * must still be current (else WrongExpectedVersionError); without it a concurrent write is retried on fresh state.
   */
  execute(command: unknown, options?: ExecuteOptions): Promise<CommandResult>;
  /**
   * Executes commands all or nothing, in one store transaction: each is decided on the state the ones before it leave
   * (two reports in one series see each other); any refusal throws CommandInBatchError and appends nothing. A
   * concurrent write is retried on fresh state. A repeat of an earlier batch appends nothing again (idempotent ids).
   */
  executeAll(commands: readonly unknown[], options?: Pick<ExecuteOptions, 'metadata'>): Promise<CommandResult[]>;
  loadDocument(documentId: string): Promise<DocumentState>;
}

const RETRIES = 5;

/**
 * What the kept states may hold: figures of series, and characters of documents' text (UTF-16 units, about two
 * bytes each, and as much again for a registered one's index and the copy the document's own stream keeps). A kept
 * state saves a command reading its stream; a report for a series not kept is still decided without reading, on an
 * empty state, whenever the series is new.
 */
const KEPT_FIGURES = 10_000;
const KEPT_TEXT = 8_000_000;

const textLength = (state: DocumentState): number => state.text?.length ?? 0;

/** A registered document's state, and its text indexed for checking citations. */
interface RegisteredDocument {
  state: Required<DocumentState>;
  index: TextIndex;
}

export interface LedgerCommandsOptions {
  /** Figures of series whose folded state is kept between commands (default 10,000). */
  keptFigures?: number;
  /** Characters of documents' text kept between commands, with their indexes (default 8 M). */
  keptText?: number;
}

export function createLedgerCommands(
  store: EventStore,
  { keptFigures = KEPT_FIGURES, keptText = KEPT_TEXT }: LedgerCommandsOptions = {},
): LedgerCommands {
  // Commands that arrive in one turn of the event loop (or while a group is being written) share one transaction.
  const appendGrouped = groupCommit((appends) => store.appendToStreams(appends), { gather: nextTurn });
  // Each stream's folded state at a revision, per aggregate: a command reads and validates only the events since.
  const documentStates = createStreamStates<DocumentState>({ maxWeight: keptText, weigh: textLength });
  const seriesStates = createStreamStates<SeriesState>({
    maxWeight: keptFigures,
    weigh: (state) => Object.keys(state.figures).length,
  });

  /**
   * A stream's state, folded by the decider of its aggregate, and its revision (-1: no stream): the kept state
   * brought up to date with what was appended since (by this process or another).
   */
  async function load<State, Event extends LedgerEvent>(
    aggregate: Aggregate<State, never, Event>,
    states: StreamStates<State>,
    stream: string,
  ): Promise<StreamState<State>> {
    const kept = states.get(stream);
    const fromRevision = (kept?.revision ?? -1) + 1;
    const recorded: RecordedEvent[] = await store.readStream(stream, { fromRevision });
    const events = recorded.map((event) => {
      const parsed = validateLedgerEvent(event);
      if (!aggregate.ownsEvent(parsed))
        throw new Error(`stream "${stream}" holds a ${event.type} event at revision ${event.revision}, not its own`);
      return parsed;
    });
    const current = {
      state: evolveAll(aggregate.decider, events, kept?.state),
      revision: fromRevision - 1 + recorded.length,
    };
    states.keep(stream, current);
    return current;
  }

  // A registered document never changes, so its folded state is kept once read, with its text indexed, so that
  // checking a citation costs its quote, not a walk of the whole document. Bounded by characters of text kept.
  const registeredDocuments = new LRUCache<string, RegisteredDocument>({
    maxSize: keptText,
    sizeCalculation: ({ state }) => textLength(state),
  });

  async function loadRegistered(documentId: string): Promise<RegisteredDocument | { state: DocumentState }> {
    const kept = registeredDocuments.get(documentId);
    if (kept) return kept;
    const { state } = await load(documentAggregate, documentStates, documentStream(documentId));
    const { document, text } = state;
    if (!document || text === undefined) return { state };
    const registered = { state: { document, text }, index: indexText(text) };
    registeredDocuments.set(documentId, registered);
    return registered;
  }

  const loadDocument = async (documentId: string): Promise<DocumentState> => (await loadRegistered(documentId)).state;

  /** A figure must cite a registered document, with a quote that is exactly its raw text at the offsets. */
  async function checkCitations(citations: readonly Citation[], field: string): Promise<void> {
    const registered = await loadRegistered(citations[0]!.documentId);
    if (!('index' in registered))
      throw new DomainError(
        'not-found',
        `document ${citations[0]!.documentId} is not registered`,
        `${field}.0.documentId`,
      );
    const { document } = registered.state;
    const { index } = registered;
    citations.forEach((citation, i) => {
      if (citation.documentSha256 !== document.sha256)
        throw new DomainError('invalid', `is not the registered document's sha256`, `${field}.${i}.documentSha256`);
      const check = checkCitation(index, citation);
      if (!check.ok) throw new DomainError('invalid', check.problem, `${field}.${i}.${check.field}`);
    });
  }

  async function attempt(
    command: Command,
    expectedRevision: ExpectedRevision | undefined,
    metadata: EventMetadata | undefined,
  ): Promise<CommandResult> {
    if (isDocumentCommand(command))
      return (await decideAndAppend(documentAggregate, documentStates, command, expectedRevision, metadata))!;
    // A report with no revision named is decided on the kept state (or, for a stream not kept, an empty one) without
    // reading the store first: the append's expected revision checks that state in the same transaction. Stale or
    // refused, it is decided again below on the state read from the store.
    if (command.type === 'ReportFigure' && expectedRevision === undefined) {
      const kept = seriesStates.get(seriesAggregate.streamOf(command)) ?? {
        state: seriesAggregate.decider.initialState(),
        revision: -1,
      };
      const result = await decideAndAppend(seriesAggregate, seriesStates, command, undefined, metadata, kept).catch(
        (error: unknown) => {
          if (error instanceof WrongExpectedVersionError || error instanceof DomainError) return undefined;
          throw error;
        },
      );
      if (result) return result;
    }
    return (await decideAndAppend(seriesAggregate, seriesStates, command, expectedRevision, metadata))!;
  }

  /**
   * Decides a command with the decider of its aggregate, against its stream's current state (or `assumed`, a state
   * not read from the store), and appends. Undefined when an assumed state turned out stale without an error (the
   * events were all stored already).
   */
  async function decideAndAppend<State, AggregateCommand, Event extends LedgerEvent>(
    aggregate: Aggregate<State, AggregateCommand, Event>,
    states: StreamStates<State>,
    command: AggregateCommand,
    expectedRevision: ExpectedRevision | undefined,
    metadata: EventMetadata | undefined,
    assumed?: StreamState<State>,
  ): Promise<CommandResult | undefined> {
    const stream = aggregate.streamOf(command);
    const { state, revision } = assumed ?? (await load(aggregate, states, stream));
    // Checked here too, so that a stale caller hears so even when the command would change nothing.
    if (expectedRevision !== undefined) checkExpectedRevision(stream, expectedRevision, revision);
    const decided = aggregate.decider.decide(command, state);
    if (decided.length === 0) return { stream, appended: [], revision };
    const withIds = decided.map((event) => ({
      eventId: eventIdOf(event),
      type: event.type,
      data: decidedFromParsedCommand(event.data),
      ...(metadata && { metadata: { ...metadata } }),
    }));
    const { result, written } = await appendGrouped({
      stream,
      events: withIds,
      expectedRevision: revision === -1 ? 'no_stream' : revision,
    });
    // Our own append folded in, unless the store says it was (partly) a retry of events already there.
    const fresh = written === decided.length;
    if (fresh)
      states.keep(stream, {
        state: evolveAll(aggregate.decider, decided, state),
        revision: result.nextExpectedRevision,
      });
    else if (assumed) return undefined;
    return {
      stream,
      revision: result.nextExpectedRevision,
      position: result.position,
      // Nothing when another writer stored these very events first (the ids follow from the content).
      appended: written ? withIds.map(({ eventId, type }) => ({ eventId, type })) : [],
    };
  }

  /** Parses a command and checks its citations: what needs no stream state. */
  async function validated(input: unknown): Promise<Command> {
    const command = parseCommand(input);
    if (command.type === 'ReportFigure') await checkCitations(command.report.citations, 'report.citations');
    if (command.type === 'CorrectFigure' && command.citations) await checkCitations(command.citations, 'citations');
    return command;
  }

  async function execute(input: unknown, options: ExecuteOptions = {}): Promise<CommandResult> {
    const command = await validated(input);
    const metadata = options.metadata && parseOrThrow(EventMetadataSchema, options.metadata, 'metadata');
    for (let tries = 1; ; tries++) {
      try {
        return await attempt(command, options.expectedRevision, metadata);
      } catch (error) {
        const retry =
          error instanceof WrongExpectedVersionError &&
          (options.expectedRevision ?? 'any') === 'any' &&
          tries < RETRIES;
        if (!retry) throw error;
      }
    }
  }

  async function executeAll(
    inputs: readonly unknown[],
    options: Pick<ExecuteOptions, 'metadata'> = {},
  ): Promise<CommandResult[]> {
    const metadata = options.metadata && parseOrThrow(EventMetadataSchema, options.metadata, 'metadata');
    const commands: Command[] = [];
    for (const [i, input] of inputs.entries())
      commands.push(
        await validated(input).catch((error: unknown) => Promise.reject(new CommandInBatchError(i, error))),
      );
    // Reports are first decided on kept (or empty) states, unread, as single reports are; refused, on stored states.
    let assume = commands.every((command) => command.type === 'ReportFigure');
    for (let tries = 1; ; tries++) {
      try {
        return await decideAllAndAppend(commands, metadata, assume);
      } catch (error) {
        const stale =
          error instanceof WrongExpectedVersionError ||
          (assume && error instanceof CommandInBatchError && error.cause instanceof DomainError);
        if (!(stale && tries < RETRIES)) throw error;
        assume = false;
      }
    }
  }

  /** What a batch decided for one stream: the state it started from, the state it leaves, the events to append. */
  interface StreamWork {
    states: StreamStates<unknown>;
    decider: Aggregate<unknown, unknown, LedgerEvent>['decider'];
    start: StreamState<unknown>;
    state: unknown;
    events: Array<{ eventId: string; type: string; data: Record<string, unknown>; metadata?: EventMetadata }>;
  }

  /**
   * Decides every command on its stream's state as the ones before it leave it, and appends all or nothing. With
   * `assume`, a stream's state is the kept one (or an empty stream) and the append's expected revision checks it.
   */
  async function decideAllAndAppend(
    commands: readonly Command[],
    metadata: EventMetadata | undefined,
    assume: boolean,
  ): Promise<CommandResult[]> {
    const targets = commands.map((command) => {
      const [aggregate, states] = (
        isDocumentCommand(command) ? [documentAggregate, documentStates] : [seriesAggregate, seriesStates]
      ) as [Aggregate<unknown, unknown, LedgerEvent>, StreamStates<unknown>];
      return { aggregate, states, stream: aggregate.streamOf(command) };
    });
    // Each stream's state once, read in parallel (not one round trip after another).
    const work = new Map<string, StreamWork>();
    const firsts = [...new Map(targets.map((target) => [target.stream, target])).values()];
    await Promise.all(
      firsts.map(async ({ aggregate, states, stream }) => {
        const start =
          (assume ? states.get(stream) : undefined) ??
          (assume ? { state: aggregate.decider.initialState(), revision: -1 } : await load(aggregate, states, stream));
        work.set(stream, { states, decider: aggregate.decider, start, state: start.state, events: [] });
      }),
    );
    const decided: Array<{ stream: string; from: number; count: number }> = [];
    for (const [i, command] of commands.entries()) {
      const { aggregate, stream } = targets[i]!;
      const streamWork = work.get(stream)!;
      let events: LedgerEvent[];
      try {
        events = aggregate.decider.decide(command, streamWork.state);
      } catch (error) {
        throw new CommandInBatchError(i, error);
      }
      streamWork.state = evolveAll(aggregate.decider, events, streamWork.state);
      decided.push({ stream, from: streamWork.events.length, count: events.length });
      for (const event of events)
        streamWork.events.push({
          eventId: eventIdOf(event),
          type: event.type,
          data: decidedFromParsedCommand(event.data),
          ...(metadata && { metadata: { ...metadata } }),
        });
    }
    const appends = [...work].filter(([, w]) => w.events.length);
    const outcomes = appends.length
      ? await store.appendToStreams(
          appends.map(([stream, w]) => ({
            stream,
            events: w.events,
            expectedRevision: w.start.revision === -1 ? ('no_stream' as const) : w.start.revision,
          })),
          { allOrNothing: true },
        )
      : [];
    // A stream's append either wrote all its events, or none (all were stored already: a repeat, perhaps by another
    // writer, whose state is then not known here); some but not all would have failed its expected revision.
    const written = new Map<string, { revision: number; position: number; fresh: boolean }>();
    appends.forEach(([stream, w], i) => {
      const outcome = outcomes[i]!;
      if (!outcome.ok) throw outcome.error; // allOrNothing threw already; here for the type
      const fresh = outcome.written === w.events.length;
      if (fresh) w.states.keep(stream, { state: w.state, revision: outcome.result.nextExpectedRevision });
      written.set(stream, { revision: outcome.result.nextExpectedRevision, position: outcome.result.position, fresh });
    });
    return decided.map(({ stream, from, count }) => {
      const w = work.get(stream)!;
      const done = written.get(stream);
      const appended =
        done && !done.fresh ? [] : w.events.slice(from, from + count).map(({ eventId, type }) => ({ eventId, type }));
      // Each stream's events are written together, in order: a command's last event stands this far before the end.
      const position = done?.fresh && count ? done.position - (w.events.length - from - count) : undefined;
      // Fresh, the command's own revision (as executing it alone gives); a repeat, the stream's as stored.
      const revision = done?.fresh ? w.start.revision + from + count : (done?.revision ?? w.start.revision + from);
      return {
        stream,
        revision,
        appended,
        ...(position !== undefined && { position }),
      };
    });
  }

  return { execute, executeAll, loadDocument };
}
