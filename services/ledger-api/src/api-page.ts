import { documentedOperations } from './openapi.ts';

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** A small browsable index of the API; the full description is /openapi.json. */
export function apiPage(): string {
  const rows = documentedOperations()
    .map(
      (op) =>
        `<tr><td>${op.method.toUpperCase()}</td><td>${op.method === 'get' && !op.path.includes('{') ? `<a href="${op.path}">${op.path}</a>` : escape(op.path)}</td><td>${escape(op.summary)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Indicator ledger API</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}td{padding:.2rem .8rem;border-bottom:1px solid #ddd}</style></head>
<body><h1>Indicator ledger API</h1><p>Machine-readable description: <a href="/openapi.json">/openapi.json</a></p>
<table>${rows}</table></body></html>`;
}
