import { describe, it, expect } from '@jest/globals';
import { join } from 'node:path';
import { createMemoryEventStore } from '@ledger/event-store';
import { createLedgerCommands, ledgerEventValidator } from '@ledger/ledger-commands';
import { loadDocumentDirectory } from '@ledger/source-documents';
import { ingestDocuments } from './index.ts';

const seeds = join(import.meta.dirname, '../../../seeds');

describe('ingestDocuments', () => {
  it('ingests every seed figure with checked citations; a second run appends nothing', async () => {
    const store = createMemoryEventStore({ validate: ledgerEventValidator });
    const commands = createLedgerCommands(store);
    const documents = await loadDocumentDirectory(seeds);
    const progress: number[] = [];
    const first = await ingestDocuments(commands, documents, (p) => progress.push(p.done));
    expect(first.documents).toBe(5);
    expect(first.figures).toBeGreaterThan(300);
    expect(first.appendedEvents).toBe(first.figures + 5);
    expect(progress.length).toBe(first.figures);
    const head = await store.headPosition();
    const second = await ingestDocuments(commands, documents);
    expect(second).toEqual({ ...first, appendedEvents: 0 });
    expect(await store.headPosition()).toBe(head);
    expect(await store.verify()).toMatchObject({ ok: true, checked: head });
  });
});
