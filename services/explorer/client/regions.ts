/** The region catalogue, given by the server in the page (the domain's KNOWN_REGIONS): no request of its own. */
let names: Record<string, string> | undefined;
const catalogue = () =>
  (names ??= JSON.parse(document.getElementById('region-names')?.textContent ?? '{}') as Record<string, string>);

/** A region's name, or its code when the catalogue does not know it. */
export const regionName = (code: string): string => catalogue()[code] ?? code;

/** GB/T 2260: a county's city ends in 00, a city's province in 0000. The chain from the region up to its province. */
export function parentChain(code: string): string[] {
  const chain = [code];
  if (!code.endsWith('00')) chain.push(`${code.slice(0, 4)}00`);
  if (!code.endsWith('0000')) chain.push(`${code.slice(0, 2)}0000`);
  return chain;
}

export const regionWithParents = (code: string): string => parentChain(code).map(regionName).reverse().join(' › ');
