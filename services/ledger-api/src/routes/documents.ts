import { Router } from 'express';
import type { AppDeps } from '../app-deps.ts';
import { HttpProblem } from '../problem.ts';
import { DocumentIdParam, DocumentQuery, NoQuery, RegisterDocumentBody } from '../request-schemas.ts';
import { input } from '../validate.ts';
import { sendCommandResult } from './command-result.ts';

export function documentRoutes({ queries, commands }: AppDeps): Router {
  const router = Router();
  router.get('/v1/documents', async (req, res) => {
    input(NoQuery, req, 'query');
    res.json({ documents: await queries.listDocuments() });
  });
  router.get('/v1/documents/:documentId', async (req, res) => {
    const { documentId } = input(DocumentIdParam, req, 'params');
    const { text } = input(DocumentQuery, req, 'query');
    const document = await queries.getDocument(documentId);
    if (!document) throw new HttpProblem({ status: 404, title: 'Not Found', detail: `no document ${documentId}` });
    res.json(text === '1' ? { ...document, text: (await commands.loadDocument(documentId)).text } : document);
  });
  router.post('/v1/documents', async (req, res) => {
    const body = input(RegisterDocumentBody, req, 'body');
    sendCommandResult(res, await commands.execute({ type: 'RegisterDocument', ...body }), {
      documentId: body.document.documentId,
    });
  });
  return router;
}
