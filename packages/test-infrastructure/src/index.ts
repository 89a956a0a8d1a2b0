export { firstAvailable, isUnavailable, type Candidate, type Unavailable } from './first-available.ts';
export { postgresForTests, scratchSchemas, type PostgresForTests, type ScratchSchemas } from './postgres.ts';
export { kafkaForTests, localKafkaBroker, type KafkaForTests, type LocalKafkaBroker } from './kafka.ts';
export { kurrentDbForTests, type KurrentDbForTests } from './kurrentdb.ts';
export { freshDatabase } from './fresh-database.ts';
