import { describe, it, expect } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteEventStore } from './sqlite-event-store.ts';

const child = join(import.meta.dirname, 'sqlite-child-process.fixture.ts');
const freshPath = () => join(mkdtempSync(join(tmpdir(), 'ledger-proc-')), 'events.db');
const run = (...args: string[]) => spawn(process.execPath, [child, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });

function lines(proc: ChildProcess, onLine: (line: string) => void): Promise<void> {
  let buffer = '';
  proc.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let nl;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      onLine(buffer.slice(0, nl));
      buffer = buffer.slice(nl + 1);
    }
  });
  return new Promise((resolve) => proc.on('exit', () => resolve()));
}

describe('sqlite event store across processes', () => {
  it('loses no acknowledged event when the writer is killed with SIGKILL', async () => {
    const path = freshPath();
    const writer = run('append', path);
    const acked: number[] = [];
    const exited = lines(writer, (line) => {
      acked.push(Number(line.split(' ')[1]));
      if (acked.length === 200) writer.kill('SIGKILL');
    });
    await exited;
    const store = createSqliteEventStore({ path });
    const stored = new Set((await store.readAll({ maxCount: 100_000 })).map((e) => e.data.i));
    expect(acked.length).toBeGreaterThanOrEqual(200);
    expect(acked.filter((i) => !stored.has(i))).toEqual([]);
    expect(await store.verify()).toMatchObject({ ok: true });
    await store.close();
  });

  it('lets exactly one of several writer processes win on one expected revision', async () => {
    const path = freshPath();
    const store = createSqliteEventStore({ path });
    await store.appendToStream('contended', [{ eventId: crypto.randomUUID(), type: 'A', data: {} }]);
    const writers = [0, 1, 2, 3].map(() => run('contend', path, 'contended'));
    const outcomes: string[] = [];
    const done = writers.map((w) => lines(w, (line) => outcomes.push(line)));
    await new Promise((r) => setTimeout(r, 1500)); // every writer has opened the file and waits on stdin
    for (const w of writers) w.stdin!.write('go\n');
    await Promise.all(done);
    expect(outcomes.sort()).toEqual([
      'WrongExpectedVersionError',
      'WrongExpectedVersionError',
      'WrongExpectedVersionError',
      'won',
    ]);
    expect((await store.readStream('contended')).length).toBe(2);
    await store.close();
  });
});
