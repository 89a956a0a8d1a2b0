import type { ErrorRequestHandler, Response } from 'express';
import { DomainError, ValidationError, type FieldProblem } from '@ledger/domain';
import { EventIdConflictError, InvalidEventError, WrongExpectedVersionError } from '@ledger/event-store';

/** An RFC 9457 problem: what went wrong, for which fields, never how the server is built. */
export interface Problem {
  status: number;
  title: string;
  detail?: string;
  errors?: FieldProblem[];
}

export class HttpProblem extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.problem = problem;
  }
}

export function sendProblem(res: Response, problem: Problem): void {
  res
    .status(problem.status)
    .type('application/problem+json')
    .send(JSON.stringify({ type: 'about:blank', ...problem }));
}

const DOMAIN_STATUS = { 'not-found': 404, conflict: 409, invalid: 422 } as const;

/** Maps every known error to a 4xx problem; anything else is a 500 with no detail (logged, never shown). */
export function toProblem(error: unknown): Problem {
  if (error instanceof HttpProblem) return error.problem;
  if (error instanceof ValidationError)
    return { status: 400, title: 'Invalid request', detail: error.message, errors: error.problems };
  if (error instanceof InvalidEventError)
    return {
      status: 400,
      title: 'Invalid event',
      detail: error.message,
      errors: [{ field: error.field, problem: error.message }],
    };
  if (error instanceof DomainError) {
    const errors = error.field ? [{ field: error.field, problem: error.message }] : undefined;
    return {
      status: DOMAIN_STATUS[error.code],
      title: 'Command refused',
      detail: error.message,
      ...(errors && { errors }),
    };
  }
  if (error instanceof WrongExpectedVersionError)
    return {
      status: 409,
      title: 'Conflict',
      detail: `the stream is at revision ${error.actual}, not ${error.expected}`,
    };
  if (error instanceof EventIdConflictError) return { status: 409, title: 'Conflict', detail: error.message };
  const http = httpErrorOf(error);
  if (http) return http;
  return { status: 500, title: 'Internal Server Error' };
}

/** body-parser and friends throw errors carrying a 4xx status and an `expose` flag. */
function httpErrorOf(error: unknown): Problem | undefined {
  const e = error as { status?: unknown; expose?: unknown; type?: unknown; message?: unknown };
  if (typeof e?.status !== 'number' || e.status < 400 || e.status >= 500) return undefined;
  const detail =
    e.type === 'entity.parse.failed' ? 'the body is not valid JSON' : e.expose ? String(e.message) : undefined;
  return {
    status: e.status,
    title: e.status === 413 ? 'Payload Too Large' : 'Bad Request',
    ...(detail && { detail }),
    ...(e.type === 'entity.parse.failed' && { errors: [{ field: 'body', problem: 'is not valid JSON' }] }),
  };
}

export const problemHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const problem = toProblem(error);
  if (problem.status >= 500) req.log?.error({ err: error }, 'request failed');
  if (res.headersSent) return res.end();
  sendProblem(res, problem);
};
