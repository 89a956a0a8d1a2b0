import { Router } from 'express';
import type { AppDeps } from '../app-deps.ts';
import { readModelConditionalGet } from '../conditional-get.ts';
import { DEFAULT_PAGE_SIZE, encodeCursor, nextPageLink } from '../paging.ts';
import { HttpProblem } from '../problem.ts';
import { DocumentFiguresQuery, DocumentIdParam, NoQuery } from '../request-schemas.ts';
import { input } from '../validate.ts';

/** What was extracted from a document: the screen where a person reviews an extraction reads this. */
export function documentFigureRoutes({ queries }: AppDeps): Router {
  const router = Router();
  const conditional = readModelConditionalGet(queries);
  const knownDocument = async (documentId: string) => {
    const document = await queries.getDocument(documentId);
    if (!document) throw new HttpProblem({ status: 404, title: 'Not Found', detail: `no document ${documentId}` });
    return document;
  };
  // Paged by keyset on the record position: a document may be cited by thousands of figures.
  router.get('/v1/documents/:documentId/figures', conditional, async (req, res) => {
    const { documentId } = input(DocumentIdParam, req, 'params');
    const { limit = DEFAULT_PAGE_SIZE, cursor } = input(DocumentFiguresQuery, req, 'query');
    const { figureCount } = await knownDocument(documentId);
    const page = await queries.documentFigures(documentId, { limit, ...(cursor && { afterPosition: cursor[0] }) });
    const last = page.figures.at(-1);
    const nextCursor = page.more && last ? encodeCursor([last.position]) : null;
    res.json({
      documentId,
      total: figureCount,
      limit,
      figures: page.figures,
      next: nextCursor && nextPageLink(req, nextCursor),
    });
  });
  // Every cited span once, however many figures repeat it: enough to highlight the whole text in one answer.
  router.get('/v1/documents/:documentId/spans', conditional, async (req, res) => {
    const { documentId } = input(DocumentIdParam, req, 'params');
    input(NoQuery, req, 'query');
    await knownDocument(documentId);
    res.json({ documentId, spans: await queries.documentSpans(documentId) });
  });
  return router;
}
