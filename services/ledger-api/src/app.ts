import express from 'express';
import helmet from 'helmet';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { pinoHttp } from 'pino-http';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { LedgerCommands } from '@ledger/ledger-commands';
import type { AppDeps } from './app-deps.ts';
import type { ApiMetrics } from './metrics.ts';
import { requireScope } from './auth.ts';
import { HttpProblem, problemHandler, sendProblem } from './problem.ts';
import { changeRoutes } from './routes/changes.ts';
import { documentRoutes } from './routes/documents.ts';
import { eventRoutes } from './routes/events.ts';
import { exportRoutes } from './routes/exports.ts';
import { revisionRoutes } from './routes/revisions.ts';
import { documentFigureRoutes } from './routes/document-figures.ts';
import { figureRoutes } from './routes/figures.ts';
import { regionRoutes } from './routes/regions.ts';
import { logRoutes } from './routes/log.ts';
import { seriesRoutes } from './routes/series.ts';
import { systemRoutes } from './routes/system.ts';
import { explorerRoutes } from '@ledger/explorer';

const RAW_DOCUMENT_TYPES = ['text/plain', 'text/html'];

/** The HTTP API. No PUT, PATCH or DELETE anywhere: the ledger only grows. */
export function createApp(given: AppDeps): express.Express {
  const deps = { ...given, commands: countingAppends(given.commands, given.metrics) };
  const { config } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(requestLogging(deps.logger));
  app.use(helmet());
  app.use(deps.metrics.observe);
  app.use(
    rateLimit({
      windowMs: 60_000,
      limit: config.rateLimitPerMinute,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      keyGenerator: clientKey,
      handler: (_req, res) =>
        sendProblem(res, { status: 429, title: 'Too Many Requests', detail: 'rate limit exceeded; retry later' }),
    }),
  );
  // Tokens are checked before any body is read, so a client without one cannot make the server parse megabytes.
  // Every write is a POST (the ledger only grows), so the write scope guards every POST.
  const read = requireScope('read', config.apiTokens, config.readAccess);
  const write = requireScope('write', config.apiTokens, config.readAccess);
  // Metrics (request counts, lag) are data about the ledger: behind a token when reads are. /openapi.json and the index
  // page stay open on purpose: they describe the public interface, hold no data, and clients need them to start.
  app.use(['/v1', '/metrics'], read);
  app.use((req, res, next) => (req.method === 'POST' ? write(req, res, next) : next()));
  app.use(express.json({ limit: config.bodyLimitBytes, type: ['application/json', 'application/*+json'] }));
  // A document may also come as the file itself; its bytes are decoded by the intake, not by the body parser.
  app.use('/v1/documents', express.raw({ limit: config.bodyLimitBytes, type: RAW_DOCUMENT_TYPES }));
  app.use((req, _res, next) => {
    const raw = req.path === '/v1/documents' ? RAW_DOCUMENT_TYPES : [];
    // A POST without a body (a re-extraction) has no type to check; one with a body must be of a type the route reads.
    const length = req.get('content-length');
    const empty = length === '0' || (length === undefined && req.get('transfer-encoding') === undefined);
    if (req.method === 'POST' && !empty && !req.is(['application/json', 'application/*+json', ...raw])) {
      const accepted = ['application/json', ...raw].join(', ');
      return next(
        new HttpProblem({
          status: 415,
          title: 'Unsupported Media Type',
          detail: `send ${accepted}`,
          errors: [{ field: 'header.Content-Type', problem: `must be ${accepted}` }],
        }),
      );
    }
    next();
  });

  app.use(systemRoutes(deps));
  app.use(documentRoutes(deps));
  app.use(seriesRoutes(deps));
  app.use(regionRoutes(deps));
  app.use(figureRoutes(deps));
  app.use(eventRoutes(deps));
  app.use(changeRoutes(deps));
  if (deps.log) app.use(logRoutes(deps.log, deps.store));
  app.use(exportRoutes(deps));
  app.use(revisionRoutes(deps));
  app.use(documentFigureRoutes(deps));
  app.use(explorerRoutes());
  app.use((req, _res, next) =>
    next(new HttpProblem({ status: 404, title: 'Not Found', detail: `no route ${req.method} ${req.path}` })),
  );
  app.use(problemHandler);
  return app;
}

/** The request's id, from `X-Request-Id` when the client sent one: echoed back, and the correlation id of its events. */
function requestIdOf(req: IncomingMessage, res: ServerResponse): string {
  const id = (req.headers['x-request-id'] as string | undefined)?.slice(0, 100) || randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}

/**
 * Every request gets its id; each is logged by pino-http unless the logger is silent, when a request logger would be
 * built for nothing (a child logger per request, a sixteenth of a write's time on the main thread).
 */
function requestLogging(logger: Logger): express.RequestHandler {
  if (logger.level === 'silent')
    return (req, res, next) => {
      req.id = requestIdOf(req, res);
      next();
    };
  return pinoHttp({
    logger,
    genReqId: requestIdOf,
    // The request id is the correlation id of every event the request appends.
    customProps: (req) => ({ correlationId: req.id }),
    // Never log credentials.
    redact: ['req.headers.authorization'],
  });
}

const IPV4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/;
/** The rate limit's client key: an IPv4 address as it is (parsing it costs a tenth of a cached read), IPv6 by /56. */
const clientKey = (req: express.Request): string => {
  const ip = req.ip ?? '';
  return IPV4.exec(ip)?.[1] ?? ipKeyGenerator(ip);
};

/** Every command any route executes counts its appended events once, here. */
function countingAppends(commands: LedgerCommands, metrics: ApiMetrics): LedgerCommands {
  return {
    ...commands,
    async execute(command, options) {
      const result = await commands.execute(command, options);
      metrics.appendedEvents.inc(result.appended.length);
      return result;
    },
    async executeAll(batch, options) {
      const results = await commands.executeAll(batch, options);
      metrics.appendedEvents.inc(results.reduce((sum, result) => sum + result.appended.length, 0));
      return results;
    },
  };
}
