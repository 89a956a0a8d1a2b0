import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');

export interface LedgerProcess {
  url: string;
  pid: number;
  /** SIGTERM, as a supervisor stops it; resolves once it has exited. */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/**
 * The ledger as `pnpm start` runs it (the same command and node flags, read from package.json), in a process of its
 * own, with `env` for its configuration; resolves once it answers /readyz.
 */
export async function startLedgerProcess(env: Record<string, string>): Promise<LedgerProcess> {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [command, ...args] = scripts.start.split(/\s+/);
  const port = await freePort();
  const child = spawn(command!, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: 'inherit',
  });
  const exited = once(child, 'exit');
  const url = `http://127.0.0.1:${port}`;
  for (const started = Date.now(); ;) {
    if (child.exitCode !== null) throw new Error(`the ledger exited with ${child.exitCode} before it was ready`);
    if (Date.now() - started > 120_000) throw new Error('the ledger was not ready within 120 s');
    const ready = await fetch(`${url}/readyz`).then(
      (res) => res.status === 200,
      () => false,
    );
    if (ready) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
