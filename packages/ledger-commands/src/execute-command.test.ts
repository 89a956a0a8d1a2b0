import { describe, it, expect, beforeEach } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createMemoryEventStore, WrongExpectedVersionError, type EventStore } from '@ledger/event-store';
import { ValidationError, figureIdOf } from '@ledger/domain';
import { sampleDocument, sampleRaw, sampleReport } from '@ledger/domain/testing';
import { createLedgerCommands, ledgerEventValidator, type LedgerCommands } from './index.ts';

describe('ledger commands', () => {
  let store: EventStore;
  let ledger: LedgerCommands;
  const register = { type: 'RegisterDocument', document: sampleDocument, text: sampleRaw };
  const report = { type: 'ReportFigure', report: sampleReport() };

  beforeEach(async () => {
    store = createMemoryEventStore({ validate: ledgerEventValidator });
    ledger = createLedgerCommands(store);
    await ledger.execute(register);
  });

  it('registers a document and reports a figure citing it; repeating either appends nothing', async () => {
    const reported = await ledger.execute(report);
    expect(reported).toMatchObject({
      stream: 'series-370112:GPBR:level:元',
      revision: 0,
      appended: [{ type: 'FigureReported' }],
    });
    expect(await ledger.execute(register)).toMatchObject({ appended: [] });
    expect(await ledger.execute(report)).toMatchObject({ appended: [], revision: 0 });
    expect(await store.headPosition()).toBe(2);
  });

  it('decides a report on the store when another writer got there first, though it does not read before appending', async () => {
    const other = createLedgerCommands(store);
    await other.execute(report);
    // This instance keeps no state of the stream: its first guess (an empty stream) is refused by the store.
    expect(await ledger.execute(report)).toMatchObject({ appended: [], revision: 0 });
    const later = { type: 'ReportFigure', report: sampleReport({ period: '2021' as never }) };
    expect(await ledger.execute(later)).toMatchObject({ appended: [{ type: 'FigureReported' }], revision: 1 });
    // And the other instance, whose kept state is now stale, appends after it.
    const third = { type: 'ReportFigure', report: sampleReport({ period: '2020' as never }) };
    expect(await other.execute(third)).toMatchObject({ revision: 2 });
    expect((await store.readStream('series-370112:GPBR:level:元')).map((e) => e.data.period)).toEqual([
      '2022',
      '2021',
      '2020',
    ]);
  });

  it('executes a batch all or nothing; a repeat by another instance appends nothing; a stale state is read again', async () => {
    const reportOf = (period: string, indicatorCode = 'GPBR') => ({
      type: 'ReportFigure',
      report: sampleReport({ period: period as never, series: { ...sampleReport().series, indicatorCode } }),
    });
    const batch = [reportOf('2022'), reportOf('2021'), reportOf('2022', 'OTHER')];
    const first = await ledger.executeAll(batch);
    // Each command's own revision, as executing it alone gives.
    expect(first.map((r) => [r.revision, r.appended.length])).toEqual([
      [0, 1],
      [1, 1],
      [0, 1],
    ]);
    const other = createLedgerCommands(store);
    expect((await other.executeAll(batch)).map((r) => r.appended.length)).toEqual([0, 0, 0]);
    expect(await store.headPosition()).toBe(4);
    // The other instance extends a stream this one keeps; this one's next batch is refused on it, then read again.
    await other.execute(reportOf('2020'));
    const next = await ledger.executeAll([reportOf('2019'), reportOf('2019', 'OTHER')]);
    expect(next.map((r) => r.revision)).toEqual([3, 1]);
    await expect(
      ledger.executeAll([reportOf('2018'), { type: 'ReportFigure', report: { ...sampleReport(), value: 'x' } }]),
    ).rejects.toMatchObject({ name: 'CommandInBatchError', index: 1 });
    expect(await store.headPosition()).toBe(7);
  });

  it('rejects bad input naming the field, and stores nothing', async () => {
    const bad = { type: 'ReportFigure', report: { ...sampleReport(), value: '1,265' } };
    await expect(ledger.execute(bad)).rejects.toThrow(ValidationError);
    await expect(ledger.execute(bad)).rejects.toThrow(/report\.value: must be a plain decimal/);
    await expect(ledger.execute({ type: 'Nope' })).rejects.toThrow(/type/);
    expect(await store.headPosition()).toBe(1);
  });

  it('refuses a citation whose quote is not the raw text at its offsets', async () => {
    const citation = { ...sampleReport().citations[0]!, quote: '一般公共预算收入 999 亿元' };
    await expect(
      ledger.execute({ type: 'ReportFigure', report: sampleReport({ citations: [citation] }) }),
    ).rejects.toMatchObject({
      field: 'report.citations.0.quote',
    });
    const unregistered = { ...sampleReport().citations[0]!, documentId: 'doc-missing' };
    await expect(
      ledger.execute({ type: 'ReportFigure', report: sampleReport({ citations: [unregistered] }) }),
    ).rejects.toMatchObject({ code: 'not-found' });
    expect(await store.headPosition()).toBe(1);
  });

  it('corrects and retracts through the series stream, honouring an expected revision', async () => {
    const { stream } = await ledger.execute(report);
    const seriesKey = stream.replace(/^series-/, '');
    const figureId = figureIdOf(sampleReport());
    const correction = { period: '2022', value: '126.3', unit: '亿元', comparator: 'eq', status: 'actual' };
    const command = { type: 'CorrectFigure', seriesKey, figureId, correction, reason: 'final accounts' };
    await expect(ledger.execute(command, { expectedRevision: 5 })).rejects.toBeInstanceOf(WrongExpectedVersionError);
    const corrected = await ledger.execute(command, { expectedRevision: 0 });
    expect(corrected).toMatchObject({ revision: 1, appended: [{ type: 'FigureCorrected' }] });
    await expect(
      ledger.execute({ type: 'RetractFigure', seriesKey, figureId, reason: 'superseded anyway' }),
    ).rejects.toThrow(/superseded by/);
  });

  it('checks the citations a correction brings as it checks a report', async () => {
    const { stream } = await ledger.execute(report);
    const seriesKey = stream.replace(/^series-/, '');
    const correction = { period: '2022', value: '126.3', unit: '亿元', comparator: 'eq', status: 'actual' };
    const command = {
      type: 'CorrectFigure',
      seriesKey,
      figureId: figureIdOf(sampleReport()),
      correction,
      reason: 'final accounts',
    };
    const cited = sampleReport().citations[0]!;
    const invented = { ...cited, quote: '一般公共预算收入 999 亿元' };
    await expect(ledger.execute({ ...command, citations: [invented] })).rejects.toMatchObject({
      field: 'citations.0.quote',
    });
    const unregistered = { ...cited, documentId: 'doc-missing' };
    await expect(ledger.execute({ ...command, citations: [unregistered] })).rejects.toMatchObject({
      code: 'not-found',
      field: 'citations.0.documentId',
    });
    await expect(ledger.execute({ ...command, citations: [cited, unregistered] })).rejects.toThrow(
      /citations: must all cite the same document/,
    );
    expect(await store.headPosition()).toBe(2);
    expect(await ledger.execute({ ...command, citations: [cited] })).toMatchObject({
      appended: [{ type: 'FigureCorrected' }],
    });
  });

  it("refuses to decide on a stream that holds another aggregate's event", async () => {
    const [registered] = await store.readStream('document-doc-sample');
    const { eventId: _id, ...foreign } = registered!;
    await store.appendToStream('series-370112:GPBR:level:元', [{ ...foreign, eventId: randomUUID() }]);
    await expect(ledger.execute(report)).rejects.toThrow(/holds a DocumentRegistered event at revision 0, not its own/);
  });

  it('retries on fresh state when concurrent commands race on one stream', async () => {
    const reports = [0, 1, 2, 3].map((i) => {
      const base = sampleReport();
      const c = base.citations[0]!;
      return { type: 'ReportFigure', report: { ...base, period: String(2019 + i), citations: [c] } };
    });
    await Promise.all(reports.map((r, i) => ledger.execute(r, i % 2 ? { expectedRevision: 'any' } : {})));
    expect((await store.readStream('series-370112:GPBR:level:元')).length).toBe(4);
  });
});
