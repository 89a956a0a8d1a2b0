// The log follower's worker thread (started by startLogFollowerThread): its own connections, its own event loop.
import { parentPort, workerData } from 'node:worker_threads';
import type { FollowerMessage, FollowerThreadData } from './log-follower-thread.ts';
import { maintainLog } from './maintain-log.ts';
import { openLogAt } from './open-configured.ts';
import { signerFromKeyFile } from './signing-key.ts';

const data = workerData as FollowerThreadData;
const port = parentPort!;
const post = (message: FollowerMessage) => port.postMessage(message);
const stopping = new AbortController();
port.on('message', (message) => message === 'stop' && stopping.abort());

const log = await openLogAt(data.location, { signer: signerFromKeyFile(data.signingKeyFile), origin: data.origin });
try {
  await maintainLog({
    log,
    source: log.leafSource!,
    signal: stopping.signal,
    ...(data.batchSize !== undefined && { batchSize: data.batchSize }),
    onReady: (treeSize) => post({ type: 'ready', treeSize }),
    onSigned: (checkpoint) => post({ type: 'signed', checkpoint }),
  });
  post({ type: 'stopped' });
} finally {
  await log.close();
  port.close();
}
