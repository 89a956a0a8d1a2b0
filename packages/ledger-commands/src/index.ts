export {
  createLedgerCommands,
  CommandInBatchError,
  type LedgerCommands,
  type CommandResult,
  type ExecuteOptions,
} from './execute-command.ts';
export { ledgerEventValidator } from './event-validator.ts';
export { openLedgerEventStore } from './open-event-store.ts';
export { createFigureStreams, type FigureStreams } from './figure-streams.ts';
