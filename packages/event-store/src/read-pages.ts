import type { ReadAllOptions, RecordedEvent } from './types.ts';

/** Every event in global order, read page by page so memory stays flat however long the log is. */
export async function* everyEventInOrder(
  readAll: (options: ReadAllOptions) => Promise<RecordedEvent[]>,
  pageSize = 5000,
): AsyncGenerator<RecordedEvent> {
  for (let from = 1; ;) {
    const page = await readAll({ fromPosition: from, maxCount: pageSize });
    yield* page;
    if (page.length < pageSize) return;
    from = page.at(-1)!.position + 1;
  }
}
