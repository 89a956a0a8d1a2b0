import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { connect, type Socket } from 'node:net';
import { bootFreshLedger, WRITE_TOKEN } from './testing/boot.ts';
import type { RunningLedger } from './start-ledger.ts';

/** Sends `text` and collects what the server answers until it closes the connection. */
function sendAndWaitForClose(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let received = '';
    const socket: Socket = connect(port, '127.0.0.1', () => socket.write(text));
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
  });
}

describe('HTTP server limits', () => {
  let ledger: RunningLedger;
  beforeAll(async () => {
    ledger = await bootFreshLedger({
      LEDGER_INGEST_SEEDS: 'off',
      LEDGER_HEADERS_TIMEOUT_MS: '1000',
      LEDGER_REQUEST_TIMEOUT_MS: '2000',
      LEDGER_MAX_CONNECTIONS: '3',
    });
  });
  afterAll(async () => ledger.close());

  it('answers a header section that never ends with 408 and closes the connection', async () => {
    const answer = await sendAndWaitForClose(ledger.port, 'GET /healthz HTTP/1.1\r\nhost: x\r\nx-slow: 1');
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('answers a chunked body that never ends with 408 and closes the connection', async () => {
    const answer = await sendAndWaitForClose(
      ledger.port,
      `POST /v1/figures HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${WRITE_TOKEN}\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n1\r\n{\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('closes connections past the connection cap at once', async () => {
    const held: Socket[] = [];
    try {
      for (let i = 0; i < 3; i++)
        held.push(
          await new Promise<Socket>((resolve) => {
            const s = connect(ledger.port, '127.0.0.1', () => resolve(s));
          }),
        );
      const answer = await sendAndWaitForClose(ledger.port, 'GET /healthz HTTP/1.1\r\nhost: x\r\n\r\n');
      expect(answer).toBe('');
    } finally {
      for (const s of held) s.destroy();
    }
  });
});
