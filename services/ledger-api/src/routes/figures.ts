import { Router, type Request } from 'express';
import { figureIdOf, parseOrThrow, provenanceOf } from '@ledger/domain';
import { CommandInBatchError, createFigureStreams } from '@ledger/ledger-commands';
import type { AppDeps } from '../app-deps.ts';
import { readModelConditionalGet } from '../conditional-get.ts';
import { HttpProblem, toProblem } from '../problem.ts';
import {
  CorrectionBody,
  FigureIdParam,
  IfMatchHeader,
  NoQuery,
  PageQuery,
  ReportFigureBody,
  ReportFiguresBody,
  RetractionBody,
} from '../request-schemas.ts';
import { requestMetadata } from '../provenance.ts';
import { input } from '../validate.ts';
import { sendCommandResult } from './command-result.ts';
import { withInclusionProofs } from './log.ts';

/** A refused figure of a batch as a problem naming it: `body.figures.3.citations.0.quote`. */
function namingFigure(error: CommandInBatchError): unknown {
  const problem = toProblem(error.cause);
  if (problem.status >= 500) return error.cause;
  const field = (inner?: string) =>
    [`body.figures.${error.index}`, inner?.replace(/^report\.?/, '')].filter(Boolean).join('.');
  const errors = problem.errors?.length
    ? problem.errors.map((e) => ({ ...e, field: field(e.field.replace(/^body\./, '')) }))
    : [{ field: field(), problem: problem.detail ?? problem.title }];
  return new HttpProblem({ ...problem, detail: `figure ${error.index}: ${problem.detail ?? problem.title}`, errors });
}

/** The revision the client expects: If-Match or the body's expectedRevision (they must agree when both are given). */
function expectedRevision(req: Request, fromBody: number | undefined): number | undefined {
  const header = req.get('if-match');
  const fromHeader = header === undefined ? undefined : parseOrThrow(IfMatchHeader, header, 'header.If-Match');
  if (fromHeader !== undefined && fromBody !== undefined && fromHeader !== fromBody) {
    throw new HttpProblem({
      status: 400,
      title: 'Invalid request',
      errors: [{ field: 'body.expectedRevision', problem: 'differs from If-Match' }],
    });
  }
  return fromHeader ?? fromBody;
}

export function figureRoutes({ queries, commands, store, log }: AppDeps): Router {
  const router = Router();
  const conditional = readModelConditionalGet(queries);

  const knownFigure = async (figureId: string) => {
    const found = await queries.getFigure(figureId);
    if (!found) throw new HttpProblem({ status: 404, title: 'Not Found', detail: `no figure ${figureId}` });
    return found;
  };
  // Writes find the figure in the event store: a correction right after a report must not wait for the projector.
  const figureStreams = createFigureStreams(store);
  const seriesKeyOfFigure = async (figureId: string) => {
    const seriesKey = await figureStreams.seriesKeyOf(figureId);
    if (seriesKey === undefined)
      throw new HttpProblem({ status: 404, title: 'Not Found', detail: `no figure ${figureId}` });
    return seriesKey;
  };

  router.get('/v1/figures/:figureId', conditional, async (req, res) => {
    const { figureId } = input(FigureIdParam, req, 'params');
    input(NoQuery, req, 'query');
    const found = await knownFigure(figureId);
    // Who recorded each event of the trail, and in which request, is in the event's metadata in the store.
    const audit = await Promise.all(
      found.audit.map(async (entry) => {
        const [event] = await store.readAll({ fromPosition: entry.position, maxCount: 1 });
        return { ...entry, ...provenanceOf(event?.position === entry.position ? event.metadata : {}) };
      }),
    );
    const withProvenance = { ...found, audit };
    res.json(log ? await withInclusionProofs(withProvenance, log) : withProvenance);
  });

  router.post('/v1/figures', async (req, res) => {
    const report = input(ReportFigureBody, req, 'body');
    const result = await commands.execute(
      { type: 'ReportFigure', report },
      {
        metadata: requestMetadata(req, res),
        ...(req.get('if-match') && { expectedRevision: expectedRevision(req, undefined)! }),
      },
    );
    sendCommandResult(res, result, { figureId: figureIdOf(report) });
  });

  // All or nothing, in one transaction; a repeat of the same batch appends nothing again.
  router.post('/v1/figures\\:batch', async (req, res) => {
    const { figures } = input(ReportFiguresBody, req, 'body');
    const results = await commands
      .executeAll(
        figures.map((report) => ({ type: 'ReportFigure', report })),
        { metadata: requestMetadata(req, res) },
      )
      .catch((error: unknown) => Promise.reject(error instanceof CommandInBatchError ? namingFigure(error) : error));
    const appended = results.reduce((sum, result) => sum + result.appended.length, 0);
    res.status(appended ? 201 : 200).json({
      appended,
      figures: results.map((result, i) => ({ figureId: figureIdOf(figures[i]!), ...result })),
    });
  });

  router.post('/v1/figures/:figureId/corrections', async (req, res) => {
    const { figureId } = input(FigureIdParam, req, 'params');
    const body = input(CorrectionBody, req, 'body');
    const revision = expectedRevision(req, body.expectedRevision);
    const command = {
      type: 'CorrectFigure',
      seriesKey: await seriesKeyOfFigure(figureId),
      figureId,
      correction: body.correction,
      reason: body.reason,
      ...(body.citations && { citations: body.citations }),
    };
    const result = await commands.execute(command, {
      metadata: requestMetadata(req, res),
      ...(revision !== undefined && { expectedRevision: revision }),
    });
    sendCommandResult(res, result, { supersedes: figureId });
  });

  router.post('/v1/figures/:figureId/retractions', async (req, res) => {
    const { figureId } = input(FigureIdParam, req, 'params');
    const body = input(RetractionBody, req, 'body');
    const revision = expectedRevision(req, body.expectedRevision);
    const command = {
      type: 'RetractFigure',
      seriesKey: await seriesKeyOfFigure(figureId),
      figureId,
      reason: body.reason,
    };
    const result = await commands.execute(command, {
      metadata: requestMetadata(req, res),
      ...(revision !== undefined && { expectedRevision: revision }),
    });
    sendCommandResult(res, result, { figureId });
  });

  router.get('/v1/conflicts', conditional, async (req, res) => {
    const { limit = 100, offset = 0 } = input(PageQuery, req, 'query');
    res.json({ conflicts: await queries.conflicts({ limit, offset }), limit, offset });
  });
  return router;
}
