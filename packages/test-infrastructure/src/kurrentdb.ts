import { firstAvailable, fromContainer, fromEnvironment, notOurs, type Unavailable } from './first-available.ts';

export interface KurrentDbForTests {
  connectionString: string;
  source: 'env' | 'testcontainers';
  /** Stops what was started for the tests (the container); nothing for a server the tests did not start. */
  stop(): Promise<void>;
}

// The 26.0 LTS: the adapter needs atomic multi-stream appends (25.1 and later).
const IMAGE = 'docker.kurrent.io/kurrent-lts/kurrentdb:26.0.3';

/**
 * KurrentDB for integration tests: EVENTSTORE_CONNECTION_STRING, else a throwaway container (insecure mode).
 * Unlike the other services this one may be missing in CI, which provisions no KurrentDB yet: the reason says so.
 */
export async function kurrentDbForTests(): Promise<KurrentDbForTests | Unavailable> {
  try {
    return await firstAvailable<KurrentDbForTests>('KurrentDB', [
      fromEnvironment(['EVENTSTORE_CONNECTION_STRING'], (connectionString) => ({
        connectionString,
        source: 'env',
        stop: notOurs,
      })),
      fromContainer(IMAGE, async () => {
        const { KurrentDbContainer } = await import('@testcontainers/kurrentdb');
        const container = await new KurrentDbContainer(IMAGE).start();
        return {
          connectionString: container.getConnectionString(),
          source: 'testcontainers',
          stop: async () => void (await container.stop()),
        };
      }),
    ]);
  } catch (error) {
    // firstAvailable fails in CI rather than skip; this suite is the exception until CI runs a KurrentDB server.
    return {
      skipReason: `${(error as Error).message}; skipped even though CI=true: the one suite allowed to, until CI provisions a KurrentDB server`,
    };
  }
}
