import { h } from './dom.ts';
import { comparatorLabel, statusLabel, t } from './i18n.ts';
import { figurePath, getJson, href } from './url.ts';

const BEFORE = new Set(['gt', 'lt']);

/** "超过 1000 亿元", "6 % 左右": the comparator where Chinese puts it. */
export function valueText(v: { value: string; unit: string; comparator: string }): string {
  const c = comparatorLabel(v.comparator);
  const core = `${v.value} ${v.unit}`.trim();
  if (!c) return core;
  return BEFORE.has(v.comparator) ? `${c} ${core}` : `${core} ${c}`;
}

/** The status as a flag beside a value: 实际 / 预计 / 目标. */
export const statusFlag = (status: string) => h('span', { class: `flag flag-${status}` }, statusLabel(status));

/** A value that links to its figure, with its status flag. */
export const figureValue = (f: { figureId: string; value: string; unit: string; comparator: string; status: string }) =>
  h(
    'span',
    { class: 'value' },
    h('a', { href: href(figurePath(f.figureId)) }, valueText(f)),
    ' ',
    statusFlag(f.status),
  );

export const tableRow = (cells: Array<Node | string>) =>
  h(
    'tr',
    {},
    cells.map((c) => h('td', {}, c)),
  );

export function table(headers: string[], rows: Array<Array<Node | string>>, caption?: string): HTMLElement {
  return h(
    'table',
    {},
    caption ? h('caption', {}, caption) : null,
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        headers.map((x) => h('th', { scope: 'col' }, x)),
      ),
    ),
    h('tbody', {}, rows.map(tableRow)),
  );
}

export const downloadLink = (url: string, label: string) =>
  h('a', { href: url, download: '', class: 'download' }, label);

export const notFound = (what: string) => h('p', { class: 'error', role: 'alert' }, `${t('notFound')}: ${what}`);

/** One page of a paged API list: `next` is the link to the page after it, null on the last. */
export interface Paged {
  total: number;
  next: string | null;
}

/**
 * The count of a paged list and a "more" button that fetches the page `next` names, hands it to `show` and moves on,
 * until no page is left. The first page is shown at once; the rest only on request (the CSV downloads hold it all).
 */
export function moreControl<P extends Paged>(first: P, shownOnFirst: number, show: (page: P) => number): HTMLElement {
  let next = first.next;
  let shown = shownOnFirst;
  const count = h('span', { class: 'count', 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: 'more' }, t('more'));
  const update = () => {
    count.textContent = `${t('shown')} ${shown.toLocaleString()} / ${first.total.toLocaleString()}`;
    if (next === null) button.remove();
  };
  button.addEventListener('click', async () => {
    if (next === null) return;
    button.setAttribute('disabled', '');
    try {
      const page = await getJson<P>(next);
      shown += show(page);
      next = page.next;
      update();
    } catch (error) {
      count.textContent = `${t('notFound')}: ${(error as Error).message}`;
    } finally {
      button.removeAttribute('disabled');
    }
  });
  update();
  return h('p', { class: 'paging' }, count, ' ', button);
}
