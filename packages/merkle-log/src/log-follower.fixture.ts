// The log follower as a process of its own, for the crash test: `<workerData JSON>` runs startLogFollowerThread with
// it, printing `ready <size>` and `signed <size>` lines, until killed.
import { startLogFollowerThread, type FollowerThreadData } from './log-follower-thread.ts';

const data = JSON.parse(process.argv[2]!) as FollowerThreadData;
await startLogFollowerThread({
  ...data,
  signal: new AbortController().signal,
  onReady: (size) => process.stdout.write(`ready ${size}\n`),
  onSigned: ({ treeSize }) => process.stdout.write(`signed ${treeSize}\n`),
}).done;
