// The Kafka relay as its own process: publishes the configured event store to Kafka (see infra/README.md).
//   KAFKA_BROKERS=127.0.0.1:19092 LEDGER_DATA_DIR=./data node services/kafka-relay/src/main.ts
// SIGTERM or SIGINT stops it cleanly; after a crash it resumes from its checkpoint.
import { enableCompileCache } from 'node:module';

// Most of a start is loading modules: restarts reuse their compiled, type-stripped code (NODE_COMPILE_CACHE names
// the directory; default: the system's temporary directory). The modules are imported after, hence dynamically.
enableCompileCache();
await import('./relay-process.ts');
