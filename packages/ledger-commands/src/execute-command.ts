import {
  CommandSchema,
  DomainError,
  EventMetadataSchema,
  checkCitation,
  documentAggregate,
  documentStream,
  eventIdOf,
  evolveAll,
  indexText,
  isDocumentCommand,
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
  type AppendResult,
  type EventStore,
  type NewEvent,
  type ExpectedRevision,
  type RecordedEvent,
} from '@ledger/event-store';
import { createStreamStates, type StreamState, type StreamStates } from './stream-states.ts';

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
   * The commands in order, with the results `execute` would give one by one, but every command is checked and decided
   * before anything is appended, and all their events go in with one commit where the store can (a document's figures:
   * one transaction, not one per figure). A concurrent write to one of their streams: executed one by one instead.
   */
  executeAll(commands: readonly unknown[], options?: Pick<ExecuteOptions, 'metadata'>): Promise<CommandResult[]>;
  loadDocument(documentId: string): Promise<DocumentState>;
}

const RETRIES = 5;

export function createLedgerCommands(store: EventStore): LedgerCommands {
  // Each stream's folded state at a revision, per aggregate: a command reads and validates only the events since.
  const documentStates = createStreamStates<DocumentState>();
  const seriesStates = createStreamStates<SeriesState>();

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

  // A registered document never changes, so its folded state (with its text) is kept once read.
  const registeredDocuments = new Map<string, DocumentState>();

  async function loadDocument(documentId: string): Promise<DocumentState> {
    const cached = registeredDocuments.get(documentId);
    if (cached) return cached;
    const { state } = await load(documentAggregate, documentStates, documentStream(documentId));
    if (state.document) registeredDocuments.set(documentId, state);
    return state;
  }

  // Indexed once per text (by its sha256), so checking a citation costs its quote, not a walk of the whole document.
  const textIndexes = new Map<string, TextIndex>();
  const textIndexOf = (sha256: string, text: string): TextIndex => {
    let index = textIndexes.get(sha256);
    if (!index) textIndexes.set(sha256, (index = indexText(text)));
    return index;
  };

  /** A figure must cite a registered document, with a quote that is exactly its raw text at the offsets. */
  async function checkCitations(citations: readonly Citation[], field: string): Promise<void> {
    const { document, text } = await loadDocument(citations[0]!.documentId);
    if (!document || text === undefined)
      throw new DomainError(
        'not-found',
        `document ${citations[0]!.documentId} is not registered`,
        `${field}.0.documentId`,
      );
    const index = textIndexOf(document.sha256, text);
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
    return isDocumentCommand(command)
      ? decideAndAppend(documentAggregate, documentStates, command, expectedRevision, metadata)
      : decideAndAppend(seriesAggregate, seriesStates, command, expectedRevision, metadata);
  }

  /** Decides a command with the decider of its aggregate, against its stream's current state, and appends. */
  async function decideAndAppend<State, AggregateCommand, Event extends LedgerEvent>(
    aggregate: Aggregate<State, AggregateCommand, Event>,
    states: StreamStates<State>,
    command: AggregateCommand,
    expectedRevision: ExpectedRevision | undefined,
    metadata: EventMetadata | undefined,
  ): Promise<CommandResult> {
    const stream = aggregate.streamOf(command);
    const { state, revision } = await load(aggregate, states, stream);
    // Checked here too, so that a stale caller hears so even when the command would change nothing.
    if (expectedRevision !== undefined) checkExpectedRevision(stream, expectedRevision, revision);
    const decided = aggregate.decider.decide(command, state);
    if (decided.length === 0) return { stream, appended: [], revision };
    const withIds = decided.map((event) => ({
      eventId: eventIdOf(event),
      type: event.type,
      data: event.data,
      ...(metadata && { metadata: { ...metadata } }),
    }));
    const result = await store.appendToStream(stream, withIds, {
      expectedRevision: revision === -1 ? 'no_stream' : revision,
    });
    // Our own append folded in, unless the store says it was (partly) a retry of events already there.
    if (result.nextExpectedRevision === revision + decided.length)
      states.keep(stream, {
        state: evolveAll(aggregate.decider, decided, state),
        revision: result.nextExpectedRevision,
      });
    return {
      stream,
      revision: result.nextExpectedRevision,
      position: result.position,
      appended: withIds.map(({ eventId, type }) => ({ eventId, type })),
    };
  }

  async function checkCommandCitations(command: Command): Promise<void> {
    if (command.type === 'ReportFigure') await checkCitations(command.report.citations, 'report.citations');
    if (command.type === 'CorrectFigure' && command.citations) await checkCitations(command.citations, 'citations');
  }

  async function execute(input: unknown, options: ExecuteOptions = {}): Promise<CommandResult> {
    const command = parseOrThrow(CommandSchema, input);
    const metadata = options.metadata && parseOrThrow(EventMetadataSchema, options.metadata, 'metadata');
    await checkCommandCitations(command);
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

  /** One command of a batch, decided against its stream as the batch's earlier commands leave it. */
  interface BatchEntry {
    stream: string;
    /** The stream's revision before this command. */
    revision: number;
    events: NewEvent[];
  }

  /** Each stream's state as the batch's commands decided so far, and how to keep it once appended. */
  type Planned = Map<string, StreamState<unknown> & { keep: (current: StreamState<unknown>) => void }>;

  async function decideInBatch<State, AggregateCommand, Event extends LedgerEvent>(
    aggregate: Aggregate<State, AggregateCommand, Event>,
    states: StreamStates<State>,
    command: AggregateCommand,
    planned: Planned,
    metadata: EventMetadata | undefined,
  ): Promise<BatchEntry> {
    const stream = aggregate.streamOf(command);
    const current = (planned.get(stream) as StreamState<State> | undefined) ?? (await load(aggregate, states, stream));
    const decided = aggregate.decider.decide(command, current.state);
    planned.set(stream, {
      state: evolveAll(aggregate.decider, decided, current.state),
      revision: current.revision + decided.length,
      keep: (kept) => states.keep(stream, kept as StreamState<State>),
    });
    const events = decided.map((event) => ({
      eventId: eventIdOf(event),
      type: event.type,
      data: event.data,
      ...(metadata && { metadata: { ...metadata } }),
    }));
    return { stream, revision: current.revision, events };
  }

  async function executeAll(
    inputs: readonly unknown[],
    options: Pick<ExecuteOptions, 'metadata'> = {},
  ): Promise<CommandResult[]> {
    const inTurn = async () => {
      const results: CommandResult[] = [];
      for (const input of inputs) results.push(await execute(input, options));
      return results;
    };
    if (!store.appendToStreams) return inTurn();
    const commands = inputs.map((input) => parseOrThrow(CommandSchema, input));
    const metadata = options.metadata && parseOrThrow(EventMetadataSchema, options.metadata, 'metadata');
    for (const command of commands) await checkCommandCitations(command);
    const planned: Planned = new Map();
    const entries: BatchEntry[] = [];
    for (const command of commands)
      entries.push(
        isDocumentCommand(command)
          ? await decideInBatch(documentAggregate, documentStates, command, planned, metadata)
          : await decideInBatch(seriesAggregate, seriesStates, command, planned, metadata),
      );
    const writing = entries.filter((entry) => entry.events.length > 0);
    let appended: AppendResult[];
    try {
      appended = await store.appendToStreams(
        writing.map(({ stream, events, revision }) => ({
          stream,
          events,
          expectedRevision: revision === -1 ? 'no_stream' : revision,
        })),
      );
    } catch (error) {
      // Another writer got to one of the streams first; nothing of the batch is stored, so each command decides anew.
      if (error instanceof WrongExpectedVersionError) return inTurn();
      throw error;
    }
    const results = new Map(writing.map((entry, i) => [entry, appended[i]!]));
    // The batch's own appends folded in, for streams the store wrote as planned (not partly a retry of stored events).
    const asPlanned = new Set(planned.keys());
    for (const entry of writing)
      if (results.get(entry)!.nextExpectedRevision !== entry.revision + entry.events.length)
        asPlanned.delete(entry.stream);
    for (const stream of asPlanned) {
      const { keep, ...current } = planned.get(stream)!;
      keep(current);
    }
    return entries.map((entry) => {
      const result = results.get(entry);
      if (!result) return { stream: entry.stream, appended: [], revision: entry.revision };
      return {
        stream: entry.stream,
        revision: result.nextExpectedRevision,
        position: result.position,
        appended: entry.events.map(({ eventId, type }) => ({ eventId, type })),
      };
    });
  }

  return { execute, executeAll, loadDocument };
}
