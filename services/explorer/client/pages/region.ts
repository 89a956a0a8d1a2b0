import { h, render } from '../dom.ts';
import { lang, t } from '../i18n.ts';
import { regionWithParents } from '../regions.ts';
import type { Observation, Series } from '../types.ts';
import { apiUrl, getJson, href, param, seriesPath } from '../url.ts';
import { downloadLink, figureValue, moreControl, table, tableRow, type Paged } from '../widgets.ts';

/** A page of a region's snapshot, with the series its observations belong to. */
interface SnapshotPage extends Paged {
  observations: Observation[];
  series: Series[];
}

/** `/regions/{code}?asOf=`: every series of a region with its values as published by a date, a page at a time. */
export async function regionPage(main: HTMLElement, code: string): Promise<void> {
  const asOf = param('asOf');
  const snapshotUrl = apiUrl(`/v1/regions/${encodeURIComponent(code)}/snapshot`, { asOf });
  const first = await getJson<SnapshotPage>(snapshotUrl);
  const rowsOf = (page: SnapshotPage) => {
    const names = new Map(page.series.map((s) => [s.seriesKey, s]));
    const name = (key: string) => {
      const s = names.get(key);
      const entity = s?.subject.type === 'entity' ? `${s.subject.name} · ` : '';
      return `${entity}${s?.indicatorName ?? key}`;
    };
    return page.observations.map((o) => [
      h('a', { href: href(seriesPath(o.seriesKey), { asOf }) }, name(o.seriesKey)),
      `${o.period || '—'}${o.track === 'target' ? ` (${t('target')})` : ''}`,
      figureValue(o.best),
      String(1 + o.corroborations.length),
    ]);
  };
  const snapshot = table([t('series'), t('period'), t('value'), t('sources')], rowsOf(first));
  const body = snapshot.querySelector('tbody')!;
  const more = (page: SnapshotPage) => {
    body.append(...rowsOf(page).map(tableRow));
    return page.observations.length;
  };
  document.title = `${regionWithParents(code)} · ${t('snapshot')}`;
  render(
    main,
    h('h1', {}, `${regionWithParents(code)} · ${t('snapshot')}`),
    h(
      'form',
      { class: 'pickers', method: 'get' },
      h('label', { for: 'asOf' }, t('asOf')),
      h('input', { type: 'date', id: 'asOf', name: 'asOf', value: asOf ?? '' }),
      lang() === 'en' ? h('input', { type: 'hidden', name: 'lang', value: 'en' }) : null,
      h('button', { type: 'submit' }, t('apply')),
    ),
    first.total === 0 ? h('p', {}, t('noData')) : [snapshot, moreControl(first, first.observations.length, more)],
    h(
      'section',
      { class: 'downloads', 'aria-label': t('downloads') },
      h('h2', {}, t('downloads')),
      downloadLink(apiUrl(`/v1/regions/${encodeURIComponent(code)}/snapshot.csv`, { asOf }), 'snapshot.csv'),
      downloadLink(apiUrl('/v1/exports/observations.csv', { region: code, asOf }), 'SDMX-CSV'),
      h('a', { href: snapshotUrl, class: 'api-link' }, `${t('api')}: ${snapshotUrl}`),
    ),
  );
}
