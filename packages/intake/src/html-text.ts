import { Parser } from 'htmlparser2';

// Elements that start a line of their own; the text between them is one line.
const BLOCK = new Set(
  'address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td th thead tr ul'.split(
    ' ',
  ),
);
// Elements whose content is never read as text.
const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'head']);

/**
 * The readable text of an HTML page, block elements as line breaks, and its heading (<h1>) as its title: a page's
 * <title> is often the site's name, so it is not taken for the document's.
 */
export function htmlToText(html: string): { text: string; title?: string } {
  const lines: string[] = [];
  let line = '';
  let hidden = 0;
  let inH1 = false;
  let h1 = '';
  const breakLine = () => {
    const trimmed = line.replace(/\s+/g, ' ').trim();
    if (trimmed) lines.push(trimmed);
    line = '';
  };
  const parser = new Parser(
    {
      onopentag(name) {
        if (HIDDEN.has(name)) hidden++;
        if (name === 'h1') inH1 = true;
        if (BLOCK.has(name)) breakLine();
      },
      ontext(text) {
        if (hidden === 0) {
          line += text;
          if (inH1) h1 += text;
        }
      },
      onclosetag(name) {
        if (HIDDEN.has(name)) hidden = Math.max(0, hidden - 1);
        if (name === 'h1') inH1 = false;
        if (BLOCK.has(name)) breakLine();
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  breakLine();
  const pageTitle = h1.replace(/\s+/g, ' ').trim();
  return { text: lines.length ? `${lines.join('\n')}\n` : '', ...(pageTitle && { title: pageTitle }) };
}
