import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { bootFreshLedger, eventually, SEEDS_DIR } from '@ledger/ledger-api/testing';
import type { RunningLedger } from '@ledger/ledger-api';
import { hasChromium, launchChromium, openView, screenshot, waitRendered } from './browser.ts';

const GDP = '370112:GDP:level:元';
const GDP_PATH = `/series/${encodeURIComponent(GDP)}`;
const manifest = JSON.parse(readFileSync(join(SEEDS_DIR, 'manifest.json'), 'utf8')) as {
  documents: Array<{ documentId: string; sha256: string; published: string }>;
};

if (!hasChromium()) {
  it('explorer in a browser: skipped', () =>
    console.warn('explorer browser tests did not run: /usr/bin/chromium is missing (apt-get install chromium)'));
} else {
  describe('the explorer in headless Chromium', () => {
    let ledger: RunningLedger;
    let browser: Browser;
    let page: Page;
    let base: string;

    beforeAll(async () => {
      ledger = await bootFreshLedger();
      base = `http://127.0.0.1:${ledger.port}`;
      await eventually(async () => expect((await fetch(`${base}/readyz`)).status).toBe(200), 150_000);
      browser = await launchChromium();
      // A context of our own: axe-core opens pages in it.
      // bypassCSP: the page forbids eval, which Playwright needs for in-page checks written as text.
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
      page = await context.newPage();
      page.on('pageerror', (error) => {
        throw error;
      });
    }, 240_000);
    afterAll(async () => {
      await browser?.close();
      await ledger?.close();
    });

    it('search → series → figure → the quote highlighted in its source', async () => {
      await openView(page, base, '/');
      await page.fill('#q', '经济总量');
      await page.click('form.search button[type=submit]');
      await page.waitForURL(/q=/);
      await waitRendered(page);
      expect(page.url()).toContain(`q=${encodeURIComponent('经济总量')}`);
      // The facets: 历城区 with its parents, and the indicator.
      await expect(page.locator('.facet').first().innerText()).resolves.toContain('山东省 › 济南市 › 历城区');
      await screenshot(page, 'search');

      await page.click(`a.series-link[href^="${GDP_PATH}"]`);
      await waitRendered(page);
      expect(decodeURIComponent(new URL(page.url()).pathname)).toBe(`/series/${GDP}`);
      await expect(page.locator('h1').innerText()).resolves.toContain('地区生产总值');
      await screenshot(page, 'series');

      const row2022 = page.locator('tbody tr', { has: page.locator('td:first-child', { hasText: /^2022$/ }) });
      // 1265 is the estimate of the January work report: its flag says so.
      await expect(row2022.locator('.flag').first().innerText()).resolves.toBe('预计');
      await row2022.locator('a[href^="/figures/"]').first().click();
      await waitRendered(page);
      expect(page.url()).toMatch(/\/figures\/[0-9a-f-]{36}$/);

      const figureId = page.url().split('/').pop()!;
      const { figure } = (await (await fetch(`${base}/v1/figures/${figureId}`)).json()) as {
        figure: { citations: Array<{ quote: string; charStart: number; documentSha256: string }> };
      };
      const mark = page.locator('mark.quote').first();
      await expect(mark.innerText()).resolves.toBe(figure.citations[0]!.quote);
      expect(figure.citations[0]!.quote).toContain('1265');
      await expect(mark.getAttribute('data-start')).resolves.toBe(String(figure.citations[0]!.charStart));
      // The quote is where the document's offsets put it: the text before the mark has charStart code points.
      // (In-page code as text: the tests are type-checked without the DOM library.)
      const before = await page.evaluate<number>(`(() => {
        const m = document.querySelector('mark.quote');
        const range = document.createRange();
        range.setStart(m.parentElement, 0);
        range.setEndBefore(m);
        return Array.from(range.toString()).length;
      })()`);
      expect(before).toBe(figure.citations[0]!.charStart);
      // Scrolled into view, inside the source box and the window.
      const visible = await page.evaluate<boolean>(`(() => {
        const box = document.querySelector('mark.quote').getBoundingClientRect();
        const pre = document.querySelector('mark.quote').closest('pre').getBoundingClientRect();
        return box.top >= pre.top && box.bottom <= pre.bottom && box.top >= 0 && box.bottom <= window.innerHeight;
      })()`);
      expect(visible).toBe(true);
      await expect(page.locator('.sha').first().innerText()).resolves.toContain(figure.citations[0]!.documentSha256);
      await expect(page.locator('#citation-line').innerText()).resolves.toContain(`/figures/${figureId}`);
      await screenshot(page, 'figure');
    }, 120_000);

    it('the as-of picker: 历城区 GDP 2022 is 1265 as of 2023-01-08 and unknown as of 2022-12-31', async () => {
      const value2022 = async () => {
        const row = page.locator('tbody tr', { has: page.locator('td:first-child', { hasText: /^2022$/ }) });
        return (await row.count()) === 0 ? undefined : row.locator('td').nth(1).innerText();
      };
      await openView(page, base, GDP_PATH);
      await page.fill('#asOf', '2023-01-08');
      await page.click('form.pickers button[type=submit]');
      await page.waitForURL(/asOf=2023-01-08/);
      await waitRendered(page);
      expect(await value2022()).toContain('1265');
      await screenshot(page, 'series-as-of-2023-01-08');

      await page.fill('#asOf', '2022-12-31');
      await page.click('form.pickers button[type=submit]');
      await page.waitForURL(/asOf=2022-12-31/);
      await waitRendered(page);
      expect(await value2022()).toBeUndefined();
      await expect(page.locator('main').innerText()).resolves.not.toContain('1265');

      // The permalink alone gives the same view.
      const fresh = await page.context().newPage();
      await openView(fresh, base, `${GDP_PATH}?asOf=2023-01-08`);
      await expect(fresh.locator('#asOf').inputValue()).resolves.toBe('2023-01-08');
      await expect(fresh.locator('main').innerText()).resolves.toContain('1265');
      await fresh.close();
    }, 120_000);

    it('the vintage chart and the revisions tab draw from the URL', async () => {
      await openView(page, base, `${GDP_PATH}?tab=chart`);
      await expect(page.locator('#vintage-chart canvas').count()).resolves.toBeGreaterThan(0);
      await screenshot(page, 'series-chart');
      await openView(page, base, `${encodeURIComponent('370112:GDP:growth:%').replace(/^/, '/series/')}?tab=revisions`);
      await expect(page.locator('main table').count()).resolves.toBe(2);
      await screenshot(page, 'series-revisions');
    }, 120_000);

    it('downloads linked from the pages parse, the SDMX-CSV checked column by column', async () => {
      await openView(page, base, `${GDP_PATH}?asOf=2023-01-08`);
      const sdmxHref = await page.locator('a.download', { hasText: 'SDMX-CSV' }).getAttribute('href');
      const res = await page.request.get(`${base}${sdmxHref}`);
      expect(res.headers()['content-type']).toBe('application/vnd.sdmx.data+csv; version=2.0.0; charset=utf-8');
      const body = (await res.body()).toString('utf8');
      expect(body.charCodeAt(0)).toBe(0xfeff);
      const [header, ...rows] = parse(body.slice(1)) as string[][];
      expect(header).toEqual([
        'STRUCTURE',
        'STRUCTURE_ID',
        'ACTION',
        'REF_AREA',
        'INDICATOR',
        'KIND',
        'TIME_PERIOD',
        'OBS_VALUE',
        'OBS_STATUS',
        'UNIT_MEASURE',
        'UNIT_MULT',
        'FIGURE_ID',
        'SOURCE_SHA256',
        'PUBLISHED',
      ]);
      const gdp2022 = rows.find((r) => r[4] === 'GDP' && r[5] === 'level' && r[6] === '2022')!;
      const source = manifest.documents.find((d) => d.documentId === '001_08fd8d89df814088')!;
      const [
        structure,
        structureId,
        action,
        area,
        indicator,
        kind,
        period,
        value,
        status,
        unit,
        mult,
        id,
        sha,
        published,
      ] = gdp2022;
      expect(structure).toBe('datastructure');
      expect(structureId).toBe('LEDGER:DSD_LEDGER_FIGURES(1.0.0)');
      expect(action).toBe('I');
      expect(area).toBe('370112');
      expect(indicator).toBe('GDP');
      expect(kind).toBe('level');
      expect(period).toBe('2022');
      expect(value).toBe('1265');
      expect(['A', 'E']).toContain(status);
      expect(unit).toBe('元');
      expect(mult).toBe('8');
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(sha).toBe(source.sha256);
      expect(published).toBe(source.published);
      // The structure STRUCTURE_ID names is published and declares every column after the first three.
      const dsd = await (
        await page.request.get(`${base}/v1/structure/datastructure/LEDGER/DSD_LEDGER_FIGURES/1.0.0`)
      ).json();
      expect(JSON.stringify(dsd)).toContain('UNIT_MULT');

      for (const shape of ['long', 'wide', 'initial']) {
        const link = await page.locator('a.download', { hasText: `(${shape})` }).getAttribute('href');
        const csv = (await (await page.request.get(`${base}${link}`)).body()).toString('utf8');
        expect(csv.charCodeAt(0)).toBe(0xfeff);
        const parsed = parse(csv.slice(1), { columns: true }) as Array<Record<string, string>>;
        expect(parsed.length).toBeGreaterThan(0);
      }

      await openView(page, base, '/regions/370112?asOf=2023-01-08');
      const snapshotHref = await page.locator('a.download', { hasText: 'snapshot.csv' }).getAttribute('href');
      const snapshot = (await (await page.request.get(`${base}${snapshotHref}`)).body()).toString('utf8');
      const snapshotRows = parse(snapshot.slice(1), { columns: true }) as Array<Record<string, string>>;
      expect(snapshotRows.find((r) => r.series_key === GDP && r.period === '2022')?.value).toBe('1265');
      await screenshot(page, 'region');

      // The page shows the first 100 observations and offers the rest; the CSV holds them all.
      expect(snapshotRows.length).toBeGreaterThan(200);
      await expect(page.locator('main tbody tr').count()).resolves.toBe(100);
      await expect(page.locator('.paging .count').innerText()).resolves.toContain(`100 / ${snapshotRows.length}`);
      await page.locator('button.more').click();
      await page.waitForFunction("document.querySelectorAll('main tbody tr').length === 200");
      await expect(page.locator('.paging .count').innerText()).resolves.toContain(`200 / ${snapshotRows.length}`);
      // The rows follow the CSV's order, the next page after the first, each linking to its series as of the date.
      const shown = await page
        .locator('main tbody tr td:first-child a')
        .evaluateAll((els) =>
          els.map((e) => decodeURIComponent(e.getAttribute('href')!.split('?')[0]!.replace('/series/', ''))),
        );
      expect(shown).toEqual(snapshotRows.slice(0, 200).map((r) => r.series_key));
    }, 120_000);

    it('every page passes axe-core with no serious or critical violations, in Chinese and in English', async () => {
      const figureId = (
        (await (await fetch(`${base}/v1/conflicts`)).json()) as {
          conflicts: Array<{ values: Array<{ figureIds: string[] }> }>;
        }
      ).conflicts[0]?.values[0]?.figureIds[0];
      const views = [
        ['home', '/'],
        ['search-en', '/?q=GDP&lang=en'],
        ['series-table', GDP_PATH],
        ['series-chart-en', `${GDP_PATH}?tab=chart&lang=en`],
        ['document', '/documents/001_08fd8d89df814088'],
        ['region-en', '/regions/370112?lang=en'],
        ['conflicts', '/conflicts'],
        ...(figureId ? [['figure-with-conflict', `/figures/${figureId}`]] : []),
      ];
      const found: string[] = [];
      for (const [name, path] of views) {
        await openView(page, base, path!);
        await screenshot(page, `axe-${name}`);
        const { violations } = await new AxeBuilder({ page }).analyze();
        for (const v of violations.filter((x) => x.impact === 'serious' || x.impact === 'critical'))
          found.push(
            `${path}: ${v.id} (${v.impact}) ${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 3)
              .join(', ')}`,
          );
      }
      expect(found).toEqual([]);
    }, 600_000);

    it('the document view highlights every cited span, lists the figures a page at a time, and opens one on click', async () => {
      const doc = '001_08fd8d89df814088';
      const { figureCount } = (await (await fetch(`${base}/v1/documents/${doc}`)).json()) as { figureCount: number };
      const { spans } = (await (await fetch(`${base}/v1/documents/${doc}/spans`)).json()) as {
        spans: Array<{ first: { figureId: string } }>;
      };
      // More figures than one page, so that the list has to offer the rest.
      expect(figureCount).toBeGreaterThan(100);
      await openView(page, base, `/documents/${doc}`);
      await expect(page.locator('.figure-list h2').innerText()).resolves.toContain(`(${figureCount})`);
      const listed = await page.locator('.figure-list li').count();
      expect(listed).toBe(100);
      // The text is highlighted whole at once, not only for the figures listed so far: by the first figure of each span.
      const highlighted = await page
        .locator('pre.document a.hl')
        .evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-figure')))]);
      const firsts = new Set(spans.map((s) => s.first.figureId));
      expect(highlighted.filter((id) => !firsts.has(id!))).toEqual([]);
      expect(highlighted.length).toBeGreaterThan(spans.length / 2);
      expect(highlighted.length).toBeGreaterThan(listed);
      // "More" appends the next page until every figure is listed, then goes away.
      while ((await page.locator('.figure-list button.more').count()) > 0) {
        const before = await page.locator('.figure-list li').count();
        await page.locator('.figure-list button.more').click();
        await page.waitForFunction(
          `document.querySelectorAll('.figure-list li').length > ${before} || !document.querySelector('.figure-list button.more')`,
        );
      }
      await expect(page.locator('.figure-list li').count()).resolves.toBe(figureCount);
      await expect(page.locator('.figure-list .count').innerText()).resolves.toContain(
        `${figureCount} / ${figureCount}`,
      );
      await screenshot(page, 'document-all-figures');
      await page.locator('pre.document a.hl-actual').first().click();
      await waitRendered(page);
      expect(page.url()).toMatch(/\/figures\//);
      await page.goto(`${base}/api`);
      await page.waitForSelector('#swagger .opblock', { state: 'attached', timeout: 60_000 });
      await screenshot(page, 'api');
    }, 120_000);
  });
}
