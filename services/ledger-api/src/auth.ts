import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { ApiToken } from '@ledger/config';
import type { RecordedBy } from '@ledger/domain';
import { HttpProblem } from './problem.ts';

type Scope = 'read' | 'write';

interface KnownToken {
  digest: Buffer;
  scope: Scope;
  name: string;
}

// Hashing first gives equal-length buffers, so the comparison time says nothing about the token's length or prefix.
const digest = (text: string) => createHash('sha256').update(text).digest();

/** The presented token, if known; every known token is compared, so the time taken does not say which matched. */
function tokenOf(header: string | undefined, tokens: readonly KnownToken[]): KnownToken | undefined {
  const match = /^Bearer (\S+)$/i.exec(header ?? '');
  if (!match) return undefined;
  const presented = digest(match[1]!);
  let found: KnownToken | undefined;
  for (const t of tokens) if (timingSafeEqual(presented, t.digest) && found?.scope !== 'write') found = t;
  return found;
}

/** Who the request's token says is writing (`token:<name>`); set once a token was checked. */
export function tokenRecorder(res: Response): RecordedBy | undefined {
  return res.locals.recordedBy as RecordedBy | undefined;
}

/** Requires a bearer token with the scope; a write token can also read. Open reads pass without a token. */
export function requireScope(scope: Scope, tokens: readonly ApiToken[], readAccess: 'open' | 'token'): RequestHandler {
  const known = tokens.map((t) => ({ digest: digest(t.token), scope: t.scope, name: t.name }));
  return (req, res, next) => {
    if (scope === 'read' && readAccess === 'open') return next();
    const token = tokenOf(req.get('authorization'), known);
    if (!token)
      return next(new HttpProblem({ status: 401, title: 'Unauthorized', detail: 'a bearer token is required' }));
    if (scope === 'write' && token.scope !== 'write')
      return next(new HttpProblem({ status: 403, title: 'Forbidden', detail: 'this token cannot write' }));
    res.locals.recordedBy = `token:${token.name}`;
    next();
  };
}
