export { startEmbeddedLedger, type RunningLedger } from './start-embedded.ts';
export { createApp } from './app.ts';
export type { AppDeps } from './app-deps.ts';
