import type { FigureReport } from './events.ts';
import { sha256Hex } from '@ledger/canonical';
import type { DocumentMetadata } from './document.ts';

const RAW_001_LINE = '完成一般公共预算收入 126 亿元，可比增长 6.8%';

/** A tiny source document and a figure read from it, for tests of the domain and its users. */
export const sampleRaw = `标题\n${RAW_001_LINE}\n`;

export const sampleDocument: DocumentMetadata = {
  documentId: 'doc-sample',
  fileName: 'sample.txt',
  title: '样例政府工作报告',
  kind: 'work-report',
  publisher: '济南市历城区人民政府',
  regionCode: '370112',
  published: '2023-01-07',
  periodCovered: '2022' as DocumentMetadata['periodCovered'],
  sha256: sha256Hex(sampleRaw),
};

export function sampleReport(overrides: Partial<FigureReport> = {}): FigureReport {
  const charStart = sampleRaw.indexOf('一般公共预算收入');
  const quote = '一般公共预算收入 126 亿元';
  return {
    series: {
      subject: { type: 'region', code: '370112' },
      indicatorCode: 'GPBR',
      indicatorName: '一般公共预算收入',
      kind: 'level',
      unitBase: '元',
    },
    period: '2022' as FigureReport['period'],
    value: '126' as FigureReport['value'],
    unit: '亿元',
    comparator: 'eq',
    status: 'actual',
    numberAsWritten: '126',
    citations: [
      {
        documentId: 'doc-sample',
        documentSha256: sha256Hex(sampleRaw),
        line: 2,
        column: 3,
        charStart,
        charEnd: charStart + quote.length,
        quote,
      },
    ],
    ...overrides,
  };
}
