export { startLedger, type RunningLedger } from './start-ledger.ts';
export { createApp } from './app.ts';
export type { AppDeps } from './app-deps.ts';
