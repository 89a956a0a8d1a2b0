import { apiDocsPage } from '@ledger/explorer';
import { documentedOperations } from './openapi.ts';

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The API index at /api: interactive documentation, and the operations as a plain table; the full description is /openapi.json. */
export function apiPage(): string {
  const rows = documentedOperations()
    .map(
      (op) =>
        `<tr><td>${op.method.toUpperCase()}</td><td>${op.method === 'get' && !op.path.includes('{') ? `<a href="${op.path}">${op.path}</a>` : escape(op.path)}</td><td>${escape(op.summary)}</td></tr>`,
    )
    .join('\n');
  return apiDocsPage(`<table>${rows}</table>`);
}
