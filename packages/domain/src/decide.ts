import { canonicalJson, contentUuid, sha256Hex } from '@ledger/canonical';
import type { Command, CorrectFigure, RegisterDocument, ReportFigure, RetractFigure } from './commands.ts';
import { DomainError } from './errors.ts';
import type { FigureReport, LedgerEvent } from './events.ts';
import { seriesKeyOf, type SeriesKey } from './series-key.ts';
import type { DocumentState, FigureRecord, SeriesState } from './state.ts';
import { documentStream, seriesStream } from './streams.ts';

/** The stream a command is decided against. */
export function streamOf(command: Command): string {
  switch (command.type) {
    case 'RegisterDocument':
      return documentStream(command.document.documentId);
    case 'ReportFigure':
      return seriesStream(seriesKeyOf(command.report.series));
    default:
      return seriesStream(command.seriesKey);
  }
}

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

export function decide(command: RegisterDocument, state: DocumentState): LedgerEvent[];
export function decide(command: ReportFigure | CorrectFigure | RetractFigure, state: SeriesState): LedgerEvent[];
export function decide(command: Command, state: DocumentState | SeriesState): LedgerEvent[];
export function decide(command: Command, state: DocumentState | SeriesState): LedgerEvent[] {
  switch (command.type) {
    case 'RegisterDocument':
      return registerDocument(command, state as DocumentState);
    case 'ReportFigure':
      return reportFigure(command, state as SeriesState);
    case 'CorrectFigure':
      return correctFigure(command, state as SeriesState);
    case 'RetractFigure':
      return retractFigure(command, state as SeriesState);
  }
}

function registerDocument({ document, text }: RegisterDocument, state: DocumentState): LedgerEvent[] {
  if (sha256Hex(text) !== document.sha256)
    throw new DomainError('invalid', 'is not the sha256 of the text', 'document.sha256');
  if (state.document) {
    if (canonicalJson(state.document) === canonicalJson(document)) return [];
    throw new DomainError(
      'conflict',
      `document ${document.documentId} is already registered with other metadata`,
      'documentId',
    );
  }
  return [{ type: 'DocumentRegistered', data: { schemaVersion: 1, ...document, text } }];
}

function reportFigure({ report }: ReportFigure, state: SeriesState): LedgerEvent[] {
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

function correctFigure(command: CorrectFigure, state: SeriesState): LedgerEvent[] {
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

function retractFigure(command: RetractFigure, state: SeriesState): LedgerEvent[] {
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
