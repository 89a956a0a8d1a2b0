// A separate writer process for the SQLite tests: `append <path>` appends until killed, printing each acknowledged
// event; `contend <path> <stream>` waits for a line on stdin, then tries one append at expected revision 0.
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { createSqliteEventStore } from './sqlite-event-store.ts';

const [mode, path, stream] = process.argv.slice(2);
const store = createSqliteEventStore({ path: path! });

if (mode === 'append') {
  for (let i = 0; ; i++) {
    await store.appendToStream(`s-${i % 5}`, [{ eventId: randomUUID(), type: 'A', data: { i } }]);
    process.stdout.write(`ack ${i}\n`);
  }
} else if (mode === 'contend') {
  const input = createInterface({ input: process.stdin });
  await new Promise((resolve) => input.once('line', resolve));
  input.close();
  try {
    await store.appendToStream(stream!, [{ eventId: randomUUID(), type: 'A', data: { pid: process.pid } }], {
      expectedRevision: 0,
    });
    process.stdout.write('won\n');
  } catch (error) {
    process.stdout.write(`${(error as Error).name}\n`);
  }
  await store.close();
  process.stdin.destroy();
}
