import { h, render } from '../dom.ts';
import { kindLabel, t } from '../i18n.ts';
import { regionName, regionWithParents } from '../regions.ts';
import type { Series } from '../types.ts';
import { apiUrl, getJson, href, param, seriesPath } from '../url.ts';
import { table } from '../widgets.ts';

const regionOf = (s: Series) => (s.subject.type === 'region' ? s.subject.code! : s.subject.regionCode!);
const subjectName = (s: Series) =>
  s.subject.type === 'region'
    ? regionName(s.subject.code!)
    : `${s.subject.name}（${regionName(s.subject.regionCode!)}）`;

function facet(
  title: string,
  name: 'region' | 'indicator',
  counts: Map<string, { label: string; count: number }>,
  chosen: string | undefined,
  params: Record<string, string | undefined>,
) {
  return h(
    'section',
    { class: 'facet', 'aria-label': title },
    h('h2', {}, title),
    h(
      'ul',
      {},
      h(
        'li',
        {},
        h('a', { href: href('/', { ...params, [name]: undefined }), 'aria-current': !chosen && 'true' }, t('all')),
      ),
      [...counts].map(([value, { label, count }]) =>
        h(
          'li',
          {},
          h('a', { href: href('/', { ...params, [name]: value }), 'aria-current': chosen === value && 'true' }, label),
          ` (${count})`,
        ),
      ),
    ),
  );
}

/** `/`: one box for Chinese names and synonyms, facets by region (with its parents) and indicator, results linking to series. */
export async function searchPage(main: HTMLElement): Promise<void> {
  const params = { q: param('q'), region: param('region'), indicator: param('indicator') };
  const found = (await getJson<{ series: Series[] }>(apiUrl('/v1/series', { ...params, limit: '1000' }))).series;
  // Facets count over what the box matched, so choosing one never empties the other.
  const matched =
    params.region || params.indicator
      ? (await getJson<{ series: Series[] }>(apiUrl('/v1/series', { q: params.q, limit: '1000' }))).series
      : found;
  const regions = new Map<string, { label: string; count: number }>();
  const indicators = new Map<string, { label: string; count: number }>();
  for (const s of matched) {
    const r = regionOf(s);
    regions.set(r, { label: regionWithParents(r), count: (regions.get(r)?.count ?? 0) + 1 });
    indicators.set(s.indicatorCode, {
      label: s.indicatorName,
      count: (indicators.get(s.indicatorCode)?.count ?? 0) + 1,
    });
  }
  const box = h('input', {
    type: 'search',
    id: 'q',
    name: 'q',
    value: params.q ?? '',
    placeholder: '地区生产总值 / 经济总量 / GDP',
  });
  render(
    main,
    h('h1', {}, t('search')),
    h(
      'form',
      { class: 'search', role: 'search', action: '/', method: 'get' },
      h('label', { for: 'q' }, t('searchLabel')),
      box,
      params.region ? h('input', { type: 'hidden', name: 'region', value: params.region }) : null,
      params.indicator ? h('input', { type: 'hidden', name: 'indicator', value: params.indicator }) : null,
      new URLSearchParams(location.search).get('lang') === 'en'
        ? h('input', { type: 'hidden', name: 'lang', value: 'en' })
        : null,
      h('button', { type: 'submit' }, t('searchButton')),
    ),
    h(
      'div',
      { class: 'with-facets' },
      h(
        'aside',
        { class: 'facets' },
        facet(t('regionFacet'), 'region', regions, params.region, params),
        facet(t('indicatorFacet'), 'indicator', indicators, params.indicator, params),
      ),
      h(
        'section',
        { class: 'results', 'aria-label': t('results') },
        h('p', { class: 'count' }, `${found.length} ${t('results')}`),
        found.length === 0
          ? h('p', {}, t('noResults'))
          : table(
              [t('series'), t('regionFacet'), t('kind'), t('unit'), t('observations')],
              found.map((s) => [
                h('a', { href: href(seriesPath(s.seriesKey)), class: 'series-link' }, s.indicatorName),
                h('a', { href: href(`/regions/${regionOf(s)}`) }, subjectName(s)),
                kindLabel(s.kind),
                s.unitBase,
                String(s.observationCount),
              ]),
            ),
      ),
    ),
  );
}
