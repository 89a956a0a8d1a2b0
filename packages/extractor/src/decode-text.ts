/**
 * Bytes of a report as published (UTF-8, GB18030/GBK, or an HTML page) -> the text the extractor reads and
 * citations point into. Kept small: the intake's decoder may reuse it.
 */
import { Parser } from 'htmlparser2';
import iconv from 'iconv-lite';

export interface DecodeOptions {
  /** A media type such as "text/html; charset=gbk"; text/plain when absent. */
  mediaType?: string;
  /** Overrides the media type's charset: "utf-8", "gbk", "gb18030". */
  charset?: string;
}

export class TextDecodeError extends Error {
  override readonly name = 'TextDecodeError';
}

export function decodeText(bytes: Uint8Array, options: DecodeOptions = {}): string {
  const mediaType = (options.mediaType ?? 'text/plain').toLowerCase();
  const html = mediaType.startsWith('text/html');
  const charset =
    options.charset ?? /charset=([\w-]+)/i.exec(mediaType)?.[1] ?? (html ? metaCharset(bytes) : undefined);
  const text = decodeCharset(bytes, charset);
  return html ? htmlToText(text) : text;
}

function decodeCharset(bytes: Uint8Array, charset: string | undefined): string {
  const name = charset?.toLowerCase();
  if (name === undefined || name === 'utf-8' || name === 'utf8') {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
    } catch (error) {
      // No charset given and not UTF-8: Chinese government sites that are not UTF-8 are GB18030 (a superset of GBK).
      if (name === undefined) return iconv.decode(Buffer.from(bytes), 'gb18030');
      throw new TextDecodeError(`the bytes are not valid UTF-8: ${(error as Error).message}`);
    }
  }
  if (!iconv.encodingExists(name)) throw new TextDecodeError(`unknown charset "${charset}"`);
  return iconv.decode(Buffer.from(bytes), name);
}

/** <meta charset="gbk"> or <meta http-equiv="Content-Type" content="text/html; charset=gbk"> in the first 2 KB. */
function metaCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  return /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1];
}

const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'td',
  'th',
  'title',
  'tr',
  'ul',
]);
const HIDDEN_TAGS = new Set(['script', 'style', 'noscript', 'template']);

/** The page's visible text, one line per block element, without blank lines; entities decoded. */
export function htmlToText(html: string): string {
  const parts: string[] = [];
  let hidden = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (HIDDEN_TAGS.has(name)) hidden++;
        else if (BLOCK_TAGS.has(name)) parts.push('\n');
      },
      onclosetag(name) {
        if (HIDDEN_TAGS.has(name)) hidden--;
        else if (BLOCK_TAGS.has(name)) parts.push('\n');
      },
      ontext(text) {
        if (hidden === 0) parts.push(text.replace(/[\r\n\t]+/g, ' '));
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return parts
    .join('')
    .split('\n')
    .map((line) => line.replace(/^[ \u00a0]+|[ \u00a0]+$/g, ''))
    .filter((line) => line !== '')
    .join('\n');
}
