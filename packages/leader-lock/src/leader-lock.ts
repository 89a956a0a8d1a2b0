import pg from 'pg';

export interface Leadership {
  /** Resolves if the lock's connection is lost: a standby may take over, so this process must stop its work. */
  lost: Promise<void>;
  release(): Promise<void>;
}

/**
 * Waits until this process holds the named lock (a PostgreSQL session advisory lock on its own connection), so that
 * exactly one replica works (the relay publishes, the projector applies) while standbys wait. Rejects with an
 * AbortError if `signal` aborts while waiting.
 */
export async function acquireLeadership(
  connectionString: string,
  lockName: string,
  signal: AbortSignal,
): Promise<Leadership> {
  const stopped = () => new DOMException('stopped while waiting for the leader lock', 'AbortError');
  if (signal.aborted) throw stopped();
  const client = new pg.Client({ connectionString });
  await client.connect();
  let released = false;
  const lost = new Promise<void>((resolve) => {
    client.on('error', () => resolve());
    client.on('end', () => released || resolve());
  });
  const abort = () => void client.end().catch(() => {});
  signal.addEventListener('abort', abort, { once: true });
  // Aborted while connecting: the listener, added after, would never fire.
  if (signal.aborted) abort();
  try {
    await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [lockName]);
  } catch (error) {
    await client.end().catch(() => {});
    if (signal.aborted) throw stopped();
    throw error;
  } finally {
    signal.removeEventListener('abort', abort);
  }
  return {
    lost,
    async release() {
      released = true;
      await client.end();
    },
  };
}
