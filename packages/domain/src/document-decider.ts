import { canonicalJson, sha256Hex } from '@ledger/canonical';
import type { RegisterDocument } from './commands.ts';
import type { Aggregate, Decider } from './decider.ts';
import { unreachable } from './decider.ts';
import { DomainError } from './errors.ts';
import type { LedgerEvent } from './events.ts';
import { initialDocumentState, type DocumentState } from './state.ts';
import { documentStream } from './streams.ts';

export type DocumentCommand = RegisterDocument;
export type DocumentEvent = Extract<LedgerEvent, { type: 'DocumentRegistered' }>;

/** A source document: registered once, with its raw text; registering the same again changes nothing. */
export const documentDecider: Decider<DocumentState, DocumentCommand, DocumentEvent> = {
  decide(command, state) {
    const { type } = command;
    switch (type) {
      case 'RegisterDocument':
        return registerDocument(command, state);
      default:
        return unreachable(type, 'document command');
    }
  },
  evolve(_state, event) {
    const { type } = event;
    switch (type) {
      case 'DocumentRegistered': {
        const { schemaVersion: _v, text, ...document } = event.data;
        return { document, text };
      }
      default:
        return unreachable(type, 'document event');
    }
  },
  initialState: initialDocumentState,
};

export const documentAggregate: Aggregate<DocumentState, DocumentCommand, DocumentEvent> = {
  decider: documentDecider,
  streamOf: (command) => documentStream(command.document.documentId),
  ownsEvent: (event): event is DocumentEvent => event.type === 'DocumentRegistered',
};

function registerDocument({ document, text }: RegisterDocument, state: DocumentState): DocumentEvent[] {
  if (sha256Hex(text) !== document.sha256)
    throw new DomainError('invalid', 'is not the sha256 of the text', 'document.sha256');
  if (state.document) {
    if (canonicalJson(state.document) === canonicalJson(document)) return [];
    throw new DomainError(
      'conflict',
      `document ${document.documentId} is already registered with other metadata`,
      'documentId',
    );
  }
  return [{ type: 'DocumentRegistered', data: { schemaVersion: 1, ...document, text } }];
}
