import { Router } from 'express';
import type { AppDeps } from '../app-deps.ts';
import { IMMUTABLE, matchesIfNoneMatch, readModelConditionalGet } from '../conditional-get.ts';
import { HttpProblem } from '../problem.ts';
import { DocumentIdParam, DocumentQuery, NoQuery, RegisterDocumentBody } from '../request-schemas.ts';
import { input } from '../validate.ts';
import { sendCommandResult } from './command-result.ts';

export function documentRoutes({ queries, commands }: AppDeps): Router {
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
  router.post('/v1/documents', async (req, res) => {
    const body = input(RegisterDocumentBody, req, 'body');
    sendCommandResult(res, await commands.execute({ type: 'RegisterDocument', ...body }), {
      documentId: body.document.documentId,
    });
  });
  return router;
}
