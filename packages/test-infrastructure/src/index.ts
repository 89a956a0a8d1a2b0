export { firstAvailable, isUnavailable, type Candidate, type Unavailable } from './first-available.ts';
export { postgresForTests, scratchSchemas, type PostgresForTests, type ScratchSchemas } from './postgres.ts';
