import { Router } from 'express';
import type { AppDeps } from '../app-deps.ts';
import { HttpProblem } from '../problem.ts';
import { DocumentIdParam, NoQuery } from '../request-schemas.ts';
import { input } from '../validate.ts';

/** What was extracted from a document: the screen where a person reviews an extraction reads this. */
export function documentFigureRoutes({ queries }: AppDeps): Router {
  const router = Router();
  router.get('/v1/documents/:documentId/figures', async (req, res) => {
    const { documentId } = input(DocumentIdParam, req, 'params');
    input(NoQuery, req, 'query');
    if (!(await queries.getDocument(documentId)))
      throw new HttpProblem({ status: 404, title: 'Not Found', detail: `no document ${documentId}` });
    res.json({ documentId, figures: await queries.documentFigures(documentId) });
  });
  return router;
}
