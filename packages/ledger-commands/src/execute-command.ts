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
  type EventMetadata,
  type LedgerEvent,
  type TextIndex,
} from '@ledger/domain';
import {
  WrongExpectedVersionError,
  checkExpectedRevision,
  type EventStore,
  type ExpectedRevision,
  type RecordedEvent,
} from '@ledger/event-store';

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
  loadDocument(documentId: string): Promise<DocumentState>;
}

const RETRIES = 5;

export function createLedgerCommands(store: EventStore): LedgerCommands {
  /** A stream's state, folded by the decider of its aggregate, and its revision (-1: no stream). */
  async function load<State, Event extends LedgerEvent>(
    aggregate: Aggregate<State, never, Event>,
    stream: string,
  ): Promise<{ state: State; revision: number }> {
    const recorded: RecordedEvent[] = await store.readStream(stream);
    const events = recorded.map((event) => {
      const parsed = validateLedgerEvent(event);
      if (!aggregate.ownsEvent(parsed))
        throw new Error(`stream "${stream}" holds a ${event.type} event at revision ${event.revision}, not its own`);
      return parsed;
    });
    return { state: evolveAll(aggregate.decider, events), revision: recorded.length - 1 };
  }

  // A registered document never changes, so its folded state (with its text) is kept once read.
  const registeredDocuments = new Map<string, DocumentState>();

  async function loadDocument(documentId: string): Promise<DocumentState> {
    const cached = registeredDocuments.get(documentId);
    if (cached) return cached;
    const { state } = await load(documentAggregate, documentStream(documentId));
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
      ? decideAndAppend(documentAggregate, command, expectedRevision, metadata)
      : decideAndAppend(seriesAggregate, command, expectedRevision, metadata);
  }

  /** Decides a command with the decider of its aggregate, against its stream's current state, and appends. */
  async function decideAndAppend<State, AggregateCommand, Event extends LedgerEvent>(
    aggregate: Aggregate<State, AggregateCommand, Event>,
    command: AggregateCommand,
    expectedRevision: ExpectedRevision | undefined,
    metadata: EventMetadata | undefined,
  ): Promise<CommandResult> {
    const stream = aggregate.streamOf(command);
    const { state, revision } = await load(aggregate, stream);
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
    return {
      stream,
      revision: result.nextExpectedRevision,
      position: result.position,
      appended: withIds.map(({ eventId, type }) => ({ eventId, type })),
    };
  }

  async function execute(input: unknown, options: ExecuteOptions = {}): Promise<CommandResult> {
    const command = parseOrThrow(CommandSchema, input);
    const metadata = options.metadata && parseOrThrow(EventMetadataSchema, options.metadata, 'metadata');
    if (command.type === 'ReportFigure') await checkCitations(command.report.citations, 'report.citations');
    if (command.type === 'CorrectFigure' && command.citations) await checkCitations(command.citations, 'citations');
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

  return { execute, loadDocument };
}
