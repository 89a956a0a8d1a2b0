import { describe, it, expect } from '@jest/globals';
import {
  createMemoryEventStore,
  WrongExpectedVersionError,
  type EventStore,
  type ReadStreamOptions,
} from '@ledger/event-store';
import { figureIdOf, type FigureReport } from '@ledger/domain';
import { sampleDocument, sampleRaw, sampleReport } from '@ledger/domain/testing';
import { createLedgerCommands, ledgerEventValidator } from './index.ts';
import { createStreamStates } from './stream-states.ts';

describe('createStreamStates', () => {
  const kept = (weight: number) => ({ state: { weight }, revision: 0 });
  const states = () => createStreamStates<{ weight: number }>({ maxWeight: 10, weigh: (s) => s.weight });

  it('forgets the states used longest ago once their weights pass the bound', () => {
    const cache = states();
    cache.keep('a', kept(4));
    cache.keep('b', kept(4));
    expect(cache.get('a')).toBeDefined(); // a is now the more recent
    cache.keep('c', kept(4));
    expect([cache.get('a'), cache.get('b'), cache.get('c')].map(Boolean)).toEqual([true, false, true]);
  });

  it('keeps no state heavier than the bound, and counts an empty state as weight 1', () => {
    const cache = states();
    cache.keep('huge', kept(11));
    expect(cache.get('huge')).toBeUndefined();
    for (const name of 'abcdefghijk') cache.keep(name, kept(0));
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('k')).toBeDefined();
  });
});

describe('kept stream states', () => {
  it('read only what was appended since, and see what another writer appended', async () => {
    const store = createMemoryEventStore({ validate: ledgerEventValidator });
    const reads: Array<number | undefined> = [];
    const counting: EventStore = {
      ...store,
      readStream: (stream: string, options?: ReadStreamOptions) => {
        if (stream.startsWith('series-')) reads.push(options?.fromRevision);
        return store.readStream(stream, options);
      },
    };
    const mine = createLedgerCommands(counting);
    const theirs = createLedgerCommands(store); // another process on the same store
    await mine.execute({ type: 'RegisterDocument', document: sampleDocument, text: sampleRaw });
    const report = sampleReport();
    const figureId = figureIdOf(report);

    expect(await mine.execute({ type: 'ReportFigure', report })).toMatchObject({ revision: 0 });
    const correction = {
      type: 'CorrectFigure',
      seriesKey: '370112:GPBR:level:元',
      figureId,
      correction: { period: report.period, value: '127', unit: '亿元', comparator: 'eq', status: 'actual' },
      reason: 'the audited figure',
    };
    expect(await theirs.execute(correction)).toMatchObject({ revision: 1 });
    // Mine kept revision 0 (its own append); it reads revision 1 onwards and so knows the figure is superseded.
    await expect(
      mine.execute({ type: 'RetractFigure', seriesKey: '370112:GPBR:level:元', figureId, reason: 'duplicate' }),
    ).rejects.toThrow(/superseded/);
    await expect(mine.execute({ type: 'ReportFigure', report }, { expectedRevision: 0 })).rejects.toThrow(
      WrongExpectedVersionError,
    );
    // The first report read nothing: decided on an empty stream, which its append's expected revision checked.
    expect(reads).toEqual([1, 2]);
  });
});

describe('kept documents', () => {
  it('are bounded by their text: one pushed out is read from its stream again, and still checks citations', async () => {
    const store = createMemoryEventStore({ validate: ledgerEventValidator });
    const documentReads: string[] = [];
    const counting: EventStore = {
      ...store,
      readStream: (stream: string, options?: ReadStreamOptions) => {
        if (stream.startsWith('document-')) documentReads.push(stream);
        return store.readStream(stream, options);
      },
    };
    // Room for one sample document's text, not two.
    const commands = createLedgerCommands(counting, { keptText: Math.floor(sampleRaw.length * 1.5) });
    const other = { ...sampleDocument, documentId: 'doc-other', fileName: 'other.txt' };
    for (const document of [sampleDocument, other])
      await commands.execute({ type: 'RegisterDocument', document, text: sampleRaw });
    const citing = (documentId: string, indicatorCode: string): FigureReport => {
      const report = sampleReport({ series: { ...sampleReport().series, indicatorCode } });
      return { ...report, citations: [{ ...report.citations[0]!, documentId }] };
    };

    documentReads.length = 0;
    await commands.execute({ type: 'ReportFigure', report: citing('doc-sample', 'A') });
    await commands.execute({ type: 'ReportFigure', report: citing('doc-sample', 'B') });
    await commands.execute({ type: 'ReportFigure', report: citing('doc-other', 'C') });
    await commands.execute({ type: 'ReportFigure', report: citing('doc-sample', 'D') });
    // Read once, kept for the next report; pushed out by the other, so read again.
    expect(documentReads.filter((s) => s.endsWith('doc-sample'))).toHaveLength(2);
    const wrongQuote = citing('doc-sample', 'E');
    wrongQuote.citations[0]!.quote = '一般公共预算收入 127 亿元';
    await expect(commands.execute({ type: 'ReportFigure', report: wrongQuote })).rejects.toThrow(
      /does not match the raw text/,
    );
  });
});
