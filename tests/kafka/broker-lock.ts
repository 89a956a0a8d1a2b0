import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const LOCK = join(tmpdir(), 'indicator-ledger-kafka-tests.lock');

/** Whether the process that took the lock is gone (a killed jest worker must not block the next run). */
function ownerGone(): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(LOCK, 'owner'), 'utf8'));
  } catch {
    return false; // taken a moment ago: the owner has not written its pid yet
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}

/**
 * Kafka suites run one at a time across jest workers: one of them takes the shared broker down for 20 seconds, and
 * up.sh brings it back empty. Resolves to the function that releases the lock.
 */
export async function lockKafkaBroker(timeoutMs: number): Promise<() => void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, 'owner'), String(process.pid));
      return () => rmSync(LOCK, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (ownerGone()) rmSync(LOCK, { recursive: true, force: true });
    else if (Date.now() > deadline) throw new Error(`another Kafka suite held ${LOCK} for more than ${timeoutMs} ms`);
    else await sleep(200);
  }
}
