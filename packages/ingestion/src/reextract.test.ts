import { describe, it, expect, beforeEach } from '@jest/globals';
import { createMemoryEventStore, type EventStore } from '@ledger/event-store';
import { extractFigures, type ExtractedFigure } from '@ledger/extractor';
import { readDocument } from '@ledger/intake';
import { SAMPLE_REPORT } from '@ledger/intake/testing';
import { createLedgerCommands, ledgerEventValidator, type LedgerCommands } from '@ledger/ledger-commands';
import { answerFromEvents } from '@ledger/projections/testing';
import type { SourceDocument } from '@ledger/source-documents';
import { defaultExtractor, intakeDocument, reextractDocuments, type Extractor } from './index.ts';

const document = readDocument(Buffer.from(SAMPLE_REPORT), { region: '440305', published: '2025-01-08' });
const { documentId } = document.metadata;

/** The extractor with a rule changed: 9500 is read as 9600, 4.2 is no longer read, 3.1 is also read as a share. */
const changedRule: Extractor = {
  version: '0.1.0-changed',
  extract(doc: SourceDocument): ExtractedFigure[] {
    const figures = extractFigures(doc);
    const extra = figures.find((f) => f.number === '3.1')!;
    return [
      ...figures.filter((f) => f.number !== '4.2').map((f) => (f.number === '9500' ? { ...f, value: '9600' } : f)),
      { ...extra, kind: 'share', indicatorCode: 'X-新指标', indicator: '新指标', unit: '%' },
    ];
  },
};

describe('intake and re-extraction', () => {
  let store: EventStore;
  let commands: LedgerCommands;
  beforeEach(async () => {
    store = createMemoryEventStore({ validate: ledgerEventValidator });
    commands = createLedgerCommands(store);
  });

  const events = async () => store.readAll({ fromPosition: 1 });

  it('registers and extracts once: the same bytes again append nothing', async () => {
    const first = await intakeDocument(commands, document, { registeredBy: 'token:analyst1', correlationId: 'req-1' });
    expect(first).toMatchObject({ documentId, registered: true });
    expect(first.tally.figures).toBeGreaterThanOrEqual(6);
    expect(first.appendedEvents).toBe(first.tally.figures + 1);
    const [registration, ...figures] = await events();
    expect(registration!.metadata).toEqual({ recordedBy: 'token:analyst1', correlationId: 'req-1' });
    for (const figure of figures)
      expect(figure.metadata).toEqual({
        recordedBy: `extractor@${defaultExtractor.version}`,
        correlationId: 'req-1',
        causationId: registration!.eventId,
      });
    const again = await intakeDocument(commands, document, { registeredBy: 'token:analyst1' });
    expect(again).toMatchObject({ registered: false, appendedEvents: 0 });
    expect((await events()).length).toBe(figures.length + 1);
  });

  it('turns a changed rule into a correction, a retraction and a new report; a second run appends nothing', async () => {
    await intakeDocument(commands, document, { registeredBy: 'cli' });
    expect(await reextractDocuments(commands, store)).toEqual([
      { documentId, reported: 0, corrected: 0, retracted: 0, appendedEvents: 0 },
    ]);
    const head = (await events()).length;
    const gdpKey = (await events()).find((e) => e.data.value === '9500')!.data.seriesKey as string;
    const asBefore = answerFromEvents(await events(), gdpKey, { recordedAtPosition: head });
    const [result] = await reextractDocuments(commands, store, { extractor: changedRule, correlationId: 'req-9' });
    // A view as recorded before the re-extraction answers as before; the current view has the corrected value.
    expect(answerFromEvents(await events(), gdpKey, { recordedAtPosition: head })).toEqual(asBefore);
    expect(asBefore[0]!.best.value).toBe('9500');
    expect(answerFromEvents(await events(), gdpKey)[0]!.best.value).toBe('9600');
    expect(result).toEqual({ documentId, reported: 1, corrected: 1, retracted: 1, appendedEvents: 3 });
    const appended = (await events()).slice(head);
    const reason = 're-extracted by extractor@0.1.0-changed';
    expect(appended.map((e) => e.type).sort()).toEqual(['FigureCorrected', 'FigureReported', 'FigureRetracted']);
    for (const e of appended) {
      expect(e.metadata).toMatchObject({ recordedBy: 'extractor@0.1.0-changed', correlationId: 'req-9' });
      expect(e.data.reason ?? e.data.note).toBe(reason);
    }
    expect(appended.find((e) => e.type === 'FigureCorrected')!.data).toMatchObject({ value: '9600' });
    expect(await reextractDocuments(commands, store, { extractor: changedRule })).toEqual([
      { documentId, reported: 0, corrected: 0, retracted: 0, appendedEvents: 0 },
    ]);
  });

  it('never touches a figure a person corrected, nor reports its place again', async () => {
    await intakeDocument(commands, document, { registeredBy: 'cli' });
    const reported = (await events()).filter((e) => e.type === 'FigureReported');
    const gdp = reported.find((e) => e.data.value === '9500')!;
    const correction = { period: '2024', value: '9501', unit: '亿元', comparator: 'eq', status: 'actual' };
    await commands.execute(
      {
        type: 'CorrectFigure',
        seriesKey: gdp.data.seriesKey,
        figureId: gdp.data.figureId,
        correction,
        reason: 'checked against the statistics bureau',
      },
      { metadata: { recordedBy: 'token:analyst1' } },
    );
    const [result] = await reextractDocuments(commands, store, { extractor: changedRule });
    // 9500 → 9600 is not applied over the person's 9501; the other changes are.
    expect(result).toMatchObject({ corrected: 0, retracted: 1, reported: 1 });
    const series = await store.readStream(`series-${gdp.data.seriesKey}`);
    expect(series.at(-1)!.data).toMatchObject({ value: '9501' });
  });
});
