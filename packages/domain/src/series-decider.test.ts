import { describe, it, expect } from '@jest/globals';
import { streamOf } from './aggregates.ts';
import { CorrectFigureSchema, ReportFigureSchema, RetractFigureSchema } from './commands.ts';
import { evolveAll } from './decider.ts';
import { DomainError } from './errors.ts';
import { eventIdOf } from './event-id.ts';
import { FigureReportedSchema } from './events.ts';
import { figureIdOf, seriesDecider, type SeriesEvent } from './series-decider.ts';
import { deciderSpecification } from './testing/decider-specification.ts';
import { sampleReport } from './test-fixtures.ts';
import { parseOrThrow, validateLedgerEvent } from './validation.ts';

const spec = deciderSpecification(seriesDecider);
const SERIES = '370112:GPBR:level:元';
const figureId = figureIdOf(sampleReport());
const missing = '00000000-0000-8000-8000-000000000000';
const correction = { period: '2022', value: '126.5', unit: '亿元', comparator: 'eq', status: 'actual' };

const report = (overrides: { value?: string } = {}) =>
  parseOrThrow(ReportFigureSchema, { type: 'ReportFigure', report: { ...sampleReport(), ...overrides } });
const correct = (input: { figureId?: string; value?: string; reason?: string } = {}) =>
  parseOrThrow(CorrectFigureSchema, {
    type: 'CorrectFigure',
    seriesKey: SERIES,
    figureId: input.figureId ?? figureId,
    correction: { ...correction, value: input.value ?? correction.value },
    reason: input.reason ?? 'revised in the final accounts',
  });
const retract = (id = figureId) =>
  parseOrThrow(RetractFigureSchema, { type: 'RetractFigure', seriesKey: SERIES, figureId: id, reason: 'not a figure' });

const reported: SeriesEvent = {
  type: 'FigureReported',
  data: parseOrThrow(FigureReportedSchema, { schemaVersion: 1, figureId, seriesKey: SERIES, ...sampleReport() }),
};
/** What the decider decides for a command on a history: the events a later step is given. */
const decided = (history: readonly SeriesEvent[], command: Parameters<typeof seriesDecider.decide>[0]) =>
  seriesDecider.decide(command, evolveAll(seriesDecider, history));
const corrected = decided([reported], correct());
const correctedId = corrected[0]!.data.figureId;

describe('series decider: reporting', () => {
  it('reports a figure into its series stream, with an id from what it says and where', () => {
    spec.given([]).when(report()).then([reported]);
    expect(streamOf(report())).toBe(`series-${SERIES}`);
    expect(() => validateLedgerEvent(reported)).not.toThrow();
  });

  it('the same figure from the same citation again changes nothing, and would have had the same event id', () => {
    spec.given([reported]).when(report()).thenNothingHappened();
    expect(eventIdOf(decided([], report())[0]!)).toBe(eventIdOf(decided([], report())[0]!));
  });

  it('refuses a different value read from the same citation: that is a correction', () => {
    spec
      .given([reported])
      .when(report({ value: '127' }))
      .thenThrows(DomainError, (e) => e.code === 'conflict' && /correct it instead/.test(e.message));
  });
});

describe('series decider: corrections', () => {
  it('corrects a figure: the correction names what it supersedes and why, and keeps the citation', () => {
    spec
      .given([reported])
      .when(correct())
      .then([
        {
          type: 'FigureCorrected',
          data: {
            schemaVersion: 1,
            figureId: correctedId,
            seriesKey: reported.data.seriesKey,
            supersedes: figureId,
            reason: 'revised in the final accounts',
            ...correct().correction,
            citations: reported.data.citations,
          },
        },
      ]);
    expect(() => validateLedgerEvent(corrected[0]!)).not.toThrow();
  });

  it('the same correction again changes nothing', () => {
    spec
      .given([reported, ...corrected])
      .when(correct())
      .thenNothingHappened();
  });

  it('refuses to correct a superseded figure, naming the one that superseded it', () => {
    spec
      .given([reported, ...corrected])
      .when(correct({ value: '1', reason: 'again' }))
      .thenThrows(DomainError, (e) => e.message.includes(`superseded by ${correctedId}`) && e.field === 'figureId');
  });

  it('refuses to correct or retract a figure that does not exist', () => {
    const notFound = (e: DomainError) => e.code === 'not-found' && e.field === 'figureId';
    spec
      .given([])
      .when(correct({ figureId: missing }))
      .thenThrows(DomainError, notFound);
    spec.given([reported]).when(retract(missing)).thenThrows(DomainError, notFound);
  });
});

describe('series decider: retractions', () => {
  const retracted = decided([reported], retract());

  it('retracts a figure with a reason', () => {
    spec
      .given([reported])
      .when(retract())
      .then([
        {
          type: 'FigureRetracted',
          data: { schemaVersion: 1, figureId, seriesKey: reported.data.seriesKey, reason: 'not a figure' },
        },
      ]);
  });

  it('retracting twice changes nothing; a retracted figure cannot be corrected', () => {
    spec
      .given([reported, ...retracted])
      .when(retract())
      .thenNothingHappened();
    spec
      .given([reported, ...retracted])
      .when(correct())
      .thenThrows(DomainError, (e) => /retracted/.test(e.message));
  });

  it('refuses to retract a superseded figure: the current one is named', () => {
    spec
      .given([reported, ...corrected])
      .when(retract())
      .thenThrows(DomainError, (e) => e.message.includes(`superseded by ${correctedId}; retract that one`));
  });
});

describe('series decider: evolve', () => {
  it('keeps every figure with its standing', () => {
    const state = evolveAll(seriesDecider, [reported, ...corrected]);
    expect(state.figures[figureId]).toMatchObject({ standing: 'superseded', supersededBy: correctedId });
    expect(state.figures[correctedId]).toMatchObject({ standing: 'active', value: '126.5' });
    const after = evolveAll(seriesDecider, decided([reported, ...corrected], retract(correctedId)), state);
    expect(after.figures[correctedId]!.standing).toBe('retracted');
  });

  it('ignores the retraction of a figure it does not hold', () => {
    const state = seriesDecider.initialState();
    const retraction = decided([reported], retract())[0]!;
    expect(seriesDecider.evolve(state, retraction)).toBe(state);
  });
});
