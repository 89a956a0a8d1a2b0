import { h } from './dom.ts';
import { comparatorLabel, statusLabel, t } from './i18n.ts';
import { figurePath, href } from './url.ts';

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
    h(
      'tbody',
      {},
      rows.map((r) =>
        h(
          'tr',
          {},
          r.map((c) => h('td', {}, c)),
        ),
      ),
    ),
  );
}

export const downloadLink = (url: string, label: string) =>
  h('a', { href: url, download: '', class: 'download' }, label);

export const notFound = (what: string) => h('p', { class: 'error', role: 'alert' }, `${t('notFound')}: ${what}`);
