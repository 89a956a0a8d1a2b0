import { h, render } from './dom.ts';
import { lang, t } from './i18n.ts';
import { href } from './url.ts';
import { searchPage } from './pages/search.ts';
import { seriesPage } from './pages/series.ts';
import { figurePage } from './pages/figure.ts';
import { documentPage } from './pages/document.ts';
import { regionPage } from './pages/region.ts';
import { conflictsPage } from './pages/conflicts.ts';

type Page = (main: HTMLElement, id: string) => Promise<void>;
const ROUTES: Array<[RegExp, Page]> = [
  [/^\/$/, (main) => searchPage(main)],
  [/^\/series\/([^/]+)$/, seriesPage],
  [/^\/figures\/([^/]+)$/, figurePage],
  [/^\/documents\/([^/]+)$/, documentPage],
  [/^\/regions\/([^/]+)$/, regionPage],
  [/^\/conflicts$/, (main) => conflictsPage(main)],
];

function header(): void {
  const other = new URL(location.href);
  if (lang() === 'en') other.searchParams.delete('lang');
  else other.searchParams.set('lang', 'en');
  render(
    document.getElementById('top')!,
    h('a', { class: 'brand', href: href('/') }, t('title')),
    h(
      'nav',
      { 'aria-label': lang() === 'en' ? 'Main' : '主导航' },
      h('a', { href: href('/') }, t('search')),
      h('a', { href: href('/conflicts') }, t('conflicts')),
      h('a', { href: '/api' }, t('api')),
      h('a', { href: other.pathname + other.search, lang: lang() === 'en' ? 'zh-CN' : 'en' }, t('language')),
    ),
  );
}

/** Renders the view the URL names: the whole state is in the path and the query, so a reload or a shared link gives the same view. */
export async function route(): Promise<void> {
  document.documentElement.lang = lang() === 'en' ? 'en' : 'zh-CN';
  header();
  const main = document.getElementById('main')!;
  main.setAttribute('aria-busy', 'true');
  try {
    for (const [pattern, page] of ROUTES) {
      const m = pattern.exec(location.pathname);
      if (m) return await page(main, decodeURIComponent(m[1] ?? ''));
    }
    render(main, h('p', {}, t('notFound')));
  } catch (error) {
    render(main, h('p', { class: 'error', role: 'alert' }, `${t('notFound')}: ${(error as Error).message}`));
  } finally {
    main.removeAttribute('aria-busy');
    document.body.dataset.rendered = location.pathname + location.search;
    // For the browser benchmark: the time from navigation to the rendered view.
    performance.mark('rendered');
  }
}

window.addEventListener('popstate', () => void route());
void route();
