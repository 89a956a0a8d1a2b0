import type { Request } from 'express';
import type { z } from 'zod';
import { parseOrThrow } from '@ledger/domain';

/** Parses a part of the request, naming failing fields as "query.asOf", "body.value", "path.seriesKey". */
export function input<S extends z.ZodType>(schema: S, req: Request, part: 'query' | 'body' | 'params'): z.output<S> {
  const prefix = part === 'params' ? 'path' : part;
  return parseOrThrow(schema, part === 'body' && req.body === undefined ? {} : req[part], prefix);
}
