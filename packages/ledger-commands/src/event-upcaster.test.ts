import { describe, it, expect, beforeAll } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type LedgerConfig } from '@ledger/config';
import { EVENT_SCHEMAS, createUpcasterRegistry } from '@ledger/domain';
import { sampleDocument, sampleRaw, sampleReport } from '@ledger/domain/testing';
import { createSqliteEventStore, everyEventInOrder, type RecordedEvent } from '@ledger/event-store';
import { createLedgerCommands, ledgerEventValidator, openLedgerEventStore } from './index.ts';

/** A later FigureReported: version 2 adds a review status, which figures reported before it default to "unreviewed". */
const withFigureReportedV2 = createUpcasterRegistry({
  ...Object.fromEntries(Object.keys(EVENT_SCHEMAS).map((type) => [type, { current: 1 }])),
  FigureReported: { current: 2, upcasters: { 1: (data) => ({ ...data, review: 'unreviewed' }) } },
});

const byType = (events: RecordedEvent[], type: string) => events.find((e) => e.type === type)!;

describe('event schema evolution on a SQLite store', () => {
  let config: LedgerConfig;
  let storedV1: RecordedEvent[];

  beforeAll(async () => {
    // Events written by the ledger as it is today: FigureReported at version 1.
    config = loadConfig({ LEDGER_STORE: 'sqlite', LEDGER_DATA_DIR: mkdtempSync(join(tmpdir(), 'ledger-upcast-')) });
    const store = await openLedgerEventStore(config);
    const ledger = createLedgerCommands(store);
    await ledger.execute({ type: 'RegisterDocument', document: sampleDocument, text: sampleRaw });
    await ledger.execute({ type: 'ReportFigure', report: sampleReport() });
    storedV1 = await store.readAll();
    await store.close();
  });

  it('reads v1 events stored earlier in the v2 shape, through every read', async () => {
    const store = await openLedgerEventStore(config, { upcasters: withFigureReportedV2 });
    try {
      const v1 = byType(storedV1, 'FigureReported');
      expect(v1.data).toMatchObject({ schemaVersion: 1 });
      expect(v1.data).not.toHaveProperty('review');
      const expected = { ...v1, data: { ...v1.data, schemaVersion: 2, review: 'unreviewed' } };

      const all = await store.readAll();
      expect(byType(all, 'FigureReported')).toEqual(expected);
      expect(await store.readStream(v1.stream)).toEqual([expected]);
      const subscription = store.subscribeToAll({ fromPosition: v1.position });
      for await (const event of subscription) {
        expect(event).toEqual(expected);
        break;
      }
      await subscription.close();
      // Types without a new version read as they were stored.
      expect(byType(all, 'DocumentRegistered')).toEqual(byType(storedV1, 'DocumentRegistered'));
    } finally {
      await store.close();
    }
  });

  it('leaves the stored bytes alone: verification hashes them, and a raw read still finds version 1', async () => {
    const store = await openLedgerEventStore(config, { upcasters: withFigureReportedV2 });
    try {
      expect(await store.verify()).toEqual({ ok: true, checked: 2, headHash: storedV1.at(-1)!.hash });
    } finally {
      await store.close();
    }
    const raw = createSqliteEventStore({ path: join(config.dataDir, 'events.db'), validate: ledgerEventValidator });
    try {
      const all: RecordedEvent[] = [];
      for await (const event of everyEventInOrder((options) => raw.readAll(options))) all.push(event);
      expect(all).toEqual(storedV1);
    } finally {
      await raw.close();
    }
  });
});
