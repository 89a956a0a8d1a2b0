import { firstAvailable, type Unavailable } from './first-available.ts';

export interface KurrentDbForTests {
  connectionString: string;
  source: 'env' | 'testcontainers';
  /** Stops what was started for the tests (the container); nothing for a server the tests did not start. */
  stop(): Promise<void>;
}

// The 26.0 LTS: the adapter needs atomic multi-stream appends (25.1 and later).
const IMAGE = 'docker.kurrent.io/kurrent-lts/kurrentdb:26.0.3';
const noop = async () => {};

/**
 * KurrentDB for integration tests: EVENTSTORE_CONNECTION_STRING, else a throwaway container (insecure mode).
 * Unlike the other services this one may be missing in CI, which provisions no KurrentDB yet: the reason says so.
 */
export async function kurrentDbForTests(): Promise<KurrentDbForTests | Unavailable> {
  try {
    return await firstAvailable<KurrentDbForTests>('KurrentDB', [
      {
        name: 'EVENTSTORE_CONNECTION_STRING',
        // Used as given: if it is wrong, the tests should fail rather than fall back.
        provide: async () => {
          const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
          if (!connectionString) throw new Error('not set');
          return { connectionString, source: 'env', stop: noop };
        },
      },
      {
        name: `testcontainers (${IMAGE})`,
        provide: async () => {
          const { getContainerRuntimeClient } = await import('testcontainers');
          await getContainerRuntimeClient();
          const { KurrentDbContainer } = await import('@testcontainers/kurrentdb');
          const container = await new KurrentDbContainer(IMAGE).start();
          return { connectionString: container.getConnectionString(), source: 'testcontainers', stop: async () => void (await container.stop()) };
        },
      },
    ]);
  } catch (error) {
    // firstAvailable fails in CI rather than skip; this suite is the exception until CI runs a KurrentDB server.
    return { skipReason: `${(error as Error).message}; skipped even though CI=true: the one suite allowed to, until CI provisions a KurrentDB server` };
  }
}
