import type { Request } from 'express';
import { z } from 'zod';

/** Page sizes of the paged read-model lists: a page renders quickly; the CSV downloads give everything at once. */
export const DEFAULT_PAGE_SIZE = 100;

/**
 * An opaque cursor: base64url of the JSON key the server wrote after a page's last item. What comes back is checked
 * against `key`, so a cursor that was altered or made up is a 400 naming the parameter, never a 5xx.
 */
export function cursorParam<K extends z.ZodType>(key: K) {
  return z
    .string()
    .max(4000, 'is not a cursor this endpoint gave')
    .transform((text, ctx): z.output<K> => {
      const parsed = key.safeParse(jsonOf(text));
      if (parsed.success) return parsed.data;
      ctx.addIssue({ code: 'custom', message: 'is not a cursor this endpoint gave' });
      return z.NEVER;
    });
}

function jsonOf(base64url: string): unknown {
  if (!/^[A-Za-z0-9_-]+$/.test(base64url)) return undefined;
  try {
    return JSON.parse(Buffer.from(base64url, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

export const encodeCursor = (key: unknown): string => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

/** The request's own path and query with `cursor` set: the link to the page that follows. */
export function nextPageLink(req: Request, cursor: string): string {
  const url = new URL(req.originalUrl, 'http://localhost');
  url.searchParams.set('cursor', cursor);
  return `${url.pathname}${url.search}`;
}
