import { createHash } from 'node:crypto';
import {
  figureIdOf,
  seriesKeyOf,
  type Citation,
  type Comparator,
  type EventData,
  type FigureReport,
  type FigureStatus,
} from '@ledger/domain';
import type { EventStore } from '@ledger/event-store';
import { createLedgerCommands } from '@ledger/ledger-commands';

export type SeriesReported = EventData<'FigureReported'>['series'];

/** Series used across the tests. */
export const SERIES = {
  gdp: {
    subject: { type: 'region', code: '370112' },
    indicatorCode: 'GDP',
    indicatorName: '地区生产总值',
    kind: 'level',
    unitBase: '元',
  },
  gdpGrowth: {
    subject: { type: 'region', code: '370112' },
    indicatorCode: 'GDP',
    indicatorName: '地区生产总值',
    kind: 'growth',
    unitBase: '%',
  },
  rank: {
    subject: { type: 'region', code: '370112' },
    indicatorCode: 'INVESTMENT_COMPETITIVENESS',
    indicatorName: '投资竞争力',
    kind: 'rank',
    unitBase: '位',
  },
  vaccine: {
    subject: { type: 'entity', name: '山东坤力疫苗产业化项目', regionCode: '370112' },
    indicatorCode: 'X-疫苗医疗研发生产类项目排名',
    indicatorName: '疫苗医疗研发生产类项目排名',
    kind: 'rank',
    unitBase: '',
  },
  changqingRevenue: {
    subject: { type: 'region', code: '370113' },
    indicatorCode: 'GPBR',
    indicatorName: '一般公共预算收入',
    kind: 'level',
    unitBase: '元',
  },
} as const satisfies Record<string, SeriesReported>;

export const keyOf = (series: SeriesReported): string => seriesKeyOf(series);

/** A registered source: numbered lines, each quotable by one report. */
export interface TestSource {
  documentId: string;
  published: string;
  cite(line: number): Citation;
}

export interface Reading {
  series: SeriesReported;
  period: string;
  value: string;
  unit: string;
  comparator?: Comparator;
  status?: FigureStatus;
}

const LINES = 200;
const lineText = (documentId: string, line: number) => `${documentId} 第${line}条`;

/** Builds event histories through the ledger's own commands, so every event is one the ledger could hold. */
export function ledgerHistory(store: EventStore) {
  const ledger = createLedgerCommands(store);
  const nextLine = new Map<string, number>();

  async function register(documentId: string, published: string, regionCode = '370112'): Promise<TestSource> {
    const lines = Array.from({ length: LINES }, (_, i) => lineText(documentId, i + 1));
    const text = `${lines.join('\n')}\n`;
    const sha256 = createHash('sha256').update(text).digest('hex');
    const document = {
      documentId,
      fileName: `${documentId}.txt`,
      title: `${documentId} 报告`,
      kind: 'work-report',
      publisher: '济南市人民政府',
      regionCode,
      published,
      periodCovered: '2022',
      sha256,
    };
    await ledger.execute({ type: 'RegisterDocument', document, text });
    const cite = (line: number): Citation => {
      const charStart = lines.slice(0, line - 1).reduce((n, l) => n + Array.from(l).length + 1, 0);
      const quote = lineText(documentId, line);
      return {
        documentId,
        documentSha256: sha256,
        line,
        column: 1,
        charStart,
        charEnd: charStart + Array.from(quote).length,
        quote,
      };
    };
    return { documentId, published, cite };
  }

  /** Reports a reading from the next unquoted line of the source; resolves to the figure id. */
  async function report(source: TestSource, reading: Reading): Promise<string> {
    const line = (nextLine.get(source.documentId) ?? 0) + 1;
    nextLine.set(source.documentId, line);
    const figure = {
      series: reading.series,
      period: reading.period,
      value: reading.value,
      unit: reading.unit,
      comparator: reading.comparator ?? 'eq',
      status: reading.status ?? 'actual',
      numberAsWritten: reading.value,
      citations: [source.cite(line)],
    } as FigureReport;
    await ledger.execute({ type: 'ReportFigure', report: figure });
    return figureIdOf(figure);
  }

  /** Corrects a figure (citing `source` when given); resolves to the correcting figure's id. */
  async function correct(
    figureId: string,
    seriesKey: string,
    correction: Omit<Reading, 'series'>,
    source?: TestSource,
  ): Promise<string> {
    const result = await ledger.execute({
      type: 'CorrectFigure',
      seriesKey,
      figureId,
      correction: { comparator: 'eq', status: 'actual', ...correction },
      reason: 'final accounts published',
      ...(source && { citations: [source.cite(LINES)] }),
    });
    if (result.position === undefined)
      throw new Error(`correcting ${figureId} changed nothing: the same correction was made before`);
    const [event] = await store.readAll({ fromPosition: result.position, maxCount: 1 });
    return (event!.data as { figureId: string }).figureId;
  }

  async function retract(figureId: string, seriesKey: string): Promise<void> {
    await ledger.execute({ type: 'RetractFigure', seriesKey, figureId, reason: 'misread from the source' });
  }

  return { register, report, correct, retract };
}

export type LedgerHistory = ReturnType<typeof ledgerHistory>;
