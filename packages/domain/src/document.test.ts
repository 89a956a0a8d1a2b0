import { describe, it, expect } from '@jest/globals';
import { availableFrom, CalendarDateSchema, precisionOf, PublicationDateSchema } from './document.ts';

describe('publication dates', () => {
  it('keeps the precision that was written', () => {
    expect(precisionOf('2023-01-07')).toBe('day');
    expect(precisionOf('2026-01')).toBe('month');
    expect(precisionOf('2021')).toBe('year');
  });
  it('is available only from the end of its interval', () => {
    expect(availableFrom('2023-01-07')).toBe('2023-01-07');
    expect(availableFrom('2024-02')).toBe('2024-02-29');
    expect(availableFrom('2021')).toBe('2021-12-31');
  });
  it('rejects impossible dates', () => {
    for (const bad of ['2023-13', '2023-02-30', '23-01-01', '2023/01/07'])
      expect(PublicationDateSchema.safeParse(bad).success).toBe(false);
  });

  it('takes as a calendar date only a day that exists', () => {
    for (const good of ['2024-02-29', '2023-12-31']) expect(CalendarDateSchema.safeParse(good).success).toBe(true);
    for (const bad of ['2023-02-30', '2023-02-29', '2023-04-31', '2023-00-10', '2023', '2023-01'])
      expect(CalendarDateSchema.safeParse(bad).success).toBe(false);
  });
});
