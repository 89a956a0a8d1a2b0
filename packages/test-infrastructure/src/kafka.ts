import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { firstAvailable, fromContainer, fromEnvironment, notOurs, type Unavailable } from './first-available.ts';

/** The broker started by `infra/kafka/up.sh`, which tests may stop and start again (broker outages). */
export interface LocalKafkaBroker {
  /** Stops the broker (`infra/kafka/down.sh`). */
  stop(): Promise<void>;
  /** Starts it again on the data it had (`KAFKA_RESUME=1 infra/kafka/up.sh`), as a broker back from an outage. */
  start(): Promise<string>;
  /** Freezes the broker's process (SIGSTOP): connections stay open, requests go unanswered until `resume`. */
  pause(): void;
  resume(): void;
}

export interface KafkaForTests {
  /** Comma-separated bootstrap addresses, as KAFKA_BROKERS takes them. */
  brokers: string;
  source: 'env' | 'testcontainers' | 'local';
  /** Only for the local broker: tests that take the broker down need to own its process. */
  local?: LocalKafkaBroker;
  /** Stops what was started for the tests (the container); the shared local broker keeps running for other suites. */
  stop(): Promise<void>;
}

// cp-kafka 7.9 is Apache Kafka 3.9, as infra/kafka runs; the testcontainers module drives Confluent's image scripts.
const IMAGE = 'confluentinc/cp-kafka:7.9.2';
const INFRA = fileURLToPath(new URL('../../../infra/kafka/', import.meta.url));

async function runInfraScript(script: 'up.sh' | 'down.sh', env: Record<string, string> = {}): Promise<string> {
  const { stdout } = await promisify(execFile)('bash', [`${INFRA}${script}`], {
    timeout: 240_000,
    env: { ...process.env, ...env },
  });
  return stdout.trim().split('\n').at(-1) ?? '';
}

const brokerPid = () => Number(readFileSync(`${INFRA}.cache/kafka.pid`, 'utf8'));

export const localKafkaBroker: LocalKafkaBroker = {
  stop: async () => void (await runInfraScript('down.sh')),
  start: () => runInfraScript('up.sh', { KAFKA_RESUME: '1' }),
  pause: () => process.kill(brokerPid(), 'SIGSTOP'),
  resume: () => process.kill(brokerPid(), 'SIGCONT'),
};

/** Kafka for integration tests: KAFKA_BROKERS, else a throwaway container, else the broker of infra/kafka. */
export function kafkaForTests(): Promise<KafkaForTests | Unavailable> {
  return firstAvailable<KafkaForTests>('Kafka', [
    fromEnvironment(['KAFKA_BROKERS'], (brokers) => ({ brokers, source: 'env', stop: notOurs })),
    fromContainer(IMAGE, async () => {
      const { KafkaContainer } = await import('@testcontainers/kafka');
      const container = await new KafkaContainer(IMAGE).withKraft().start();
      return {
        brokers: `${container.getHost()}:${container.getMappedPort(9093)}`,
        source: 'testcontainers',
        stop: async () => void (await container.stop()),
      };
    }),
    {
      name: 'infra/kafka/up.sh',
      // up.sh returns at once when its broker already runs, so suites share one broker.
      provide: async () => {
        const brokers = await runInfraScript('up.sh');
        if (!/^[\w.-]+:\d+$/.test(brokers)) throw new Error(`up.sh printed no address (last line: "${brokers}")`);
        return { brokers, source: 'local', local: localKafkaBroker, stop: notOurs };
      },
    },
  ]);
}
