import { describe, it, expect } from '@jest/globals';
import {
  createMemoryEventStore,
  WrongExpectedVersionError,
  type EventStore,
  type ReadStreamOptions,
} from '@ledger/event-store';
import { figureIdOf } from '@ledger/domain';
import { sampleDocument, sampleRaw, sampleReport } from '@ledger/domain/testing';
import { createLedgerCommands, ledgerEventValidator } from './index.ts';

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
