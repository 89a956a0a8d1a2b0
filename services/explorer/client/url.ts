import { lang } from './i18n.ts';

/** A link inside the explorer that keeps the chosen language; empty parameters are left out. */
export function href(path: string, params: Record<string, string | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) query.set(k, v);
  if (lang() === 'en') query.set('lang', 'en');
  const q = query.toString();
  return q ? `${path}?${q}` : path;
}

/** An API URL with the given parameters. */
export function apiUrl(path: string, params: Record<string, string | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) query.set(k, v);
  const q = query.toString();
  return q ? `${path}?${q}` : path;
}

export const param = (name: string): string | undefined => new URLSearchParams(location.search).get(name) ?? undefined;

export async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`${res.status} ${url}`);
  return (await res.json()) as T;
}

export const seriesPath = (key: string) => `/series/${encodeURIComponent(key)}`;
export const figurePath = (id: string) => `/figures/${encodeURIComponent(id)}`;
