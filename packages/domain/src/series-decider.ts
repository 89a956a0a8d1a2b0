import { canonicalJson, contentUuid } from '@ledger/canonical';
import type { CorrectFigure, ReportFigure, RetractFigure } from './commands.ts';
import type { Aggregate, Decider } from './decider.ts';
import { unreachable } from './decider.ts';
import { DomainError } from './errors.ts';
import type { FigureReport, LedgerEvent } from './events.ts';
import { seriesKeyOf, type SeriesKey } from './series-key.ts';
import { initialSeriesState, type FigureRecord, type SeriesState } from './state.ts';
import { seriesStream } from './streams.ts';

export type SeriesCommand = ReportFigure | CorrectFigure | RetractFigure;
export type SeriesEvent = Extract<LedgerEvent, { type: 'FigureReported' | 'FigureCorrected' | 'FigureRetracted' }>;

/** A figure's id comes from what it says and where: the same figure read from the same place always gets the same id. */
export function figureIdOf(report: FigureReport): string {
  const first = report.citations[0]!;
  return contentUuid('figure', {
    seriesKey: seriesKeyOf(report.series),
    period: report.period,
    documentId: first.documentId,
    charStart: first.charStart,
    charEnd: first.charEnd,
  });
}

/** A series: its figures, their corrections and retractions, in order. */
export const seriesDecider: Decider<SeriesState, SeriesCommand, SeriesEvent> = {
  decide(command, state) {
    const { type } = command;
    switch (type) {
      case 'ReportFigure':
        return reportFigure(command, state);
      case 'CorrectFigure':
        return correctFigure(command, state);
      case 'RetractFigure':
        return retractFigure(command, state);
      default:
        return unreachable(type, 'series command');
    }
  },
  evolve(state, event) {
    const { type } = event;
    switch (type) {
      case 'FigureReported':
        return { figures: { ...state.figures, [event.data.figureId]: { ...event.data, standing: 'active' } } };
      case 'FigureCorrected': {
        const superseded = state.figures[event.data.supersedes];
        return {
          figures: {
            ...state.figures,
            ...(superseded && {
              [event.data.supersedes]: { ...superseded, standing: 'superseded', supersededBy: event.data.figureId },
            }),
            [event.data.figureId]: { ...event.data, standing: 'active' },
          },
        };
      }
      case 'FigureRetracted': {
        const retracted = state.figures[event.data.figureId];
        return retracted
          ? { figures: { ...state.figures, [event.data.figureId]: { ...retracted, standing: 'retracted' } } }
          : state;
      }
      default:
        return unreachable(type, 'series event');
    }
  },
  initialState: initialSeriesState,
};

export const seriesAggregate: Aggregate<SeriesState, SeriesCommand, SeriesEvent> = {
  decider: seriesDecider,
  streamOf(command) {
    const { type } = command;
    switch (type) {
      case 'ReportFigure':
        return seriesStream(seriesKeyOf(command.report.series));
      case 'CorrectFigure':
      case 'RetractFigure':
        return seriesStream(command.seriesKey);
      default:
        return unreachable(type, 'series command');
    }
  },
  ownsEvent: (event): event is SeriesEvent =>
    event.type === 'FigureReported' || event.type === 'FigureCorrected' || event.type === 'FigureRetracted',
};

function reportFigure({ report }: ReportFigure, state: SeriesState): SeriesEvent[] {
  const figureId = figureIdOf(report);
  const data = { schemaVersion: 1 as const, figureId, seriesKey: seriesKeyOf(report.series), ...report };
  const existing = state.figures[figureId];
  if (existing) {
    const { standing: _standing, supersededBy: _by, ...stored } = existing;
    if (canonicalJson(stored) === canonicalJson(data)) return [];
    throw new DomainError(
      'conflict',
      `figure ${figureId} was already reported from this citation with other content; correct it instead`,
      'report',
    );
  }
  return [{ type: 'FigureReported', data }];
}

function standingFigure(state: SeriesState, figureId: string, seriesKey: SeriesKey): FigureRecord {
  const figure = state.figures[figureId];
  if (!figure) throw new DomainError('not-found', `no figure ${figureId} in series ${seriesKey}`, 'figureId');
  return figure;
}

function correctFigure(command: CorrectFigure, state: SeriesState): SeriesEvent[] {
  const figureId = contentUuid('figure-correction', {
    supersedes: command.figureId,
    correction: command.correction,
    reason: command.reason,
  });
  if (state.figures[figureId]) return [];
  const figure = standingFigure(state, command.figureId, command.seriesKey);
  if (figure.standing === 'retracted')
    throw new DomainError('conflict', `figure ${command.figureId} was retracted and cannot be corrected`, 'figureId');
  if (figure.standing === 'superseded') {
    throw new DomainError(
      'conflict',
      `figure ${command.figureId} was already superseded by ${figure.supersededBy}; correct that one`,
      'figureId',
    );
  }
  return [
    {
      type: 'FigureCorrected',
      data: {
        schemaVersion: 1,
        figureId,
        seriesKey: command.seriesKey,
        supersedes: command.figureId,
        reason: command.reason,
        ...command.correction,
        citations: command.citations ?? figure.citations,
      },
    },
  ];
}

function retractFigure(command: RetractFigure, state: SeriesState): SeriesEvent[] {
  const figure = standingFigure(state, command.figureId, command.seriesKey);
  if (figure.standing === 'retracted') return [];
  if (figure.standing === 'superseded') {
    throw new DomainError(
      'conflict',
      `figure ${command.figureId} was superseded by ${figure.supersededBy}; retract that one`,
      'figureId',
    );
  }
  return [
    {
      type: 'FigureRetracted',
      data: { schemaVersion: 1, figureId: command.figureId, seriesKey: command.seriesKey, reason: command.reason },
    },
  ];
}
