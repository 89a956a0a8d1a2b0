import { h, render } from '../dom.ts';
import { kindLabel, t } from '../i18n.ts';
import type { AuditEntry, Citation, DocumentView, Figure, Observation } from '../types.ts';
import { figurePath, getJson, href, seriesPath } from '../url.ts';
import { figureValue, notFound, table, valueText } from '../widgets.ts';

/** The whole source text with the quote marked at its offsets (Unicode code points, as the ledger counts them). */
function quotedSource(text: string, citation: Citation) {
  const chars = Array.from(text);
  return h(
    'pre',
    { class: 'source', tabindex: '0', 'aria-label': t('citation') },
    chars.slice(0, citation.charStart).join(''),
    h(
      'mark',
      { class: 'quote', 'data-start': citation.charStart, 'data-end': citation.charEnd },
      chars.slice(citation.charStart, citation.charEnd).join(''),
    ),
    chars.slice(citation.charEnd).join(''),
  );
}

const citationLine = (doc: DocumentView, quote: string, permalink: string) =>
  `${doc.publisher}：《${doc.title}》，${doc.published}。“${quote}”。${permalink}`;

function sourceCard(f: Figure, docs: Map<string, DocumentView>) {
  const c = f.citations[0];
  const doc = c && docs.get(c.documentId);
  return h(
    'div',
    { class: 'card' },
    h('p', {}, figureValue(f)),
    doc ? h('p', {}, h('a', { href: href(`/documents/${doc.documentId}`) }, doc.title), ` · ${doc.published}`) : null,
    c ? h('blockquote', {}, c.quote) : null,
  );
}

/** `/figures/{id}`: the value, its audit trail, each citation inside its source, corroborations and conflicts side by side. */
export async function figurePage(main: HTMLElement, figureId: string): Promise<void> {
  let found: { figure: Figure; observation: Observation | null; audit: AuditEntry[] };
  try {
    found = await getJson(`/v1/figures/${encodeURIComponent(figureId)}`);
  } catch {
    return render(main, notFound(figureId));
  }
  const { figure, observation, audit } = found;
  const others = [...(observation?.corroborations ?? []), ...(observation?.conflicts ?? [])];
  const docIds = [...new Set([figure, ...others].flatMap((f) => f.citations.map((c) => c.documentId)))];
  const docs = new Map(
    await Promise.all(
      docIds.map(
        async (id) => [id, await getJson<DocumentView>(`/v1/documents/${encodeURIComponent(id)}?text=1`)] as const,
      ),
    ),
  );
  const permalink = `${location.origin}${figurePath(figureId)}`;
  const [, indicator = '', kind = ''] = figure.seriesKey.split(':');
  const first = figure.citations[0];
  const firstDoc = first && docs.get(first.documentId);
  const suggestion = firstDoc && first ? citationLine(firstDoc, first.quote, permalink) : '';
  const copyButton = h('button', { type: 'button', class: 'copy' }, t('copy'));
  copyButton.addEventListener('click', () => {
    void navigator.clipboard?.writeText(suggestion).then(() => (copyButton.textContent = t('copied')));
  });
  document.title = `${valueText(figure)} · ${t('figure')}`;
  render(
    main,
    h('h1', {}, `${t('figure')} `, h('span', { class: 'big' }, figureValue(figure))),
    h(
      'p',
      { class: 'meta' },
      h('a', { href: href(seriesPath(figure.seriesKey)) }, `${indicator} · ${kindLabel(kind)}`),
      ` · ${t('period')} ${figure.period || '—'} · ${t('standing')}: ${figure.standing}`,
      figure.reason ? ` · ${figure.reason}` : '',
      figure.supersededBy ? h('a', { href: href(figurePath(figure.supersededBy)) }, ' → ', figure.supersededBy) : null,
    ),
    h('h2', {}, t('citation')),
    figure.citations.map((c) => {
      const doc = docs.get(c.documentId);
      return h(
        'section',
        { class: 'citation' },
        h(
          'p',
          {},
          doc ? h('a', { href: href(`/documents/${c.documentId}`) }, doc.title) : c.documentId,
          ` · ${doc?.publisher ?? ''} · ${doc?.published ?? ''} · L${c.line}:${c.column} · [${c.charStart}, ${c.charEnd})`,
        ),
        h('p', { class: 'sha' }, 'sha256 ', h('code', {}, c.documentSha256)),
        doc?.text ? quotedSource(doc.text, c) : h('blockquote', {}, c.quote),
      );
    }),
    suggestion
      ? h(
          'section',
          { class: 'suggest' },
          h('h2', {}, t('suggested')),
          h('p', {}, h('output', { id: 'citation-line' }, suggestion), ' ', copyButton),
        )
      : null,
    others.length
      ? h(
          'section',
          { class: 'side-by-side' },
          h('h2', {}, `${t('corroborations')} / ${t('conflictsWith')}`),
          h(
            'div',
            { class: 'columns' },
            h(
              'div',
              {},
              h('h3', {}, t('corroborations')),
              (observation?.corroborations ?? []).map((f) => sourceCard(f, docs)),
            ),
            h(
              'div',
              {},
              h('h3', {}, t('conflictsWith')),
              (observation?.conflicts ?? []).map((f) => sourceCard(f, docs)),
            ),
          ),
        )
      : null,
    h('h2', {}, t('audit')),
    table(
      [t('position'), t('event'), t('recordedAtShort'), t('hash'), t('recordedBy')],
      audit.map((e) => [String(e.position), e.type, e.recordedAt, h('code', {}, e.hash), e.recordedBy ?? '—']),
    ),
  );
  main.querySelector('mark.quote')?.scrollIntoView({ block: 'center' });
}
