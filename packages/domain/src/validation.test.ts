import { describe, it, expect } from '@jest/globals';
import { validateLedgerEvent } from './validation.ts';
import { figureIdOf } from './series-decider.ts';
import { sampleReport } from './test-fixtures.ts';

describe('validateLedgerEvent', () => {
  it('names the failing field', () => {
    const data = { schemaVersion: 1, figureId: figureIdOf(sampleReport()), seriesKey: '370112:GPBR:level:元' };
    expect(() => validateLedgerEvent({ type: 'FigureReported', data: { ...data, ...sampleReport() } })).not.toThrow();
    const broken = { type: 'FigureReported', data: { ...data, ...sampleReport(), value: '1e3' } };
    expect(() => validateLedgerEvent(broken)).toThrow(/data\.value: must be a plain decimal/);
    expect(() => validateLedgerEvent({ type: 'Nope', data: {} })).toThrow(/type: unknown event type "Nope"/);
  });
});
