import { expect, it, beforeAll, afterAll } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { extractFigures, groupObservations } from '@ledger/extractor';
import { figureReportOf } from '@ledger/ingestion';
import { loadDocumentDirectory } from '@ledger/source-documents';
import { freshDatabase, postgresForTests } from '@ledger/test-infrastructure';
import { describeWithKafka } from '../kafka/describe-with-kafka.ts';
import { freshTopics, readTopic, type Received } from '../kafka/kafka-test-kit.ts';

const ROOT = join(import.meta.dirname, '../..');
const TOKEN = 'e2e-writer-token';
const postgres = await postgresForTests();

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// Production mode on this machine: PostgreSQL store and read models, a real Kafka broker, and the three services as
// separate processes; the seeds go in through the API.
if ('skipReason' in postgres) {
  it('production mode: skipped', () => console.warn(`production mode skipped: ${postgres.skipReason}`));
} else {
  await describeWithKafka('production mode: ledger-api, projector and kafka-relay as processes', (kafka) => {
    const processes: ChildProcess[] = [];
    let base = '';
    let dropDatabase = async () => {};
    const topics = freshTopics();

    beforeAll(async () => {
      const db = await freshDatabase(postgres.connectionString);
      dropDatabase = db.drop;
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      const env = {
        ...process.env,
        LEDGER_STORE: 'postgres',
        DATABASE_URL: db.url,
        KAFKA_BROKERS: kafka.brokers,
        KAFKA_EVENTS_TOPIC: topics.events,
        KAFKA_OBSERVATIONS_TOPIC: topics.observations,
        LEDGER_PROJECTOR: 'off',
        LEDGER_INGEST_SEEDS: 'off',
        LEDGER_API_TOKENS: `${TOKEN}:write`,
        PORT: String(port),
        LOG_LEVEL: 'warn',
      };
      for (const service of ['ledger-api', 'projector', 'kafka-relay']) {
        processes.push(
          spawn(process.execPath, ['--disable-warning=TimeoutNegativeWarning', `services/${service}/src/main.ts`], {
            cwd: ROOT,
            env,
            stdio: ['ignore', 'ignore', 'inherit'],
          }),
        );
      }
      await until('the API', async () => ((await fetch(`${base}/healthz`)).ok ? true : undefined));
    }, 90_000);

    afterAll(async () => {
      await Promise.all(
        processes.map(
          (p) =>
            new Promise((resolve) =>
              p.exitCode !== null ? resolve(null) : (p.once('exit', resolve), p.kill('SIGTERM')),
            ),
        ),
      );
      await dropDatabase();
    });

    const post = (path: string, body: unknown) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify(body),
      });
    const best = async (seriesKey: string, period: string, track = 'result') => {
      const res = await fetch(`${base}/v1/series/${encodeURIComponent(seriesKey)}/observations`);
      if (!res.ok) return undefined;
      const { observations } = (await res.json()) as {
        observations: Array<{ period: string; track: string; best: Record<string, string> }>;
      };
      return observations.find((o) => o.period === period && o.track === track)?.best;
    };

    it('ingests the seeds through the API, answers the known facts, and publishes every event', async () => {
      for (const document of await loadDocumentDirectory(join(ROOT, 'seeds'))) {
        expect(
          (await post('/v1/documents?extract=false', { document: document.metadata, text: document.raw })).status,
        ).toBe(201);
        for (const observation of groupObservations(extractFigures(document))) {
          expect((await post('/v1/figures', figureReportOf(observation))).status).toBe(201);
        }
      }
      const head = ((await (await fetch(`${base}/v1/events?limit=1`)).json()) as { head: number }).head;
      expect(head).toBeGreaterThan(500);

      // The projector process catches up; the API answers from the PostgreSQL read models.
      const gdp = await until('the projector', () => best('370112:GDP:level:元', '2022'));
      expect(gdp).toMatchObject({
        value: '1265',
        unit: '亿元',
        status: 'estimate',
        documentId: '001_08fd8d89df814088',
      });
      await until('every event projected', async () =>
        (await best('370113:GPBR:growth:%', '2024', 'target')) ? true : undefined,
      );
      expect(await best('370112:GPBR:level:元', '2022')).toMatchObject({ value: '126', status: 'actual' });
      expect(await best('370112:GPBR:growth:%', '2023', 'target')).toMatchObject({ value: '11' });
      expect(await best('370113:GPBR:level:元', '2023')).toMatchObject({ value: '30.24' });

      // The relay process published every event, once each at least, in order per stream.
      const positionOf = (r: Received) => (JSON.parse(r.message.value!.toString()) as { position: number }).position;
      const received = await readTopic(
        kafka.brokers,
        topics.events,
        (r) => new Set(r.map(positionOf)).size >= head,
        120_000,
      );
      const positions = new Set(received.map(positionOf));
      expect(positions.size).toBe(head);
      expect(Math.max(...positions)).toBe(head);
      expect(await (await fetch(`${base}/v1/verify`)).json()).toMatchObject({ ok: true, checked: head });
    }, 300_000);

    it('stops every service cleanly on SIGTERM', async () => {
      const exits = processes.map(
        (p) =>
          new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
            p.once('exit', (code, signal) => resolve({ code, signal })),
          ),
      );
      for (const p of processes) p.kill('SIGTERM');
      expect(await Promise.all(exits)).toEqual(processes.map(() => ({ code: 0, signal: null })));
    }, 60_000);
  });
}
