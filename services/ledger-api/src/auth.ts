import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { ApiToken } from '@ledger/config';
import { HttpProblem } from './problem.ts';

type Scope = 'read' | 'write';

// Hashing first gives equal-length buffers, so the comparison time says nothing about the token's length or prefix.
const digest = (text: string) => createHash('sha256').update(text).digest();

function scopeOf(
  header: string | undefined,
  tokens: ReadonlyArray<{ digest: Buffer; scope: Scope }>,
): Scope | undefined {
  // RFC 9110 allows any run of spaces or tabs after the scheme, and around the whole value.
  const match = /^[ \t]*Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  if (!match) return undefined;
  const presented = digest(match[1]!);
  let found: Scope | undefined;
  for (const t of tokens) if (timingSafeEqual(presented, t.digest)) found = found === 'write' ? found : t.scope;
  return found;
}

/** Requires a bearer token with the scope; a write token can also read. Open reads pass without a token. */
export function requireScope(scope: Scope, tokens: readonly ApiToken[], readAccess: 'open' | 'token'): RequestHandler {
  const known = tokens.map((t) => ({ digest: digest(t.token), scope: t.scope }));
  return (req, res, next) => {
    if (scope === 'read' && readAccess === 'open') return next();
    const granted = scopeOf(req.get('authorization'), known);
    if (!granted) {
      // RFC 6750: say which scheme is expected, and whether a token was sent but not accepted.
      res.set('www-authenticate', req.get('authorization') ? 'Bearer error="invalid_token"' : 'Bearer');
      return next(new HttpProblem({ status: 401, title: 'Unauthorized', detail: 'a bearer token is required' }));
    }
    if (scope === 'write' && granted !== 'write')
      return next(new HttpProblem({ status: 403, title: 'Forbidden', detail: 'this token cannot write' }));
    next();
  };
}
