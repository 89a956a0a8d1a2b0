import { afterAll, describe, it } from '@jest/globals';
import { isUnavailable, kafkaForTests, type KafkaForTests } from '@ledger/test-infrastructure';
import { lockKafkaBroker } from './broker-lock.ts';

/** Long enough for the other Kafka suites, the 20-second outage among them, to finish first. */
const LOCK_WAIT_MS = 240_000;

/**
 * A suite against a real broker, holding the broker lock from before it looks for the broker (up.sh would restart a
 * broker another suite took down) until its end. Without a broker it is one test that says why (CI fails instead:
 * kafkaForTests throws there).
 */
export async function describeWithKafka(name: string, body: (kafka: KafkaForTests) => void): Promise<void> {
  const release = await lockKafkaBroker(LOCK_WAIT_MS);
  const kafka = await kafkaForTests().catch((error: unknown) => {
    release();
    throw error;
  });
  if (isUnavailable(kafka)) {
    release();
    describe(name, () => {
      it('is skipped: no Kafka broker', () => {
        console.warn(
          `${name}: did not run. ${kafka.skipReason}. Set KAFKA_BROKERS, start Docker, or install Java 17 and Maven for infra/kafka.`,
        );
      });
    });
    return;
  }
  describe(name, () => {
    afterAll(async () => {
      release();
      await kafka.stop();
    });
    body(kafka);
  });
}
