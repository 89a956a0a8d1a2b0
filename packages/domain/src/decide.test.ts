import { describe, it, expect } from '@jest/globals';
import { decide, figureIdOf, streamOf } from './decide.ts';
import { evolve, fold } from './evolve.ts';
import { initialDocumentState, initialSeriesState, type SeriesState } from './state.ts';
import { DomainError } from './errors.ts';
import { eventIdOf } from './event-id.ts';
import { validateLedgerEvent } from './validation.ts';
import type { FigureValueSchema } from './events.ts';
import type { z } from 'zod';
import { sha256Hex } from '@ledger/canonical';
import { sampleDocument, sampleRaw, sampleReport } from './test-fixtures.ts';

const SERIES = '370112:GPBR:level:元';
const correction = { period: '2022', value: '126.5', unit: '亿元', comparator: 'eq', status: 'actual' } as z.infer<
  typeof FigureValueSchema
>;

function reported(): { state: SeriesState; figureId: string } {
  const events = decide({ type: 'ReportFigure', report: sampleReport() }, initialSeriesState());
  return { state: fold(initialSeriesState(), events), figureId: figureIdOf(sampleReport()) };
}

describe('decide: documents', () => {
  it('registers a document once; the same registration again is a no-op', () => {
    const command = { type: 'RegisterDocument', document: sampleDocument, text: sampleRaw } as const;
    const events = decide(command, initialDocumentState());
    expect(events).toEqual([
      { type: 'DocumentRegistered', data: { schemaVersion: 1, ...sampleDocument, text: sampleRaw } },
    ]);
    expect(streamOf(command)).toBe('document-doc-sample');
    const state = fold(initialDocumentState(), events);
    expect(decide(command, state)).toEqual([]);
  });

  it('refuses to register other metadata under a registered id', () => {
    const state = fold(
      initialDocumentState(),
      decide({ type: 'RegisterDocument', document: sampleDocument, text: sampleRaw }, initialDocumentState()),
    );
    const edited = `${sampleRaw}补充`;
    const other = {
      type: 'RegisterDocument',
      document: { ...sampleDocument, sha256: sha256Hex(edited) },
      text: edited,
    } as const;
    expect(() => decide(other, state)).toThrow(DomainError);
  });

  it('refuses text whose sha256 is not the declared one', () => {
    const command = { type: 'RegisterDocument', document: sampleDocument, text: `${sampleRaw} ` } as const;
    expect(() => decide(command, initialDocumentState())).toThrow(
      expect.objectContaining({ field: 'document.sha256' }),
    );
  });
});

describe('decide: figures', () => {
  it('reports a figure into its series stream with a content-derived id', () => {
    const command = { type: 'ReportFigure', report: sampleReport() } as const;
    const [event] = decide(command, initialSeriesState());
    expect(streamOf(command)).toBe(`series-${SERIES}`);
    expect(event).toMatchObject({
      type: 'FigureReported',
      data: { figureId: figureIdOf(sampleReport()), seriesKey: SERIES, value: '126' },
    });
    expect(() => validateLedgerEvent(event!)).not.toThrow();
  });

  it('treats the same figure from the same citation as a no-op, with equal event ids', () => {
    const first = decide({ type: 'ReportFigure', report: sampleReport() }, initialSeriesState());
    const again = decide({ type: 'ReportFigure', report: sampleReport() }, initialSeriesState());
    expect(eventIdOf(first[0]!)).toBe(eventIdOf(again[0]!));
    expect(decide({ type: 'ReportFigure', report: sampleReport() }, fold(initialSeriesState(), first))).toEqual([]);
  });

  it('refuses a different value read from the same citation: that is a correction', () => {
    const { state } = reported();
    expect(() => decide({ type: 'ReportFigure', report: sampleReport({ value: '127' as never }) }, state)).toThrow(
      /correct it instead/,
    );
  });

  it('rejects correcting or retracting a figure that does not exist', () => {
    const missing = '00000000-0000-8000-8000-000000000000';
    const correct = {
      type: 'CorrectFigure',
      seriesKey: SERIES,
      figureId: missing,
      correction,
      reason: 'typo in source',
    } as const;
    expect(() => decide(correct as never, initialSeriesState())).toThrow(
      expect.objectContaining({ code: 'not-found', field: 'figureId' }),
    );
    const retract = { type: 'RetractFigure', seriesKey: SERIES, figureId: missing, reason: 'not a figure' } as const;
    expect(() => decide(retract as never, initialSeriesState())).toThrow(
      expect.objectContaining({ code: 'not-found' }),
    );
  });

  it('corrects a figure: the correction names what it supersedes and why, and keeps the citation', () => {
    const { state, figureId } = reported();
    const command = {
      type: 'CorrectFigure',
      seriesKey: SERIES,
      figureId,
      correction,
      reason: 'revised in the final accounts',
    } as never;
    const events = decide(command, state);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'FigureCorrected',
      data: { supersedes: figureId, reason: 'revised in the final accounts', value: '126.5' },
    });
    expect(() => validateLedgerEvent(events[0]!)).not.toThrow();
    const after = fold(state, events);
    expect(after.figures[figureId]).toMatchObject({ standing: 'superseded' });
    expect(decide(command, after)).toEqual([]);
    // The superseded figure cannot be corrected again: the current one is named.
    const second = {
      type: 'CorrectFigure',
      seriesKey: SERIES,
      figureId,
      correction: { ...correction, value: '1' },
      reason: 'again',
    } as never;
    expect(() => decide(second, after)).toThrow(/superseded by/);
  });

  it('retracts a figure with a reason; retracting twice is a no-op; a retracted figure cannot be corrected', () => {
    const { state, figureId } = reported();
    const command = { type: 'RetractFigure', seriesKey: SERIES, figureId, reason: 'a slogan, not a figure' } as const;
    const events = decide(command as never, state);
    expect(events).toEqual([
      {
        type: 'FigureRetracted',
        data: { schemaVersion: 1, figureId, seriesKey: SERIES, reason: 'a slogan, not a figure' },
      },
    ]);
    const after = evolve(state, events[0]!);
    expect(after.figures[figureId]!.standing).toBe('retracted');
    expect(decide(command as never, after)).toEqual([]);
    expect(() =>
      decide({ type: 'CorrectFigure', seriesKey: SERIES, figureId, correction, reason: 'fix' } as never, after),
    ).toThrow(/retracted/);
  });
});

describe('validateLedgerEvent', () => {
  it('names the failing field', () => {
    const [event] = decide({ type: 'ReportFigure', report: sampleReport() }, initialSeriesState());
    const broken = { type: 'FigureReported', data: { ...(event!.data as object), value: '1e3' } };
    expect(() => validateLedgerEvent(broken)).toThrow(/data\.value: must be a plain decimal/);
    expect(() => validateLedgerEvent({ type: 'Nope', data: {} })).toThrow(/type: unknown event type "Nope"/);
  });
});
