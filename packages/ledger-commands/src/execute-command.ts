import {
  CommandSchema,
  DomainError,
  checkCitation,
  decide,
  documentStream,
  eventIdOf,
  fold,
  initialDocumentState,
  initialSeriesState,
  parseOrThrow,
  streamOf,
  validateLedgerEvent,
  type Citation,
  type Command,
  type DocumentState,
  type LedgerEvent,
  type SeriesState,
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

export interface LedgerCommands {
  /**
   * Validates, decides against the stream's current state and appends. With `expectedRevision` the caller's view
   * must still be current (else WrongExpectedVersionError); without it a concurrent write is retried on fresh state.
   */
  execute(command: unknown, options?: { expectedRevision?: ExpectedRevision }): Promise<CommandResult>;
  loadDocument(documentId: string): Promise<DocumentState>;
}

const RETRIES = 5;
const KEPT_STREAM_STATES = 10_000;

export function createLedgerCommands(store: EventStore): LedgerCommands {
  async function load(stream: string): Promise<{ events: LedgerEvent[]; revision: number }> {
    const recorded: RecordedEvent[] = await store.readStream(stream);
    return { events: recorded.map(validateLedgerEvent), revision: recorded.length - 1 };
  }

  // A registered document never changes, so its folded state (with its text) is kept once read.
  const registeredDocuments = new Map<string, DocumentState>();

  async function loadDocument(documentId: string): Promise<DocumentState> {
    const cached = registeredDocuments.get(documentId);
    if (cached) return cached;
    const state = fold(initialDocumentState(), (await load(documentStream(documentId))).events);
    if (state.document) registeredDocuments.set(documentId, state);
    return state;
  }

  /** A figure must cite a registered document, with a quote that is exactly its raw text at the offsets. */
  async function checkCitations(citations: readonly Citation[], field: string): Promise<void> {
    const { document, text } = await loadDocument(citations[0]!.documentId);
    if (!document || text === undefined)
      throw new DomainError(
        'not-found',
        `document ${citations[0]!.documentId} is not registered`,
        `${field}.0.documentId`,
      );
    citations.forEach((citation, i) => {
      if (citation.documentSha256 !== document.sha256)
        throw new DomainError('invalid', `is not the registered document's sha256`, `${field}.${i}.documentSha256`);
      const check = checkCitation(text, citation);
      if (!check.ok) throw new DomainError('invalid', check.problem, `${field}.${i}.${check.field}`);
    });
  }

  // Each stream's folded state at a revision: a command reads and validates only the events appended since.
  const streamStates = new Map<string, { state: DocumentState | SeriesState; revision: number }>();

  async function currentState(stream: string, initial: () => DocumentState | SeriesState) {
    const kept = streamStates.get(stream);
    const newer = (await store.readStream(stream, { fromRevision: (kept?.revision ?? -1) + 1 })).map(
      validateLedgerEvent,
    );
    const current = { state: fold(kept?.state ?? initial(), newer), revision: (kept?.revision ?? -1) + newer.length };
    keepState(stream, current);
    return current;
  }
  function keepState(stream: string, current: { state: DocumentState | SeriesState; revision: number }): void {
    streamStates.delete(stream); // re-inserted last: the map drops the stream used longest ago
    streamStates.set(stream, current);
    if (streamStates.size > KEPT_STREAM_STATES) streamStates.delete(streamStates.keys().next().value!);
  }

  async function attempt(command: Command, expectedRevision: ExpectedRevision | undefined): Promise<CommandResult> {
    const stream = streamOf(command);
    const { state, revision } = await currentState(
      stream,
      command.type === 'RegisterDocument' ? initialDocumentState : initialSeriesState,
    );
    // Checked here too, so that a stale caller hears so even when the command would change nothing.
    if (expectedRevision !== undefined) checkExpectedRevision(stream, expectedRevision, revision);
    const decided = decide(command, state);
    if (decided.length === 0) return { stream, appended: [], revision };
    const withIds = decided.map((event) => ({
      eventId: eventIdOf(event),
      type: event.type,
      data: event.data as Record<string, unknown>,
    }));
    const result = await store.appendToStream(stream, withIds, {
      expectedRevision: revision === -1 ? 'no_stream' : revision,
    });
    if (result.nextExpectedRevision === revision + decided.length)
      keepState(stream, { state: fold(state, decided), revision: result.nextExpectedRevision });
    return {
      stream,
      revision: result.nextExpectedRevision,
      position: result.position,
      appended: withIds.map(({ eventId, type }) => ({ eventId, type })),
    };
  }

  async function execute(
    input: unknown,
    options: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<CommandResult> {
    const command = parseOrThrow(CommandSchema, input) as Command;
    if (command.type === 'ReportFigure') await checkCitations(command.report.citations, 'report.citations');
    if (command.type === 'CorrectFigure' && command.citations) await checkCitations(command.citations, 'citations');
    for (let tries = 1; ; tries++) {
      try {
        return await attempt(command, options.expectedRevision);
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
