import type { SeriesKey } from './series-key.ts';

/** One stream per document and one per series: a series' figures, corrections and retractions keep their order. */
export const documentStream = (documentId: string): string => `document-${documentId}`;
export const seriesStream = (seriesKey: SeriesKey | string): string => `series-${seriesKey}`;
