import { h, render } from '../dom.ts';
import { t } from '../i18n.ts';
import type { ConflictSummary, DocumentView, Figure } from '../types.ts';
import { figurePath, getJson, href, seriesPath } from '../url.ts';
import { statusFlag, valueText } from '../widgets.ts';

/** `/conflicts`: each observation whose sources disagree, with the quotes of both sides. */
export async function conflictsPage(main: HTMLElement): Promise<void> {
  const { conflicts } = await getJson<{ conflicts: ConflictSummary[] }>('/v1/conflicts?limit=100');
  const { documents } = await getJson<{ documents: DocumentView[] }>('/v1/documents');
  const titles = new Map(documents.map((d) => [d.documentId, d.title]));
  const figures = new Map(
    await Promise.all(
      conflicts
        .flatMap((c) => c.values.map((v) => v.figureIds[0]!))
        .map(async (id) => [id, (await getJson<{ figure: Figure }>(`/v1/figures/${id}`)).figure] as const),
    ),
  );
  document.title = `${t('conflicts')} · ${t('title')}`;
  render(
    main,
    h('h1', {}, `${t('conflicts')} (${conflicts.length})`),
    conflicts.map((c) =>
      h(
        'section',
        { class: 'conflict' },
        h('h2', {}, h('a', { href: href(seriesPath(c.seriesKey)) }, c.seriesKey), ` · ${c.period || '—'}`),
        h(
          'div',
          { class: 'columns' },
          c.values.map((v) => {
            const f = figures.get(v.figureIds[0]!)!;
            const quote = f.citations[0];
            return h(
              'div',
              { class: 'card' },
              h('p', {}, h('a', { href: href(figurePath(f.figureId)) }, valueText(v)), ' ', statusFlag(v.status)),
              quote ? h('blockquote', {}, quote.quote) : null,
              quote
                ? h(
                    'p',
                    { class: 'small' },
                    h(
                      'a',
                      { href: href(`/documents/${quote.documentId}`) },
                      titles.get(quote.documentId) ?? quote.documentId,
                    ),
                  )
                : null,
            );
          }),
        ),
      ),
    ),
  );
}
