import { drawVintageChart } from '../chart.ts';
import { h, render } from '../dom.ts';
import { comparatorLabel, kindLabel, lang, t } from '../i18n.ts';
import { regionName, regionWithParents } from '../regions.ts';
import type { Observation, Revisions, Series, Vintage } from '../types.ts';
import { apiUrl, getJson, href, param, seriesPath } from '../url.ts';
import { downloadLink, figureValue, notFound, table, valueText } from '../widgets.ts';

const TABS = ['table', 'chart', 'revisions'] as const;
type Tab = (typeof TABS)[number];

function pickers(seriesKey: string, at: { asOf?: string; recordedAt?: string }, tab: Tab) {
  return h(
    'form',
    { class: 'pickers', method: 'get', action: seriesPath(seriesKey) },
    h('label', { for: 'asOf' }, t('asOf')),
    h('input', { type: 'date', id: 'asOf', name: 'asOf', value: at.asOf ?? '' }),
    h('label', { for: 'recordedAt' }, t('recordedAt')),
    h('input', {
      type: 'text',
      id: 'recordedAt',
      name: 'recordedAt',
      value: at.recordedAt ?? '',
      placeholder: '2026-01-31T12:00:00Z',
      pattern: '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?Z',
    }),
    h('input', { type: 'hidden', name: 'tab', value: tab }),
    lang() === 'en' ? h('input', { type: 'hidden', name: 'lang', value: 'en' }) : null,
    h('button', { type: 'submit' }, t('apply')),
    h('a', { href: href(seriesPath(seriesKey), { tab }) }, t('now')),
  );
}

function periodTable(observations: Observation[], revisions: Revisions | undefined) {
  const periods = [...new Set(observations.map((o) => o.period))].sort();
  const find = (period: string, track: string) => observations.find((o) => o.period === period && o.track === track);
  return table(
    [t('period'), t('value'), t('comparator'), t('sources'), t('target'), t('attained')],
    periods.map((period) => {
      const result = find(period, 'result');
      const target = find(period, 'target');
      const attainment = revisions?.targets.find((x) => x.period === period);
      return [
        period || '—',
        result ? figureValue(result.best) : '—',
        result ? comparatorLabel(result.best.comparator) || '=' : '',
        result
          ? String(1 + result.corroborations.length) +
            (result.conflicts.length ? ` (+${result.conflicts.length} ≠)` : '')
          : '',
        target ? figureValue(target.best) : '—',
        attainment && target && result
          ? h(
              'span',
              { class: `attained attained-${String(attainment.attained)}` },
              `${t('target')} ${valueText(attainment.target)} / ${valueText(attainment.result)}: `,
              attainment.attained === null ? t('unknown') : attainment.attained ? t('met') : t('missed'),
            )
          : '',
      ];
    }),
  );
}

function revisionTables(revisions: Revisions) {
  return [
    table(
      [t('period'), t('firstRelease'), t('latest'), t('revisions')],
      revisions.observations.map((o) => [
        `${o.period}${o.track === 'target' ? ` (${t('target')})` : ''}`,
        h('span', {}, figureValue(o.firstRelease), ` ${o.firstRelease.published}`),
        h('span', {}, figureValue(o.latest), ` ${o.latest.published}`),
        String(o.revisions.length),
      ]),
      t('revisions'),
    ),
    table(
      [t('period'), t('date'), t('revision'), t('size'), t('days')],
      revisions.observations.flatMap((o) =>
        o.revisions.map((r) => [
          o.period,
          r.date,
          h('span', {}, figureValue(r.from), ' → ', figureValue(r.to)),
          r.size,
          String(r.daysSincePrevious),
        ]),
      ),
      `${t('revision')} (${t('size')})`,
    ),
  ];
}

/** `/series/{key}?asOf=&recordedAt=&tab=`: values per period, the vintage chart and the revisions, as known at a point in time. */
export async function seriesPage(main: HTMLElement, seriesKey: string): Promise<void> {
  const at = { asOf: param('asOf'), recordedAt: param('recordedAt') };
  const tab: Tab = (TABS as readonly string[]).includes(param('tab') ?? '') ? (param('tab') as Tab) : 'table';
  const key = encodeURIComponent(seriesKey);
  const observationsUrl = apiUrl(`/v1/series/${key}/observations`, at);
  let answer: { series: Series; observations: Observation[] };
  try {
    answer = await getJson(observationsUrl);
  } catch {
    return render(main, notFound(seriesKey));
  }
  const { series, observations } = answer;
  const [vintages, revisions] = await Promise.all([
    tab === 'chart'
      ? getJson<{ vintages: Vintage[] }>(`/v1/series/${key}/vintages`).then((v) => v.vintages)
      : undefined,
    getJson<Revisions>(`/v1/series/${key}/revisions`),
  ]);
  const region = series.subject.type === 'region' ? series.subject.code! : series.subject.regionCode!;
  const subject =
    series.subject.type === 'region' ? regionName(region) : `${series.subject.name}（${regionName(region)}）`;
  const title = `${subject} · ${series.indicatorName}（${kindLabel(series.kind)}）`;
  document.title = `${title} · ${t('title')}`;
  const tabs = h(
    'nav',
    { class: 'tabs', 'aria-label': 'tabs' },
    TABS.map((x) =>
      h('a', { href: href(seriesPath(seriesKey), { ...at, tab: x }), 'aria-current': x === tab && 'page' }, t(x)),
    ),
  );
  const chart = h('div', { class: 'chart', id: 'vintage-chart', role: 'img', 'aria-label': `${t('chart')}: ${title}` });
  const visible = vintages && at.asOf ? vintages.filter((v) => v.publishedFrom <= at.asOf!) : vintages;
  render(
    main,
    h('h1', {}, title),
    h(
      'p',
      { class: 'meta' },
      h('a', { href: href(`/regions/${region}`) }, regionWithParents(region)),
      ` · ${series.indicatorCode} · ${series.unitBase || '—'} · `,
      h('code', {}, series.seriesKey),
    ),
    pickers(seriesKey, at, tab),
    tabs,
    tab === 'table'
      ? observations.length
        ? periodTable(observations, at.asOf || at.recordedAt ? undefined : revisions)
        : h('p', { class: 'empty' }, t('noData'))
      : null,
    tab === 'chart' ? chart : null,
    tab === 'revisions' ? revisionTables(revisions) : null,
    h(
      'section',
      { class: 'downloads', 'aria-label': t('downloads') },
      h('h2', {}, t('downloads')),
      downloadLink(`/v1/series/${key}/vintages.csv?shape=long`, 'vintages.csv (long)'),
      downloadLink(`/v1/series/${key}/vintages.csv?shape=wide`, 'vintages.csv (wide)'),
      downloadLink(`/v1/series/${key}/vintages.csv?shape=initial`, 'vintages.csv (initial)'),
      downloadLink(
        apiUrl('/v1/exports/observations.csv', {
          region,
          indicator: series.indicatorCode,
          asOf: at.asOf,
          recordedAt: at.recordedAt,
        }),
        'SDMX-CSV',
      ),
      h('a', { href: observationsUrl, class: 'api-link' }, `${t('api')}: ${observationsUrl}`),
    ),
  );
  if (tab === 'chart' && visible) drawVintageChart(chart, visible, title);
}
