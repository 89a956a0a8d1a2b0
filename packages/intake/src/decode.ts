import { TextDecoder } from 'node:util';
import { ValidationError } from '@ledger/domain';
import { htmlToText } from './html-text.ts';

/** A document's bytes as text: what citations point into, with what the bytes were. */
export interface DecodedDocument {
  text: string;
  /** text/plain or text/html, with the charset the bytes were read in: `text/html; charset=gb18030`. */
  mediaType: string;
  /** An HTML page's heading (<h1>), when it has one. */
  htmlTitle?: string;
}

const BOMS: ReadonlyArray<[number[], string]> = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

// Text never holds C0 controls other than tab, line feed, form feed and carriage return: such bytes are binary.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

const fail = (field: string, problem: string): never => {
  throw new ValidationError([{ field, problem }]);
};

/** `text/html; charset=GBK` → its media type and charset, lower-cased. */
export function parseContentType(contentType: string | undefined): { mediaType?: string; charset?: string } {
  if (!contentType) return {};
  const [type, ...params] = contentType.split(';').map((p) => p.trim().toLowerCase());
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice(8)
    .replace(/^"|"$/g, '');
  return { ...(type && { mediaType: type }), ...(charset && { charset }) };
}

/**
 * Reads a document's bytes: UTF-8 or GB18030 (which covers GBK and GB2312) plain text, or an HTML page. The charset is
 * the declared one, else a byte-order mark, else an HTML <meta charset>, else UTF-8 if the bytes are valid UTF-8, else
 * GB18030. Bytes that are not valid in that charset, or that hold control characters, are refused (field `bytes`);
 * an unknown charset is refused (field `charset`), and so is a document without text (field `text`).
 */
export function decodeDocument(bytes: Uint8Array, options: { contentType?: string } = {}): DecodedDocument {
  const declared = parseContentType(options.contentType);
  if (declared.mediaType && !['text/plain', 'text/html'].includes(declared.mediaType))
    fail('mediaType', `must be text/plain or text/html, not ${declared.mediaType}`);
  const bom = BOMS.find(([mark]) => mark.every((b, i) => bytes[i] === b));
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const html = declared.mediaType ? declared.mediaType === 'text/html' : /^\s*(<!doctype html|<html|<head)/i.test(head);
  const metaCharset = html ? /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1]?.toLowerCase() : undefined;
  const charset = declared.charset ?? bom?.[1] ?? metaCharset ?? (isUtf8(bytes) ? 'utf-8' : 'gb18030');
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset, { fatal: true });
  } catch {
    return fail('charset', `"${charset}" is not a character encoding this ledger reads`);
  }
  let decoded = '';
  try {
    decoded = decoder.decode(bytes);
  } catch {
    fail('bytes', `are not valid ${decoder.encoding}`);
  }
  if (CONTROL.test(decoded)) fail('bytes', 'are not text: they hold control characters');
  const page = html ? htmlToText(decoded) : { text: decoded };
  if (page.text.trim() === '') fail('text', 'is empty');
  return {
    text: page.text,
    mediaType: `${html ? 'text/html' : 'text/plain'}; charset=${decoder.encoding}`,
    ...(page.title && { htmlTitle: page.title }),
  };
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
