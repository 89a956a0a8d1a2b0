import { describe, it, expect } from '@jest/globals';
import { sha256Hex } from '@ledger/canonical';
import { streamOf } from './aggregates.ts';
import { RegisterDocumentSchema } from './commands.ts';
import { documentDecider } from './document-decider.ts';
import { DomainError } from './errors.ts';
import { DocumentRegisteredSchema } from './events.ts';
import { deciderSpecification } from './testing/decider-specification.ts';
import { sampleDocument, sampleRaw } from './test-fixtures.ts';
import { parseOrThrow } from './validation.ts';

const spec = deciderSpecification(documentDecider);
const register = (document = sampleDocument, text = sampleRaw) =>
  parseOrThrow(RegisterDocumentSchema, { type: 'RegisterDocument', document, text });
const registered = {
  type: 'DocumentRegistered' as const,
  data: parseOrThrow(DocumentRegisteredSchema, { schemaVersion: 1, ...sampleDocument, text: sampleRaw }),
};

describe('document decider', () => {
  it('registers a document into its own stream', () => {
    spec.given([]).when(register()).then([registered]);
    expect(streamOf(register())).toBe('document-doc-sample');
  });

  it('registering the same document again changes nothing', () => {
    spec.given([registered]).when(register()).thenNothingHappened();
  });

  it('refuses other metadata under a registered id', () => {
    const edited = `${sampleRaw}补充`;
    spec
      .given([registered])
      .when(register({ ...sampleDocument, sha256: sha256Hex(edited) }, edited))
      .thenThrows(DomainError, (e) => e.code === 'conflict' && e.field === 'documentId');
  });

  it('refuses text whose sha256 is not the declared one', () => {
    spec
      .given([])
      .when(register(sampleDocument, `${sampleRaw} `))
      .thenThrows(DomainError, (e) => e.field === 'document.sha256');
  });

  it('folds a registration into the document and its text', () => {
    const { schemaVersion: _v, text, ...document } = registered.data;
    expect(documentDecider.evolve(documentDecider.initialState(), registered)).toEqual({ document, text });
  });
});
