import { h, render } from '../dom.ts';
import { statusLabel, t } from '../i18n.ts';
import type { CitedSpan, DocumentView, Figure } from '../types.ts';
import { figurePath, getJson, href } from '../url.ts';
import { moreControl, notFound, statusFlag, valueText, type Paged } from '../widgets.ts';

/** The figures of a document a page at a time, in record order. */
interface FigurePage extends Paged {
  figures: Figure[];
}

/**
 * The text cut at every cited span of this document. The spans come in the record order of their first figures; where
 * spans overlap, the earlier recorded figure keeps the characters, and a highlight opens the first figure citing it.
 */
function highlighted(text: string, spans: CitedSpan[]) {
  const chars = Array.from(text);
  const owner: Array<CitedSpan | undefined> = new Array(chars.length);
  for (const span of spans)
    for (let i = span.charStart; i < Math.min(span.charEnd, chars.length); i++) owner[i] ??= span;
  const parts: Node[] = [];
  let start = 0;
  for (let i = 1; i <= chars.length; i++) {
    if (i < chars.length && owner[i] === owner[start]) continue;
    const piece = chars.slice(start, i).join('');
    const span = owner[start];
    const f = span?.first;
    const others = span && span.figureCount > 1 ? ` · ${span.figureCount} ${t('citedBy')}` : '';
    parts.push(
      f
        ? h(
            'a',
            {
              href: href(figurePath(f.figureId)),
              class: `hl hl-${f.standing === 'active' ? f.status : 'ended'}`,
              title: `${valueText(f)} · ${statusLabel(f.status)}${others}`,
              'data-figure': f.figureId,
            },
            piece,
          )
        : document.createTextNode(piece),
    );
    start = i;
  }
  return h('pre', { class: 'source document', tabindex: '0' }, parts);
}

const figureItem = (f: Figure) =>
  h(
    'li',
    {},
    h('a', { href: href(figurePath(f.figureId)) }, valueText(f)),
    ' ',
    statusFlag(f.status),
    h('span', { class: 'small' }, ` ${f.seriesKey.split(':')[1]} ${f.period}`),
  );

/**
 * `/documents/{id}`: the full text with every cited span highlighted by status, and the figures beside it, the first
 * page at once and the rest on request.
 */
export async function documentPage(main: HTMLElement, documentId: string): Promise<void> {
  const id = encodeURIComponent(documentId);
  let doc: DocumentView;
  const spansAndFigures = Promise.all([
    getJson<{ spans: CitedSpan[] }>(`/v1/documents/${id}/spans`),
    getJson<FigurePage>(`/v1/documents/${id}/figures`),
  ]);
  try {
    doc = await getJson<DocumentView>(`/v1/documents/${id}?text=1`);
  } catch {
    spansAndFigures.catch(() => undefined);
    return render(main, notFound(documentId));
  }
  const [{ spans }, first] = await spansAndFigures;
  const list = h('ol', {}, first.figures.map(figureItem));
  const more = (page: FigurePage) => {
    list.append(...page.figures.map(figureItem));
    return page.figures.length;
  };
  document.title = `${doc.title} · ${t('document')}`;
  render(
    main,
    h('h1', {}, doc.title),
    h(
      'p',
      { class: 'meta' },
      `${t('publisher')}: ${doc.publisher} · ${t('published')}: ${doc.published} · sha256 `,
      h('code', {}, doc.sha256),
    ),
    h(
      'p',
      { class: 'legend' },
      ['actual', 'estimate', 'target'].map((s) => h('span', { class: `hl hl-${s}` }, statusLabel(s))),
    ),
    h(
      'div',
      { class: 'review' },
      highlighted(doc.text ?? '', spans),
      h(
        'aside',
        { class: 'figure-list', 'aria-label': t('extracted') },
        h('h2', {}, `${t('extracted')} (${first.total.toLocaleString()})`),
        list,
        moreControl(first, first.figures.length, more),
      ),
    ),
  );
}
