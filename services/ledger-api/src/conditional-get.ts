import type { RequestHandler, Response } from 'express';
import type { LedgerQueries } from '@ledger/projections';

/** Answers kept per router while the read models stay at one position; bodies above the size limit are not kept. */
const KEPT_ANSWERS = 500;
const KEPT_BODY_BYTES = 256 * 1024;
/** How long a read checkpoint is trusted for tags of kept answers and 304s (the read models lag the store anyway). */
const CHECKPOINT_TRUSTED_MS = 25;

/** `If-None-Match` holds `tag` (a list, or `*`), compared strongly as RFC 9110 asks for GET. */
export function matchesIfNoneMatch(header: string | undefined, tag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim() === tag);
}

/**
 * For GETs served from the read models: the models' position (their checkpoint) is the strong ETag, since the same
 * position always gives the same bytes. `If-None-Match` with it answers 304 before any query runs, and answers already
 * sent at this position are sent again without querying (they are dropped as soon as the position moves). For kept
 * answers and 304s the position may be up to CHECKPOINT_TRUSTED_MS old; a body built anew is labelled with the
 * position read just before it was built, so a tag is never newer than the body it labels.
 */
export function readModelConditionalGet(queries: Pick<LedgerQueries, 'checkpoint'>): RequestHandler {
  let keptAt = -1;
  const kept = new Map<string, string>();
  const recentCheckpoint = recently(() => queries.checkpoint(), CHECKPOINT_TRUSTED_MS);
  return async (req, res, next) => {
    const recent = await recentCheckpoint();
    const ifNoneMatch = req.get('if-none-match');
    if (recent !== keptAt) {
      kept.clear();
      keptAt = recent;
    }
    const body = kept.get(req.originalUrl);
    if (body !== undefined || matchesIfNoneMatch(ifNoneMatch, `"p${recent}"`)) {
      res.set({ ETag: `"p${recent}"`, 'Cache-Control': 'no-cache' });
      return void (body === undefined ? res.status(304).end() : res.type('json').send(body));
    }
    // A body built now is labelled with the position read now, never an older one.
    const position = await queries.checkpoint();
    const tag = `"p${position}"`;
    res.set({ ETag: tag, 'Cache-Control': 'no-cache' });
    if (matchesIfNoneMatch(ifNoneMatch, tag)) return void res.status(304).end();
    keepAnswer(res, (sent) => {
      if (keptAt !== position || sent.length > KEPT_BODY_BYTES) return;
      if (kept.size >= KEPT_ANSWERS) kept.delete(kept.keys().next().value!);
      kept.set(req.originalUrl, sent);
    });
    next();
  };
}

/** `read`, called at most once per `ms` (concurrent callers share one call). */
function recently<T>(read: () => Promise<T>, ms: number): () => Promise<T> {
  let last: { value: Promise<T>; at: number } | undefined;
  return () => {
    const now = performance.now();
    if (!last || now - last.at > ms) {
      const value = read();
      last = { value, at: now };
      value.catch(() => (last = undefined));
    }
    return last.value;
  };
}

/** Calls `keep` with the JSON text of a 200 answer sent by `res.json`. */
function keepAnswer(res: Response, keep: (body: string) => void): void {
  const json = res.json.bind(res);
  res.json = (value: unknown) => {
    if (res.statusCode !== 200) return json(value);
    const body = JSON.stringify(value);
    keep(body);
    return res.type('json').send(body);
  };
}

/** Documents never change once registered (their sha256 names the bytes): any cache may keep them for a year. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
