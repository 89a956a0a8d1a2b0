import { describe, it, expect } from '@jest/globals';
import { createSqliteEventStore, type EventStore } from '@ledger/event-store';
import { sampleDocument, sampleRaw, sampleReport } from '@ledger/domain/testing';
import { createLedgerCommands, ledgerEventValidator } from './index.ts';

const register = { type: 'RegisterDocument', document: sampleDocument, text: sampleRaw };
/** Figures of two years in one series, one of them twice, and a figure of another series. */
const reports = [
  sampleReport({ period: '2021' as never }),
  sampleReport(),
  sampleReport({ period: '2021' as never }),
  sampleReport({ unit: '万元', value: '1260000' as never, series: { ...sampleReport().series, unitBase: '万元' } }),
].map((report) => ({ type: 'ReportFigure', report }));
const metadata = { recordedBy: 'extractor@0.0.0', causationId: '00000000-0000-4000-8000-000000000000' };

async function registeredLedger(
  store: EventStore = createSqliteEventStore({ path: ':memory:', validate: ledgerEventValidator }),
) {
  const ledger = createLedgerCommands(store);
  await ledger.execute(register);
  return { store, ledger };
}

const stored = async (store: EventStore) =>
  (await store.readAll()).map(({ eventId, stream, revision, position, type, data, metadata }) => ({
    eventId,
    stream,
    revision,
    position,
    type,
    data,
    metadata,
  }));

describe('executeAll', () => {
  it('stores what executing the commands one by one stores, with the same results, in one commit', async () => {
    const oneByOne = await registeredLedger();
    const inTurn = [];
    for (const command of reports) inTurn.push(await oneByOne.ledger.execute(command, { metadata }));
    const batched = await registeredLedger();
    const appendToStreams = batched.store.appendToStreams;
    let commits = 0;
    batched.store.appendToStreams = (appends, options) => {
      commits++;
      return appendToStreams(appends, options);
    };
    expect(await batched.ledger.executeAll(reports, { metadata })).toEqual(inTurn);
    expect(commits).toBe(1);
    expect(await stored(batched.store)).toEqual(await stored(oneByOne.store));
    // Kept state is current: a repeat decides nothing and appends nothing.
    expect((await batched.ledger.executeAll(reports, { metadata })).flatMap((r) => r.appended)).toEqual([]);
    expect(await batched.store.headPosition()).toBe(4);
  });

  it('appends nothing when one command is invalid, naming it', async () => {
    const { store, ledger } = await registeredLedger();
    const citation = { ...sampleReport().citations[0]!, quote: '一般公共预算收入 999 亿元' };
    const bad = { type: 'ReportFigure', report: sampleReport({ period: '2020' as never, citations: [citation] }) };
    await expect(ledger.executeAll([...reports, bad])).rejects.toMatchObject({
      index: reports.length,
      cause: { field: 'report.citations.0.quote' },
    });
    expect(await store.headPosition()).toBe(1);
  });
});
