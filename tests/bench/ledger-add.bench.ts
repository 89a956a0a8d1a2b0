// `ledger add` of many documents, run as the command line runs it (its own process, a fresh SQLite ledger):
// documents and figures per second, beside a dry run of the same files (decode, infer, extract; nothing appended).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DOCUMENTS = Number(process.env.BENCH_ADD_DOCUMENTS ?? 200);

/** DOCUMENTS distinct files: the seed texts in turn, each with a line of its own so that no two share bytes. */
function writeDocuments(dir: string): string[] {
  const seeds = ['000_27789e9840a68402', '001_08fd8d89df814088', '003_b3f4c63950b13c0f', '004_b0a61f995f212086'].map(
    (id) => readFileSync(join(ROOT, 'seeds', `${id}.txt`), 'utf8'),
  );
  return Array.from({ length: DOCUMENTS }, (_, i) => {
    const file = `report-${String(i).padStart(4, '0')}.txt`;
    writeFileSync(join(dir, file), `${seeds[i % seeds.length]}\n（基准测试第${i}份）\n`);
    return file;
  });
}

async function timedAdd(dir: string, files: string[], extra: string[]) {
  const started = performance.now();
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      join(ROOT, 'services/ledger-cli/src/main.ts'),
      'add',
      ...files,
      '--region',
      '370112',
      '--published',
      '2024',
      '--kind',
      'work-report',
      ...extra,
    ],
    {
      cwd: dir,
      env: { ...process.env, INIT_CWD: dir, LEDGER_DATA_DIR: mkdtempSync(join(tmpdir(), 'bench-add-')) },
      maxBuffer: 100_000_000,
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const summary = JSON.parse(stdout) as { registered: number; appendedEvents: number; figures: { figures: number } };
  return { seconds, summary };
}

export async function benchLedgerAdd(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-add-files-'));
  const files = writeDocuments(dir);
  const dry = await timedAdd(dir, files, ['--dry-run']);
  const add = await timedAdd(dir, files, []);
  const perSecond = (n: number, s: number) => Math.round((n / s) * 10) / 10;
  return {
    documents: DOCUMENTS,
    'add: seconds': Math.round(add.seconds * 10) / 10,
    'add: documents/s': perSecond(add.summary.registered, add.seconds),
    'add: figures appended/s': perSecond(add.summary.figures.figures, add.seconds),
    'add: events appended': add.summary.appendedEvents,
    'baseline dry run (no appends): documents/s': perSecond(DOCUMENTS, dry.seconds),
  };
}
