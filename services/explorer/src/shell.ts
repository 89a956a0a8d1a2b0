import { allRegions } from '@ledger/domain';

/** JSON for a data block inside HTML: "<" escaped so that the text can never close the script element. */
const dataBlock = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** The paths the explorer answers with its page shell; the browser module picks the view from the path. */
export const PAGE_PATHS = [
  '/',
  '/series/:seriesKey',
  '/figures/:figureId',
  '/documents/:documentId',
  '/regions/:code',
  '/conflicts',
];

/** One HTML shell for every page: no inline script (the API's Content-Security-Policy allows only 'self'). */
export function pageShell(): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>指标台账 · Indicator ledger</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/explorer.css">
<script type="module" src="/assets/app/main.js"></script>
</head>
<body>
<script type="application/json" id="region-names">${dataBlock(Object.fromEntries(allRegions().map((r) => [r.code, r.name])))}</script>
<header class="top" id="top"></header>
<main id="main" aria-live="polite"><p class="loading">加载中…</p></main>
</body>
</html>`;
}

/** The API index: interactive OpenAPI documentation (swagger-ui, served from node_modules) above the list of operations. */
export function apiDocsPage(operationList: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Indicator ledger API</title>
<link rel="stylesheet" href="/assets/swagger/swagger-ui.css">
<link rel="stylesheet" href="/assets/explorer.css">
<script src="/assets/swagger/swagger-ui-bundle.js" defer></script>
<script type="module" src="/assets/app/api-docs.js"></script>
</head>
<body>
<main>
<h1>Indicator ledger API</h1>
<p><a href="/">← 浏览 Explorer</a> · Machine-readable description: <a href="/openapi.json">/openapi.json</a></p>
<div id="swagger"></div>
<h2>Operations</h2>
${operationList}
</main>
</body>
</html>`;
}
