import { Router, type Request } from 'express';
import type { z } from 'zod';
import { ValidationError } from '@ledger/domain';
import { intakeDocument, reextractDocuments } from '@ledger/ingestion';
import { readDocument } from '@ledger/intake';
import type { AppDeps } from '../app-deps.ts';
import { IMMUTABLE, matchesIfNoneMatch, readModelConditionalGet } from '../conditional-get.ts';
import { HttpProblem } from '../problem.ts';
import { requestMetadata } from '../provenance.ts';
import {
  DocumentIdParam,
  DocumentIntakeQuery,
  DocumentQuery,
  NoQuery,
  RegisterDocumentBody,
} from '../request-schemas.ts';
import { input } from '../validate.ts';

/** Where a problem of raw-body intake lies in the request: the query parameter, the body or its declared type. */
const REQUEST_FIELD: Record<string, string> = {
  bytes: 'body',
  text: 'body',
  charset: 'header.Content-Type',
  mediaType: 'header.Content-Type',
};

/** The document a raw body (text/plain or text/html) is, with its metadata from the query or from its text. */
function rawDocument(req: Request, given: Omit<z.output<typeof DocumentIntakeQuery>, 'extract'>) {
  try {
    return readDocument(req.body as Buffer, { ...given, contentType: req.get('content-type') ?? 'text/plain' });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new ValidationError(
      error.problems.map((p) => ({ field: REQUEST_FIELD[p.field] ?? `query.${p.field}`, problem: p.problem })),
    );
  }
}

export function documentRoutes({ queries, commands, store }: AppDeps): Router {
  const router = Router();
  const conditional = readModelConditionalGet(queries);
  const knownDocument = async (documentId: string) => {
    const document = await queries.getDocument(documentId);
    if (!document) throw new HttpProblem({ status: 404, title: 'Not Found', detail: `no document ${documentId}` });
    return document;
  };
  router.get('/v1/documents', conditional, async (req, res) => {
    input(NoQuery, req, 'query');
    res.json({ documents: await queries.listDocuments() });
  });
  // The metadata carries the document's figure count, which grows: validated by the read models' position.
  router.get('/v1/documents/:documentId', conditional, async (req, res) => {
    const { documentId } = input(DocumentIdParam, req, 'params');
    const { text } = input(DocumentQuery, req, 'query');
    const document = await knownDocument(documentId);
    res.json(text === '1' ? { ...document, text: (await commands.loadDocument(documentId)).text } : document);
  });
  // The raw text never changes: its sha256 is its strong ETag, and caches may keep it.
  router.get('/v1/documents/:documentId/text', async (req, res) => {
    const { documentId } = input(DocumentIdParam, req, 'params');
    input(NoQuery, req, 'query');
    const { document, text } = await commands.loadDocument(documentId);
    if (!document || text === undefined)
      throw new HttpProblem({ status: 404, title: 'Not Found', detail: `no document ${documentId}` });
    const tag = `"${document.sha256}"`;
    res.set({ ETag: tag, 'Cache-Control': IMMUTABLE });
    if (matchesIfNoneMatch(req.get('if-none-match'), tag)) return void res.status(304).end();
    res.type('text/plain; charset=utf-8').send(text);
  });

  // Registers a document and appends every figure extracted from it: the raw file as the body (metadata in the query,
  // or read from the text), or JSON { document, text }. The same document again appends nothing (200).
  router.post('/v1/documents', async (req, res) => {
    const { extract, ...given } = input(DocumentIntakeQuery, req, 'query');
    const raw = Buffer.isBuffer(req.body);
    if (!raw && Object.keys(given).length)
      throw new ValidationError([
        { field: 'query', problem: 'metadata parameters go with a raw body; a JSON body carries its own' },
      ]);
    const document = raw
      ? rawDocument(req, given)
      : (({ document: metadata, text }) => ({ metadata, raw: text, inferred: {} }))(
          input(RegisterDocumentBody, req, 'body'),
        );
    const metadata = requestMetadata(req, res);
    const result = await intakeDocument(commands, document, {
      registeredBy: metadata.recordedBy,
      ...(metadata.correlationId && { correlationId: metadata.correlationId }),
      extract: extract !== 'false',
    });
    const { documentId, regionCode } = document.metadata;
    res.status(result.registered ? 201 : 200).json({
      documentId,
      registered: result.registered,
      figures: result.tally.figures,
      appendedEvents: result.appendedEvents,
      summary: result.tally,
      inferred: document.inferred,
      links: { document: `/v1/documents/${documentId}`, series: `/v1/series?region=${regionCode}` },
    });
  });

  // Extracts a registered document again and appends what the extractor now reads differently.
  router.post('/v1/documents/:documentId/reextractions', async (req, res) => {
    const { documentId } = input(DocumentIdParam, req, 'params');
    input(NoQuery, req, 'query');
    if (!(await commands.loadDocument(documentId)).document)
      throw new HttpProblem({ status: 404, title: 'Not Found', detail: `no document ${documentId}` });
    const { correlationId } = requestMetadata(req, res);
    const [result] = await reextractDocuments(commands, store, {
      documentIds: [documentId],
      ...(correlationId && { correlationId }),
    });
    res
      .status(result!.appendedEvents ? 201 : 200)
      .json({ ...result, links: { document: `/v1/documents/${documentId}` } });
  });
  return router;
}
