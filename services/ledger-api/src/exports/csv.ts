import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';
import { stringify } from 'csv-stringify';

/** Excel opens a UTF-8 CSV as UTF-8 (and so shows Chinese) only when it starts with a byte order mark. */
const BOM = '\uFEFF';

/**
 * Streams CSV rows to the response as they come: a slow client holds the producer back (backpressure), so the
 * memory used stays the same for ten rows or a million.
 */
export async function sendCsv(
  res: Response,
  options: {
    contentType: string;
    fileName: string;
    header: readonly string[];
    rows: AsyncIterable<string[]> | Iterable<string[]>;
  },
): Promise<void> {
  res.status(200);
  res.setHeader('content-type', `${options.contentType}; charset=utf-8`);
  res.setHeader('content-disposition', `attachment; filename="${options.fileName}"`);
  res.write(BOM);
  await pipeline(
    Readable.from(options.rows, { objectMode: true, highWaterMark: 64 }),
    stringify({ header: true, columns: [...options.header], record_delimiter: 'windows' }),
    res,
  );
}
