import { describe, it, expect } from '@jest/globals';
import { seriesKeyOf } from '@ledger/domain';
import { sampleDocument, sampleRaw, sampleReport } from '@ledger/domain/testing';
import { createMemoryEventStore, type EventStore } from '@ledger/event-store';
import { createLedgerCommands } from '@ledger/ledger-commands';
import { createObservationTracker, observationMessage } from './observations.ts';

const report = sampleReport();
const seriesKey = seriesKeyOf(report.series);
const resultKey = `${seriesKey}|2022|result`;

/** A target of 130 for the same period, quoted from another place of the sample line (a figure's id follows its citation). */
function targetReport() {
  const quote = '126 亿元';
  const charStart = sampleRaw.indexOf(quote);
  const line = sampleRaw.split('\n')[1]!;
  const citation = {
    ...report.citations[0]!,
    column: line.indexOf(quote) + 1,
    charStart,
    charEnd: charStart + quote.length,
    quote,
  };
  return sampleReport({ status: 'target', value: '130' as never, citations: [citation] });
}

/** Runs commands against a fresh ledger and hands the tracker each command's events as one batch. */
async function ledgerWithTracker() {
  const store: EventStore = createMemoryEventStore();
  const commands = createLedgerCommands(store);
  const tracker = createObservationTracker();
  let seen = 0;
  const run = async (command: unknown) => {
    await commands.execute(command);
    const events = await store.readAll({ fromPosition: seen + 1 });
    seen = events.at(-1)?.position ?? seen;
    return { changes: tracker.apply(events), events };
  };
  await run({ type: 'RegisterDocument', document: sampleDocument, text: sampleRaw });
  return { run, store };
}

describe('createObservationTracker', () => {
  it('publishes the first value, each new best value, and a tombstone when no figure stands', async () => {
    const { run } = await ledgerWithTracker();

    const reported = await run({ type: 'ReportFigure', report });
    const figureId = reported.events[0]!.data.figureId as string;
    expect(reported.changes).toEqual([
      {
        key: resultKey,
        value: expect.objectContaining({
          seriesKey,
          period: '2022',
          track: 'result',
          figureId,
          value: '126',
          unit: '亿元',
          baseValue: '12600000000',
          asOfPosition: 2,
        }),
      },
    ]);

    expect((await run({ type: 'ReportFigure', report })).changes).toEqual([]);

    const correction = { period: '2022', value: '127', unit: '亿元', comparator: 'eq', status: 'actual' };
    const corrected = await run({
      type: 'CorrectFigure',
      seriesKey,
      figureId,
      correction,
      reason: 'typo in the source',
    });
    const correctionId = corrected.events[0]!.data.figureId as string;
    expect(corrected.changes).toEqual([
      { key: resultKey, value: expect.objectContaining({ figureId: correctionId, value: '127' }) },
    ]);

    const retracted = await run({ type: 'RetractFigure', seriesKey, figureId: correctionId, reason: 'wrong document' });
    expect(retracted.changes).toEqual([{ key: resultKey, value: null }]);
  });

  it('keeps a target apart from the result of the same period', async () => {
    const { run } = await ledgerWithTracker();
    await run({ type: 'ReportFigure', report });
    const target = await run({ type: 'ReportFigure', report: targetReport() });
    expect(target.changes).toEqual([
      { key: `${seriesKey}|2022|target`, value: expect.objectContaining({ value: '130', status: 'target' }) },
    ]);
  });

  it('reaches the same values whether it is given the events one by one or in one batch', async () => {
    const { run, store } = await ledgerWithTracker();
    await run({ type: 'ReportFigure', report });
    await run({ type: 'ReportFigure', report: targetReport() });
    const all = await store.readAll();
    const latest = (changes: Array<{ key: string; value: unknown }>) =>
      Object.fromEntries(changes.map((c) => [c.key, c.value && { ...c.value, asOfPosition: 0 }]));
    const oneByOne = createObservationTracker();
    expect(latest(createObservationTracker().apply(all))).toEqual(latest(all.flatMap((e) => oneByOne.apply([e]))));
  });
});

describe('observationMessage', () => {
  it('sends a value as JSON and a tombstone as a message without value', () => {
    expect(observationMessage({ key: 'k', value: null })).toEqual({ key: 'k', value: null });
    expect(observationMessage({ key: 'k', value: { value: '1' } as never })).toMatchObject({
      key: 'k',
      value: '{"value":"1"}',
    });
  });
});
