/** Below SQLite's 32,766 and PostgreSQL's 65,535 bind parameters per statement. */
const MAX_PARAMETERS = 30_000;

/** How many items of `parametersPerItem` parameters each one statement may bind. */
export const perStatement = (parametersPerItem: number): number =>
  Math.max(1, Math.floor(MAX_PARAMETERS / parametersPerItem));

/** Splits items for multi-row statements of `parametersPerItem` parameters each. */
export function chunked<T>(items: readonly T[], parametersPerItem: number): T[][] {
  const size = perStatement(parametersPerItem);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
