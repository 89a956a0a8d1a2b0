export type * from './types.ts';
export { WrongExpectedVersionError, EventIdConflictError, InvalidEventError, UnreadableEventError } from './errors.ts';
export { createMemoryEventStore, createMemoryEventLog, type MemoryEventLog } from './memory-event-store.ts';
export { createSqliteEventStore, type SqliteEventStoreOptions } from './sqlite-event-store.ts';
export { subscribeFrom, AppendSignal, type SubscriptionSource } from './subscription.ts';
export { eventHash, verifyChain, GENESIS_HASH } from './hash-chain.ts';
export { everyEventInOrder } from './read-pages.ts';
export { withUpcasting, type EventUpcaster } from './upcasting-store.ts';
export { matchesFilter } from './filter.ts';
export { validateAppend, checkExpectedRevision } from './append-rules.ts';
export {
  planAppend,
  planAppends,
  type AppendPlan,
  type AppendState,
  type AppendsState,
  type StoredEventSummary,
} from './append-plan.ts';
export { rowValuesOf } from './event-row.ts';
export { groupCommit, nextTurn, type GroupedAppend, type GroupWriter } from './group-commit.ts';
