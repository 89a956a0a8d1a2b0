import { h, render } from '../dom.ts';
import { statusLabel, t } from '../i18n.ts';
import type { DocumentView, Figure } from '../types.ts';
import { figurePath, getJson, href } from '../url.ts';
import { notFound, statusFlag, valueText } from '../widgets.ts';

/** The text cut at every cited span of this document; where spans overlap, the earlier recorded figure keeps the characters. */
function highlighted(text: string, figures: Figure[], documentId: string) {
  const chars = Array.from(text);
  const owner: Array<Figure | undefined> = new Array(chars.length);
  for (const f of figures)
    for (const c of f.citations)
      if (c.documentId === documentId)
        for (let i = c.charStart; i < Math.min(c.charEnd, chars.length); i++) owner[i] ??= f;
  const parts: Node[] = [];
  let start = 0;
  for (let i = 1; i <= chars.length; i++) {
    if (i < chars.length && owner[i] === owner[start]) continue;
    const piece = chars.slice(start, i).join('');
    const f = owner[start];
    parts.push(
      f
        ? h(
            'a',
            {
              href: href(figurePath(f.figureId)),
              class: `hl hl-${f.standing === 'active' ? f.status : 'ended'}`,
              title: `${valueText(f)} · ${statusLabel(f.status)}`,
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

/** `/documents/{id}`: the full text with every extracted figure highlighted by status, and the list of figures beside it. */
export async function documentPage(main: HTMLElement, documentId: string): Promise<void> {
  const id = encodeURIComponent(documentId);
  let doc: DocumentView;
  try {
    doc = await getJson<DocumentView>(`/v1/documents/${id}?text=1`);
  } catch {
    return render(main, notFound(documentId));
  }
  const { figures } = await getJson<{ figures: Figure[] }>(`/v1/documents/${id}/figures`);
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
      highlighted(doc.text ?? '', figures, documentId),
      h(
        'aside',
        { class: 'figure-list', 'aria-label': t('extracted') },
        h('h2', {}, `${t('extracted')} (${figures.length})`),
        h(
          'ol',
          {},
          figures.map((f) =>
            h(
              'li',
              {},
              h('a', { href: href(figurePath(f.figureId)) }, valueText(f)),
              ' ',
              statusFlag(f.status),
              h('span', { class: 'small' }, ` ${f.seriesKey.split(':')[1]} ${f.period}`),
            ),
          ),
        ),
      ),
    ),
  );
}
